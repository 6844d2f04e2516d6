"""The first search index (migration 0005) is replaced by the search app's own tables."""

from django.db import migrations

DROP_TABLE = [
    "DROP TABLE IF EXISTS articles_search_index",
    "DROP TABLE IF EXISTS articles_search_title",
]


def drop_index(apps, schema_editor):
    for statement in DROP_TABLE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_source_url_http_or_https")]

    # Going back leaves no first index; `manage.py rebuild_search_index` on older code
    # makes it again.
    operations = [migrations.RunPython(drop_index, migrations.RunPython.noop)]
