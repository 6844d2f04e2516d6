"""Search over the published articles: one entry point, ``search_articles(query)``.

An article matches when it holds every word of the query, in any letter case, in the text
a reader sees (section HTML turned back into plain text, with the emergency number filled
in). The search index (articles/search_index.py: SQLite FTS5 or PostgreSQL pg_trgm) finds
the candidates without reading every article; ranking and snippets are then worked out
here in Python, so results are identical on SQLite and PostgreSQL. Snippets are made only
for the results shown, so a common word costs a ranking, not thousands of snippets.
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
from articles.templatetags.article_tags import fill_in_emergency_number

MAX_QUERY_LENGTH = 100
SNIPPET_LENGTH = 180

# Where a word is found decides the order of results: title first, then summary, then sections.
TITLE, SUMMARY, SECTION = 0, 1, 2
SECTION_FIELDS = Section.objects.only("article_id", "order", "heading", "slug", "body_html")


class ArticleRow(NamedTuple):
    """What ranking needs of an article; cheaper to make by the thousand than an Article."""

    pk: int
    title: str
    slug: str
    summary: str


class Place(NamedTuple):
    where: int
    section: Section | None = None
    section_text: str = ""


class SearchResult:
    """One matching article. The highlighted title, the snippet and the section it comes
    from are worked out only for the results shown (see load_sections)."""

    def __init__(self, found, places, patterns, any_word):
        self._found = found  # an Article, or an ArticleRow until the result is shown
        self.rank = (
            sum(places),
            -len(any_word.findall(found.title)),
            found.title.lower(),
        )
        self._places = places
        self._patterns = patterns
        self._any_word = any_word

    def __repr__(self):
        return f"<SearchResult {self._found.title!r}>"

    @cached_property
    def article(self):
        if isinstance(self._found, Article):
            return self._found
        return Article(**self._found._asdict())

    @cached_property
    def title_html(self):
        return highlight(self.article.title, self._any_word)

    @cached_property
    def _in_section(self):
        """The Place of the first word found only in a section, or None."""
        for where, pattern in zip(self._places, self._patterns, strict=True):
            if where == SECTION:
                return _section_place(pattern, _sections_with_text(self.article))
        return None

    @property
    def section(self):
        return self._in_section.section if self._in_section else None

    @cached_property
    def snippet_html(self):
        return _snippet(self.article, self._in_section, self._any_word)


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

    candidates = search_index.candidates(words)
    published = Article.objects.published()
    if candidates is None:
        # No index on this database: read every article's sections.
        articles = published.only("title", "slug", "summary").prefetch_related(
            Prefetch("sections", queryset=SECTION_FIELDS)
        )
        found = [(article, _SectionsOf(article)) for article in articles]
    else:
        # Each candidate holds every word the index vouches for, so a word its title and
        # summary lack is in one of its sections. Other words are looked for in the text.
        unvouched = [word for word in words if not search_index.vouches_for(word)]
        rows = published.filter(pk__in=candidates).values_list("pk", "title", "slug", "summary")
        if unvouched:
            rows = rows.annotate(text=search_index.indexed_text()).values_list(
                "pk", "title", "slug", "summary", "text"
            )
        vouched = set(words) - set(unvouched)
        found = [
            (ArticleRow(*row[:4]), _IndexedText(row[4] if unvouched else None, vouched))
            for row in rows
        ]

    results = []
    for article, sections in found:
        places = [
            _where(word, pattern, article, sections)
            for word, pattern in zip(words, patterns, strict=True)
        ]
        if None not in places:
            results.append(SearchResult(article, places, patterns, any_word))
    return sorted(results, key=lambda result: result.rank)


class _SectionsOf:
    """Whether a word is in an article's sections, reading the sections themselves."""

    def __init__(self, article):
        self.article = article

    def contain(self, word, pattern):
        return _section_place(pattern, _sections_with_text(self.article)) is not None


class _IndexedText:
    """Whether a word is in an article's sections, from the search index."""

    def __init__(self, text, vouched):
        self.text = text
        self.vouched = vouched

    def contain(self, word, pattern):
        return word in self.vouched or bool(pattern.search(search_index.as_shown(self.text)))


def load_sections(results):
    """Read the sections of the results about to be shown, in one query."""
    prefetch_related_objects(
        [result.article for result in results], Prefetch("sections", queryset=SECTION_FIELDS)
    )


def _where(word, pattern, article, sections):
    """TITLE, SUMMARY or SECTION: the most important place ``pattern`` is found, or None."""
    if pattern.search(article.title):
        return TITLE
    if pattern.search(article.summary):
        return SUMMARY
    if sections.contain(word, pattern):
        return SECTION
    return None


def _sections_with_text(article):
    return [(section, _section_text(section)) for section in article.sections.all()]


def _section_place(pattern, sections):
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
