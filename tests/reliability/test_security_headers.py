"""Every route pattern (from the URL resolver) and every error answers with the security headers."""

from django.conf import settings
from django.test import Client

from reliability.headers import check_errors, check_routes


def test_every_route_pattern_answers_with_the_security_headers(transcribed, client, admin_client):
    results = check_routes(client, admin_client)
    assert len(results) > 20
    assert [(r.pattern, r.url, r.problems) for r in results if r.problems] == []


def test_every_public_route_pattern_is_checked_on_a_real_page(transcribed, client, admin_client):
    public = check_routes(client, admin_client, only=lambda route: route.is_public)
    assert len(public) >= 11
    assert [(r.pattern, r.url, r.status) for r in public if r.status >= 400] == []


def test_error_responses_carry_the_security_headers(db, client):
    results = check_errors(client)
    assert {r.pattern: r.status for r in results} == {
        "404": 404,
        "405": 405,
        "400 bad Host": 400,
        "403 CSRF": 403,
    }
    assert [(r.pattern, r.problems) for r in results if r.problems] == []


def test_cookies_are_secure_httponly_and_same_site(db, django_user_model):
    django_user_model.objects.create_user("editor", password="a-long-passphrase-1", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    login = f"/{settings.ADMIN_URL}login/"
    client.get(login)
    token = client.cookies["csrftoken"].value
    response = client.post(
        login,
        {"username": "editor", "password": "a-long-passphrase-1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name] if name in response.cookies else client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
