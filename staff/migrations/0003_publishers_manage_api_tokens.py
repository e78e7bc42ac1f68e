"""Publishers create, view, change and revoke partners' API tokens in the admin.

The admin shows tokens through rest_framework.authtoken's TokenProxy, whose own
permissions (authtoken.*_tokenproxy) it checks. Editors get none of them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

TOKEN_PERMISSIONS = [f"{action}_tokenproxy" for action in ("view", "add", "change", "delete")]


def token_permissions(apps, alias: str) -> list:
    Permission = apps.get_model("auth", "Permission")
    found = list(
        Permission.objects.using(alias).filter(
            content_type__app_label="authtoken", codename__in=TOKEN_PERMISSIONS
        )
    )
    if len(found) != len(TOKEN_PERMISSIONS):
        raise RuntimeError("Missing permissions for API tokens.")
    return found


def grant(apps, schema_editor):
    alias = schema_editor.connection.alias
    # Permissions are normally created after migrating (post_migrate): create them first.
    config = global_apps.get_app_config("authtoken")
    create_permissions(config, apps=apps, using=alias, verbosity=0)
    Group = apps.get_model("auth", "Group")
    publisher = Group.objects.using(alias).get(name="Publisher")
    publisher.permissions.add(*token_permissions(apps, alias))


def revoke(apps, schema_editor):
    alias = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    publisher = Group.objects.using(alias).get(name="Publisher")
    publisher.permissions.remove(*token_permissions(apps, alias))


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_area_citation_permissions"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
