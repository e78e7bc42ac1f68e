"""/healthz: 200 when the database answers, 503 when it does not; never cached."""

import json

import pytest
from django.db import connection

from reliability.faults import unreachable_database


def test_it_answers_ok_when_the_database_answers(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_it_is_never_cached(db, client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


def test_it_answers_503_when_the_database_is_unreachable(db, client, tmp_path):
    with unreachable_database(tmp_path / "gone"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "unavailable"
    assert "no-store" in response["Cache-Control"]


def test_it_recovers_by_itself_when_the_database_file_comes_back(db, client, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("a server coming back is tested in test_database_recovery.py")
    missing = tmp_path / "gone"
    with unreachable_database(missing):
        assert client.get("/healthz").status_code == 503
        missing.mkdir()  # the database file can now be opened
        assert client.get("/healthz").status_code == 200
