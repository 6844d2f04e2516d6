from django.conf import settings


def site(request):
    """Site-wide names every template may use (header, footer, urgent-help card)."""
    return {
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.SITE_EMERGENCY_NUMBER,
    }
