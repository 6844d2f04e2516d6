"""The symptom form's fixtures: article sections it links to, and the default questionnaire."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Section, Topic
from search import index as search_index
from triage.snapshot import load_questionnaire

QUESTIONNAIRE_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "questionnaire.yaml"

SECTIONS = {
    "what-is-a-back-spasm": [
        "what-happens",
        "muscle-guarding",
        "where-and-when",
        "how-long-it-lasts",
    ],
    "signs-and-causes": ["signs", "triggers", "underlying-problems", "risk-factors"],
    "ice-and-heat": ["ice", "heat", "choosing-between-them"],
    "moving-and-resting": ["stay-gently-active", "gentle-lengthening", "resting-positions"],
    "fluids-and-electrolytes": ["drink-enough", "electrolytes-after-sweating", "supplements"],
    "medicines": ["creams", "painkillers", "muscle-relaxants"],
    "hands-on-treatments": ["massage", "chiropractic-care", "acupuncture", "exercise-plans"],
    "when-to-get-help": [
        "emergency-signs",
        "urgent-signs",
        "see-a-doctor-soon",
        "self-care-is-fine",
    ],
    "seeing-a-doctor": ["when-to-book", "what-the-doctor-asks", "tests-and-scans"],
    "stretches-after-a-flare-up": [
        "before-you-start",
        "knee-to-chest",
        "both-knees-to-chest",
        "pelvic-tilt",
    ],
    "serious-causes": ["aortic-aneurysm", "kidney-problems", "how-to-tell"],
    "recovery-timeline": ["first-days", "first-week", "two-weeks", "six-weeks"],
    "back-pain-that-lasts": ["after-six-weeks", "after-twelve-weeks", "what-not-to-offer"],
    "back-pain-in-pregnancy": ["whats-common", "safe-self-care", "warning-signs"],
    "children-and-teenagers": ["what-differs", "when-to-see-a-gp"],
    "preventing-back-spasms": [
        "lifting-and-posture",
        "stretching-and-strengthening",
        "weight",
        "stress",
    ],
}


def create_sections():
    """Publish every article section the default questionnaire links to."""
    with search_index.deferred():
        _create_sections()


def _create_sections():
    topic = Topic.objects.create(
        name="Back spasms", slug="back-spasms", order=1, description="All."
    )
    for article_slug, section_slugs in SECTIONS.items():
        article = Article.objects.create(
            topic=topic,
            slug=article_slug,
            title=article_slug.replace("-", " ").capitalize(),
            summary="What to know.",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for order, slug in enumerate(section_slugs, start=1):
            Section.objects.create(
                article=article,
                order=order,
                slug=slug,
                heading=slug.replace("-", " ").capitalize(),
                summary=f"What to know about {slug.replace('-', ' ')}.",
                body="Some advice.",
            )


def load_default_questionnaire():
    call_command("loaddata", str(QUESTIONNAIRE_FIXTURE), verbosity=0)


@pytest.fixture
def article_sections(db):
    create_sections()
    return Section.objects.all()


@pytest.fixture
def default_questionnaire(article_sections):
    """The shipped questionnaire, loaded into the database; returns its engine snapshot."""
    load_default_questionnaire()
    return load_questionnaire()


@pytest.fixture(scope="session")
def questionnaire_snapshot(django_db_setup, django_db_blocker):
    """The default questionnaire's engine snapshot, built once and then rolled back.

    The engine never touches the database, so its tests share one snapshot; the set of
    published sections is captured alongside it for the tests that check links.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        create_sections()
        load_default_questionnaire()
        snapshot = load_questionnaire()
        published = set(
            Section.objects.filter(article__status=Article.Status.PUBLISHED).values_list(
                "article__slug", "slug"
            )
        )
        transaction.set_rollback(True)
    return snapshot, published


@pytest.fixture
def unpublish(db):
    def unpublish(article_slug):
        Article.objects.filter(slug=article_slug).update(status=Article.Status.DRAFT)

    return unpublish
