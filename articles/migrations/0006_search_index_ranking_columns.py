"""Once rebuilt the first search index with a table of titles for ranking; that index has
since been replaced (migration 0013), so there is nothing left for this step to do."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_index")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
