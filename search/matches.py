"""The published articles a search finds, best first, counted and ranked in the database:
only the ranked ids and the page on show reach Python."""

import math
from functools import cached_property, lru_cache

from django.db import connection

from articles.models import Article
from search import text
from search.models import IndexedTerm

# More results than anyone reads through; a bound on what a common word costs.
MOST_RESULTS = 200
# How soon more weight stops adding to a term's relevance (BM25's k1): a title mention
# (weight 20) counts for twice a section's five text mentions (weight 5).
SATURATION = 10


@lru_cache(maxsize=2)
def _published_count(version):
    # Counting grows with the library, and the number only changes with the content.
    return Article.objects.published().count()


def parameter_marks(values):
    """A parameter placeholder for each of ``values``, for an SQL ``IN (...)`` list."""
    return ", ".join(["%s"] * len(values))


def term_uses(terms):
    """{term: how many articles hold it, counted up to MOST_RESULTS + 1}, in one query: a
    common word costs a bounded look-up however many articles hold it."""
    if not terms:
        return {}
    terms = sorted(terms)
    table = IndexedTerm._meta.db_table
    capped_count = (
        f"SELECT %s, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} "  # noqa: S608
        f"WHERE term = %s LIMIT {MOST_RESULTS + 1}) AS uses)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join([capped_count] * len(terms)),
            [value for term in terms for value in (term, term)],
        )
        return dict(cursor.fetchall())


class Matches:
    """The published articles matching a search, best first: sliced by a Paginator, it
    reads only the articles on the page on show.

    However common the words, at most MOST_RESULTS articles are counted and ranked: the
    articles each term weighs most in. For one word that is exactly its best MOST_RESULTS
    articles; for several, an article outside every word's best would rank below them.
    """

    def __init__(self, groups, version, uses=None):
        """``uses`` holds term_uses() of terms already counted, so none is counted twice."""
        self.groups = groups
        self._version = version
        self._uses = uses or {}
        self._terms = sorted(frozenset().union(*(group.terms for group in groups)))

    @cached_property
    def _ranked(self):
        """The ids of the best MOST_RESULTS articles and one more, if there are more: every
        page and the count come from this one statement."""
        return self._ranked_ids(limit=MOST_RESULTS + 1) if self.groups else []

    @property
    def is_capped(self):
        """Whether more articles match than are counted and ranked."""
        # A term held by more than MOST_RESULTS articles offers only its best as candidates.
        return len(self._ranked) > MOST_RESULTS or any(
            self._uses_of[term] > MOST_RESULTS for term in self._terms
        )

    def count(self):
        return min(len(self._ranked), MOST_RESULTS)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            # Only pages are read; a template looking up an attribute tries this first.
            raise TypeError("Matches are read a page (a slice) at a time.")
        start, stop, _ = window.indices(MOST_RESULTS)
        ids = self._ranked[start:stop]
        if not ids:
            return []
        # Without the articles' default ordering, which would join their topics to sort.
        shown = Article.objects.published().filter(pk__in=ids).order_by()
        articles = {article.pk: article for article in shown.only("title", "slug", "summary")}
        return [articles[pk] for pk in ids if pk in articles]

    @cached_property
    def _uses_of(self):
        """{term: how many articles hold it}, as term_uses() counts them."""
        known = self._uses.keys() & set(self._terms)
        uses = {term: self._uses[term] for term in known}
        uses.update(term_uses(set(self._terms) - known))
        return uses

    @cached_property
    def _rarity(self):
        """{term: how much finding it says about an article}: BM25's inverse document
        frequency, from the capped counts of articles holding each term.

        An alternative editors listed for a word counts as no rarer than the word itself,
        when the articles use that word: otherwise an article that often says "GP" would
        come before the article about seeing a doctor, for a reader who typed "doctor"."""
        articles = _published_count(self._version)
        rarity = {
            term: math.log(1 + (articles - count + 0.5) / (count + 0.5))
            for term, count in self._uses_of.items()
        }
        capped = {}
        for group in self.groups:
            typed = text.term(group.typed)
            ceiling = rarity[typed] if self._uses_of.get(typed) else math.inf
            for term in group.terms:
                capped[term] = max(capped.get(term, 0), min(rarity[term], ceiling))
        return capped

    def _ranked_ids(self, *, limit):
        """The ids of the best ``limit`` articles, best first.

        An article's relevance is, for each term it holds, the term's rarity times its
        weight there (which counts for less and less as it grows, as in BM25), scaled by the
        square of the share of the query's groups it answers, so that articles answering
        more of the question come first unless their words are far commoner. Written as SQL
        because this runs on every search and the ORM's expressions cost more to build than
        the database takes to answer.
        """
        table = IndexedTerm._meta.db_table
        terms = parameter_marks(self._terms)
        # Whether an article answers a group is whether the group's terms weigh anything in
        # it: one sum a group, where counting the distinct groups would need a sort.
        weight_in_group = ", ".join(
            f"SUM(CASE WHEN term IN ({parameter_marks(group.terms)}) THEN weight END) "
            f"AS weight_{number}"
            for number, group in enumerate(self.groups)
        )
        matched = " + ".join(
            f"CASE WHEN weight_{number} IS NULL THEN 0 ELSE 1 END"
            for number in range(len(self.groups))
        )
        rarity = " ".join("WHEN %s THEN %s" for _ in self._rarity)
        relevance = f"SUM(CASE term {rarity} END * weight / (weight + {SATURATION:.1f}))"
        candidates = " UNION ".join(
            f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE term = %s "  # noqa: S608
            f"ORDER BY weight DESC, article_id LIMIT {MOST_RESULTS}) AS best_{number}"
            for number in range(len(self._terms))
        )
        query = (
            f"SELECT article_id FROM (SELECT article_id, relevance, total_weight, "  # noqa: S608
            f"{matched} AS matched FROM (SELECT article_id, {weight_in_group}, "
            f"{relevance} AS relevance, SUM(weight) AS total_weight FROM {table} "
            f"WHERE term IN ({terms}) AND article_id IN ({candidates}) "
            "GROUP BY article_id) AS weighed) AS scored "
            "ORDER BY matched * matched * relevance DESC, total_weight DESC, article_id LIMIT %s"
        )
        parameters = [
            *(term for group in self.groups for term in sorted(group.terms)),
            *(value for pair in self._rarity.items() for value in pair),
            *self._terms,
            *self._terms,
            limit,
        ]
        with connection.cursor() as cursor:
            cursor.execute(query, parameters)
            return [row[0] for row in cursor.fetchall()]
