"""The search index: an FTS5 trigram table on SQLite, a pg_trgm GIN index on PostgreSQL."""

from django.db import migrations

from articles import search_index


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor in search_index.CREATE_TABLE:
        search_index.rebuild(
            apps.get_model("articles", "Article"), apps.get_model("articles", "Section")
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in search_index.CREATE_TABLE:
        for statement in search_index.DROP_TABLE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_content_version")]

    operations = [migrations.RunPython(create_index, drop_index)]
