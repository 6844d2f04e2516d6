"""What the results page shows for each article on show: the title and a snippet with the
searched words highlighted, and the section that best answers the search, with its anchor.

Only the page on show is described, and of each article only the one section the index
points to is read, so the work here does not grow with the number of matches or the length
of the articles.
"""

from collections import defaultdict
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Section
from search import text
from search.models import IndexedTerm
from site_config import care_routes

SNIPPET_LENGTH = 180


def describe(articles, search):
    """A SearchResult for each of ``articles`` (the ones on show), in two queries: which
    section best holds each searched term, and those sections."""
    articles = list(articles)
    rows = IndexedTerm.objects.filter(
        article__in=[article.pk for article in articles],
        term__in=search.terms,
        section__isnull=False,
    ).values_list("article_id", "term", "section_id")
    terms_by_section = defaultdict(set)
    sections_of_article = defaultdict(set)
    for article_id, term, section_id in rows:
        terms_by_section[section_id].add(term)
        sections_of_article[article_id].add(section_id)
    best = {}
    for article_id, section_ids in sections_of_article.items():
        # The section answering the most groups of the search; of equals, the first.
        best[article_id] = max(
            sorted(section_ids),
            key=lambda pk: sum(bool(group.terms & terms_by_section[pk]) for group in search.groups),
        )
    sections = Section.objects.only("article_id", "order", "heading", "slug", "body_html")
    sections = sections.in_bulk(best.values())
    results = []
    for article in articles:
        section = sections.get(best.get(article.pk))
        if section is not None:
            section.article = article  # its address starts with the article's
        results.append(SearchResult(article, search.groups, section))
    return results


class SearchResult:
    def __init__(self, article, groups, section):
        self.article = article
        self.section = section
        self._groups = groups
        self._terms = frozenset().union(*(group.terms for group in groups))

    def __repr__(self):
        return f"<SearchResult {self.article.title!r}>"

    @cached_property
    def title_html(self):
        return highlight(self.article.title, self._terms)

    def _answered(self, *parts):
        terms = set()
        for part in parts:
            terms.update(text.terms(part))
        return frozenset(group for group in self._groups if group.terms & terms)

    @cached_property
    def snippet_html(self):
        """The summary, when the title and summary answer all the best section does;
        otherwise the words around the first searched word in that section."""
        if self.section is None:
            return highlight(self.article.summary, self._terms)
        section_text = care_routes.fill_in(text.html_to_text(self.section.body_html))
        in_section = self._answered(self.section.heading, section_text)
        if in_section <= self._answered(self.article.title, self.article.summary):
            return highlight(self.article.summary, self._terms)
        first = next(
            (
                match
                for match in text.WORD.finditer(section_text)
                if text.term(match.group()) in self._terms
            ),
            None,
        )
        if first is None:  # only the heading matched: show the section's opening words
            return highlight(_excerpt(section_text, 0, 0), self._terms)
        return highlight(_excerpt(section_text, first.start(), first.end()), self._terms)


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
    """Escape ``plain`` and wrap every whole word whose term is in ``terms`` in <mark>."""
    pieces, position = [], 0
    for match in text.WORD.finditer(plain):
        if text.term(match.group()) in terms:
            pieces.append(escape(plain[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(plain[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
