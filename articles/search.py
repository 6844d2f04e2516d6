"""Search over the published articles: ``search_articles(query)`` finds and ranks them,
``describe(articles, query)`` prepares the ones on show.

An article matches when it holds every word of the query, in any letter case, in the text
a reader sees (section HTML turned back into plain text, with the emergency number filled
in). Matching, ranking, counting and paging happen in the database, through the search
index (articles/search_index.py: SQLite FTS5 or PostgreSQL pg_trgm), the same way on both.
Highlighted titles and snippets are made here, only for the results on show.
"""

import re
from functools import cached_property
from html import unescape
from typing import NamedTuple

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import search_index
from articles.models import Article, Section
from site_config import care_routes

MAX_QUERY_LENGTH = 100
# Each word is one more pass over the matches, so a query of dozens of one-letter words
# would cost the database far more than any real question needs.
MAX_QUERY_WORDS = 10
MARKED_WORD_LENGTH = 3
SNIPPET_LENGTH = 180
SECTION_FIELDS = Section.objects.only("article_id", "order", "heading", "slug", "body_html")


def clean_query(raw):
    """Return the query as searched (whitespace tidied, at most MAX_QUERY_WORDS words and
    MAX_QUERY_LENGTH characters) and whether it had to be shortened."""
    words = raw.replace("\x00", "").split()
    query = " ".join(words[:MAX_QUERY_WORDS])
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH].rstrip()
    return query, len(words) > MAX_QUERY_WORDS or query != " ".join(words)


def _words(query):
    query, _ = clean_query(query)
    return list(dict.fromkeys(word.lower() for word in query.split()))


def search_articles(query):
    """Published articles containing every word of ``query`` (in any letter case), best
    first: words in the title count most, then in the summary, then in the sections.

    A lazy QuerySet: a page of results takes two queries, a count and the page, and only
    that page's rows leave the database.
    """
    words = _words(query)
    if not words:
        return Article.objects.none()
    return (
        Article.objects.published()
        .filter(pk__in=search_index.matching(words))
        .annotate(search_rank=search_index.rank(words), search_title=search_index.sort_title())
        .order_by("search_rank", "search_title", "pk")
        .only("title", "slug", "summary")
    )


def describe(articles, query):
    """A SearchResult for each of ``articles`` (the ones on show), reading their sections
    in one query."""
    articles = list(articles)
    prefetch_related_objects(articles, Prefetch("sections", queryset=SECTION_FIELDS))
    words = _words(query)
    patterns = [re.compile(re.escape(word), re.IGNORECASE) for word in words]
    # Marking every "a" or "or" would bury the words that matter, so short words are marked
    # only when the query has nothing longer.
    marked = [word for word in words if len(word) >= MARKED_WORD_LENGTH] or words
    # Longest first, so "ice" is highlighted whole when "ic" is searched for too.
    any_word = re.compile(
        "|".join(re.escape(word) for word in sorted(marked, key=len, reverse=True)), re.IGNORECASE
    )
    return [SearchResult(article, patterns, any_word) for article in articles]


class SearchResult:
    """One matching article on show: its title highlighted, a snippet, and the section the
    snippet comes from when a word is found only in the sections."""

    def __init__(self, article, patterns, any_word):
        self.article = article
        self._patterns = patterns
        self._any_word = any_word

    def __repr__(self):
        return f"<SearchResult {self.article.title!r}>"

    @cached_property
    def title_html(self):
        return highlight(self.article.title, self._any_word)

    @cached_property
    def _in_section(self):
        """The Place of the first word found only in a section, or None."""
        for pattern in self._patterns:
            if not (pattern.search(self.article.title) or pattern.search(self.article.summary)):
                return _section_place(pattern, _sections_with_text(self.article))
        return None

    @property
    def section(self):
        return self._in_section.section if self._in_section else None

    @cached_property
    def snippet_html(self):
        return _snippet(self.article, self._in_section, self._any_word)


class Place(NamedTuple):
    section: Section
    section_text: str
    pattern: re.Pattern  # the word found there


def _sections_with_text(article):
    return [(section, _section_text(section)) for section in article.sections.all()]


def _section_place(pattern, sections):
    for section, text in sections:
        if pattern.search(section.heading) or pattern.search(text):
            return Place(section, text, pattern)
    return None


def _snippet(article, in_section, any_word):
    """The summary when every word is in the title or summary; otherwise the words
    around the first match in the section where a word was found."""
    if in_section is None:
        return highlight(article.summary, any_word)
    text = in_section.section_text
    # The word that led here, when it is too short to be marked.
    match = any_word.search(text) or in_section.pattern.search(text)
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
    return care_routes.fill_in(html_to_text(section.body_html))


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
