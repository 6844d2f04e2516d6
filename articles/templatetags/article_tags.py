import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

EMERGENCY_NUMBER_PLACEHOLDER = "{emergency_number}"

# The characters that could end a <script> element or start an HTML comment inside it,
# written as JSON escapes (the same ones Django's json_script filter uses).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def fill_in_emergency_number(text):
    """Replace the placeholder editors write in articles with the number for this site's country."""
    return text.replace(EMERGENCY_NUMBER_PLACEHOLDER, settings.SITE_EMERGENCY_NUMBER)


@register.filter
def with_emergency_number(value):
    """``{{ section.body_html|safe|with_emergency_number }}``.

    Text the template has not marked safe is escaped first, so the filter never lets
    through markup the template did not trust.
    """
    number = conditional_escape(settings.SITE_EMERGENCY_NUMBER)
    html = str(conditional_escape(value)).replace(EMERGENCY_NUMBER_PLACEHOLDER, number)
    return mark_safe(html)  # noqa: S308 - escaped above unless the template marked it safe


@register.simple_tag
def json_ld(data):
    """Structured data for search engines in a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
