"""What the results page shows for each article on show: the title and a snippet with the
searched words highlighted, and the section that best answers the search, with its anchor.

Only the page on show is described, and of each article mostly only the sections the index
points to (at most one a searched term) are read, so the work here does not grow with the
number of matches.
"""

from collections import defaultdict
from functools import cached_property, lru_cache
from html import escape
from typing import NamedTuple

from django.db import connection
from django.utils.safestring import mark_safe

from articles.models import Section
from search import text
from search.matches import parameter_marks
from search.models import IndexedTerm
from site_config import care_routes

SNIPPET_LENGTH = 180


def describe(articles, search):
    """A SearchResult for each of ``articles`` (the ones on show).

    The index names, for each searched term an article holds, the section that says most
    about it; those few sections are read first, in one query. Only when none of them
    answers every part of the search that they answer between them are that article's
    other sections read, to find one that does. One or two queries, whatever the page.
    """
    articles = list(articles)
    if not articles:
        return []
    shown, terms = [article.pk for article in articles], sorted(search.terms)
    pointed_to = (
        f"id IN (SELECT section_id FROM {IndexedTerm._meta.db_table} "  # noqa: S608
        f"WHERE article_id IN ({parameter_marks(shown)}) AND term IN ({parameter_marks(terms)}))"
    )
    best, lacking = {}, []
    for article_id, sections in _sections(pointed_to, [*shown, *terms]).items():
        passage, answered = _best_passage(sections, search.groups)
        best[article_id] = passage
        if passage.groups != answered:
            lacking.append(article_id)
    if lacking:
        every_section = f"article_id IN ({parameter_marks(lacking)})"
        for article_id, sections in _sections(every_section, lacking).items():
            best[article_id], _ = _best_passage(sections, search.groups)
    return [SearchResult(article, search.groups, best.get(article.pk)) for article in articles]


def _sections(condition, parameters):
    """{article id: its sections meeting the SQL ``condition``, in order}.

    Written as SQL, like the ranking, because the ORM takes longer to build this query
    (its subquery most of all) than the database takes to answer it."""
    order = connection.ops.quote_name("order")
    query = (
        f"SELECT id, article_id, {order}, heading, slug, body_html "  # noqa: S608
        f"FROM {Section._meta.db_table} WHERE {condition} ORDER BY article_id, {order}, id"
    )
    found = defaultdict(list)
    for section in Section.objects.raw(query, parameters):
        found[section.article_id].append(section)
    return found


class Passage(NamedTuple):
    section: Section
    text: str  # as the reader sees it, placeholders filled in
    groups: frozenset  # the groups of the search it answers


def _answered(groups, *parts):
    # Each group's few terms are looked up in each part's terms, rather than joining the
    # parts' terms, a few hundred for a section, into one set first.
    in_parts = [_terms_of(part) for part in parts]
    return frozenset(
        group for group in groups if any(not group.terms.isdisjoint(terms) for terms in in_parts)
    )


# A section's words only change when it is saved, and the site has a few hundred sections at
# most, so each process works them out once rather than on every search that shows them.
@lru_cache(maxsize=4096)
def _terms_of(plain):
    return frozenset(text.terms(plain))


def _text_of(body_html):
    # The placeholders are filled in afresh: the numbers are settings, not content.
    return care_routes.fill_in(text.html_to_text(body_html))


def _best_passage(sections, groups):
    """The passage answering the most groups of the search, then with the most of them in
    its heading, then the first; and the groups the sections answer between them."""
    best, best_key, answered_by_any = None, None, frozenset()
    for section in sections:
        section_text = _text_of(section.body_html)
        in_heading = _answered(groups, section.heading)
        answered = in_heading | _answered(groups, section_text)
        answered_by_any |= answered
        key = (len(answered), len(in_heading))
        if best_key is None or key > best_key:
            best, best_key = Passage(section, section_text, answered), key
    return best, answered_by_any


class SearchResult:
    """An article on show, with the passage (a section and its text) that best answers the
    search, or None when only its title or summary does."""

    def __init__(self, article, groups, passage):
        self.article = article
        self._groups = groups
        self._passage = passage
        self._terms = frozenset().union(*(group.terms for group in groups))

    def __repr__(self):
        return f"<SearchResult {self.article.title!r}>"

    @cached_property
    def url(self):
        return self.article.get_absolute_url()

    @property
    def section_url(self):
        # Section.get_absolute_url's address, without reversing the article's a second time.
        return f"{self.url}#{self.section.slug}"

    @cached_property
    def title_html(self):
        return highlight(self.article.title, self._terms)

    @property
    def section(self):
        return self._passage.section if self._passage else None

    @cached_property
    def snippet_html(self):
        """The summary, when the title and summary answer all the best section does;
        otherwise the words around the first searched word in that section."""
        passage = self._passage
        if passage is None or passage.groups <= _answered(
            self._groups, self.article.title, self.article.summary
        ):
            return highlight(self.article.summary, self._terms)
        first = next(
            (
                match
                for match in text.WORD.finditer(passage.text)
                if text.term(match.group()) in self._terms
            ),
            None,
        )
        if first is None:  # only the heading matched: show the section's opening words
            return highlight(_excerpt(passage.text, 0, 0), self._terms)
        return highlight(_excerpt(passage.text, first.start(), first.end()), self._terms)


def _excerpt(plain, start, end):
    """About SNIPPET_LENGTH characters of ``plain`` around plain[start:end], cut at spaces."""
    margin = max((SNIPPET_LENGTH - (end - start)) // 2, 0)
    # Centred on the match, but shifted inwards near either end of the text.
    left = max(min(start - margin, len(plain) - SNIPPET_LENGTH), 0)
    right = min(max(end, left + SNIPPET_LENGTH), len(plain))
    if left > 0:
        space = plain.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(plain):
        space = plain.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "\u2026 " if left > 0 else ""
    suffix = " \u2026" if right < len(plain) else ""
    return f"{prefix}{plain[left:right].strip()}{suffix}"


def highlight(plain, terms):
    """Escape ``plain`` and wrap every whole word whose term is in ``terms`` in <mark>.

    The standard library's escape, which Django's wraps: the same characters, without the
    checks for lazy text that would cost more than the escaping on a page of results."""
    pieces, position = [], 0
    for match in text.WORD.finditer(plain):
        if text.term(match.group()) in terms:
            pieces.append(escape(plain[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(plain[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
