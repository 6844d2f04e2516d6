"""The search index: which articles hold every word of a search, and in what order, in SQL.

SQLite keeps it in an FTS5 table with the trigram tokenizer; PostgreSQL in a plain table
with a pg_trgm GIN index, queried with LIKE. Both find exactly the articles whose text
contains each word, whatever the letter case, and rank them with the same SQL, so results
are the same on both databases. Matching, counting, ranking and paging all happen in the
database: only the page on show reaches Python, though a common word still means ranking
every article that holds it.

The index holds one row per article: all its text (title, summary, section headings and
section text) as one document, lower-cased; a second table holds the lower-cased title and
summary alone, for ranking. Signals keep both up to date (articles/signals.py); after
bulk changes, call rebuild().
"""

from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL

from site_config.care_routes import EMERGENCY_NUMBER_PLACEHOLDER

TABLE = "articles_search_index"
# A trigram index looks up words of three characters or more; shorter ones are scanned for.
SHORTEST_INDEXED_WORD = 3
NUMBER_MARK = "\t"
# Ranking: where each word is found (title 0, summary 1, sections 2, summed over the words),
# then how often the words appear in the title. A title is far shorter than this.
PLACE_WEIGHT = 1000
LAST_RANK = 10**9


def entry(title, summary, sections):
    """The indexed row of an article, (document, title, summary); `sections` holds
    (heading, body_html) pairs.

    Each part is lower-cased, with every run of whitespace made one space, and the document
    puts a line between the parts so that no searched word (which never holds whitespace)
    can match across two of them. The emergency-number placeholder becomes a tab, a
    character found nowhere else, so it can never be mistaken for a word the reader typed.
    """
    parts = [title, summary]
    for heading, body_html in sections:
        parts += [heading, _plain_text(body_html)]
    tidied = [
        " ".join(part.split()).lower().replace(EMERGENCY_NUMBER_PLACEHOLDER, NUMBER_MARK)
        for part in parts
    ]
    return "\n".join(tidied), tidied[0], tidied[1]


@lru_cache(maxsize=1024)
def _plain_text(body_html):
    # Remembered, because a rebuild may meet the same section text many times.
    from articles.search import html_to_text

    return html_to_text(body_html)


def _entries(articles, section_model=None):
    """(id, document, title, summary) for each article, reading its sections in one query."""
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
        (article.pk, *entry(article.title, article.summary, sections.get(article.pk, [])))
        for article in articles
    ]


TITLES = "articles_search_title"
CREATE_TABLE = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(document, tokenize = 'trigram')",
        f"CREATE TABLE {TITLES} (article_id integer PRIMARY KEY, title text NOT NULL, "
        "summary text NOT NULL)",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE TABLE {TABLE} (article_id bigint PRIMARY KEY, document text NOT NULL)",
        f"CREATE INDEX {TABLE}_trigram ON {TABLE} USING gin (document gin_trgm_ops)",
        f"CREATE TABLE {TITLES} (article_id bigint PRIMARY KEY, title text NOT NULL, "
        "summary text NOT NULL)",
    ],
}
DROP_TABLE = [f"DROP TABLE IF EXISTS {TABLE}", f"DROP TABLE IF EXISTS {TITLES}"]
# The SQL in this module names only constants; every value goes in as a query parameter.
SQLITE_DELETE = f"DELETE FROM {TABLE} WHERE rowid = %s"  # noqa: S608
SQLITE_INSERT = f"INSERT INTO {TABLE} (rowid, document) VALUES (%s, %s)"  # noqa: S608
POSTGRESQL_UPSERT = (
    f"INSERT INTO {TABLE} (article_id, document) VALUES (%s, %s) "  # noqa: S608
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document"
)
# The titles and summaries that ranking reads sit in a small table of their own, so ranking
# thousands of matches never has to load their whole documents.
TITLES_UPSERT = (
    f"INSERT INTO {TITLES} (article_id, title, summary) VALUES (%s, %s, %s) "  # noqa: S608
    "ON CONFLICT (article_id) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary"
)


def _key():
    return "rowid" if connection.vendor == "sqlite" else "article_id"


def _write(rows, replacing=True):
    documents = [(pk, document) for pk, document, _, _ in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if replacing:
                cursor.executemany(SQLITE_DELETE, [(pk,) for pk, _ in documents])
            cursor.executemany(SQLITE_INSERT, documents)
        else:
            cursor.executemany(POSTGRESQL_UPSERT, documents)
        cursor.executemany(TITLES_UPSERT, [(pk, title, summary) for pk, _, title, summary in rows])


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
        _write(_entries([article]))


def remove(article_id):
    if not is_available():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE {_key()} = %s", [article_id])  # noqa: S608
        cursor.execute(f"DELETE FROM {TITLES} WHERE article_id = %s", [article_id])  # noqa: S608


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
        _write(_entries(articles[start : start + batch_size], section_model), replacing=False)


def _vouches_for(word):
    """Whether finding the word in the indexed text means the reader sees it there.

    Not so for a word that could run into the emergency number, which the page shows where
    the index holds only a mark: those are matched against the text with the number put back.
    """
    return not set(word) & set(settings.SITE_EMERGENCY_NUMBER.lower())


def _like_pattern(word):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _as_shown(column, word):
    """SQL for `column` as the reader sees it, where that matters for `word`."""
    if _vouches_for(word):
        return column, []
    return f"REPLACE({column}, %s, %s)", [NUMBER_MARK, settings.SITE_EMERGENCY_NUMBER.lower()]


def _contains(column, word):
    text, parameters = _as_shown(column, word)
    return f"{text} LIKE %s ESCAPE '\\'", [*parameters, _like_pattern(word)]


def _lowered(words):
    return sorted({word.lower() for word in words})


def matching(words):
    """SQL for the ids of the articles whose text holds every word, in any letter case."""
    conditions, parameters, phrases = [], [], []
    for word in _lowered(words):
        if (
            connection.vendor == "sqlite"
            and _vouches_for(word)
            and len(word) >= SHORTEST_INDEXED_WORD
        ):
            phrases.append('"{}"'.format(word.replace('"', '""')))
        else:
            condition, condition_parameters = _contains("document", word)
            conditions.append(condition)
            parameters += condition_parameters
    if phrases:
        # FTS5 takes one MATCH per query: the words go in together.
        conditions.insert(0, f"{TABLE} MATCH %s")
        parameters.insert(0, " AND ".join(phrases))
    query = f"SELECT {_key()} FROM {TABLE} WHERE {' AND '.join(conditions)}"  # noqa: S608
    return RawSQL(query, parameters)  # noqa: S611


def rank(words):
    """An expression to order a query of matching articles by, best first (lowest).

    For each word: 0 when the title holds it, 1 when the summary does, 2 otherwise; summed,
    then less the number of times the words appear in the title.
    """
    places, hits, parameters, hit_parameters = [], [], [], []
    for word in _lowered(words):
        in_title, title_parameters = _contains("title", word)
        in_summary, summary_parameters = _contains("summary", word)
        places.append(f"CASE WHEN {in_title} THEN 0 WHEN {in_summary} THEN 1 ELSE 2 END")
        parameters += title_parameters + summary_parameters
        title, shown_parameters = _as_shown("title", word)
        # The length goes in as a literal, so both databases divide whole numbers.
        hits.append(f"(LENGTH({title}) - LENGTH(REPLACE({title}, %s, ''))) / {len(word)}")
        hit_parameters += [*shown_parameters, *shown_parameters, word]
    score = f"({' + '.join(places)}) * {PLACE_WEIGHT} - ({' + '.join(hits)})"
    # An article with no row here yet (saved by an instance still running older code
    # during a deploy) comes last rather than first, the same on both databases.
    return _of_each_article(score, parameters + hit_parameters, missing=str(LAST_RANK))


def sort_title():
    """An expression for the article's title as the index holds it, to break ties with.

    Lower-cased in Python and compared character by character (the "C" collation on
    PostgreSQL, SQLite's own), so titles sort the same way on both databases."""
    title = "title" if connection.vendor == "sqlite" else 'title COLLATE "C"'
    return _of_each_article(title, [], missing="''")


def _of_each_article(expression, parameters, missing):
    query = f"SELECT {expression} FROM {TITLES} WHERE article_id = articles_article.id"  # noqa: S608
    return RawSQL(f"COALESCE(({query}), {missing})", parameters)  # noqa: S611
