"""The Markdown editor's live preview: for staff only, rendered by the site's one renderer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PREVIEW = reverse("markdownx_markdownify")
UPLOAD = reverse("markdownx_upload")


def test_the_endpoints_are_where_the_editor_posts_to(settings):
    assert settings.MARKDOWNX_URLS_PATH == PREVIEW == "/markdownx/markdownify/"
    assert settings.MARKDOWNX_UPLOAD_URLS_PATH == UPLOAD == "/markdownx/upload/"


def test_the_preview_renders_markdown_for_an_editor(editor_client):
    response = editor_client.post(PREVIEW, {"content": "Rest is **not** best."})

    assert response.status_code == 200
    assert response.content.decode() == "<p>Rest is <strong>not</strong> best.</p>"


def test_the_preview_is_sanitised(editor_client):
    response = editor_client.post(
        PREVIEW, {"content": 'Hi <script>alert(1)</script><img src=x onerror="alert(1)">'}
    )

    html = response.content.decode()
    assert "<script" not in html
    assert "onerror" not in html


def test_the_preview_shows_the_emergency_number(editor_client, settings):
    settings.SITE_EMERGENCY_NUMBER = "999"

    response = editor_client.post(PREVIEW, {"content": "Call {emergency_number} now."})

    assert response.content.decode() == "<p>Call 999 now.</p>"


def test_a_preview_request_without_content_gets_a_clear_400(editor_client):
    response = editor_client.post(PREVIEW, {})

    assert response.status_code == 400
    assert b"content" in response.content


def test_the_preview_only_accepts_posts(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_anonymous_visitors_are_refused(client, url):
    response = client.post(url, {"content": "Hello"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_signed_in_users_who_are_not_staff_are_refused(client, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 14))

    response = client.post(url, {"content": "Hello"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert b"<p>" not in response.content
