"""Topics readers can see change only through a publisher, as articles do."""

import pytest
from django.urls import reverse

from articles.models import Article, Topic

pytestmark = pytest.mark.django_db


def change_url(topic):
    return reverse("admin:articles_topic_change", args=[topic.pk])


def topic_data(**changes):
    return {
        "name": "Relief",
        "slug": "relief",
        "order": "1",
        "description": "Try these.",
        **changes,
    }


@pytest.fixture
def live_topic(make_topic, make_article):
    topic = make_topic(name="Relief", slug="relief", description="Try these.")
    make_article(topic=topic, status=Article.Status.PUBLISHED)
    return topic


def test_an_editor_can_read_but_not_change_a_topic_readers_see(editor_client, live_topic):
    page = editor_client.get(change_url(live_topic))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    forged = editor_client.post(change_url(live_topic), topic_data(name="Renamed", slug="moved"))

    assert forged.status_code == 403
    live_topic.refresh_from_db()
    assert (live_topic.name, live_topic.slug) == ("Relief", "relief")


def test_an_editor_cannot_delete_a_topic_readers_see(editor_client, live_topic):
    url = reverse("admin:articles_topic_delete", args=[live_topic.pk])

    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Topic.objects.filter(pk=live_topic.pk).exists()


def test_a_publisher_changes_a_topic_readers_see(publisher_client, live_topic):
    response = publisher_client.post(
        change_url(live_topic), topic_data(description="Things to try at home.")
    )

    assert response.status_code == 302
    live_topic.refresh_from_db()
    assert live_topic.description == "Things to try at home."


def test_an_editor_prepares_a_topic_that_has_no_published_article_yet(editor_client, make_topic):
    topic = make_topic(name="Sleep", slug="sleep")

    response = editor_client.post(
        change_url(topic), topic_data(name="Sleeping well", slug="sleep", description="Rest.")
    )

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Sleeping well"


def test_the_topic_list_has_no_order_boxes_to_change_live_topics_in_bulk(editor_client, live_topic):
    page = editor_client.get(reverse("admin:articles_topic_changelist")).content.decode()

    assert 'name="form-0-order"' not in page
