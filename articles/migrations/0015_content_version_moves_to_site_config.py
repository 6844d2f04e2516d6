"""The content version is now site_config's model; its table and row stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0014_part_history_tied_to_article_version"),
        ("site_config", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            # site_config.ContentVersion uses the same table (articles_contentversion).
            database_operations=[],
        ),
    ]
