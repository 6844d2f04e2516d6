"""Request ids, structured log lines, and what the logs must never contain."""

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import include, path

PROJECT = Path(__file__).resolve().parents[2]


def _explode(request):
    raise RuntimeError("the database said no")


urlpatterns = [path("explode/", _explode), path("", include("site_config.urls"))]
handler500 = "site_config.views.server_error"


def test_every_response_gets_a_fresh_request_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and int(first, 16) >= 0
    assert first != second


def test_a_well_formed_request_id_from_the_proxy_is_kept(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c21-0001"


@pytest.mark.parametrize(
    "incoming",
    ["short", "has spaces in it", "x" * 129, "abc123456\r\nSet-Cookie: a=b", "<script>1</script>"],
)
def test_a_malformed_request_id_is_replaced(client, db, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_error_is_logged_as_json_with_the_request_id_and_nothing_private(
    db, log_lines
):
    client = Client(raise_request_exception=False)
    response = client.post("/explode/?started=last-tuesday", {"answer": "numbness-in-both-legs"})

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "the database said no" not in response.content.decode()
    errors = [line for line in log_lines() if line["level"] == "ERROR"]
    assert len(errors) == 1
    error = errors[0]
    assert error["logger"] == "django.request"
    assert error["message"] == "Internal Server Error: /explode/"
    assert error["status"] == 500
    assert error["request_id"] == response["X-Request-ID"]
    assert "RuntimeError: the database said no" in error["exception"]
    assert "last-tuesday" not in log_lines.text()
    assert "numbness-in-both-legs" not in log_lines.text()


def test_query_strings_are_cut_from_request_lines(log_lines):
    logging.getLogger("django.server").info(
        '"%s" %s %s', "GET /search/?q=sciatica+at+night HTTP/1.1", "200", "5120"
    )
    assert log_lines()[-1]["message"] == '"GET /search/ HTTP/1.1" 200 5120'


def test_not_found_warnings_name_the_path_only(client, db, log_lines):
    client.get("/nowhere/?q=bladder+problems")
    assert "bladder" not in log_lines.text()
    assert {"level": "WARNING", "message": "Not Found: /nowhere/"}.items() <= log_lines()[
        -1
    ].items()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_writes_json_access_lines_without_query_strings(tmp_path):
    port = _free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="site_config.settings",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_LOCAL_HTTP="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "site_config.wsgi:application"]
        + ["-c", "gunicorn.conf.py"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz?q=private+words",
            headers={"X-Request-ID": "proxy-request-0001"},
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    assert response.status == 200
                break
            except urllib.error.URLError:
                time.sleep(0.2)
    finally:
        server.terminate()
        output, errors = server.communicate(timeout=30)

    lines = [json.loads(line) for line in output.splitlines()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert len(access) == 1, output
    assert {
        "method": "GET",
        "path": "/healthz",
        "status": 200,
        "request_id": "proxy-request-0001",
    }.items() <= access[0].items()
    assert "private" not in output + errors
