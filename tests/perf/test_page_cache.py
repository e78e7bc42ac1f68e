"""Which requests and responses the page cache serves and stores (local-memory cache)."""

import pytest
from django.contrib.auth.models import User

from tests.factories import make_mou

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache is off by default under tests; these tests are about it."""
    settings.CACHE_MIDDLEWARE_SECONDS = 600


@pytest.fixture
def mous():
    return [make_mou() for _ in range(3)]


def test_a_repeated_anonymous_request_is_answered_from_the_cache(
    client, mous, django_assert_num_queries
):
    first = client.get("/mous/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/mous/")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content


def test_the_query_string_is_part_of_the_key(client, mous):
    client.get("/mous/?page=1")
    assert client.get("/mous/?page=1")["X-Cache"] == "hit"
    assert client.get("/mous/")["X-Cache"] == "miss"
    assert client.get("/mous/?page=1&x=2")["X-Cache"] == "miss"


def test_content_negotiation_and_language_are_part_of_the_key(client, mous):
    client.get("/mous/", headers={"Accept-Language": "zh-hans"})
    assert client.get("/mous/", headers={"Accept-Language": "zh-hans"})["X-Cache"] == "hit"
    assert client.get("/mous/", headers={"Accept-Language": "en"})["X-Cache"] == "miss"
    assert client.get("/mous/", headers={"Accept": "application/json"})["X-Cache"] == "miss"


def test_a_signed_in_user_is_never_served_or_stored(client, mous, django_assert_max_num_queries):
    client.get("/mous/")  # an anonymous copy exists
    client.force_login(User.objects.create_user("staff", password="x" * 12))
    response = client.get("/mous/")
    assert "X-Cache" not in response
    assert response.context["user"].is_authenticated
    client.logout()
    client.cookies.clear()
    assert client.get("/mous/")["X-Cache"] == "hit"  # the signed-in page was not stored


def test_a_signed_in_users_page_does_not_reach_anonymous_visitors(client, mous):
    client.force_login(User.objects.create_user("staff", password="x" * 12))
    client.get("/mous/")
    client.logout()
    client.cookies.clear()
    assert client.get("/mous/")["X-Cache"] == "miss"


def test_requests_with_cookies_or_credentials_bypass_the_cache(client, mous):
    client.get("/mous/")
    assert "X-Cache" not in client.get("/mous/", headers={"Cookie": "csrftoken=abc"})
    assert "X-Cache" not in client.get("/mous/", headers={"Authorization": "Token abc"})


def test_other_methods_are_not_cached(client, mous):
    client.post("/")
    assert client.get("/")["X-Cache"] == "miss"


def test_errors_are_not_cached(client):
    client.get("/mous/no-such-mou/")
    assert "X-Cache" not in client.get("/mous/no-such-mou/")


@pytest.mark.urls("tests.perf.urls")
@pytest.mark.parametrize(
    "url", ["/test/private/", "/test/no-store/", "/test/sets-cookie/", "/test/varies/"]
)
def test_private_no_store_cookie_setting_and_oddly_varying_responses_are_not_stored(client, url):
    client.get(url)
    client.cookies.clear()
    assert "X-Cache" not in client.get(url)


def test_it_can_be_turned_off(client, mous, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 0
    client.get("/mous/")
    assert "X-Cache" not in client.get("/mous/")


def test_public_pages_answer_conditional_requests(client, mous):
    first = client.get("/mous/")
    etag = first["ETag"]
    assert client.get("/mous/", headers={"If-None-Match": etag}).status_code == 304
    # The cached copy carries the same ETag.
    assert client.get("/mous/")["ETag"] == etag


def test_a_head_request_is_answered_from_the_cached_get(client, mous):
    client.get("/mous/")
    response = client.head("/mous/")
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_pages_still_work_when_the_cache_is_unreachable(client, mous, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        },
    }
    assert client.get("/mous/").status_code == 200
    mous[0].title = "Saved although the cache is down"
    mous[0].save()
    assert "Saved although the cache is down" in client.get("/mous/").content.decode()
