"""API answers kept in the cache under their ETag: never stale, still throttled."""

import pytest

from tests.factories import make_mou

pytestmark = pytest.mark.django_db

LIST = "/api/v1/mous/"


@pytest.fixture(autouse=True)
def cache_on(settings):
    """Caching is off by default under tests; these tests are about it."""
    settings.CACHE_MIDDLEWARE_SECONDS = 600


@pytest.fixture
def mou():
    make_mou(title="Another MOU")
    return make_mou(title="Cached MOU")


def test_a_repeated_request_costs_only_the_version_read(client, mou, django_assert_num_queries):
    first = client.get(LIST)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(1):
        again = client.get(LIST)
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    for header in ("ETag", "Content-Type", "Vary", "Cache-Control", "Content-Security-Policy"):
        assert again[header] == first[header], header


def test_details_are_cached_too(client, mou):
    url = f"{LIST}{mou.slug}/"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_a_change_is_served_at_once(client, mou):
    client.get(LIST)
    mou.title = "Renamed MOU"
    mou.save()
    response = client.get(LIST)
    assert response["X-Cache"] == "miss"
    assert "Renamed MOU" in response.content.decode()


def test_unpublishing_removes_the_record_at_once(client, mou):
    assert mou.slug in client.get(LIST).content.decode()
    mou.status = "draft"
    mou.save()
    assert mou.slug not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{mou.slug}/").status_code == 404


def test_query_format_language_and_host_are_part_of_the_key(client, mou, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    client.get(LIST)
    assert client.get(f"{LIST}?page_size=1")["X-Cache"] == "miss"
    assert client.get(LIST, headers={"Accept-Language": "zh-hans"})["X-Cache"] == "miss"
    other_host = client.get(LIST, HTTP_HOST="mirror.example.org")
    assert other_host["X-Cache"] == "miss"
    assert other_host.json()["results"][0]["url"].startswith("http://mirror.example.org/")


def test_labels_follow_the_language_from_the_cache_too(client, mou):
    def side_labels(language: str) -> set[str]:
        results = client.get(LIST, headers={"Accept-Language": language}).json()["results"]
        return {s["side_display"] for m in results for s in m["signatories"]}

    english, chinese = side_labels("en"), side_labels("zh-hans")
    assert side_labels("en") == english  # from the cache
    assert side_labels("zh-hans") == chinese
    assert english != chinese


def test_errors_are_not_kept(client, mou):
    assert client.get(f"{LIST}?signed_after=nonsense").status_code == 400
    assert "X-Cache" not in client.get(f"{LIST}?signed_after=nonsense")
    assert client.get(f"{LIST}?page=99").status_code == 404


def test_cached_answers_still_count_against_the_rate(client, mou, rates):
    rates(anon="3/min")
    statuses = [client.get(LIST).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
