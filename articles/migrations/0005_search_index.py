"""The first search index: an FTS5 trigram table on SQLite, a pg_trgm GIN index on PostgreSQL.

Its SQL is written out here so that this migration always does what it did when it was
written. It only ever ran on a site with no articles yet or on sites since upgraded, and
the index it made has since been replaced (migration 0013 drops it; the search app keeps its
own), so filling it is left to nothing.
"""

from django.db import migrations

CREATE_TABLE = {
    "sqlite": [
        "CREATE VIRTUAL TABLE articles_search_index USING fts5(document, tokenize = 'trigram')",
        "CREATE TABLE articles_search_title (article_id integer PRIMARY KEY, "
        "title text NOT NULL, summary text NOT NULL)",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE TABLE articles_search_index (article_id bigint PRIMARY KEY, "
        "document text NOT NULL)",
        "CREATE INDEX articles_search_index_trigram ON articles_search_index "
        "USING gin (document gin_trgm_ops)",
        "CREATE TABLE articles_search_title (article_id bigint PRIMARY KEY, "
        "title text NOT NULL, summary text NOT NULL)",
    ],
}
DROP_TABLE = [
    "DROP TABLE IF EXISTS articles_search_index",
    "DROP TABLE IF EXISTS articles_search_title",
]


def create_index(apps, schema_editor):
    for statement in CREATE_TABLE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in CREATE_TABLE:
        for statement in DROP_TABLE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_content_version")]

    operations = [migrations.RunPython(create_index, drop_index)]
