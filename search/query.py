"""Reading what a reader typed, and finding the published articles that answer it.

``read(query)`` turns the query into groups of alternative terms: one group per word (or per
phrase with a synonym), holding the word's own term, the terms editors listed as meaning the
same, and the placeholder a number stands for. Common words ("how", "my") are left out
unless nothing else was typed, and a long word that matches nothing is corrected to the
nearest word the articles use.

An article matches when it holds a term of any group; search/matches.py finds and ranks
the matches.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from search import spelling, text
from search.matches import Matches, term_uses
from search.models import Synonym
from site_config.caching import content_version

MAX_QUERY_LENGTH = 100
# Each word is one more group to weigh, so a query of dozens of words would cost the
# database far more than any real question needs.
MAX_QUERY_WORDS = 10
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
    # How many articles hold each term looked up so far (term_uses).
    uses: dict = field(default_factory=dict)
    # The query with misspelt words corrected, when any were.
    corrected: str = ""
    unmatched: list = field(default_factory=list)

    @cached_property
    def matches(self):
        return Matches(self.groups, self.version, self.uses)

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
    synonyms = _synonyms(version)
    groups = _groups(text.words(query), synonyms)
    meaningful = [group for group in groups if not group.is_common]
    # "stretch stretches" is one thing to look for, not two.
    unique = {}
    for group in meaningful or groups:
        unique.setdefault(group.terms, group)
    groups = list(unique.values())
    uses = term_uses(frozenset().union(*(group.terms for group in groups)))
    unmatched = [group.typed for group in groups if not any(uses[term] for term in group.terms)]
    corrections = {}
    if correct_spelling:
        long_words = [word for word in unmatched if len(word) >= spelling.SHORTEST_CORRECTED_WORD]
        corrections = _nearest_words(long_words, version)
        groups = [_corrected(group, corrections, synonyms) for group in groups]
        unmatched = [word for word in unmatched if word not in corrections]
    return Search(
        query=query,
        version=version,
        groups=groups,
        uses=uses,
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


def _nearest_words(words, version):
    corrections = {}
    for word in words:
        nearest = spelling.nearest(word, version=version)
        if nearest:
            corrections[word] = nearest
    return corrections


def _corrected(group, corrections, synonyms):
    """The group of the word ``group.typed`` was corrected to, with that word's synonyms."""
    correction = corrections.get(group.typed)
    if correction is None:
        return group
    (corrected,) = _groups([correction], synonyms)
    return corrected


def _replace_words(query, replacements):
    if not replacements:
        return ""
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(re.escape(word) for word in sorted(replacements, key=len, reverse=True))
        + r")(?![^\W_])"
    )
    return pattern.sub(lambda match: replacements[match.group()], query)
