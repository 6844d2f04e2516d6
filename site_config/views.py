import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


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


def _error_page(request, template, status):
    return render(request, template, status=status)


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
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def csrf_failure(request, reason=""):
    return _error_page(request, "errors/403_csrf.html", 403)
