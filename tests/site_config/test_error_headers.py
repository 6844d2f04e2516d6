"""Error pages carry the site's security headers too; gunicorn trusts only the proxy's header."""

import runpy
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def test_a_request_for_an_unknown_host_gets_a_400_that_cannot_be_framed():
    response = Client(raise_request_exception=False).get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_static_file_is_not_sniffed_as_another_type(client):
    response = client.get("/static/css/site.css")

    assert response["X-Content-Type-Options"] == "nosniff"


def test_gunicorn_takes_the_scheme_only_from_the_header_the_proxy_sets():
    # gunicorn's default also believes X-Forwarded-Ssl and X-Forwarded-Protocol, which a
    # proxy that only sets X-Forwarded-Proto would pass through from the client.
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))

    assert config["secure_scheme_headers"] == {"X-FORWARDED-PROTO": "https"}
