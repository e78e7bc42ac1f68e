"""A mistyped API URL gets a JSON 404 like the API's own, never the site's HTML page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/-3/",
        "/api/v1/meetings/third/",
        "/api/v1/mous/caf%C3%A9/",
        "/api/v1/mous/a%0Ab/",
        "/api/v1/treaties/",
        "/api/v2/mous/",
    ],
)
def test_it_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_missing_slash_still_redirects(client):
    response = client.get("/api/v1/mous")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/mous/"
