"""A substring index over the text search reads, so a search only opens articles that can match.

SQLite keeps it in an FTS5 table with the trigram tokenizer; PostgreSQL in a plain table
with a pg_trgm GIN index, queried with LIKE. Both find every article whose text contains
each word, whatever the letter case. The index only narrows the candidates: search.py
still checks each candidate exactly as it always has, so the results are the same on both
databases, and the same as a search without the index.

The index holds one row per article: its title, summary, section headings and section
text, lower-cased. Signals keep it up to date (articles/signals.py); after bulk changes,
call rebuild().
"""

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL

TABLE = "articles_search_index"
# A trigram index can only look up words of three characters or more.
SHORTEST_INDEXED_WORD = 3


def document(title, summary, sections):
    """The indexed text of an article; `sections` holds (heading, body_html) pairs."""
    from articles.search import html_to_text

    parts = [title, summary]
    for heading, body_html in sections:
        parts += [heading, html_to_text(body_html)]
    return "\n".join(parts).lower()


def _documents(articles, section_model=None):
    """(id, document) for each article, reading its sections in one query per batch."""
    from articles.models import Section

    sections = {}
    rows = (section_model or Section).objects.filter(
        article__in=[article.pk for article in articles]
    )
    for article_id, heading, body_html in rows.order_by("article", "order", "pk").values_list(
        "article_id", "heading", "body_html"
    ):
        sections.setdefault(article_id, []).append((heading, body_html))
    return [
        (article.pk, document(article.title, article.summary, sections.get(article.pk, [])))
        for article in articles
    ]


# The SQL below names only the constant TABLE; every value goes in as a query parameter.
SQLITE_DELETE = f"DELETE FROM {TABLE} WHERE rowid = %s"  # noqa: S608
SQLITE_INSERT = f"INSERT INTO {TABLE} (rowid, document) VALUES (%s, %s)"  # noqa: S608
POSTGRESQL_UPSERT = (
    f"INSERT INTO {TABLE} (article_id, document) VALUES (%s, %s) "  # noqa: S608
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document"
)


def _write(rows):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(SQLITE_DELETE, [(pk,) for pk, _ in rows])
            cursor.executemany(SQLITE_INSERT, rows)
        else:
            cursor.executemany(POSTGRESQL_UPSERT, rows)


def is_available():
    return connection.vendor in ("sqlite", "postgresql")


def reindex(article_id):
    """Bring one article's row up to date after it or one of its sections changed."""
    from articles.models import Article

    if not is_available():
        return
    article = Article.objects.filter(pk=article_id).only("title", "summary").first()
    if article is None:
        remove(article_id)
    else:
        _write(_documents([article]))


def remove(article_id):
    if not is_available():
        return
    key = "rowid" if connection.vendor == "sqlite" else "article_id"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE {key} = %s", [article_id])  # noqa: S608


def rebuild(article_model=None, section_model=None, batch_size=500):
    """Index every article afresh, for example after a bulk load.

    A migration passes its own historical models.
    """
    from articles.models import Article

    if not is_available():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    articles = list((article_model or Article).objects.only("title", "summary").order_by("pk"))
    for start in range(0, len(articles), batch_size):
        _write(_documents(articles[start : start + batch_size], section_model))


def _indexable(word):
    # The page shows the emergency number where the text has a placeholder, but the index
    # holds the placeholder; a word that could run into the number is left to search.py.
    number = settings.SITE_EMERGENCY_NUMBER.lower()
    return len(word) >= SHORTEST_INDEXED_WORD and not set(word) & set(number)


def _like_pattern(word):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def candidates(words):
    """SQL for the ids of articles whose text may contain every word, or None to search all.

    Words the index cannot look up (too short, or touching the emergency number) are not
    used to narrow the search; search.py checks them on every candidate.
    """
    words = sorted({word.lower() for word in words if _indexable(word.lower())})
    if not words or not is_available():
        return None
    if connection.vendor == "sqlite":
        expression = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in words)
        query = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"  # noqa: S608
        return RawSQL(query, [expression])  # noqa: S611
    condition = " AND ".join(["document LIKE %s"] * len(words))
    return RawSQL(  # noqa: S611
        f"SELECT article_id FROM {TABLE} WHERE {condition}",  # noqa: S608
        [_like_pattern(word) for word in words],
    )
