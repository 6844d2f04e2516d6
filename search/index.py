"""The search index: each published article's terms, weighted by where they appear.

A term in the title weighs most, then in a section heading, then in the summary, then in the
text; repeats count up to a cap, so a long article cannot outrank a short one by saying a
word over and over. Only published articles (never a draft or a draft copy) are indexed, so
a search never has to ask which articles a reader may see.

Signals keep the index up to date as articles and sections are saved (search/signals.py);
after changing articles in bulk some other way, run ``manage.py rebuild_search_index``.
"""

import threading
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

from django.db import connection, transaction

from articles.models import Article, Section
from search import text
from search.models import IndexedTerm, VocabularyWord


class FieldWeight(NamedTuple):
    per_use: int
    most_uses: int


TITLE = FieldWeight(per_use=20, most_uses=2)
HEADING = FieldWeight(per_use=10, most_uses=3)
SUMMARY = FieldWeight(per_use=5, most_uses=2)
BODY = FieldWeight(per_use=1, most_uses=5)
BATCH_SIZE = 500
# Indexing this many articles at once (a bulk load, a rebuild) follows a change to the index,
# and usually to the articles and sections, big enough that PostgreSQL's statistics, which
# autovacuum gathers only later (or never, where it is off), would mislead its planner: a
# question's ranking then read whole words, 10 times slower, and the page's ten articles
# were found by reading all of them.
FRESH_STATISTICS_AFTER = 100


@lru_cache(maxsize=4096)
def _body_terms(body_html):
    # Remembered, because each save of a section re-reads its siblings, and a rebuild may
    # meet the same text many times.
    return Counter(text.terms(text.html_to_text(body_html)))


def _weighed(uses):
    weighted = Counter()
    for field, counts in uses.items():
        for term, count in counts.items():
            weighted[term] += field.per_use * min(count, field.most_uses)
    return weighted


def weights(title, summary, sections):
    """{term: (weight, id of the section weighing most for it, or None)} for an article;
    ``sections`` holds (id, heading, body_html) for each section, in order."""
    uses = {
        TITLE: Counter(text.terms(title)),
        SUMMARY: Counter(text.terms(summary)),
        HEADING: Counter(),
        BODY: Counter(),
    }
    best_sections = {}
    for section_id, heading, body_html in sections:
        in_section = {HEADING: Counter(text.terms(heading)), BODY: _body_terms(body_html)}
        for field, counts in in_section.items():
            uses[field].update(counts)
        for term, weight in _weighed(in_section).items():
            if weight > best_sections.get(term, (0, None))[0]:
                best_sections[term] = (weight, section_id)
    return {
        term: (weight, best_sections.get(term, (0, None))[1])
        for term, weight in _weighed(uses).items()
    }


def vocabulary(title, summary, sections):
    parts = [title, summary]
    for _, heading, body_html in sections:
        parts += [heading, text.html_to_text(body_html)]
    return set().union(*(text.vocabulary(part) for part in parts))


def _indexable():
    return Article.objects.published()


def _sections_of(article_ids):
    rows = Section.objects.filter(article__in=article_ids).order_by("article", "order", "pk")
    sections = {}
    for article_id, *section in rows.values_list("article_id", "pk", "heading", "body_html"):
        sections.setdefault(article_id, []).append(section)
    return sections


def _add_to_vocabulary(words):
    known = set(VocabularyWord.objects.filter(word__in=words).values_list("word", flat=True))
    VocabularyWord.objects.bulk_create(
        [VocabularyWord(word=word) for word in sorted(words - known)],
        batch_size=5000,
        ignore_conflicts=True,
    )


@transaction.atomic
def reindex(article_ids):
    """Bring the terms of these articles up to date after they or their sections changed."""
    article_ids = sorted(set(article_ids))
    IndexedTerm.objects.filter(article_id__in=article_ids).delete()
    words = set()
    for start in range(0, len(article_ids), BATCH_SIZE):
        batch = article_ids[start : start + BATCH_SIZE]
        articles = _indexable().filter(pk__in=batch).only("title", "summary")
        sections = _sections_of(batch)
        rows = []
        for article in articles:
            parts = (article.title, article.summary, sections.get(article.pk, []))
            rows += [
                IndexedTerm(article_id=article.pk, term=term, weight=weight, section_id=section)
                for term, (weight, section) in weights(*parts).items()
            ]
            words |= vocabulary(*parts)
        IndexedTerm.objects.bulk_create(rows, batch_size=5000)
    _add_to_vocabulary(words)
    if len(article_ids) >= FRESH_STATISTICS_AFTER:
        _gather_statistics()


def _gather_statistics():
    # SQLite's planner chooses well here from its own assumptions, without statistics.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = [model._meta.db_table for model in (IndexedTerm, Article, Section)]
            cursor.execute(f"ANALYZE {', '.join(tables)}")


@transaction.atomic
def rebuild():
    """Index every published article afresh."""
    IndexedTerm.objects.all().delete()
    VocabularyWord.objects.all().delete()
    reindex(_indexable().values_list("pk", flat=True))


_deferred = threading.local()


def article_changed(article_id):
    """Index the article now, or at the end of the deferred() block this runs in."""
    pending = getattr(_deferred, "article_ids", None)
    if pending is None:
        reindex([article_id])
    else:
        pending.add(article_id)


@contextmanager
def deferred():
    """Index each article changed inside the block once, when it ends: for bulk loads,
    where every section saved would otherwise index its article again."""
    if getattr(_deferred, "article_ids", None) is not None:
        yield
        return
    _deferred.article_ids = set()
    try:
        yield
        changed = _deferred.article_ids
    finally:
        _deferred.article_ids = None
    reindex(changed)


def forget(article_id):
    IndexedTerm.objects.filter(article_id=article_id).delete()
