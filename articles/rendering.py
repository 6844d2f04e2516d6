"""Markdown to safe HTML: one renderer for the public pages and the editor's live preview.

Python-Markdown turns the text into HTML; nh3 then keeps only the tags and attributes
listed here, so raw HTML, scripts, event handlers, styles and unsafe URL schemes an
editor types (or pastes) never reach a reader.
"""

import markdown
import nh3
from django.core.exceptions import ValidationError

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope"},
    "td": set(),
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The only schemes a source's address may use.
WEB_SCHEMES = ["http", "https"]
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]

# Python-Markdown's link and image patterns scan ahead from every "[" for its closing "]", so
# their time grows with the number of "[" times the length of the text: 8,000 "[" in 16 KB
# take over 10 seconds. Bounding that product keeps the worst case under about a second,
# far beyond what a section needs (the shipped sections have at most a few dozen brackets
# in a few thousand characters, a product under 10,000).
MAX_MARKDOWN_LENGTH = 20_000
MAX_BRACKET_WORK = 2_000_000


def check_markdown_size(text):
    """Refuse Markdown too long or too bracket-heavy to render quickly, saying why."""
    if len(text) > MAX_MARKDOWN_LENGTH:
        raise ValidationError(
            "This text has %(length)s characters; the most a section can have is %(limit)s. "
            "Split it into two sections.",
            code="markdown_too_long",
            params={"length": f"{len(text):,}", "limit": f"{MAX_MARKDOWN_LENGTH:,}"},
        )
    if text.count("[") * len(text) > MAX_BRACKET_WORK:
        raise ValidationError(
            "This text has too many square brackets ([) for its length: it would take too "
            "long to turn into a page. Remove the ones that are not part of a link or an "
            "image, or split the text into two sections.",
            code="markdown_too_many_brackets",
        )


def render_markdown(text):
    """Return sanitised HTML for a piece of Markdown written by an editor.

    Raises ValidationError for text outside the bounds above."""
    check_markdown_size(text)
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
