"""Editors and publishers keep the list of synonyms, as they keep the articles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_synonym" for action in ("add", "change", "delete", "view")]
GROUPS = ["Editors", "Publishers"]


def grant(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations have run,
    # so create this app's permissions now to be able to assign them.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="search", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_index_and_synonyms"),
        ("articles", "0003_editor_and_publisher_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
