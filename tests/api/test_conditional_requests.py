"""ETag, Last-Modified and Cache-Control on lists and details; 304 when nothing changed."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date

from meetings.models import Status
from meetings.signals import records_changed
from sci_portal.models import RecordVersion
from tests.factories import make_mou, make_party

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/mous/", "/api/v1/mous/first-mou/", "/api/v1/parties/?country=sg"]


@pytest.fixture(autouse=True)
def mou():
    return make_mou(title="First MOU")


@pytest.mark.parametrize("url", URLS)
def test_responses_carry_validators_and_may_be_cached_publicly(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("url", URLS)
def test_a_matching_etag_gets_304(client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_304_costs_one_query(client, django_assert_max_num_queries):
    etag = client.get("/api/v1/mous/")["ETag"]
    # record version only: the list itself is not fetched
    with django_assert_max_num_queries(1):
        assert client.get("/api/v1/mous/", headers={"If-None-Match": etag}).status_code == 304


def test_if_modified_since_gets_304_until_a_change(client, mou):
    # HTTP dates count whole seconds: make the latest change an hour old first.
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    RecordVersion.objects.update(changed_at=an_hour_ago)
    last_modified = client.get("/api/v1/mous/")["Last-Modified"]
    assert (
        client.get("/api/v1/mous/", headers={"If-Modified-Since": last_modified}).status_code == 304
    )
    mou.title = "Renamed"
    mou.save()
    response = client.get("/api/v1/mous/", headers={"If-Modified-Since": last_modified})
    assert response.status_code == 200
    assert response["Last-Modified"] != last_modified


def test_each_query_and_format_has_its_own_etag(client):
    etags = {
        client.get("/api/v1/mous/")["ETag"],
        client.get("/api/v1/mous/?page_size=10")["ETag"],
        client.get("/api/v1/mous/?format=csv")["ETag"],
    }
    assert len(etags) == 3


def test_editing_a_related_record_changes_the_etag(client, mou):
    etag = client.get("/api/v1/mous/")["ETag"]
    party = mou.signatories.first().party
    party.name = "Renamed partner"
    party.save()
    response = client.get("/api/v1/mous/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Renamed partner" in response.content.decode()


def test_publishing_or_deleting_changes_the_etag(client):
    etag = client.get("/api/v1/parties/")["ETag"]
    draft = make_party("Soon public", status=Status.DRAFT)
    assert client.get("/api/v1/parties/")["ETag"] != etag
    etag = client.get("/api/v1/parties/")["ETag"]
    draft.publish()
    draft.save()
    assert client.get("/api/v1/parties/", headers={"If-None-Match": etag}).status_code == 200
    etag = client.get("/api/v1/parties/")["ETag"]
    draft.delete()
    assert client.get("/api/v1/parties/", headers={"If-None-Match": etag}).status_code == 200


def test_a_stale_date_gets_the_full_response(client):
    old = http_date(0)
    assert client.get("/api/v1/mous/", headers={"If-Modified-Since": old}).status_code == 200


def test_errors_carry_no_validators(client):
    for url in ["/api/v1/mous/?signed_after=x", "/api/v1/mous/no-such-mou/"]:
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert not response.has_header("ETag")
        assert not response.has_header("Cache-Control")


def test_deleting_a_record_changes_the_etag(client):
    other = make_mou(title="Second MOU")
    etag = client.get("/api/v1/mous/")["ETag"]
    other.delete()
    response = client.get("/api/v1/mous/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Second MOU" not in response.content.decode()


def test_a_bulk_write_changes_the_etag(client):
    etag = client.get("/api/v1/parties/")["ETag"]
    records_changed.send(sender=None)  # what bulk loads send (they bypass save())
    assert client.get("/api/v1/parties/", headers={"If-None-Match": etag}).status_code == 200


# A 304 stands for a 200: a request that would fail gets its error whatever it says.
FAILING = [
    ("/api/v1/mous/no-such-mou/", 404),
    ("/api/v1/meetings/99/", 404),
    ("/api/v1/mous/?signed_after=not-a-date", 400),
    ("/api/v1/mous/?page=999", 404),
]
IN_A_YEAR = http_date((timezone.now() + datetime.timedelta(days=365)).timestamp())
PRECONDITIONS = {"If-None-Match": "*", "If-Modified-Since": IN_A_YEAR}


@pytest.mark.parametrize("header", PRECONDITIONS)
@pytest.mark.parametrize(("url", "status"), FAILING)
def test_a_failing_request_gets_its_error_not_304(client, url, status, header):
    response = client.get(url, headers={header: PRECONDITIONS[header]})
    assert response.status_code == status
    assert not response.has_header("ETag")


@pytest.mark.parametrize("header", PRECONDITIONS)
@pytest.mark.parametrize(("url", "status"), FAILING)
def test_a_failing_request_gets_its_error_from_the_cache_path_too(
    client, settings, url, status, header
):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    client.get("/api/v1/mous/")  # something in the cache
    response = client.get(url, headers={header: PRECONDITIONS[header]})
    assert response.status_code == status


@pytest.mark.parametrize("header", PRECONDITIONS)
@pytest.mark.parametrize("url", URLS)
def test_a_found_record_gets_304_for_either_precondition(client, url, header):
    response = client.get(url, headers={header: PRECONDITIONS[header]})
    assert response.status_code == 304
    assert response["ETag"] == client.get(url)["ETag"]
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_date_precondition_answered_from_the_cache_costs_one_query(
    client, settings, django_assert_num_queries
):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    client.get("/api/v1/mous/")
    # record version only: the cached answer shows the list is there
    with django_assert_num_queries(1):
        response = client.get("/api/v1/mous/", headers={"If-Modified-Since": IN_A_YEAR})
    assert response.status_code == 304


def test_etags_are_keyed_with_the_secret_key(client, settings):
    # A client cannot make up the ETag of an answer it was never sent (say, a 404's).
    etag = client.get("/api/v1/mous/first-mou/")["ETag"]
    settings.SECRET_KEY = "another secret key, at least fifty characters long, for tests"
    assert client.get("/api/v1/mous/first-mou/")["ETag"] != etag


def test_a_weak_form_of_the_etag_gets_304(client):
    etag = client.get("/api/v1/mous/")["ETag"]
    assert client.get("/api/v1/mous/", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
