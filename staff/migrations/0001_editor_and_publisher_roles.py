"""The two staff roles, as groups.

Editor: view, add and change every record and its parts; may remove a record's
parts (a signatory, a citation, a milestone…) while editing it, but may not
delete a record or publish one.
Publisher: everything an Editor may do, and delete, publish and unpublish.

Permissions are normally created after migrating (post_migrate), so they are
created here first. A model added later needs a migration that grants it.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PORTAL_APPS = ["meetings", "mous", "projects"]

# Records: deleting one, publishing it or taking it down is the Publisher's call.
RECORDS = {
    "meetings": ["source", "meeting"],
    "mous": ["area", "party", "mou"],
    "projects": ["project"],
}
# Parts of a record, edited through the record's form.
PARTS = {
    "meetings": ["cochair", "meetingcitation"],
    "mous": ["partycitation", "signatory", "moucitation"],
    "projects": ["projectpartner", "milestone", "projectcitation"],
}
PUBLISHABLE = {
    "meetings": ["meeting"],
    "mous": ["area", "party", "mou"],
    "projects": ["project"],
}


def codenames(app_label: str) -> tuple[set[str], set[str]]:
    edit = set()
    for model in RECORDS[app_label]:
        edit |= {f"view_{model}", f"add_{model}", f"change_{model}"}
    for model in PARTS[app_label]:
        edit |= {f"view_{model}", f"add_{model}", f"change_{model}", f"delete_{model}"}
    publish = {f"delete_{model}" for model in RECORDS[app_label]}
    publish |= {f"publish_{model}" for model in PUBLISHABLE[app_label]}
    return edit, publish


def create_roles(apps, schema_editor):
    alias = schema_editor.connection.alias
    for label in PORTAL_APPS:
        create_permissions(global_apps.get_app_config(label), apps=apps, using=alias, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.using(alias).get_or_create(name="Editor")
    publisher, _ = Group.objects.using(alias).get_or_create(name="Publisher")
    for label in PORTAL_APPS:
        edit, publish = codenames(label)
        in_app = Permission.objects.using(alias).filter(content_type__app_label=label)
        edit_perms = list(in_app.filter(codename__in=edit))
        publish_perms = list(in_app.filter(codename__in=publish))
        if len(edit_perms) != len(edit) or len(publish_perms) != len(publish):
            raise RuntimeError(f"Missing permissions for the staff roles in {label}.")
        editor.permissions.add(*edit_perms)
        publisher.permissions.add(*edit_perms, *publish_perms)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=["Editor", "Publisher"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0002_change_history_and_publish_permission"),
        ("mous", "0002_change_history_and_publish_permission"),
        ("projects", "0002_change_history_and_publish_permission"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
