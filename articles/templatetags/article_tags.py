import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.rendering import WEB_SCHEMES
from site_config import care_routes

register = template.Library()


@register.filter
def web_address(url):
    """The address if it is http(s), else "": a link is never drawn for any other scheme."""
    scheme, _, rest = str(url).partition("://")
    return url if rest and scheme.lower() in WEB_SCHEMES else ""


# The characters that could end a <script> element or start an HTML comment inside it,
# written as JSON escapes (the same ones Django's json_script filter uses).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def with_help_routes(value):
    """``{{ section.body_html|safe|with_help_routes }}``: fills in the numbers to call.

    Text the template has not marked safe is escaped first, so the filter never lets
    through markup the template did not trust.
    """
    return care_routes.fill_in_html(value)


@register.simple_tag
def json_ld(data):
    """Structured data for search engines in a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
