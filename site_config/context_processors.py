from django.conf import settings

from site_config import care_routes


def site(request):
    """Site-wide names every template may use (header, footer, urgent-help card)."""
    return {"site_name": settings.SITE_NAME, **care_routes.context()}
