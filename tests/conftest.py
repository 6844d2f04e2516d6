"""Fixtures shared by the whole suite, and its --clock option."""

import datetime
import importlib
import io
import json
import logging

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.utils import timezone
from hypothesis import settings

from articles import reviews
from articles.models import Article, Section, Source, Topic
from site_config.log import JsonFormatter

ROLES_MIGRATION = importlib.import_module("articles.migrations.0003_editor_and_publisher_groups")
SYNONYMS_MIGRATION = importlib.import_module("search.migrations.0002_editors_keep_synonyms")

# Speed is measured by the benchmark, not asserted in tests: no per-example time limit.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="WHEN",
        help=(
            "Run the tests with the clock moved to WHEN (ISO 8601, for example "
            "2028-02-29T12:00:00+00:00), still ticking, to find tests that only pass on some days."
        ),
    )


def pytest_configure(config):
    when = config.getoption("--clock")
    if when:
        clock = time_machine.travel(datetime.datetime.fromisoformat(when), tick=True)
        clock.start()
        config.add_cleanup(clock.stop)


def pytest_report_header(config):
    when = config.getoption("--clock")
    return f"clock moved to {when}" if when else None


@pytest.fixture
def make_topic(db):
    def make(**fields):
        count = Topic.objects.count() + 1
        defaults = {
            "name": f"Topic {count}",
            "slug": f"topic-{count}",
            "order": count,
            "description": "Things to know.",
        }
        return Topic.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def make_article(db, make_topic):
    """Create an article with sections and a source; published unless told otherwise."""

    def make(sections=2, **fields):
        count = Article.objects_with_copies.count() + 1
        today = timezone.localdate()
        defaults = {
            "title": f"Article {count}",
            "slug": f"article-{count}",
            "summary": f"What article {count} is about.",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now(),
            "last_reviewed": today,
            "next_review_due": reviews.next_review_due(today),
            "reviewed_by": "Editorial team",
        }
        values = {**defaults, **fields}
        values.setdefault("topic", make_topic())
        article = Article.objects.create(**values)
        for number in range(1, sections + 1):
            Section.objects.create(
                article=article,
                order=number,
                heading=f"Section {number}",
                slug=f"section-{number}",
                summary=f"Summary of section {number}.",
                body=f"Paragraph of section {number} with *emphasis*.",
            )
        Source.objects.create(
            article=article,
            order=1,
            title="Back pain",
            publisher="NHS",
            url="https://www.nhs.uk/conditions/back-pain/",
            accessed=today,
        )
        return article

    return make


@pytest.fixture
def site_content(db):
    """The site's real articles and search synonyms, loaded as `make run` loads them."""
    call_command("loaddata", "articles", "synonyms", verbosity=0)


@pytest.fixture
def log_lines():
    """What the site's own log handler writes, as parsed JSON objects."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler.formatter, JsonFormatter)
    )
    output = io.StringIO()
    original = handler.setStream(output)

    def lines():
        return [json.loads(line) for line in output.getvalue().splitlines()]

    lines.text = output.getvalue
    yield lines
    handler.setStream(original)


@pytest.fixture
def make_staff(db):
    # A browser test's live server empties the database after it, roles included; a later
    # test on the same worker gets them back as the migration made them.
    for name, codenames in ROLES_MIGRATION.GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            permissions = Permission.objects.filter(codename__in=codenames)
            group.permissions.set(permissions.filter(content_type__app_label="articles"))
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="search", codename__in=SYNONYMS_MIGRATION.CODENAMES
                )
            )

    def make(username, group=None, **fields):
        user = User.objects.create_user(
            username=username, password="a long test password", is_staff=True, **fields
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make
