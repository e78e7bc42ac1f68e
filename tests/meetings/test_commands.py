import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from mous.models import MOU

pytestmark = pytest.mark.django_db


def test_ensure_local_admin_prints_a_password_that_logs_in(client):
    out = io.StringIO()
    call_command("ensure_local_admin", stdout=out)
    password = re.search(r"password:\s+(\S+)", out.getvalue()).group(1)
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200


def test_ensure_local_admin_creates_no_second_account():
    call_command("ensure_local_admin", stdout=io.StringIO())
    out = io.StringIO()
    call_command("ensure_local_admin", stdout=out)
    assert "password:" not in out.getvalue()
    assert get_user_model().objects.count() == 1


def test_load_if_empty_keeps_staff_edits():
    call_command("load_transcribed_data", verbosity=0)
    mou = MOU.objects.get(slug="simc-scia-mediation-arbitration-protocol")
    mou.short_title = "Edited by staff"
    mou.save()
    call_command("load_transcribed_data", if_empty=True, stdout=io.StringIO())
    mou.refresh_from_db()
    assert mou.short_title == "Edited by staff"
