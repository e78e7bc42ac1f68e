"""With the database unreachable, pages and the API answer 503 (never a 500) with Retry-After."""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client

from reliability.faults import unreachable_database
from reliability.headers import header_problems
from reliability.routes import iter_routes, sample_url

RETRY_AFTER = str(settings.DATABASE_UNAVAILABLE_RETRY_AFTER)


@pytest.fixture
def public_urls(transcribed, client) -> dict[str, str]:
    """One real URL per public route pattern, found while the database is still up."""
    return {
        route.pattern: sample_url(route, lambda url: client.get(url).status_code)[0]
        for route in iter_routes()
        if route.is_public and route.pattern != "/healthz"
    }


@pytest.fixture
def no_database(tmp_path):
    with unreachable_database(tmp_path / "gone") as settings_dict:
        yield settings_dict


def test_every_public_page_answers_503_with_a_clear_page(public_urls, no_database):
    # A page that needs no database may still answer (the language switcher redirects
    # back to the page); none may fail otherwise.
    client = Client(raise_request_exception=True)
    answered = {}
    for pattern, url in public_urls.items():
        if pattern.startswith("/api/"):
            continue
        response = answered[url] = client.get(url)
        needs_no_database = {200, 302} if pattern.endswith("/i18n/setlang/") else {200}
        assert response.status_code in {503, *needs_no_database}, url
        if response.status_code != 503:
            continue
        assert response["Content-Type"].startswith("text/html"), url
        assert response["Retry-After"] == RETRY_AFTER
        assert b"Temporarily unavailable" in response.content
        assert b"Traceback" not in response.content
        assert "no-store" in response["Cache-Control"]
        assert header_problems(response) == [], url
    assert answered["/"].status_code == answered["/mous/"].status_code == 503


def test_every_api_route_answers_503_with_json(public_urls, no_database):
    api_urls = [url for pattern, url in public_urls.items() if pattern.startswith("/api/")]
    if not api_urls:
        pytest.skip("no /api/ routes in the URLconf yet")
    statuses = {}
    for url in api_urls:
        response = Client().get(url)
        statuses[url] = response.status_code
        assert response.status_code in {200, 503}, url  # the API root and schema need no data
        if response.status_code == 503:
            assert response["Retry-After"] == RETRY_AFTER
            assert "retry_after" in json.loads(response.content), url
    assert 503 in statuses.values()


def test_a_json_client_gets_json_from_a_page(public_urls, no_database):
    response = Client().get(public_urls["/mous/"], headers={"accept": "application/json"})
    assert response.status_code == 503
    assert json.loads(response.content)["retry_after"] == int(RETRY_AFTER)


def test_a_signed_in_admin_page_answers_503(transcribed, admin_user, tmp_path):
    client = Client()
    client.force_login(admin_user)
    with unreachable_database(tmp_path / "gone"):
        response = client.get(f"/{settings.ADMIN_URL}mous/mou/")
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER


def test_the_outage_is_logged_as_a_failing_request(public_urls, no_database, caplog):
    with caplog.at_level(logging.INFO, logger="sci_portal"):
        Client().get(public_urls["/mous/"])
    failed = [r for r in caplog.records if getattr(r, "event", "") == "request.failed"]
    assert [(r.levelname, r.status, r.path) for r in failed] == [("ERROR", 503, "/mous/")]
    assert any(getattr(r, "event", "") == "database.unavailable" for r in caplog.records)
