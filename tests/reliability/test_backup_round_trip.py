"""A full dumpdata (every app, staff accounts included) restores to identical data."""

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory

from mous.models import Area

# What docs/reliability.md tells operators to run. Content types and permissions
# are rebuilt by `migrate`; records refer to them by natural key.
DUMP_ARGS = ["--natural-foreign", "--natural-primary"]
DUMP_ARGS += ["--exclude", "contenttypes", "--exclude", "auth.permission"]


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", *DUMP_ARGS, format="json", indent=1, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_full_dump_restores_to_identical_data(tmp_path, client, django_user_model):
    call_command("load_transcribed_data", verbosity=0)
    editors, _ = Group.objects.get_or_create(name="Editor")  # the roles migration makes it
    editors.permissions.add(Permission.objects.get(codename="change_mou"))
    editor = django_user_model.objects.create_user(
        "editor", password="a-long-passphrase-1", is_staff=True
    )
    editor.groups.add(editors)
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})  # a lockout record
    first = dump()
    for model in ('"model": "auth.user"', '"model": "auth.group"', '"model": "axes.accessattempt"'):
        assert model in first

    call_command("flush", interactive=False, verbosity=0)
    assert not django_user_model.objects.exists()
    backup = tmp_path / "backup.json"
    backup.write_text(first)
    call_command("loaddata", str(backup), verbosity=0)

    assert dump() == first
    restored = authenticate(
        RequestFactory().get("/"), username="editor", password="a-long-passphrase-1"
    )
    assert restored is not None and restored.has_perm("mous.change_mou")
    Area.objects.create(name="New area", slug="new-area")  # sequences continue after the restore
