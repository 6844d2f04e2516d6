"""Where the site sends people for help, and the placeholders editors write for it.

The emergency number is for emergencies only. Urgent help that is not an emergency (for
example NHS 111 in England) has its own route, so that nobody is told to call an ambulance
for something a phone line or an urgent care service should handle.
"""

from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

EMERGENCY_NUMBER_PLACEHOLDER = "{emergency_number}"


def placeholders():
    """Each token an editor may write in content, with the text it stands for on this site."""
    return {
        EMERGENCY_NUMBER_PLACEHOLDER: settings.SITE_EMERGENCY_NUMBER,
        "{urgent_service}": settings.SITE_URGENT_SERVICE,
        "{urgent_number}": settings.SITE_URGENT_NUMBER,
    }


def fill_in(text):
    """Replace every placeholder in plain text with this site's value."""
    for token, value in placeholders().items():
        text = text.replace(token, value)
    return text


def fill_in_html(value):
    """The same for HTML: text the caller has not marked safe is escaped first."""
    html = str(conditional_escape(value))
    for token, replacement in placeholders().items():
        html = html.replace(token, str(conditional_escape(replacement)))
    return mark_safe(html)  # noqa: S308 - escaped above unless the caller marked it safe


def context():
    """The routes as template variables, for the urgent-help card, the footer and the form."""
    return {
        "emergency_number": settings.SITE_EMERGENCY_NUMBER,
        "urgent_service": settings.SITE_URGENT_SERVICE,
        "urgent_number": settings.SITE_URGENT_NUMBER,
        "urgent_url": settings.SITE_URGENT_URL,
    }
