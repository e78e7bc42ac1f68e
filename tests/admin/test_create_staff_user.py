"""`manage.py create_staff_user`: a staff account in a role, for deployment."""

import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from staff.roles import EDITOR, PUBLISHER

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("create_staff_user", *args, interactive=False, stdout=out, **options)
    return out.getvalue()


def roles_of(username: str) -> list[str]:
    return list(User.objects.get(username=username).groups.values_list("name", flat=True))


def test_it_prints_a_generated_password_once_that_signs_in(client):
    out = run("ana", role="editor", email="ana@example.org")
    password = re.search(r"Password \(shown once\): (\S+)", out).group(1)
    assert client.login(username="ana", password=password)
    assert client.get("/admin/mous/mou/").status_code == 200
    user = User.objects.get(username="ana")
    assert user.is_staff and not user.is_superuser
    assert user.email == "ana@example.org"
    assert roles_of("ana") == [EDITOR]


def test_it_reads_the_password_from_a_file(tmp_path, client):
    secret = tmp_path / "password"
    secret.write_text("a-long-staff-passphrase\n")
    out = run("pat", role="publisher", password_file=str(secret))
    assert "Password" not in out
    assert client.login(username="pat", password="a-long-staff-passphrase")
    assert roles_of("pat") == [PUBLISHER]


def test_it_reads_the_password_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "another-long-passphrase")
    run("lee", role="editor")
    assert client.login(username="lee", password="another-long-passphrase")


def test_it_refuses_a_weak_password(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("123\n")
    with pytest.raises(CommandError, match="too short"):
        run("weak", role="editor", password_file=str(secret))
    assert not User.objects.filter(username="weak").exists()


def test_it_moves_an_existing_user_to_the_new_role_keeping_the_password(client):
    User.objects.create_user("sam", password="sams-own-passphrase")
    other = Group.objects.create(name="Newsletter")
    User.objects.get(username="sam").groups.add(other, Group.objects.get(name=EDITOR))
    out = run("sam", role="publisher")
    assert "Updated staff user sam (Publisher)." in out
    assert "Password" not in out
    assert sorted(roles_of("sam")) == ["Newsletter", PUBLISHER]
    assert client.login(username="sam", password="sams-own-passphrase")


def test_an_unknown_role_is_refused():
    with pytest.raises(CommandError):
        run("x", role="admin")
