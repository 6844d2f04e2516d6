"""Reading what a reader typed, and finding the published articles that answer it.

``read(query)`` turns the query into groups of alternative terms: one group per word (or per
phrase with a synonym), holding the word's own term, the terms editors listed as meaning the
same, and the placeholder a number stands for. Common words ("how", "my") are left out
unless nothing else was typed, and a long word that matches nothing is corrected to the
nearest word the articles use.

An article matches when it holds a term of any group; articles matching more groups come
first, then those where the terms weigh more (search/index.py). Counting, ranking and
paging happen in the database; only the page on show reaches Python.
"""

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.db import connection

from articles.models import Article
from search import spelling, text
from search.models import IndexedTerm, Synonym
from site_config.caching import content_version

MAX_QUERY_LENGTH = 100
# Each word is one more group to weigh, so a query of dozens of words would cost the
# database far more than any real question needs.
MAX_QUERY_WORDS = 10
# More results than anyone reads through; a bound on what a common word costs.
MOST_RESULTS = 200
# How soon more weight stops adding to a term's relevance (BM25's k1): a title mention
# (weight 20) counts for twice a section's five text mentions (weight 5).
SATURATION = 10
# Words so common that a question ("how do I ...") need not match them.
COMMON_WORDS = """
a about am an and any are as at be been but by can could did do does doing for from get
got had has have how i i'd i'm i've if in into is it it's its just me my of on or our
should so than that the their them then there these they this those to too very was we
were what when where which while who why will with would you your
"""
STOP_WORDS = frozenset(COMMON_WORDS.split())


def clean_query(raw):
    """Return the query as searched (whitespace tidied, at most MAX_QUERY_WORDS words and
    MAX_QUERY_LENGTH characters) and whether it had to be shortened."""
    words = raw.replace("\x00", "").split()
    query = " ".join(words[:MAX_QUERY_WORDS])
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH].rstrip()
    return query, len(words) > MAX_QUERY_WORDS or query != " ".join(words)


@dataclass(frozen=True)
class Group:
    """A word or phrase of the query, and the terms any of which answers it."""

    typed: str
    terms: frozenset

    @property
    def is_common(self):
        return text.fold(self.typed) in STOP_WORDS


@dataclass
class Search:
    query: str
    version: str  # of the content, when the search was read
    groups: list
    # The query with misspelt words corrected, when any were.
    corrected: str = ""
    unmatched: list = field(default_factory=list)

    @cached_property
    def matches(self):
        return Matches(self.groups, self.version)

    @cached_property
    def terms(self):
        return frozenset().union(*(group.terms for group in self.groups))

    def suggestion(self):
        """The query with each word that matched nothing replaced by the nearest word the
        articles use, or "" when there is none: for "Did you mean" when nothing is found."""
        return _replace_words(self.query, _nearest_words(self.unmatched, self.version))


def read(query, *, correct_spelling=True):
    """A Search for ``query`` (as cleaned by clean_query)."""
    version = content_version()
    groups = _groups(text.words(query), _synonyms(version))
    meaningful = [group for group in groups if not group.is_common]
    # "stretch stretches" is one thing to look for, not two.
    unique = {}
    for group in meaningful or groups:
        unique.setdefault(group.terms, group)
    groups = list(unique.values())
    known = _known_terms(frozenset().union(*(group.terms for group in groups)))
    unmatched = [group.typed for group in groups if not group.terms & known]
    corrections = {}
    if correct_spelling:
        long_words = [word for word in unmatched if len(word) >= spelling.SHORTEST_CORRECTED_WORD]
        corrections = _nearest_words(long_words, version)
        groups = [_corrected(group, corrections) for group in groups]
        unmatched = [word for word in unmatched if word not in corrections]
    return Search(
        query=query,
        version=version,
        groups=groups,
        corrected=_replace_words(query, corrections),
        unmatched=unmatched,
    )


@lru_cache(maxsize=2)
def _synonyms(version):
    """{tuple of terms people type: the terms the articles use instead}, read again whenever
    content changes (a synonym saved or deleted counts as a change: search/signals.py)."""
    found = {}
    for synonym in Synonym.objects.all():
        found.setdefault(tuple(text.terms(synonym.words)), set()).update(synonym.alternatives())
    return found


def _groups(words, synonyms):
    terms = [text.term(word) for word in words]
    longest = max((len(phrase) for phrase in synonyms), default=0)
    groups, position = [], 0
    while position < len(words):
        for length in range(min(longest, len(words) - position), 0, -1):
            alternatives = synonyms.get(tuple(terms[position : position + length]))
            if alternatives:
                break
        else:
            length, alternatives = 1, set()
        span = words[position : position + length]
        own = {terms[position], *text.placeholder_terms(span[0])} if length == 1 else set()
        groups.append(Group(typed=" ".join(span), terms=frozenset(own | alternatives)))
        position += length
    return groups


def _known_terms(terms):
    """Which of ``terms`` some article holds: one look-up in the index for each, however
    many articles hold it."""
    if not terms:
        return set()
    terms = sorted(terms)
    candidates = " UNION ALL ".join(["SELECT %s AS candidate"] * len(terms))
    table = IndexedTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT candidate FROM ({candidates}) AS candidates WHERE EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {table} WHERE term = candidate)",
            terms,
        )
        return {row[0] for row in cursor.fetchall()}


def _nearest_words(words, version):
    corrections = {}
    for word in words:
        nearest = spelling.nearest(word, version=version)
        if nearest:
            corrections[word] = nearest
    return corrections


def _corrected(group, corrections):
    correction = corrections.get(group.typed)
    if correction is None:
        return group
    return Group(typed=correction, terms=frozenset({text.term(correction)}))


def _replace_words(query, replacements):
    if not replacements:
        return ""
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(re.escape(word) for word in sorted(replacements, key=len, reverse=True))
        + r")(?![^\W_])"
    )
    return pattern.sub(lambda match: replacements[match.group()], query)


@lru_cache(maxsize=2)
def _published_count(version):
    # Counting grows with the library, and the number only changes with the content.
    return Article.objects.published().count()


class Matches:
    """The published articles matching a search, best first: sliced by a Paginator, it
    reads only the page on show.

    However common the words, at most MOST_RESULTS articles are counted and ranked: the
    articles each term weighs most in. For one word that is exactly its best MOST_RESULTS
    articles; for several, an article outside every word's best would rank below them.
    """

    def __init__(self, groups, version):
        self.groups = groups
        self._version = version
        self._terms = sorted(frozenset().union(*(group.terms for group in groups)))
        self._rows = IndexedTerm.objects.filter(term__in=self._terms)

    @cached_property
    def _count(self):
        if not self.groups:
            return 0
        return self._rows.values("article").distinct()[: MOST_RESULTS + 1].count()

    @property
    def is_capped(self):
        """Whether more articles match than are counted and ranked."""
        return self._count > MOST_RESULTS

    def count(self):
        return min(self._count, MOST_RESULTS)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            # Only pages are read; a template looking up an attribute tries this first.
            raise TypeError("Matches are read a page (a slice) at a time.")
        start, stop, _ = window.indices(MOST_RESULTS)
        if not self.groups or stop <= start:
            return []
        ids = self._ranked_ids(offset=start, limit=stop - start)
        articles = Article.objects.published().only("title", "slug", "summary").in_bulk(ids)
        return [articles[pk] for pk in ids if pk in articles]

    @cached_property
    def _rarity(self):
        """{term: how much finding it says about an article}: BM25's inverse document
        frequency, from counts of articles capped at MOST_RESULTS + 1, so that a common
        word costs a bounded look-up however many articles hold it."""
        table = IndexedTerm._meta.db_table
        capped_count = (
            f"SELECT %s, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} "  # noqa: S608
            f"WHERE term = %s LIMIT {MOST_RESULTS + 1}) AS uses)"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join([capped_count] * len(self._terms)),
                [value for term in self._terms for value in (term, term)],
            )
            uses = dict(cursor.fetchall())
        articles = _published_count(self._version)
        return {
            term: math.log(1 + (articles - count + 0.5) / (count + 0.5))
            for term, count in uses.items()
        }

    def _ranked_ids(self, *, offset, limit):
        """The ids of the articles on one page, best first.

        An article's relevance is, for each term it holds, the term's rarity times its
        weight there (which counts for less and less as it grows, as in BM25), scaled by the
        square of the share of the query's groups it answers, so that articles answering
        more of the question come first unless their words are far commoner. Written as SQL
        because this runs on every search and the ORM's expressions cost more to build than
        the database takes to answer.
        """
        table = IndexedTerm._meta.db_table
        terms = ", ".join(["%s"] * len(self._terms))
        group_of_term = " ".join(
            f"WHEN term IN ({', '.join(['%s'] * len(group.terms))}) THEN {number}"
            for number, group in enumerate(self.groups)
        )
        rarity = " ".join("WHEN %s THEN %s" for _ in self._rarity)
        matched = f"COUNT(DISTINCT CASE {group_of_term} END)"
        relevance = f"SUM(CASE term {rarity} END * weight / (weight + {SATURATION:.1f}))"
        candidates = " UNION ".join(
            f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE term = %s "  # noqa: S608
            f"ORDER BY weight DESC, article_id LIMIT {MOST_RESULTS}) AS best_{number}"
            for number in range(len(self._terms))
        )
        query = (
            f"SELECT article_id, {matched} * {matched} * {relevance} AS score, "  # noqa: S608
            f"SUM(weight) AS total_weight FROM {table} "
            f"WHERE term IN ({terms}) AND article_id IN ({candidates}) "
            "GROUP BY article_id ORDER BY score DESC, total_weight DESC, article_id "
            "LIMIT %s OFFSET %s"
        )
        group_parameters = [term for group in self.groups for term in sorted(group.terms)]
        rarity_parameters = [value for pair in self._rarity.items() for value in pair]
        parameters = [
            *group_parameters,
            *group_parameters,
            *rarity_parameters,
            *self._terms,
            *self._terms,
            limit,
            offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(query, parameters)
            return [row[0] for row in cursor.fetchall()]
