"""Search over the published articles: one entry point, ``search_articles(query)``.

Matching happens in Python on the text a reader actually sees (section HTML turned back
into plain text, with the emergency number filled in), not in SQL. That keeps results
identical on SQLite and PostgreSQL (SQLite's LIKE folds case for ASCII letters only),
needs no escaping of ``%`` or ``_`` and is quick for a site of a few hundred sections.
If the content grows far beyond that, replace the body of ``search_articles`` with a
full-text index; the views only rely on its return value.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from typing import NamedTuple

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import search_index
from articles.models import Article, Section
from articles.templatetags.article_tags import fill_in_emergency_number

MAX_QUERY_LENGTH = 100
SNIPPET_LENGTH = 180

# Where a word is found decides the order of results: title first, then summary, then sections.
TITLE, SUMMARY, SECTION = 0, 1, 2


class Place(NamedTuple):
    where: int
    section: Section | None = None
    section_text: str = ""


@dataclass
class SearchResult:
    article: Article
    title_html: SafeString
    snippet_html: SafeString
    section: Section | None
    rank: tuple = field(repr=False)


def clean_query(raw):
    """Return the query as searched (whitespace tidied, at most MAX_QUERY_LENGTH
    characters) and whether it had to be shortened."""
    query = " ".join(raw.replace("\x00", "").split())
    if len(query) <= MAX_QUERY_LENGTH:
        return query, False
    return query[:MAX_QUERY_LENGTH].rstrip(), True


def search_articles(query):
    """Published articles containing every word of ``query`` (in any letter case), best
    first, each with its title and a snippet highlighted."""
    query, _ = clean_query(query)
    words = list({word.lower(): word for word in query.split()})
    if not words:
        return []
    patterns = [re.compile(re.escape(word), re.IGNORECASE) for word in words]
    # Longest first, so "ice" is highlighted whole when "ic" is searched for too.
    any_word = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )

    results = []
    for article in _published_articles(words):
        sections = [(section, _section_text(section)) for section in article.sections.all()]
        places = [_best_place(pattern, article, sections) for pattern in patterns]
        if None in places:
            continue
        in_section = next((place for place in places if place.where == SECTION), None)
        results.append(
            SearchResult(
                article=article,
                title_html=highlight(article.title, any_word),
                snippet_html=_snippet(article, in_section, any_word),
                section=in_section.section if in_section else None,
                rank=(
                    sum(place.where for place in places),
                    -len(any_word.findall(article.title)),
                    article.title.lower(),
                ),
            )
        )
    return sorted(results, key=lambda result: result.rank)


def _published_articles(words):
    """Published articles that may contain every word: the index narrows them down, and
    search_articles checks each one."""
    sections = Section.objects.only("article_id", "order", "heading", "slug", "body_html")
    articles = Article.objects.published()
    candidates = search_index.candidates(words)
    if candidates is not None:
        articles = articles.filter(pk__in=candidates)
    return articles.only("title", "slug", "summary").prefetch_related(
        Prefetch("sections", queryset=sections)
    )


def _best_place(pattern, article, sections):
    """The most important Place where ``pattern`` is found, or None."""
    if pattern.search(article.title):
        return Place(TITLE)
    if pattern.search(article.summary):
        return Place(SUMMARY)
    for section, text in sections:
        if pattern.search(section.heading) or pattern.search(text):
            return Place(SECTION, section, text)
    return None


def _snippet(article, in_section, any_word):
    """The summary when every word is in the title or summary; otherwise the words
    around the first match in the section where a word was found."""
    if in_section is None:
        return highlight(article.summary, any_word)
    text = in_section.section_text
    match = any_word.search(text)
    if match is None:  # only the heading matched: show the section's opening words
        return highlight(_excerpt(text, 0, 0), any_word)
    return highlight(_excerpt(text, match.start(), match.end()), any_word)


def _excerpt(text, start, end):
    """About SNIPPET_LENGTH characters of ``text`` around text[start:end], cut at spaces."""
    margin = max((SNIPPET_LENGTH - (end - start)) // 2, 0)
    # Centred on the match, but shifted inwards near either end of the text.
    left = max(min(start - margin, len(text) - SNIPPET_LENGTH), 0)
    right = min(max(end, left + SNIPPET_LENGTH), len(text))
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "\u2026 " if left > 0 else ""
    suffix = " \u2026" if right < len(text) else ""
    return f"{prefix}{text[left:right].strip()}{suffix}"


def highlight(text, pattern):
    """Escape ``text`` and wrap every match of ``pattern`` in <mark>."""
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def _section_text(section):
    return fill_in_emergency_number(html_to_text(section.body_html))


# A tag, allowing for quoted attribute values that contain ">". Good enough because it only
# ever reads the sanitiser's own well-formed output (Section.body_html), never raw input.
_TAG = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|h3|h4|blockquote|pre|hr|td|th|tr)\b" + _TAG[1:])
_ANY_TAG = re.compile(_TAG)


def html_to_text(html):
    """The words of a piece of stored, sanitised HTML on one line. Block elements separate
    words; inline ones such as <em> do not (so "<em>warm</em>," stays "warm,")."""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub(" ", html))
    return " ".join(unescape(text).split())
