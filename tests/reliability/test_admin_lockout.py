"""Admin login brute-force protection: the 5th failure locks that user name from that address."""

import logging

import pytest
from django.conf import settings
from django.test import Client

LOGIN = f"/{settings.ADMIN_URL}login/"
PASSWORD = "a-long-passphrase-1"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def attempt(password: str, username: str = "editor", ip: str = "203.0.113.5"):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def fail(times: int, **kwargs) -> None:
    for _ in range(times):
        attempt("wrong", **kwargs)


def test_four_failures_still_let_the_right_password_in(staff):
    fail(4)
    assert attempt(PASSWORD).status_code == 302


def test_the_fifth_failure_locks_the_user_out_with_a_clear_page(staff):
    fail(4)
    response = attempt("wrong")
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()


def test_a_locked_out_user_is_refused_even_with_the_right_password(staff):
    fail(5)
    response = attempt(PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session


def test_the_lockout_is_per_user_name_and_address(staff, django_user_model):
    django_user_model.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    fail(5)
    assert attempt(PASSWORD, ip="198.51.100.7").status_code == 302
    assert attempt(PASSWORD, username="publisher").status_code == 302


def test_failures_and_the_lockout_are_logged(staff, caplog):
    with caplog.at_level(logging.INFO, logger="sci_portal.audit"):
        fail(5)
    events = [r.event for r in caplog.records if r.name == "sci_portal.audit"]
    assert events.count("login.failed") == 5
    assert "login.locked_out" in events
    locked = next(r for r in caplog.records if getattr(r, "event", "") == "login.locked_out")
    assert (locked.attempted_username, locked.ip) == ("editor", "203.0.113.5")
