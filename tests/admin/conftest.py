"""Staff users in each role, signed in through the admin's own login."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from staff.roles import EDITOR, PUBLISHER
from tests.factories import role_group


def staff_user(username: str, role: str | None = None, **fields) -> User:
    # No password: tests sign in with force_login, and hashing one is slow.
    user = User.objects.create_user(username, is_staff=True, **fields)
    if role:
        user.groups.add(role_group(role))
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(db) -> User:
    return staff_user("eddie", EDITOR)


@pytest.fixture
def publisher(db) -> User:
    return staff_user("pat", PUBLISHER)


@pytest.fixture
def superuser(db) -> User:
    return staff_user("root", is_superuser=True)


@pytest.fixture
def editor_client(editor) -> Client:
    return signed_in(editor)


@pytest.fixture
def publisher_client(publisher) -> Client:
    return signed_in(publisher)


@pytest.fixture
def superuser_client(superuser) -> Client:
    return signed_in(superuser)
