"""What browsers and shared caches (a CDN, a reverse proxy) may keep, and for how long."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.models import Article
from site_config.caching import content_changed

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home", "topic", "article", "sitemap", "robots"]


@pytest.fixture
def public_urls(make_topic, make_article):
    topic = make_topic()
    article = make_article(topic=topic)
    return {
        "home": "/",
        "topic": topic.get_absolute_url(),
        "article": article.get_absolute_url(),
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
    }


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_pages_every_reader_sees_may_be_kept_by_browsers_and_shared_caches(
    client, public_urls, page, settings
):
    response = client.get(public_urls[page])

    assert response.status_code == 200
    assert directives(response) >= {
        "public",
        f"max-age={settings.HTTP_CACHE_BROWSER_SECONDS}",
        f"s-maxage={settings.HTTP_CACHE_SHARED_SECONDS}",
        f"stale-while-revalidate={settings.HTTP_CACHE_STALE_WHILE_REVALIDATE_SECONDS}",
        f"stale-if-error={settings.HTTP_CACHE_STALE_IF_ERROR_SECONDS}",
    }
    assert settings.HTTP_CACHE_BROWSER_SECONDS < settings.HTTP_CACHE_SHARED_SECONDS
    assert response["ETag"]
    assert not response.cookies, "a page a shared cache keeps must not set a cookie"


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_asking_again_with_the_etag_gets_a_304_while_nothing_has_changed(client, public_urls, page):
    etag = client.get(public_urls[page])["ETag"]

    again = client.get(public_urls[page], headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "public" in directives(again)


def test_publishing_a_change_gives_every_page_a_new_etag(client, public_urls):
    etag = client.get(public_urls["home"])["ETag"]

    content_changed()
    again = client.get(public_urls["home"], headers={"if-none-match": etag})

    assert again.status_code == 200
    assert again["ETag"] != etag


def test_the_compressed_and_the_plain_copy_have_different_etags(client, public_urls):
    plain = client.get(public_urls["article"])
    compressed = client.get(public_urls["article"], headers={"accept-encoding": "gzip"})

    assert plain["ETag"] != compressed["ETag"]
    assert "Accept-Encoding" in compressed["Vary"]


def private_pages(client, make_article, staff_client):
    draft = make_article(status=Article.Status.DRAFT)
    return {
        "search": client.get("/search/", {"q": "back pain"}),
        "symptom form start": client.get(reverse("triage:start")),
        "symptom form question": client.get(reverse("triage:question", args=["emergency-signs"])),
        "draft preview": staff_client.get(draft.get_absolute_url()),
        "back office": staff_client.get(reverse("admin:index")),
    }


@pytest.fixture
def staff_client(client, django_user_model):
    staff = Client()
    staff.force_login(django_user_model.objects.create_user("ed", is_staff=True))
    return staff


@pytest.mark.parametrize(
    "page",
    ["search", "symptom form start", "symptom form question", "draft preview", "back office"],
)
def test_pages_with_a_persons_data_or_for_staff_are_kept_by_no_cache(
    site_content, client, make_article, staff_client, page
):
    call_command("loaddata", "questionnaire", verbosity=0)
    response = private_pages(client, make_article, staff_client)[page]

    assert response.status_code == 200
    assert "public" not in directives(response)
    assert "no-store" in directives(response)
    assert "s-maxage" not in response.get("Cache-Control", "")
