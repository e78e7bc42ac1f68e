"""Both staff roles edit an area's citations, as they do every record's (a part of the record)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_areacitation" for action in ("view", "add", "change", "delete")]


def grant(apps, schema_editor):
    alias = schema_editor.connection.alias
    create_permissions(global_apps.get_app_config("mous"), apps=apps, using=alias, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.using(alias).filter(
            content_type__app_label="mous", codename__in=CODENAMES
        )
    )
    if len(permissions) != len(CODENAMES):
        raise RuntimeError("Missing permissions for area citations.")
    for group in Group.objects.using(alias).filter(name__in=["Editor", "Publisher"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.using(schema_editor.connection.alias).filter(
        content_type__app_label="mous", codename__in=CODENAMES
    )
    for group in Group.objects.using(schema_editor.connection.alias).filter(
        name__in=["Editor", "Publisher"]
    ):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_editor_and_publisher_roles"),
        ("mous", "0007_area_citations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
