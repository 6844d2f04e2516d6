"""Misspelt words, matched to the nearest word the articles use."""

from functools import lru_cache

from django.db.models import Count
from rapidfuzz import process
from rapidfuzz.distance import OSA

from search import text
from search.models import IndexedTerm, Synonym, VocabularyWord

# A word this long that matches nothing is corrected without asking; a shorter one is only
# suggested when nothing is found, since short words are easily mistaken for one another.
SHORTEST_CORRECTED_WORD = 5
SHORTEST_SUGGESTED_WORD = 3
CANDIDATES = 10


def most_edits(word):
    """How many letters may be wrong (an insertion, deletion, change or swap each)."""
    return 2 if len(word) >= SHORTEST_CORRECTED_WORD else 1


@lru_cache(maxsize=2)
def _vocabulary(version):
    """The words of the articles, and the words of editors' synonyms: "naproxin" is
    corrected to "naproxen", a word people type that the articles may not use."""
    words = set(VocabularyWord.objects.values_list("word", flat=True))
    for phrase in Synonym.objects.values_list("words", flat=True):
        words |= text.vocabulary(phrase)
    return tuple(sorted(words))


def nearest(word, *, version):
    """The word the articles use (as of the content ``version``) that is fewest edits from
    ``word``, or None.

    Of equally near words, the one found in the most articles wins."""
    folded = text.fold(word)
    if len(folded) < SHORTEST_SUGGESTED_WORD or not folded.isalpha():
        return None
    found = process.extract(
        folded,
        _vocabulary(version),
        scorer=OSA.distance,
        score_cutoff=most_edits(folded),
        limit=CANDIDATES,
    )
    found = [(candidate, distance) for candidate, distance, _ in found if candidate != folded]
    if not found:
        return None
    fewest = min(distance for _, distance in found)
    closest = [candidate for candidate, distance in found if distance == fewest]
    if len(closest) == 1:
        return closest[0]
    uses = dict(
        IndexedTerm.objects.filter(term__in={text.term(candidate) for candidate in closest})
        .values("term")
        .annotate(articles=Count("article"))
        .values_list("term", "articles")
    )
    return max(sorted(closest), key=lambda candidate: uses.get(text.term(candidate), 0))
