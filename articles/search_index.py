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

from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL

from articles.templatetags.article_tags import EMERGENCY_NUMBER_PLACEHOLDER

TABLE = "articles_search_index"
# A trigram index looks up words of three characters or more; shorter ones are scanned for.
SHORTEST_INDEXED_WORD = 3
NUMBER_MARK = "\t"


def document(title, summary, sections):
    """The indexed text of an article; `sections` holds (heading, body_html) pairs.

    Lower-cased, with every run of whitespace made one space and a line between the parts,
    so no searched word (which never holds whitespace) can match across two of them. The
    emergency-number placeholder becomes a tab, a character found nowhere else, so it can
    never be mistaken for a word the reader typed.
    """
    parts = [title, summary]
    for heading, body_html in sections:
        parts += [heading, _plain_text(body_html)]
    text = "\n".join(" ".join(part.split()) for part in parts).lower()
    return text.replace(EMERGENCY_NUMBER_PLACEHOLDER, NUMBER_MARK)


@lru_cache(maxsize=1024)
def _plain_text(body_html):
    # Remembered, because a rebuild may meet the same section text many times.
    from articles.search import html_to_text

    return html_to_text(body_html)


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


CREATE_TABLE = {
    "sqlite": [f"CREATE VIRTUAL TABLE {TABLE} USING fts5(document, tokenize = 'trigram')"],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE TABLE {TABLE} (article_id bigint PRIMARY KEY, document text NOT NULL)",
        f"CREATE INDEX {TABLE}_trigram ON {TABLE} USING gin (document gin_trgm_ops)",
    ],
}
DROP_TABLE = [f"DROP TABLE IF EXISTS {TABLE}"]
# The SQL below names only the constant TABLE; every value goes in as a query parameter.
SQLITE_DELETE = f"DELETE FROM {TABLE} WHERE rowid = %s"  # noqa: S608
SQLITE_INSERT = f"INSERT INTO {TABLE} (rowid, document) VALUES (%s, %s)"  # noqa: S608
POSTGRESQL_UPSERT = (
    f"INSERT INTO {TABLE} (article_id, document) VALUES (%s, %s) "  # noqa: S608
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document"
)


def _write(rows, replacing=True):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if replacing:
                cursor.executemany(SQLITE_DELETE, [(pk,) for pk, _ in rows])
            cursor.executemany(SQLITE_INSERT, rows)
        else:
            cursor.executemany(POSTGRESQL_UPSERT, rows)


def is_available():
    return connection.vendor in CREATE_TABLE


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
        # Quicker than deleting row by row, which an FTS5 table does one entry at a time.
        for statement in DROP_TABLE + CREATE_TABLE[connection.vendor]:
            cursor.execute(statement)
    articles = list((article_model or Article).objects.only("title", "summary").order_by("pk"))
    for start in range(0, len(articles), batch_size):
        _write(_documents(articles[start : start + batch_size], section_model), replacing=False)


def vouches_for(word):
    """Whether a match in the index means the word is in the text a reader sees.

    Not so for a word that could run into the emergency number, which the page shows where
    the index holds only a mark; search.py checks those words itself.
    """
    return not set(word.lower()) & set(settings.SITE_EMERGENCY_NUMBER.lower())


def indexed_text():
    """An expression for an article's indexed text, to annotate a query of articles with."""
    key = "rowid" if connection.vendor == "sqlite" else "article_id"
    query = f"SELECT document FROM {TABLE} WHERE {key} = articles_article.id"  # noqa: S608
    return RawSQL(query, [])  # noqa: S611


def as_shown(text):
    """Indexed text with the emergency number where readers see it, lower-cased."""
    return (text or "").replace(NUMBER_MARK, settings.SITE_EMERGENCY_NUMBER.lower())


def _like_pattern(word):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def candidates(words):
    """SQL for the ids of the articles that may contain every word, or None without an index.

    An article is a candidate when its text holds each word, in any letter case; for a word
    the index cannot vouch for, holding the emergency-number mark is enough.
    """
    if not is_available():
        return None
    conditions, parameters, phrases = [], [], []
    for word in sorted({word.lower() for word in words}):
        if not vouches_for(word):
            conditions.append("(document LIKE %s ESCAPE '\\' OR document LIKE %s)")
            parameters += [_like_pattern(word), f"%{NUMBER_MARK}%"]
        elif connection.vendor == "sqlite" and len(word) >= SHORTEST_INDEXED_WORD:
            phrases.append('"{}"'.format(word.replace('"', '""')))
        else:
            conditions.append("document LIKE %s ESCAPE '\\'")
            parameters.append(_like_pattern(word))
    if phrases:
        # FTS5 takes one MATCH per query: the words go in together.
        conditions.insert(0, f"{TABLE} MATCH %s")
        parameters.insert(0, " AND ".join(phrases))
    key = "rowid" if connection.vendor == "sqlite" else "article_id"
    query = f"SELECT {key} FROM {TABLE} WHERE {' AND '.join(conditions)}"  # noqa: S608
    return RawSQL(query, parameters)  # noqa: S611
