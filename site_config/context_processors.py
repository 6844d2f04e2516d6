from django.conf import settings
from django.core.exceptions import DisallowedHost

from site_config import care_routes


def site(request):
    """Site-wide names every template may use (header, footer, urgent-help card), and the
    page's address for the printed copy."""
    return {
        "site_name": settings.SITE_NAME,
        "page_address": _page_address(request),
        **care_routes.context(),
    }


def _page_address(request):
    # Without the query string: cached pages are shared by everyone who asks for the path, and
    # a search's words stay out of print. The error page for a host the site does not serve
    # must still render.
    try:
        return request.build_absolute_uri(request.path)
    except DisallowedHost:
        return request.path
