from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import include, path


def test_healthz_is_ok_while_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_unavailable_when_the_database_does_not_answer(client, db):
    with mock.patch(
        "site_config.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_unknown_page_gets_the_sites_own_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert "Skip to main content" in content
    assert "information, not a diagnosis" in content


def _explode(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("explode/", _explode), path("", include("site_config.urls"))]
handler500 = "site_config.views.server_error"


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_an_unexpected_error_shows_the_styled_500_page_without_internals(db):
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, there is a problem with the service" in content
    assert "secret internal detail" not in content
    assert "Traceback" not in content


def test_a_post_without_csrf_token_gets_the_friendly_expired_form_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Sorry, your form has expired" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        ("bad_request", 400, "Sorry, we could not understand that request"),
        ("permission_denied", 403, "You do not have permission to see this page"),
    ],
)
def test_other_error_pages_use_the_site_look(rf, handler, status, heading, db):
    from site_config import views

    response = getattr(views, handler)(rf.get("/"), Exception("detail"))
    assert response.status_code == status
    assert heading in response.content.decode()
