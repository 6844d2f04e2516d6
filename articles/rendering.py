"""Markdown to safe HTML: one renderer for the public pages and the editor's live preview.

Python-Markdown turns the text into HTML; nh3 then keeps only the tags and attributes
listed here, so raw HTML, scripts, event handlers, styles and unsafe URL schemes an
editor types (or pastes) never reach a reader.
"""

import markdown
import nh3

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
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]


def render_markdown(text):
    """Return sanitised HTML for a piece of Markdown written by an editor."""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
