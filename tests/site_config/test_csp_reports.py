"""Reports of what the Content-Security-Policy blocked reach the log, and nothing private does."""

import json

import pytest
from django.test import Client

REPORT_URL = "/csp-report/"

pytestmark = pytest.mark.django_db


def post_report(client, body, content_type="application/csp-report"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(REPORT_URL, data, content_type=content_type)


def a_report(**fields):
    report = {
        "document-uri": "http://testserver/search/?q=numb+legs",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "blocked-uri": "https://tracker.example/collect.js?id=123",
        "source-file": "http://testserver/static/css/site.css",
        "line-number": 4,
        "status-code": 200,
    }
    return {"csp-report": {**report, **fields}}


def test_a_report_is_logged_without_query_strings_or_other_sites_paths(log_lines):
    # As a browser sends it: no CSRF token, no session.
    response = post_report(Client(enforce_csrf_checks=True), a_report())

    assert response.status_code == 204
    (line,) = [line for line in log_lines() if line["logger"] == "site_config.csp"]
    assert line["level"] == "WARNING"
    assert line["message"] == (
        "Content-Security-Policy blocked script-src-elem from https://tracker.example "
        "on /search/ (/static/css/site.css)"
    )
    assert "numb" not in json.dumps(log_lines())


def test_inline_code_is_reported_by_keyword(client, log_lines):
    post_report(client, a_report(**{"blocked-uri": "inline", "source-file": None}))
    (line,) = [line for line in log_lines() if line["logger"] == "site_config.csp"]
    assert "blocked script-src-elem from inline on /search/ (-)" in line["message"]


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        b"\xff\xfe",
        "[]",
        '{"something": "else"}',
        '{"csp-report": "a string"}',
        json.dumps(a_report(**{"blocked-uri": ["a", "list"]})),
    ],
)
def test_anything_but_a_report_gets_a_400(client, body, log_lines):
    response = post_report(client, body)
    assert response.status_code == 400
    assert not [line for line in log_lines() if line["logger"] == "site_config.csp"]


def test_a_nonsense_length_gets_a_400(client):
    response = client.post(
        REPORT_URL, "{}", content_type="application/csp-report", CONTENT_LENGTH="abc"
    )
    assert response.status_code == 400


def test_an_oversized_report_is_refused(client):
    report = a_report(**{"script-sample": "x" * 20_000})
    assert post_report(client, report).status_code == 413


def test_only_posts_are_accepted(client):
    assert client.get(REPORT_URL).status_code == 405
