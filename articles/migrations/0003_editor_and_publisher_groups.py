from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ["article", "section", "source", "topic"]
EDITOR_CODENAMES = [
    *(f"{action}_{model}" for model in CONTENT_MODELS for action in ("add", "change", "view")),
    # Removing a section or source is part of editing an article's text.
    "delete_section",
    "delete_source",
]
PUBLISHER_CODENAMES = [*EDITOR_CODENAMES, "publish_article"]
GROUPS = {"Editors": EDITOR_CODENAMES, "Publishers": PUBLISHER_CODENAMES}


def create_groups(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations have run,
    # so create this app's permissions now to be able to assign them.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_version_and_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
