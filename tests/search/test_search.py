"""Search, as a reader uses it: ranking, snippets and odd input. The suite runs on SQLite
and on PostgreSQL (DATABASE_URL), so every test here checks both databases give the same
answers."""

import pytest
from django.test import override_settings

from articles.models import Article, Section
from search.query import MAX_QUERY_LENGTH
from tests.search.searching import search

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


@pytest.fixture
def make_section():
    def make(article, body, heading="More detail", slug=None):
        return Section.objects.create(
            article=article,
            order=article.sections.count() + 1,
            heading=heading,
            slug=slug or f"part-{article.sections.count() + 1}",
            summary="A part of the article.",
            body=body,
        )

    return make


@pytest.fixture
def three_articles_mentioning_ice(make_article, make_section):
    """One match each in a title, a summary and a section; alphabetical order is the reverse
    of the ranking, so a ranking that ignored where the word is would fail."""
    in_section = make_article(
        sections=0, title="A guide to resting", summary="How much rest you need."
    )
    make_section(in_section, "Some people find an ice pack soothing after a day of rest.")
    in_summary = make_article(title="Cold therapy", summary="Using ice packs at home.")
    in_title = make_article(title="Why ice helps", summary="What cold does to a spasm.")
    return [in_title, in_summary, in_section]


def test_results_are_ranked_title_then_summary_then_sections(three_articles_mentioning_ice):
    results = search("ice")
    assert [result.article for result in results] == three_articles_mentioning_ice


def test_among_title_matches_more_mentions_in_the_title_come_first(make_article):
    once = make_article(title="A stretch for the morning", summary="Gentle.")
    twice = make_article(title="Stretch by stretch", summary="Slowly.")
    assert [result.article for result in search("stretch")] == [twice, once]


def test_search_ignores_case_for_ascii_and_accented_letters(make_article, make_section):
    article = make_article(title="Rest and movement")
    make_section(article, "Ask at the CAFÉ for a chair with a firm back.")

    assert [result.article for result in search("café")] == [article]
    assert [result.article for result in search("MOVEMENT")] == [article]


def test_articles_holding_more_of_the_words_come_first(make_article, make_section):
    ice_only = make_article(title="Ice packs", summary="How to wrap one.")
    both = make_article(sections=0, title="Warmth or cold", summary="Which to use.")
    make_section(both, "Heat relaxes the muscle; ice numbs it.")

    assert [result.article for result in search("heat   ICE")] == [both, ice_only]


def test_snippet_is_plain_text_around_the_match_with_the_match_highlighted(
    make_article, make_section
):
    article = make_article(title="Sleeping", summary="Getting comfortable at night.")
    filler = "Lie on your side with a pillow between your knees. " * 6
    make_section(
        article,
        f"{filler}A **warm** bath before bed can relax a tight muscle. {filler}",
        heading="Before bed",
        slug="before-bed",
    )

    (result,) = search("bath")

    snippet = str(result.snippet_html)
    assert "A warm <mark>bath</mark> before bed can relax a tight muscle." in snippet
    assert "<strong>" not in snippet and "<p>" not in snippet
    assert snippet.startswith("\u2026 ") and snippet.endswith(" \u2026")
    assert len(snippet) < 260
    assert result.section.slug == "before-bed"


def test_snippet_is_the_summary_when_the_title_or_summary_matches(make_article):
    make_article(title="Ice or heat", summary="Cold and warmth both help.")
    (result,) = search("ice")
    assert str(result.title_html) == "<mark>Ice</mark> or heat"
    assert str(result.snippet_html) == "Cold and warmth both help."
    assert result.section is None or "ice" not in result.section.heading.lower()


def test_text_that_looks_like_html_is_escaped_once_in_titles_and_snippets(
    make_article, make_section
):
    article = make_article(title="Pain <scores> & you", summary="Rating pain.")
    make_section(article, "A score of 5 < 7 & that is <b>fine</b> to track.")

    (in_title,) = search("score")
    (in_section,) = search("track")

    assert str(in_title.title_html) == "Pain &lt;<mark>scores</mark>&gt; &amp; you"
    snippet = str(in_section.snippet_html)
    assert "A score of 5 &lt; 7 &amp; that is fine to <mark>track</mark>." in snippet
    assert "&amp;lt;" not in snippet


@pytest.mark.parametrize(
    ("query", "expected_titles"),
    [
        ("%", []),
        ("_", []),
        ("50%", ["Percentages"]),
        ("snake_case", ["Underscores"]),
        ("don't", ["Apostrophes"]),
        ('"quoted"', ["Quotes"]),
        ("<b>", []),
        ("'; DROP TABLE articles_article; --", []),
    ],
)
def test_special_characters_are_searched_for_literally(
    make_article, make_section, query, expected_titles
):
    for title, body in [
        ("Percentages", "About 50% of people feel better within a week."),
        ("Underscores", "A word like snake_case is unusual here."),
        ("Apostrophes", "If you don't move, the muscle can stiffen."),
        ("Quotes", 'Some call it a "quoted" spasm.'),
    ]:
        make_section(make_article(title=title, summary="Plain text."), body)

    assert [result.article.title for result in search(query)] == expected_titles
    assert Article.objects.count() == 4


@override_settings(SITE_EMERGENCY_NUMBER="999")
def test_snippets_show_the_emergency_number_not_the_placeholder(make_article, make_section):
    article = make_article(title="Red flags", summary="Symptoms that need help now.")
    make_section(article, "If you cannot pee, call {emergency_number} straight away.")

    (result,) = search("pee")
    assert "call 999 straight away" in str(result.snippet_html)
    assert [result.article for result in search("999")] == [article]


def test_drafts_are_never_found(make_article):
    make_article(title="Ice (unfinished)", status=Article.Status.DRAFT)
    assert search("ice") == []


def test_search_page_shows_the_count_and_ranked_results(client, three_articles_mentioning_ice):
    response = client.get("/search/", {"q": "ice"})

    assert response.status_code == 200
    content = html(response)
    assert "3 results for ‘ice’" in content
    positions = [
        content.index(article.get_absolute_url()) for article in three_articles_mentioning_ice
    ]
    assert positions == sorted(positions)
    section = three_articles_mentioning_ice[2].sections.get()
    assert f'Found in: <a href="{section.get_absolute_url()}">{section.heading}</a>' in content
    assert 'value="ice"' in content


def test_search_page_says_result_in_the_singular_for_one(client, make_article):
    make_article(title="Ice or heat")
    assert "1 result for ‘ice’" in html(client.get("/search/", {"q": "ice"}))


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_search_explains_what_to_do_and_offers_the_topics(client, make_article, query):
    article = make_article()

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    content = html(response)
    assert "Enter a word or phrase" in content
    assert "results for" not in content
    assert "Browse by topic" in content
    assert article.topic.get_absolute_url() in content


def test_no_results_suggests_topics_and_points_to_urgent_help(client, make_article):
    article = make_article()

    content = html(client.get("/search/", {"q": "xylophone"}))

    assert "0 results for ‘xylophone’" in content
    assert "Check your spelling" in content
    assert article.topic.get_absolute_url() in content
    assert "When to get help straight away" in content


def test_a_very_long_query_is_shortened_with_a_message(client, make_article):
    make_article(title="Ice or heat")
    query = "ice " + "x" * 500

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    content = html(response)
    shortened = query[:MAX_QUERY_LENGTH]
    assert f"Your search was too long, so we only searched for ‘{shortened}’" in content
    assert f'value="{shortened}"' in content


def test_a_query_of_many_words_is_searched_for_its_first_ten(client, make_article):
    make_article(title="Ice or heat", summary="Which one helps a back spasm.")
    first_ten = "ice or heat which one helps a back spasm ."
    content = html(client.get("/search/", {"q": first_ten + " zebra"}))
    assert f"so we only searched for ‘{first_ten}’" in content
    assert "1 result for" in content


def test_a_query_that_fits_has_no_shortening_message(client, db):
    assert "too long" not in html(client.get("/search/", {"q": "x" * MAX_QUERY_LENGTH}))


@pytest.mark.parametrize(
    "raw_query",
    ["%00", "ice%00heat", "%FF%FE", "%25%00%25", "%F0%9F%98%80+back", "a&q=b&q=", "%3Cscript%3E"],
)
def test_odd_queries_never_cause_an_error(client, make_article, raw_query):
    make_article(title="Ice or heat")
    response = client.get(f"/search/?q={raw_query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html(response)


def test_the_query_is_escaped_wherever_it_is_shown(client, db):
    content = html(client.get("/search/", {"q": '"><img src=x onerror=alert(1)>'}))
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_search_page_needs_a_fixed_number_of_queries(
    client, make_article, django_assert_max_num_queries
):
    for number in range(10):
        make_article(title=f"Ice tip {number}", sections=5)

    # The content version, how many articles hold each word, the ranked matches (which
    # count them too), the page's articles and the sections the index says answer best;
    # and, once for each content version, the synonyms and the number of articles.
    with django_assert_max_num_queries(7):
        response = client.get("/search/", {"q": "section"})

    assert "10 results for ‘section’" in html(response)


def test_a_match_in_a_section_heading_shows_the_sections_opening_words(make_article, make_section):
    article = make_article(sections=0, title="Sleeping", summary="Getting comfortable.")
    make_section(article, "Lie on your side with a pillow between your knees.", heading="Mattress")

    (result,) = search("mattress")

    assert str(result.snippet_html) == "Lie on your side with a pillow between your knees."
    assert result.section.heading == "Mattress"


def test_a_section_found_by_a_short_word_shows_that_word_in_its_snippet(make_article, make_section):
    article = make_article(sections=0, title="Getting help", summary="Who to ask.")
    make_section(article, "Most back spasms settle on their own. " * 6 + "See a GP if not.")
    (result,) = search("gp help")
    assert "See a <mark>GP</mark> if not." in str(result.snippet_html)
    assert result.section is not None


def test_short_words_are_only_highlighted_when_nothing_longer_was_searched_for(make_article):
    make_article(title="A stretch to do at work", summary="Ease a spasm at your desk.")
    (result,) = search("a stretch at")
    assert str(result.title_html) == "A <mark>stretch</mark> to do at work"
    (result,) = search("at")
    assert str(result.title_html) == "A stretch to do <mark>at</mark> work"


def test_overlapping_words_are_highlighted_whole(make_article):
    make_article(title="Icepacks", summary="Cold helps.")
    (result,) = search("ice icepack")
    assert str(result.title_html) == "<mark>Icepacks</mark>"
