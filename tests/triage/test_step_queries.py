"""A step of the symptom form costs the same however many articles the library holds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section, Topic


def add_articles(count):
    topic = Topic.objects.create(name="More", slug="more", order=2, description="More.")
    for number in range(count):
        article = Article.objects.create(
            topic=topic,
            slug=f"more-{number}",
            title=f"More reading {number}",
            summary="What to know.",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for order in range(1, 4):
            Section.objects.create(
                article=article,
                order=order,
                slug=f"part-{order}",
                heading=f"Part {order}",
                summary="A part.",
                body="Some advice.",
            )


def queries_for_steps(client):
    """The SQL each answer runs, from the first question to the result."""
    steps = [
        ("emergency-signs", ["none"]),
        ("health", ["none"]),
        ("urgent-signs", ["none"]),
        ("age", ["16-to-49"]),
    ]
    client.get(reverse("triage:start"))
    counts = []
    for slug, values in steps:
        url = reverse("triage:question", args=[slug])
        with CaptureQueriesContext(connection) as context:
            response = client.post(url, {"answer": values})
        assert response.status_code == 302
        counts.append([query["sql"] for query in context.captured_queries])
    return counts


def test_a_step_runs_the_same_queries_with_1_and_with_30_more_articles(
    client, default_questionnaire
):
    queries_for_steps(client)  # the questionnaire is built on the first view
    client.cookies.clear()
    few = queries_for_steps(client)
    add_articles(30)
    queries_for_steps(client)  # adding articles changed the content: built again
    client.cookies.clear()
    many = queries_for_steps(client)
    assert many == few
    # Only the content version is read: nothing about articles or sections.
    assert all(len(step) == 1 for step in many)


def test_a_step_never_reads_articles_or_sections(
    client, default_questionnaire, django_assert_num_queries
):
    add_articles(30)
    queries_for_steps(client)
    client.cookies.clear()
    client.get(reverse("triage:start"))
    with django_assert_num_queries(1) as captured:
        client.post(reverse("triage:question", args=["emergency-signs"]), {"answer": ["none"]})
    assert "articles_contentversion" in captured.captured_queries[0]["sql"]
