"""The audit log records publications, withdrawals and logins as structured events."""

import json
import logging

import pytest
from django.conf import settings

from meetings.models import Status
from mous.models import Area
from reliability.forms import form_fields
from tests.factories import make_area, make_mou


@pytest.fixture
def audit(caplog):
    """Audit records logged since the last call (the first call: since the test began)."""
    caplog.set_level(logging.INFO, logger="sci_portal.audit")

    def records():
        found = [r for r in caplog.records if r.name == "sci_portal.audit"]
        caplog.clear()
        return found

    return records


def test_publishing_a_record_is_logged(db, audit):
    mou = make_mou(status=Status.DRAFT)
    audit()
    mou.publish()
    mou.save()
    [record] = audit()
    assert (record.event, record.model, record.pk) == ("record.published", "mous.mou", mou.pk)
    assert (record.status_before, record.status) == ("draft", "published")


def test_unpublishing_a_record_is_logged(db, audit):
    area = make_area()
    audit()
    area.unpublish()
    area.save()
    assert [(r.event, r.model) for r in audit()] == [("record.unpublished", "mous.area")]


def test_creating_a_published_record_is_logged_as_a_publication(db, audit):
    area = make_area()
    assert [(r.event, r.pk) for r in audit()] == [("record.published", area.pk)]


def test_saving_without_a_status_change_logs_nothing(db, audit):
    mou = make_mou(status=Status.DRAFT)
    audit()
    mou.description = "Corrected."
    mou.save()
    assert audit() == []


def test_a_publication_through_the_admin_names_the_user(db, admin_client, audit):
    area = make_area(status=Status.DRAFT)
    url = f"/{settings.ADMIN_URL}mous/area/{area.pk}/change/"
    data = form_fields(admin_client.get(url).content.decode(), form_id="area_form")
    data["status"] = Status.PUBLISHED
    assert admin_client.post(url, data).status_code == 302
    assert Area.objects.get(pk=area.pk).status == Status.PUBLISHED
    [record] = audit()
    assert (record.event, record.user) == ("record.published", "admin")


def test_a_successful_login_is_logged(db, client, django_user_model, audit):
    django_user_model.objects.create_user("editor", password="a-long-passphrase-1", is_staff=True)
    client.post(
        f"/{settings.ADMIN_URL}login/", {"username": "editor", "password": "a-long-passphrase-1"}
    )
    assert [(r.event, r.user, r.ip) for r in audit()] == [
        ("login.succeeded", "editor", "127.0.0.1")
    ]


def test_events_are_written_as_json_lines(db, client, caplog):
    caplog.set_level(logging.INFO, logger="sci_portal")
    client.get("/no-such-page/")
    [record] = [r for r in caplog.records if getattr(r, "event", "") == "request.failed"]
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    line = console.formatter.format(record)
    assert "\n" not in line
    assert json.loads(line) | {"time": None, "duration_ms": None} == {
        "time": None,
        "level": "INFO",
        "logger": "sci_portal.request",
        "message": "GET /no-such-page/ 404",
        "event": "request.failed",
        "method": "GET",
        "path": "/no-such-page/",
        "query": "",
        "status": 404,
        "duration_ms": None,
        "ip": "127.0.0.1",
        "user": None,
    }
