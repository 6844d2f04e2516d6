"""The shared cache in front: real Varnish, with the shipped VCL, before two app servers.

Two gunicorn instances share the test database (PostgreSQL) and Redis, as in
test_scale_out.py; varnishd runs in the foreground on a free port with its own work
directory, and deploy/varnish/default.vcl with only the backends' ports replaced by the
test servers' ports. Everything is checked over HTTP, as a reader or an editor sees it.

Runs where test_scale_out.py runs. Without varnishd the module is skipped, or fails when
REQUIRE_CACHE_TESTS=1 (CI sets it).
"""

import subprocess
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article
from bench.pages import HttpBrowser, Page
from bench.varnish import Varnish
from tests.site_config.test_scale_out import (
    GUNICORN,
    PROJECT,
    SYMPTOM_FORM_START,
    _database_url,
    _editor_signed_in_on,
    _free_port,
    _wait_until_healthy,
    production_environment,  # noqa: F401 (a fixture this module uses)
)
from tests.site_config.test_scale_out import pytestmark as needs_postgres_and_redis
from tests.site_config.test_varnish_config import varnishd  # noqa: F401 (a fixture)

# The mark is what makes pytest-django create the test database; the data the servers read
# is committed once, by the module's fixture, outside each test's transaction.
pytestmark = [needs_postgres_and_redis, pytest.mark.django_db]

# The app's shared lifetime (s-maxage) for these servers: short, so the outage test sees a
# copy past its lifetime, which only the VCL's grace can still serve.
SHARED_SECONDS = 2
STARTUP_SECONDS = 30


class AppServer:
    """One gunicorn instance that can be stopped and started again on the same port."""

    def __init__(self, environment, log_path):
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.environment = {**environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log_path = log_path
        self.process = None

    def start(self):
        if self.process and self.process.poll() is None:
            # Still running (a test failed before its outage): a second one could not bind,
            # and the first would be left behind.
            return
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "site_config.wsgi:application", "-c", "gunicorn.conf.py"],
                cwd=PROJECT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def poll(check, what, seconds=STARTUP_SECONDS):
    """Call check() until it returns something true; fail with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = check()
        except OSError:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.1)


class Cluster:
    def __init__(self, varnish, apps, articles):
        self.varnish = varnish
        self.apps = apps
        self.articles = articles

    def start_apps(self):
        for app in self.apps:
            app.start()
        for app in self.apps:
            _wait_until_healthy(app.process, app.base_url)
        self.varnish.wait_until_serving("/healthz")

    def stop_apps(self):
        for app in self.apps:
            app.stop()


@pytest.fixture(scope="module")
def cluster(varnishd, production_environment, django_db_setup, django_db_blocker, tmp_path_factory):  # noqa: F811
    workdir = tmp_path_factory.mktemp("shared-cache")
    with django_db_blocker.unblock():
        # Put back afterwards, as a serialized rollback does: the tests that run next in this
        # process expect the tables as the migrations left them (the editors' groups...).
        as_migrated = connection.creation.serialize_db_to_string()
        call_command("loaddata", "articles", "questionnaire", verbosity=0)
        published = Article.objects.published()
        articles = list(published.order_by("pk")[:3])
        database_url = _database_url()
    assert len(articles) == 3, "the shipped articles should include three published ones"
    environment = {
        **production_environment,
        "DATABASE_URL": database_url,
        "HTTP_CACHE_SHARED_SECONDS": str(SHARED_SECONDS),
    }
    apps = [AppServer(environment, workdir / f"app-{number}.log") for number in (1, 2)]
    varnish = Varnish(varnishd, _free_port(), [app.port for app in apps], workdir)
    for app in apps:
        # Publishing on either instance bans at this Varnish, as in production.
        app.environment["SHARED_CACHE_PURGE_URL"] = f"{varnish.base_url}/"
    cluster = Cluster(varnish, apps, articles)
    try:
        cluster.start_apps()
        yield cluster
    finally:
        cluster.stop_apps()
        varnish.stop()
        with django_db_blocker.unblock():
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(as_migrated)


@pytest.fixture(scope="module")
def editor(cluster, django_db_blocker):
    """An editor signed in through the admin's login form on the first instance."""
    with django_db_blocker.unblock():
        return _editor_signed_in_on(cluster.apps[0].base_url)


def browser_on(base_url, cookies):
    browser = HttpBrowser(base_url)
    browser.cookies = dict(cookies)
    return browser


def test_an_article_is_fetched_once_then_served_from_the_cache(cluster):
    path = cluster.articles[0].get_absolute_url()
    first = cluster.varnish.get(path)
    second = cluster.varnish.get(path)
    assert first.status == 200
    assert first.headers["x-cache"] == "MISS"
    assert second.status == 200
    assert second.headers["x-cache"] == "HIT"
    assert second.body == first.body
    assert cluster.articles[0].title in second.text


class ChangeForm(HTMLParser):
    """Every value an admin change form would submit as it stands, like a browser would."""

    def __init__(self, html, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = []
        self._textarea = None
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
            return
        name = attributes.get("name")
        if not self.inside or "disabled" in attributes:
            return
        kind = attributes.get("type", "text").lower()
        if tag == "input" and name and kind not in ("submit", "button", "file", "image"):
            checkable = kind in ("checkbox", "radio")
            if not checkable or "checked" in attributes:
                self.data.append([name, attributes.get("value", "on" if checkable else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.data.append(self._textarea)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.data.append([self._select, attributes.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def with_values(self, **values):
        return [(name, values.get(name, value)) for name, value in self.data]


def _confirm(editor, path):
    """Press the button of one of the admin's own confirmation pages."""
    page = Page(editor.get(path).text)
    # The page's own form posts back to it; the header's sign-out form posts elsewhere.
    form = next(form for form in page.forms if form.method == "post" and not form.action)
    return editor.post(path, form.hidden)


def _edit_and_publish(editor, article, new_title):
    """Change a live article the editors' way: a draft copy, edited, then published."""
    reply = _confirm(editor, reverse("admin:articles_article_start_draft", args=[article.pk]))
    assert reply.status == 302, f"could not start a draft copy: {reply.status}"
    copy = reply.location
    form = ChangeForm(editor.get(copy).text, "article_form")
    # A list of pairs, as a change form repeats names (a multiple select).
    reply = editor.post(copy, [*form.with_values(title=new_title), ("_continue", "1")])
    assert (reply.status, reply.location) == (302, copy), "the edited copy was not saved"
    copy_id = copy.rstrip("/").split("/")[-2]
    reply = _confirm(editor, reverse("admin:articles_article_publish_changes", args=[copy_id]))
    original = reverse("admin:articles_article_change", args=[article.pk])
    assert (reply.status, reply.location) == (302, original), "the changes were not published"


def test_a_change_published_on_one_instance_shows_through_the_cache_at_once(cluster, editor):
    article = cluster.articles[1]
    path = article.get_absolute_url()
    cluster.varnish.get(path)
    cached = cluster.varnish.get(path)
    assert cached.headers["x-cache"] == "HIT"
    assert article.title in cached.text

    new_title = f"{article.title} (updated)"
    _edit_and_publish(editor, article, new_title)

    after = cluster.varnish.get(path)
    assert after.status == 200
    assert new_title in after.text, "the cache still served the page from before the change"


def test_the_symptom_form_is_never_served_from_the_cache(cluster):
    for _ in range(2):
        # A new reader each time: a copy kept for one must never reach another.
        reply = cluster.varnish.get(SYMPTOM_FORM_START)
        assert reply.status == 200
        assert reply.headers["x-cache"] == "MISS"
    reader = HttpBrowser(cluster.varnish.base_url)
    for _ in range(2):
        assert cluster.varnish.get(SYMPTOM_FORM_START, reader).headers["x-cache"] == "MISS"


def test_staff_pages_are_never_served_from_the_cache(cluster, editor):
    admin_home = reverse("admin:index")
    staff = browser_on(cluster.varnish.base_url, editor.cookies)
    for _ in range(2):
        reply = cluster.varnish.get(admin_home, staff)
        assert reply.status == 200
        assert reply.headers["x-cache"] == "MISS"
    # Nor does a page rendered for the editor reach someone who is not signed in.
    assert cluster.varnish.get(admin_home).status == 302


@pytest.fixture
def outage(cluster):
    """Stops the app servers when asked; they are started again afterwards."""
    yield cluster.stop_apps
    cluster.start_apps()


def test_while_the_app_servers_are_down_articles_are_served_and_the_form_says_it_is_unavailable(
    cluster, outage
):
    path = cluster.articles[2].get_absolute_url()
    cluster.varnish.get(path)
    assert cluster.varnish.get(path).headers["x-cache"] == "HIT"

    outage()

    def served_past_its_lifetime():
        reply = cluster.varnish.get(path)
        assert reply.status == 200, f"a cached article answered {reply.status} in the outage"
        assert cluster.articles[2].title in reply.text
        return int(reply.headers["age"]) > SHARED_SECONDS

    poll(served_past_its_lifetime, "the cached copy to outlive its lifetime", SHARED_SECONDS + 10)
    # Again, now that Varnish has tried and failed to fetch a fresh copy in the background.
    again = cluster.varnish.get(path)
    assert again.status == 200
    assert cluster.articles[2].title in again.text

    form = cluster.varnish.get(SYMPTOM_FORM_START)
    assert form.status == 503
    assert "no-store" in form.headers["cache-control"]
    assert "The symptom checker is not working" in form.text
    assert f'href="tel:{settings.SITE_EMERGENCY_NUMBER}"' in form.text
    assert f'href="tel:{settings.SITE_URGENT_NUMBER}"' in form.text
    assert settings.SITE_URGENT_SERVICE in form.text
