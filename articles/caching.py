"""Whole public pages cached for readers, with Django's cache framework.

A view marks its pages as shareable with @cached_for_readers; ReaderPageCacheMiddleware
stores them as they leave (already compressed) and serves them to the next reader before
sessions, CSRF, authentication and compression run again.

Only pages that are the same for every anonymous reader are shared: the request carries no
session or messages cookie (so no staff preview and no messages),
and the response sets no cookie, used no CSRF token and is not marked private or
uncacheable (a draft preview is). Every change to the content replaces the content
version, which is part of each key, so no page outlives the content it shows.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from articles.models import ContentVersion

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


def _key(request, version):
    # The address includes the host (pages carry their canonical address); the encoding
    # the browser accepts decides between the compressed and the plain copy.
    address = request.build_absolute_uri(request.path)
    gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    return "page:" + hashlib.sha256(f"{version}\n{gzip}\n{address}".encode()).hexdigest()


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
        key = _key(request, content_version())
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if _is_shareable_response(request, response):
                cache.set(key, response, PAGE_TIMEOUT)
        return response
