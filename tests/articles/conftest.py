"""Fixtures for the articles back office: people in each role, and admin form data."""

import pytest


@pytest.fixture
def editor(make_staff):
    return make_staff("edna", group="Editors")


@pytest.fixture
def publisher(make_staff):
    return make_staff("priya", group="Publishers")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


def _inline_rows(prefix, rows, fields):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name in ["id", *fields, "DELETE"]:
            value = row.get(name)
            if value not in (None, False):
                data[f"{prefix}-{index}-{name}"] = "on" if value is True else str(value)
    return data


SECTION_FIELDS = ["order", "heading", "slug", "summary", "body"]
SOURCE_FIELDS = ["order", "title", "publisher", "url", "accessed"]
ARTICLE_FIELDS = [
    "title",
    "slug",
    "summary",
    "topic",
    "order",
    "status",
    "last_reviewed",
    "review_interval_years",
    "next_review_due",
    "reviewed_by",
    "clinical_reviewer",
    "clinical_reviewer_role",
]


def row_of(instance, fields):
    row = {"id": instance.pk}
    row.update({name: getattr(instance, name) for name in fields})
    return row


def change_form_data(article, sections=None, sources=None, **changes):
    """POST data for the article change form, as the browser would send it unchanged.

    Pass `sections` or `sources` (lists of dicts) to replace the inline rows, and any
    article field as a keyword to change it.
    """
    values = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    values["topic"] = article.topic_id
    values["loaded_version"] = article.version
    values.update(changes)
    data = {name: "" if value is None else str(value) for name, value in values.items()}
    if sections is None:
        sections = [row_of(section, SECTION_FIELDS) for section in article.sections.all()]
    if sources is None:
        sources = [row_of(source, SOURCE_FIELDS) for source in article.sources.all()]
    data.update(_inline_rows("sections", sections, SECTION_FIELDS))
    data.update(_inline_rows("sources", sources, SOURCE_FIELDS))
    return data


@pytest.fixture
def article_form_data():
    return change_form_data


@pytest.fixture
def section_row():
    return lambda section, **changes: {**row_of(section, SECTION_FIELDS), **changes}
