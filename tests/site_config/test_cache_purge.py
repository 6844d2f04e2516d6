"""Every change readers can see bans the shared cache's pages once it is committed."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from articles import drafts
from articles.models import Article
from site_config import purge


class RecordingCache(BaseHTTPRequestHandler):
    status = 200

    def do_BAN(self):  # noqa: N802 (the HTTP method's name)
        self.server.bans.append(self.headers["X-Ban-Url"])
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def shared_cache(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingCache)
    server.bans = []
    server.status = 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SHARED_CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}/"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def live_article(make_article):
    return make_article(title="Ice and heat")


def bans_for(change, shared_cache):
    shared_cache.bans.clear()
    with transaction.atomic():
        change()
    return shared_cache.bans


# Real commits, so the BAN is sent as it is in production: after the change is committed.
pytestmark = pytest.mark.django_db(transaction=True)


def test_publishing_unpublishing_and_restoring_each_ban_once(live_article, shared_cache):
    def unpublish():
        live_article.status = Article.Status.DRAFT
        live_article.save()

    def publish():
        live_article.status = Article.Status.PUBLISHED
        live_article.save()

    def restore_first_version():
        live_article.history.earliest().instance.save()

    for change in (unpublish, publish, restore_first_version):
        assert bans_for(change, shared_cache) == ["."]


def test_publishing_a_draft_copy_bans_once(live_article, shared_cache):
    draft, _made = drafts.start_draft(live_article, "Clearer advice")
    draft.title = "Ice or heat"
    draft.save()
    draft.refresh_from_db()

    def publish_copy():
        drafts.publish_changes(draft, draft.version, "Clearer advice")

    assert bans_for(publish_copy, shared_cache) == ["."]
    live_article.refresh_from_db()
    assert live_article.title == "Ice or heat"


def test_a_rolled_back_change_bans_nothing(live_article, shared_cache):
    def change_then_fail():
        live_article.save()
        raise RuntimeError

    with pytest.raises(RuntimeError):
        bans_for(change_then_fail, shared_cache)
    assert shared_cache.bans == []
    assert bans_for(live_article.save, shared_cache) == ["."]


def test_a_refused_ban_is_logged_and_retried(settings, shared_cache, caplog):
    shared_cache.status = 405
    pauses = []
    assert purge.purge_every_page(sleep=pauses.append) is False
    assert shared_cache.bans == ["."] * purge.ATTEMPTS
    assert len(pauses) == purge.ATTEMPTS - 1
    assert "gave up" in caplog.text


def test_an_unreachable_cache_is_logged_and_retried(settings, caplog):
    settings.SHARED_CACHE_PURGE_URL = "http://127.0.0.1:9/"
    assert purge.purge_every_page(sleep=lambda seconds: None) is False
    assert caplog.text.count("shared cache purge failed") == purge.ATTEMPTS


def test_without_a_purge_target_nothing_is_sent(live_article, shared_cache, settings):
    settings.SHARED_CACHE_PURGE_URL = ""
    assert bans_for(live_article.save, shared_cache) == []
