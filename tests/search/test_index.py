"""The search index finds exactly the articles that hold every word, and keeps up with edits.

These run on whichever database the suite uses (SQLite FTS5, or PostgreSQL with pg_trgm in
CI's second pass), so the same expectations hold on both.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from articles import search_index
from articles.models import Article, Section
from articles.search import html_to_text
from tests.articles.searching import search

QUERIES = [
    "ice",
    "ICE",
    "heat ice",
    "ic",
    "back pain",
    "self-care",
    "stretch",
    "numb",
    "999",
    "call 999",
    "9",
    "emergency",
    "number",
    "{emergency_number}",
    "doctor scan",
    "%",
    "_",
    '"',
    "'",
    "zzzz",
]


def found(query):
    return [result.article.title for result in search(query)]


def text_a_reader_sees(article):
    parts = [article.title, article.summary]
    for section in article.sections.all():
        parts += [section.heading, html_to_text(section.body_html)]
    return "\n".join(parts).replace("{emergency_number}", "999").lower()


@pytest.mark.parametrize("query", QUERIES)
@override_settings(SITE_EMERGENCY_NUMBER="999")
def test_exactly_the_articles_holding_every_word_are_found(site_content, query):
    words = query.lower().split()
    expected = {
        article.title
        for article in Article.objects.published().prefetch_related("sections")
        if all(word in text_a_reader_sees(article) for word in words)
    }
    results = found(query)
    assert len(results) == len(set(results))
    assert set(results) == expected


def test_a_new_article_is_found_at_once(make_article):
    make_article(title="Sleeping positions", summary="How to lie with a sore back.")
    assert found("sleeping") == ["Sleeping positions"]


def test_edited_sections_are_found_by_their_new_words_only(make_article):
    article = make_article(title="Getting comfortable", sections=1)
    section = article.sections.get()
    section.body = "A rolled towel under your knees can help."
    section.save()
    assert found("towel") == ["Getting comfortable"]
    section.body = "A pillow under your knees can help."
    section.save()
    assert found("towel") == []
    assert found("pillow") == ["Getting comfortable"]


def test_deleted_sections_and_articles_are_no_longer_found(make_article):
    article = make_article(title="Mattresses", sections=0)
    section = Section.objects.create(
        article=article, order=1, heading="Firmness", slug="firmness", summary="S.", body="Firm."
    )
    assert found("firmness") == ["Mattresses"]
    section.delete()
    assert found("firmness") == []
    article.delete()
    assert found("mattresses") == []


def test_a_renamed_article_is_found_by_its_new_title(make_article):
    article = make_article(title="Hot water bottles")
    article.title = "Heat packs"
    article.save()
    assert found("bottles") == []
    assert found("packs") == ["Heat packs"]


def test_rebuilding_indexes_articles_added_in_bulk(make_article, make_topic):
    topic = make_topic()
    Article.objects.bulk_create(
        [Article(title="Bulk loaded", slug="bulk", summary="Added in one go.", topic=topic)]
    )
    Article.objects.filter(slug="bulk").update(status=Article.Status.PUBLISHED)
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found("bulk") == ["Bulk loaded"]


def test_an_article_saved_by_older_code_is_still_found_and_ranked_last(make_article):
    make_article(title="Ice packs")
    saved_by_older_code = make_article(title="Ice baths")
    # Code from before the titles table only wrote the document row.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {search_index.TITLES} WHERE article_id = %s",  # noqa: S608
            [saved_by_older_code.pk],
        )
    assert found("ice") == ["Ice packs", "Ice baths"]
