"""Each section and source record belongs to the article version it was saved with, even
when saves come so close together that their times are the same."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles import history
from articles.models import Section, Source

pytestmark = pytest.mark.django_db

SAME_MOMENT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.history_id])


@pytest.fixture
def frozen():
    """Every save at the very same moment, as on a fast server whose clock ticks coarsely."""
    with time_machine.travel(SAME_MOMENT, tick=False):
        yield


@pytest.fixture
def saved_twice_at_once(frozen, publisher_client, make_article, article_form_data, section_row):
    """An article created, then saved twice in the admin, all at the same moment, its first
    section's text changed each time; returns the article and its version after the first
    save."""
    article = make_article(sections=2, title="Ice and heat")
    first, second = article.sections.all()
    response = publisher_client.post(
        change_url(article),
        article_form_data(
            article,
            sections=[section_row(first, body="Ice for two days."), section_row(second)],
        ),
    )
    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    earlier = article.history.get(version=article.version)
    response = publisher_client.post(
        change_url(article),
        article_form_data(
            article,
            title="Ice, heat and rest",
            sections=[
                section_row(first, body="Heat after two days."),
                section_row(second, DELETE=True),
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    assert article.history.filter(history_date=SAME_MOMENT).count() == 3
    return article, earlier


def test_restoring_a_version_saved_at_the_same_moment_as_the_next_brings_its_own_sections(
    publisher_client, saved_twice_at_once
):
    article, earlier = saved_twice_at_once

    response = publisher_client.post(restore_url(article, earlier))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Ice and heat"
    bodies = list(article.sections.values_list("heading", "body"))
    assert bodies == [
        ("Section 1", "Ice for two days."),
        ("Section 2", "Paragraph of section 2 with *emphasis*."),
    ]


def test_each_version_shows_the_sections_it_was_saved_with(saved_twice_at_once):
    article, earlier = saved_twice_at_once

    shown = {version.record.history_id: version for version in history.versions_page(article, 1)}

    later = shown[article.history.get(version=article.version).history_id]
    assert [(change.kind, change.name) for change in later.part_changes] == [
        ("changed", "Section 1"),
        ("removed", "Section 2"),
    ]
    assert [(change.kind, change.name) for change in shown[earlier.history_id].part_changes] == [
        ("changed", "Section 1")
    ]
    sections = history.parts_of(Section, earlier)
    assert sorted(section.body for section in sections.values()) == [
        "Ice for two days.",
        "Paragraph of section 2 with *emphasis*.",
    ]


def test_a_part_record_is_tied_to_the_article_version_saved_before_it(make_article):
    article = make_article(sections=1)
    version = article.history.first()

    section = article.sections.get()
    section.body = "Changed alone."
    section.save()

    assert section.history.first().article_history_id == version.history_id
    assert Source.history.filter(article_id=article.pk).first().article_history_id == (
        version.history_id
    )


def test_records_saved_before_versions_were_tied_are_read_by_their_time(
    publisher_client, make_article, article_form_data, section_row
):
    article = make_article(sections=1)
    (section,) = article.sections.all()
    publisher_client.post(
        change_url(article),
        article_form_data(article, sections=[section_row(section, body="First wording.")]),
    )
    article.refresh_from_db()
    first = article.history.get(version=article.version)
    publisher_client.post(
        change_url(article),
        article_form_data(article, sections=[section_row(section, body="Second wording.")]),
    )
    for model in (Section, Source):
        model.history.update(article_history_id=None)  # as rows saved before the link
    article.refresh_from_db()

    publisher_client.post(restore_url(article, first))

    assert article.sections.get().body == "First wording."
