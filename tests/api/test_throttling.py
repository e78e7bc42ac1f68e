"""Anonymous reads and partner tokens are throttled at their own rates; 429 with Retry-After."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/areas/"


def statuses(client, n: int, **headers) -> list[int]:
    return [client.get(URL, headers=headers).status_code for _ in range(n)]


def test_anonymous_reads_are_throttled_per_address(client, rates):
    rates(anon="3/min")
    assert statuses(client, 4) == [200, 200, 200, 429]
    # Another address has its own allowance.
    assert client.get(URL, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_throttled_request_says_when_to_retry(client, rates):
    rates(anon="1/min")
    client.get(URL)
    response = client.get(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"]


def test_a_partner_token_gets_the_higher_rate(client, rates, partner_token):
    rates(anon="2/min", partner="5/min")
    auth = {"Authorization": f"Token {partner_token.key}"}
    assert statuses(client, 6, **auth) == [200] * 5 + [429]
    # The anonymous allowance is separate, and smaller.
    assert statuses(client, 3) == [200, 200, 429]


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, rates):
    rates(anon="1/min")
    client.get(URL)
    assert client.get(URL, headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 429


def test_the_schema_and_docs_are_throttled_too(client, rates):
    rates(anon="1/min")
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 429


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "{'anon': '60/min', 'partner': '1000/min'}"),
        (
            {"API_THROTTLE_ANON": "10/hour", "API_THROTTLE_PARTNER": "50/min"},
            "{'anon': '10/hour', 'partner': '50/min'}",
        ),
    ],
)
def test_rates_come_from_the_environment(environment, expected):
    env = {k: v for k, v in os.environ.items() if not k.startswith("API_THROTTLE")}
    code = (
        "from django.conf import settings; print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'])"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code],
        env={
            **env,
            **environment,
            "DJANGO_SETTINGS_MODULE": "sci_portal.settings",
            # Test settings (no SECRET_KEY needed), whether or not pytest runs under `make test`.
            "SCI_PORTAL_TESTING": "1",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected
