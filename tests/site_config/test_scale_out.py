"""Past one machine: two gunicorn instances share one PostgreSQL database and one Redis.

A load balancer may send each request to either instance, so nothing a reader sees may
depend on which one answers: a published article is served by both at once, and a
symptom-form journey carries on wherever its next step lands.

Runs only where the deployment's real parts are: DATABASE_URL on PostgreSQL and REDIS_URL
set (CI's second pass sets both). The servers use the production settings (DEBUG off).
"""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import global_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from bench.pages import HttpBrowser, Page, first_question, local_path

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
SYMPTOM_FORM_START = "/check-your-symptoms/"

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs DATABASE_URL on PostgreSQL and REDIS_URL (CI's second pass sets both)",
)


def _database_url():
    """The URL of the test database pytest-django created, which the servers must share."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def production_environment(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        # Plain HTTP on loopback: TLS is the reverse proxy's job in production.
        "DJANGO_LOCAL_HTTP": "1",
        "DATABASE_CONN_MAX_AGE": "0",
        "WEB_CONCURRENCY": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=PROJECT,
        env={**environment, "DATABASE_URL": "sqlite://:memory:"},
        check=True,
        timeout=120,
    )
    return environment


def _free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def two_instances(transactional_db, production_environment, tmp_path):
    """Two gunicorn servers on different ports, both on the test database and the same Redis."""
    servers = []
    try:
        for number in (1, 2):
            port = _free_port()
            log = open(tmp_path / f"instance-{number}.log", "w")  # noqa: SIM115
            process = subprocess.Popen(
                [str(GUNICORN), "site_config.wsgi:application", "-c", "gunicorn.conf.py"],
                cwd=PROJECT,
                env={
                    **production_environment,
                    "DATABASE_URL": _database_url(),
                    "GUNICORN_BIND": f"127.0.0.1:{port}",
                },
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            servers.append((process, log, f"http://127.0.0.1:{port}"))
        for process, _log, base_url in servers:
            _wait_until_healthy(process, base_url)
        yield [base_url for _process, _log, base_url in servers]
    finally:
        for process, log, _base_url in servers:
            process.terminate()
            process.wait(timeout=30)
            log.close()


def _wait_until_healthy(process, base_url):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if HttpBrowser(base_url).get("/healthz").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{base_url} did not become healthy")


def _title_served_by(base_url, article):
    response = HttpBrowser(base_url).get(article.get_absolute_url())
    return response.status, response.text


EDITOR_PASSWORD = "a-long-test-password"


def _editor_signed_in_on(base_url):
    # Hashed as production does: the servers run without the test suite's quick hasher.
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        User.objects.create_superuser("editor", "editor@example.com", EDITOR_PASSWORD)
    editor = HttpBrowser(base_url)
    login = reverse("admin:login")
    form = Page(editor.get(login).text).post_form()
    reply = editor.post(login, {**form.hidden, "username": "editor", "password": EDITOR_PASSWORD})
    assert reply.status == 302, "could not sign in to the admin"
    return editor


def _run_admin_action(editor, action, article):
    changelist = reverse("admin:articles_article_changelist")
    form = Page(editor.get(changelist).text).post_form()
    reply = editor.post(
        changelist,
        {
            "csrfmiddlewaretoken": form.hidden["csrfmiddlewaretoken"],
            "action": action,
            "_selected_action": article.pk,
            "index": "0",
        },
    )
    assert reply.status == 302, f"the {action} action failed"


def test_an_article_published_on_one_instance_is_served_by_the_other_at_once(
    two_instances, make_article
):
    first, second = two_instances
    article = make_article(title="Sleeping with a sore back", status=Article.Status.DRAFT)
    for base_url in (first, second):
        assert _title_served_by(base_url, article)[0] == 404

    editor = _editor_signed_in_on(first)
    _run_admin_action(editor, "publish", article)
    for base_url in (second, first):
        status, html = _title_served_by(base_url, article)
        assert status == 200
        assert "Sleeping with a sore back" in html

    # Both instances now have the page cached; an edit must still show on both at once.
    article.refresh_from_db()
    article.title = "Sleeping on your side with a sore back"
    article.save()
    for base_url in (second, first):
        assert "Sleeping on your side with a sore back" in _title_served_by(base_url, article)[1]

    _run_admin_action(editor, "unpublish", article)
    for base_url in (second, first):
        assert _title_served_by(base_url, article)[0] == 404


@pytest.fixture
def questionnaire(transactional_db):
    call_command("loaddata", "articles", "questionnaire", verbosity=0)


def _reader_on(base_url, cookies):
    """A browser pointed at another instance, carrying the same cookies."""
    reader = HttpBrowser(base_url)
    reader.cookies = cookies
    return reader


def test_an_emergency_answer_given_on_one_instance_shows_its_result_on_the_other(
    two_instances, questionnaire
):
    first, second = two_instances
    reader = HttpBrowser(first)
    question_path, form = first_question(reader, SYMPTOM_FORM_START)
    reply = reader.post(question_path, {**form.hidden, "answer": "both-legs"})
    assert reply.status == 302
    assert reply.location.endswith("/check-your-symptoms/result/")

    result = _reader_on(second, reader.cookies).get("/check-your-symptoms/result/")
    assert result.status == 200, "the second instance did not know the reader's answers"
    assert "care-card--emergency" in result.text


def test_a_journey_can_hop_between_instances_at_every_step(two_instances, questionnaire):
    first, second = two_instances
    reader = HttpBrowser(first)
    path, form = first_question(reader, SYMPTOM_FORM_START)
    for step in range(1, 40):
        reader = _reader_on((first, second)[step % 2], reader.cookies)
        reply = reader.post(path, form.calm_answers())
        assert reply.status == 302, f"step {step} on {reader.base_url}: {reply.status}"
        path = local_path(reply.location, path)
        page = Page(reader.get(path).text)
        form = page.post_form()
        if not (form and form.asks_a_question):
            break
    assert path.endswith("/check-your-answers/")
    reader = _reader_on(second, reader.cookies)
    result = reader.get("/check-your-symptoms/result/")
    assert result.status == 200
    assert "Your result" in result.text
