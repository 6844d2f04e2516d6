"""Whole public pages cached for readers, with Django's cache framework.

Only pages that are the same for every anonymous reader are shared: the request carries no
session or messages cookie (so no staff preview, no symptom-form answers, no messages),
and the rendered response sets no cookie, used no CSRF token and is not marked private or
uncacheable (a draft preview is). Every change to the content replaces the content
version, which is part of each key, so no page outlives the content it shows.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

from articles.models import ContentVersion

# Keys carry the content version, so entries never go stale; this only frees memory.
PAGE_TIMEOUT = 60 * 60 * 24
UNSHAREABLE_CACHE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")


def content_changed():
    """Make every cached page stale; call after any change to what readers see."""
    token = uuid.uuid4().hex
    if not ContentVersion.objects.filter(pk=1).update(token=token):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})


def _content_version():
    return ContentVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def _is_shareable_request(request):
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _is_shareable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in UNSHAREABLE_CACHE_CONTROL)
    )


def _key(request, version):
    # The address includes the host: pages carry their own canonical address.
    address = request.build_absolute_uri(request.path)
    return "page:" + hashlib.sha256(f"{version}\n{address}".encode()).hexdigest()


def cached_for_readers(view):
    """Serve the view's page from the cache to readers it is the same for."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_shareable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request, _content_version())
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if _is_shareable_response(request, response):
                if hasattr(response, "render"):
                    response.render()
                cache.set(key, response, PAGE_TIMEOUT)
        # A reader who has a session gets a page rendered for them, never this one.
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
