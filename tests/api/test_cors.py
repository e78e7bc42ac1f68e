"""Partners' web pages may read the API from any origin."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = {"Origin": "https://partner.example"}


def test_any_origin_may_get(client):
    response = client.get("/api/v1/mous/", headers=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_get_with_a_token_and_conditional_headers(client):
    response = client.options(
        "/api/v1/mous/",
        headers={
            **ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, if-none-match",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "POST" not in response["Access-Control-Allow-Methods"]
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


def test_the_public_site_is_not_opened_to_other_origins(client):
    assert not client.get("/", headers=ORIGIN).has_header("Access-Control-Allow-Origin")
