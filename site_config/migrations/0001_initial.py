"""The content version moves here from the articles app: same table, same row.

Only Django's record of which app owns the model changes; the table keeps its name
(articles_contentversion), so nothing is copied and the current token survives. The model's
content type moves with it, so its permissions stay attached to it.
"""

from django.db import migrations, models


def move_content_type(apps, schema_editor, source="articles", target="site_config"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=target, model="contentversion").exists():
        return
    ContentType.objects.using(db).filter(app_label=source, model="contentversion").update(
        app_label=target
    )


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="site_config", target="articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("articles", "0004_content_version"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("token", models.CharField(default="", max_length=32)),
                    ],
                    options={"db_table": "articles_contentversion"},
                ),
            ],
            # The table was made by articles.0004_content_version and stays as it is.
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
