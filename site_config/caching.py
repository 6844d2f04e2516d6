"""Whole public pages cached for readers, with Django's cache framework.

A view marks its pages as shareable with @cached_for_readers; ReaderPageCacheMiddleware
stores them as they leave (already compressed) and serves them to the next reader before
sessions, CSRF, authentication and compression run again.

Only pages that are the same for every anonymous reader are shared: the request carries no
session or messages cookie (so no staff preview and no messages),
and the response sets no cookie, used no CSRF token and is not marked private or
uncacheable (a draft preview is). Every change to the content replaces the content
version, which is part of each key, so no page outlives the content it shows.

The same pages tell browsers and shared caches (a CDN or a reverse proxy) how long they may
keep them: a short browser lifetime, a longer shared one, and leave to serve a stale copy
while revalidating or while the site is down. Their ETag is the content version, so a cache
that asks again after a lifetime gets a 304 while nothing has changed.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

from site_config.models import ContentVersion
from site_config.purge import purge_after_commit
from site_config.releases import release_token

# Keys carry the content version, so entries never go stale; this only frees memory.
PAGE_TIMEOUT = 60 * 60 * 24
UNSHAREABLE_CACHE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")
# Read on every cached page view, so it skips the ORM's query building.
CONTENT_VERSION_SQL = f"SELECT token FROM {ContentVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def content_changed():
    """Make every cached page stale; call after any change to what readers see."""
    token = uuid.uuid4().hex
    if not ContentVersion.objects.filter(pk=1).update(token=token):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})
    purge_after_commit()


def content_version():
    """The current content version: it changes whenever content_changed() is called."""
    with connection.cursor() as cursor:
        cursor.execute(CONTENT_VERSION_SQL)
        row = cursor.fetchone()
    return row[0] if row else ""


def _is_shareable_request(request):
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _is_shareable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "shared_with_readers", False)
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in UNSHAREABLE_CACHE_CONTROL)
    )


def _is_cached_page(request):
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "cached_for_readers", False)


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _key(request, version):
    # The address includes the host (pages carry their canonical address); the encoding
    # the browser accepts decides between the compressed and the plain copy.
    address = request.build_absolute_uri(request.path)
    gzip = _accepts_gzip(request)
    return "page:" + hashlib.sha256(f"{version}\n{gzip}\n{address}".encode()).hexdigest()


def _etag(request, version):
    # The compressed and the plain copy are different bytes, so they have different tags.
    return f'"{version}{"-gzip" if _accepts_gzip(request) else ""}"'


def _share_with_caches(response, etag):
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_BROWSER_SECONDS,
        s_maxage=settings.HTTP_CACHE_SHARED_SECONDS,
        stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE_SECONDS,
        stale_if_error=settings.HTTP_CACHE_STALE_IF_ERROR_SECONDS,
    )
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    return response


def _not_modified(request, etag):
    return etag in (tag.strip() for tag in request.headers.get("If-None-Match", "").split(","))


def cached_for_readers(view):
    """Mark the view's pages as the same for every reader without a session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.shared_with_readers = True
        # A reader who has a session gets a page rendered for them, never a shared one.
        patch_vary_headers(response, ("Cookie",))
        return response

    wrapper.cached_for_readers = True
    return wrapper


class ReaderPageCacheMiddleware:
    """Serve and store the pages of @cached_for_readers views. Goes above GZipMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (_is_shareable_request(request) and _is_cached_page(request)):
            return self.get_response(request)
        version = f"{release_token()}-{content_version()}"
        etag = _etag(request, version)
        if _not_modified(request, etag):
            # The content has not changed since this copy was sent, so neither has the page.
            return _share_with_caches(HttpResponseNotModified(), etag)
        key = _key(request, version)
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if _is_shareable_response(request, response):
                _share_with_caches(response, etag)
                cache.set(key, response, PAGE_TIMEOUT)
        return response
