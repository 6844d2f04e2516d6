import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from site_config.caching import cached_for_readers

logger = logging.getLogger(__name__)
csp_logger = logging.getLogger("site_config.csp")

# A real report is well under 2 KB; the cap keeps a forged one from filling the logs.
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORT_FIELDS = ["effective-directive", "blocked-uri", "document-uri", "source-file"]
CSP_REPORT_VALUE_LENGTH = 200


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@cached_for_readers
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@csrf_exempt  # browsers send reports without a token; nothing here changes any data
@require_POST
def csp_report(request):
    """Where browsers report what the Content-Security-Policy blocked (its report-uri).

    Each report becomes one warning in the log, so a broken page or an attempted injection
    shows up there. Addresses on this site keep only their path (a query string may hold
    a search), and other sites' addresses only their origin.
    """
    try:
        if int(request.headers.get("Content-Length") or 0) > CSP_REPORT_MAX_BYTES:
            return HttpResponse("Report too large.", status=413, content_type="text/plain")
        report = json.loads(request.read(CSP_REPORT_MAX_BYTES + 1))["csp-report"]
        fields = {name: _reported_place(request, report.get(name)) for name in CSP_REPORT_FIELDS}
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponse("Not a CSP report.", status=400, content_type="text/plain")
    csp_logger.warning(
        "Content-Security-Policy blocked %s from %s on %s (%s)",
        fields["effective-directive"],
        fields["blocked-uri"],
        fields["document-uri"],
        fields["source-file"],
    )
    return HttpResponse(status=204)


def _reported_place(request, value):
    """A reported address or keyword ("inline", "eval"), shortened for the log."""
    if value in (None, ""):
        return "-"
    if not isinstance(value, str):
        raise TypeError("report fields are strings")
    address = urlsplit(value[:CSP_REPORT_VALUE_LENGTH])
    if not address.scheme:
        return address.path
    if address.netloc == request.get_host():
        return address.path or "/"
    return f"{address.scheme}://{address.netloc}" if address.netloc else address.scheme


def _error_page(request, template, status):
    response = render(request, template, status=status)
    # An error raised outside the clickjacking middleware (a bad Host header, say) would
    # otherwise leave the page without it.
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def bad_request(request, exception=None):
    return _error_page(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "errors/404.html", 404)


def server_error(request):
    return _error_page(request, "errors/500.html", 500)


def login_locked_out(request, response, credentials):
    """Shown by django-axes instead of the sign-in page after too many failed attempts."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(
        request,
        "errors/login_locked_out.html",
        {
            "cooloff_minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "address_failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT,
        },
        status=429,
    )


def csrf_failure(request, reason=""):
    return _error_page(request, "errors/403_csrf.html", 403)
