"""What people in pain type, and what they should find: whole words in any form, misspelt
words, their own words for what the articles discuss, and questions."""

import pytest

from articles.models import Section
from search.models import Synonym
from tests.search.searching import search, titles

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def article_with_sections(make_article):
    """An article with a section for each (heading, body), anchored part-1, part-2 and so on."""

    def make(title, sections, summary="Plain text."):
        article = make_article(sections=0, title=title, summary=summary)
        for order, (heading, body) in enumerate(sections, 1):
            Section.objects.create(
                article=article,
                order=order,
                heading=heading,
                slug=f"part-{order}",
                summary="A part of the article.",
                body=body,
            )
        return article

    return make


@pytest.fixture
def article_with(article_with_sections):
    """An article whose one section says ``body``."""

    def make(title, body, heading="More detail", summary="Plain text."):
        return article_with_sections(title, [(heading, body)], summary=summary)

    return make


def test_a_word_is_not_found_inside_another_word(article_with):
    article_with("Getting advice", "Ask a pharmacist for advice on painkillers.")
    article_with("Cold packs", "Wrap the ice in a towel.")

    assert titles("ice") == ["Cold packs"]


@pytest.mark.parametrize("query", ["stretch", "stretches", "stretching", "STRETCHED"])
def test_every_form_of_a_word_finds_the_others(article_with, query):
    article_with("Morning routine", "Two stretches to do before you get up.")
    article_with("Desk breaks", "Stretching every hour eases a stiff back.")

    assert sorted(titles(query)) == ["Desk breaks", "Morning routine"]


def test_a_plural_finds_the_singular_and_is_highlighted_whole(article_with):
    article_with("Why it happens", "A spasm is a muscle tightening on its own.")

    (result,) = search("spasms")

    assert "A <mark>spasm</mark> is a muscle" in str(result.snippet_html)


def test_common_words_of_a_question_need_not_match(article_with):
    article_with("Easing a spasm", "Gentle movement and heat ease a spasm.")

    assert titles("how should I ease my spasm") == ["Easing a spasm"]


def test_a_query_of_only_common_words_still_searches_for_them(make_article):
    make_article(title="What to do", summary="Plain steps.")
    assert titles("what") == ["What to do"]


def test_title_and_heading_matches_rank_above_the_text(article_with):
    in_text = article_with(
        "Daily life", "Sleep on your side. " * 3 + "A firm mattress helps you sleep."
    )
    in_heading = article_with("Getting comfortable", "Lie on your side.", heading="Sleep")
    in_title = article_with("Sleep and back pain", "Lie on your side.")

    assert [result.article for result in search("sleep")] == [in_title, in_heading, in_text]


def test_the_result_names_the_section_that_answers_and_links_to_it(client, article_with_sections):
    article_with_sections(
        "Seeing a doctor",
        [
            ("Before you go", "Write down when the pain started."),
            ("Tests", "Most people do not need a scan."),
            ("Scans and X-rays", "A scan is only needed if a serious cause is suspected."),
        ],
    )

    content = html(client.get("/search/", {"q": "scan"}))

    assert 'Found in: <a href="/articles/article-1/#part-3">Scans and X-rays</a>' in content


def test_a_misspelt_long_word_is_corrected_and_the_page_says_so(client, article_with):
    article_with("Nerve pain", "Sciatica is pain that runs down one leg.")

    content = html(client.get("/search/", {"q": "siatica leg"}))

    assert "Showing results for ‘<strong>sciatica leg</strong>’" in content
    assert 'Search instead for <a href="?q=siatica%20leg&amp;spelling=as-typed">' in content
    assert "1 result for ‘sciatica leg’" in content


def test_searching_instead_for_the_words_as_typed_does_not_correct_them(client, article_with):
    article_with("Nerve pain", "Sciatica is pain that runs down one leg.")

    content = html(client.get("/search/", {"q": "siatica", "spelling": "as-typed"}))

    assert "Showing results for" not in content
    assert "0 results for ‘siatica’" in content
    assert 'Did you mean <a href="?q=sciatica">‘sciatica’</a>?' in content


def test_a_short_misspelt_word_is_only_suggested_when_nothing_is_found(client, article_with):
    article_with("Heat", "A warm bath can ease a tight back.")

    content = html(client.get("/search/", {"q": "bakc"}))

    assert "0 results for ‘bakc’" in content
    assert 'Did you mean <a href="?q=back">‘back’</a>?' in content


def test_a_word_far_from_every_word_of_the_articles_is_left_alone(client, article_with):
    article_with("Heat", "A warm bath can ease a tight back.")

    content = html(client.get("/search/", {"q": "xylophone"}))

    assert "0 results for ‘xylophone’" in content
    assert "Did you mean" not in content
    assert "Showing results for" not in content


def test_a_synonym_finds_the_words_the_articles_use(article_with):
    article_with("Treatments", "A physiotherapist can show you exercises.")
    Synonym.objects.create(words="physio", search_for="physiotherapy, physiotherapist")

    assert titles("physio") == ["Treatments"]
    assert titles("physio exercises") == ["Treatments"]


def test_a_rarer_synonym_does_not_outrank_the_word_typed(article_with):
    article_with("Seeing a doctor", "Book an appointment.")
    article_with("Children", "Your GP can help. Ask the GP. A GP visit. See a GP. Or a doctor.")
    for number in range(3):
        article_with(f"Other {number}", "Talk to a doctor if you are worried.")
    Synonym.objects.create(words="doctor", search_for="doctor, GP")

    assert titles("doctor")[0] == "Seeing a doctor"
    assert titles("gp") == ["Children"]


def test_a_misspelt_synonym_is_corrected_and_finds_what_it_stands_for(client, article_with):
    article_with("Medicines", "Anti-inflammatory painkillers can help.")
    Synonym.objects.create(words="naproxen", search_for="anti-inflammatory")

    content = html(client.get("/search/", {"q": "naproxin"}))

    assert "Showing results for ‘<strong>naproxen</strong>’" in content
    assert "1 result for ‘naproxen’" in content


def test_a_phrase_synonym_is_matched_as_a_whole(article_with):
    article_with("Spine problems", "A disc can bulge and press on a nerve.")
    Synonym.objects.create(words="slipped disc", search_for="disc")

    assert titles("slipped disc") == ["Spine problems"]
    assert titles("slipped discs") == ["Spine problems"]


def test_an_editor_adds_a_synonym_in_the_back_office_and_search_uses_it(
    client, make_staff, article_with
):
    article_with("Medicines", "Paracetamol alone does not help back pain much.")
    client.force_login(make_staff("edna", group="Editors"))

    response = client.post(
        "/admin/search/synonym/add/", {"words": "tylenol", "search_for": "paracetamol"}
    )

    assert response.status_code == 302
    assert titles("tylenol") == ["Medicines"]


def test_a_synonym_needs_words_on_both_sides(client, make_staff):
    client.force_login(make_staff("edna", group="Editors"))

    response = client.post("/admin/search/synonym/add/", {"words": "!!", "search_for": " , "})

    assert response.status_code == 200
    assert response.content.decode().count("Enter at least one word.") == 2
    assert not Synonym.objects.exists()


def test_nothing_found_offers_the_symptom_form_the_emergency_signs_and_the_topics(
    client, make_article
):
    article = make_article()

    content = html(client.get("/search/", {"q": "xylophone"}))

    assert 'href="/check-your-symptoms/"' in content
    assert "When to get help straight away" in content
    assert article.topic.get_absolute_url() in content


def test_the_section_answering_every_word_is_shown_even_if_others_say_each_more(
    article_with_sections,
):
    article_with_sections(
        "Causes",
        [
            ("Legs", "Pain can reach your legs. Your legs may ache. Rest your legs."),
            ("Nerves", "Sciatica means a nerve is irritated. Sciatica can hurt. Sciatica eases."),
            ("Both", "Sciatica is pain down one leg."),
        ],
    )

    (result,) = search("sciatica leg")

    assert result.section.heading == "Both"
