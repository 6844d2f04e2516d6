"""The search index: an FTS5 trigram table on SQLite, a pg_trgm GIN index on PostgreSQL."""

from django.db import migrations

from articles import search_index

SQLITE = [
    f"CREATE VIRTUAL TABLE {search_index.TABLE} USING fts5(document, tokenize = 'trigram')",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE TABLE {search_index.TABLE} (article_id bigint PRIMARY KEY, document text NOT NULL)",
    f"CREATE INDEX {search_index.TABLE}_trigram ON {search_index.TABLE} "
    "USING gin (document gin_trgm_ops)",
]


def create_index(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    if statements is None:
        return
    for statement in statements:
        schema_editor.execute(statement)
    search_index.rebuild(apps.get_model("articles", "Article"), apps.get_model("articles", "Section"))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {search_index.TABLE}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_content_version")]

    operations = [migrations.RunPython(create_index, drop_index)]
