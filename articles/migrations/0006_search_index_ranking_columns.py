"""The search index keeps each article's title and summary apart too, to rank in SQL."""

from django.db import migrations

from articles import search_index


def rebuild_index(apps, schema_editor):
    if schema_editor.connection.vendor in search_index.CREATE_TABLE:
        search_index.rebuild(
            apps.get_model("articles", "Article"), apps.get_model("articles", "Section")
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_index")]

    # Going back leaves the newer table, which the older code reads just as well.
    operations = [migrations.RunPython(rebuild_index, migrations.RunPython.noop)]
