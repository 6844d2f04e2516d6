"""The search index finds exactly the published articles that hold a word of the query, in
any form, and keeps up with edits.

These run on whichever database the suite uses (SQLite, or PostgreSQL in CI's second pass),
so the same expectations hold on both.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from articles import history, publishing
from articles.models import Article, Section
from search import index, text
from search.models import IndexedTerm
from search.query import read
from tests.articles.conftest import SECTION_FIELDS, change_form_data, row_of
from tests.search.searching import search

QUERIES = [
    "ice",
    "ICE",
    "heat ice",
    "back pain",
    "self-care",
    "stretches",
    "numb",
    "999",
    "call 999",
    "emergency",
    "doctor scan",
    "%",
    "zzzz",
]


def found(query):
    return [result.article.title for result in search(query)]


def terms_a_reader_sees(article):
    parts = [article.title, article.summary]
    for section in article.sections.all():
        parts += [section.heading, text.html_to_text(section.body_html)]
    return set(text.terms("\n".join(parts).replace("{emergency_number}", "999")))


@pytest.mark.parametrize("query", QUERIES)
@override_settings(SITE_EMERGENCY_NUMBER="999")
def test_exactly_the_articles_holding_a_searched_term_are_found(site_content, query):
    searched = read(query, correct_spelling=False).terms
    expected = {
        article.title
        for article in Article.objects.published().prefetch_related("sections")
        if searched & terms_a_reader_sees(article)
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
    assert found("bulk") == []

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert found("bulk") == ["Bulk loaded"]


def test_unpublishing_takes_an_article_out_of_the_results(make_article):
    article = make_article(title="Ice packs")
    article.status = Article.Status.DRAFT
    article.save()
    assert found("ice") == []


def test_an_article_with_sections_can_be_deleted(make_article):
    article = make_article(title="Ice packs", sections=3)
    article.delete()
    assert found("ice") == []
    assert found("section") == []


def test_loading_content_in_bulk_indexes_it_once_loaded(db):
    call_command("loaddata", "articles", verbosity=0)
    assert "When to get help" in found("emergency")


@pytest.fixture
def count_indexing(monkeypatch):
    """The article ids of each indexing, in order."""
    indexed = []
    reindex = index.reindex
    monkeypatch.setattr(index, "reindex", lambda ids: indexed.append(set(ids)) or reindex(ids))
    return indexed


def test_an_admin_save_indexes_the_article_once_with_its_edited_sections(
    client, make_staff, make_article, count_indexing
):
    client.force_login(make_staff("priya", group="Publishers"))
    article = make_article(title="Getting comfortable", sections=4)
    sections = list(article.sections.all())
    sections[1].body = "A rolled towel under your knees can help."
    sections[1].save()
    rows = [row_of(section, SECTION_FIELDS) for section in sections]
    rows[0]["body"] = "A pillow between your knees can help."
    rows[1]["DELETE"] = True
    rows[2]["heading"] = "Lying on your side"
    count_indexing.clear()

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, sections=rows, title="Getting comfortable in bed"),
    )

    assert response.status_code == 302
    assert count_indexing == [{article.pk}]
    assert found("pillow") == found("side") == found("bed") == ["Getting comfortable in bed"]
    assert found("towel") == []


def test_publishing_a_draft_copy_indexes_the_article_once_with_its_new_words(
    make_staff, make_article, count_indexing
):
    article = make_article(title="Getting comfortable", sections=4)
    copy, _ = publishing.start_draft(article=article, user=make_staff("editor", group="Editors"))
    copy.sections.filter(slug="section-1").update(body="A pillow between your knees can help.")
    copy.sections.filter(slug="section-2").delete()
    count_indexing.clear()

    publishing.publish_draft(
        draft=copy, user=make_staff("publisher", group="Publishers"), reviewed_version=copy.version
    )

    assert sum(article.pk in ids for ids in count_indexing) == 1
    assert found("pillow") == ["Getting comfortable"]


def test_restoring_a_version_indexes_the_article_once_with_its_old_words(
    make_staff, make_article, count_indexing
):
    article = make_article(title="Getting comfortable", sections=4)
    version = article.history.first()
    article.save()  # a new version, which the edited section belongs to, as in the admin
    section = article.sections.get(slug="section-1")
    section.body = "A pillow between your knees can help."
    section.save()
    assert found("pillow") == ["Getting comfortable"]
    count_indexing.clear()

    history.restore(
        article=article, version=version, user=make_staff("publisher", group="Publishers")
    )

    assert count_indexing == [{article.pk}]
    assert found("pillow") == []


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL's planner statistics (CI's second pass runs on PostgreSQL)",
)
def test_indexing_many_articles_at_once_gives_postgresql_fresh_statistics(
    make_article, monkeypatch
):
    monkeypatch.setattr(index, "FRESH_STATISTICS_AFTER", 3)
    for number in range(3):
        make_article(title=f"Sleeping well {number}", slug=f"sleeping-well-{number}")

    index.rebuild()

    def estimated_rows(model):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table]
            )
            return cursor.fetchone()[0]

    assert estimated_rows(IndexedTerm) == IndexedTerm.objects.count()
    assert estimated_rows(Article) == Article.objects_with_copies.count()
    assert estimated_rows(Section) == Section.objects.count()
