"""Cached public pages change as soon as the record does, in local memory and in Redis.

The Redis case needs a server: REDIS_URL (or a redis:// CACHE_URL) names it;
.ci/run starts one. Without one it is skipped, except in CI, where it fails.
"""

import os
import time

import pytest
from django.core.cache import cache

from meetings.models import Status
from meetings.signals import records_changed
from mous.models import Party, Signatory
from sci_portal.cache import VERSION_KEY, record_version
from tests.factories import make_mou, make_party


def redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
    return url if url.startswith(("redis://", "rediss://", "unix://")) else None


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600  # off by default under tests
    if request.param == "redis":
        url = redis_url()
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("CI must provide a Redis server (REDIS_URL) for this test")
            pytest.skip("no Redis server: set REDIS_URL=redis://127.0.0.1:<port>/<db>")
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "sci-portal-tests",
            },
        }
        cache.clear()
    else:
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    assert cache.get("probe") is None and cache.add("probe", 1)  # the backend answers
    return request.param


@pytest.fixture
def mou(backend, db):
    return make_mou(title="Cooperation on kelp farming")


def test_publishing_shows_the_record_at_once(client, backend, db):
    draft = make_mou(title="Cooperation on kelp farming", status=Status.DRAFT)
    assert "kelp" not in client.get("/mous/").content.decode()
    assert client.get("/mous/")["X-Cache"] == "hit"
    draft.publish()
    draft.save()
    response = client.get("/mous/")
    assert response["X-Cache"] == "miss"
    assert "kelp" in response.content.decode()


def test_a_change_shows_at_once(client, mou):
    client.get(mou.get_absolute_url())
    mou.title = "Cooperation on seagrass meadows"
    mou.save()
    assert "seagrass meadows" in client.get(mou.get_absolute_url()).content.decode()


def test_unpublishing_removes_the_record_at_once(client, mou):
    assert client.get(mou.get_absolute_url()).status_code == 200
    assert "kelp" in client.get("/mous/").content.decode()
    mou.unpublish()
    mou.save()
    assert client.get(mou.get_absolute_url()).status_code == 404
    assert "kelp" not in client.get("/mous/").content.decode()


def test_a_change_to_a_child_row_shows_at_once(client, mou):
    client.get(mou.get_absolute_url())
    Signatory.objects.create(mou=mou, order=9, party=make_party("Marigold Robotics"), side="SG")
    assert "Marigold Robotics" in client.get(mou.get_absolute_url()).content.decode()


def test_a_change_to_a_related_record_shows_at_once(client, mou):
    client.get(mou.get_absolute_url())
    party = Party.objects.get(signatures__mou=mou, signatures__order=1)
    party.name = "Renamed Organisation"
    party.save()
    assert "Renamed Organisation" in client.get(mou.get_absolute_url()).content.decode()


def test_deleting_a_child_row_shows_at_once(client, mou):
    first = mou.signatories.get(order=1)
    client.get(mou.get_absolute_url())
    first.delete()
    assert first.party.name not in client.get(mou.get_absolute_url()).content.decode()


def test_a_bulk_load_that_says_so_invalidates(client, mou):
    client.get("/mous/")
    records_changed.send(sender=None)
    assert client.get("/mous/")["X-Cache"] == "miss"


def test_the_version_moves_on_again_when_the_transaction_commits(
    mou, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        mou.save()
        during = record_version()
    for callback in callbacks:
        callback()
    assert record_version() > during


def test_other_apps_rows_do_not_invalidate(client, mou, django_user_model):
    client.get("/mous/")
    django_user_model.objects.create_user("someone", password="x" * 12)
    assert client.get("/mous/")["X-Cache"] == "hit"


def test_a_change_made_through_another_process_shows_within_a_second(
    client, mou, backend, settings
):
    settings.PAGE_CACHE_VERSION_SECONDS = 1
    client.get("/mous/")
    cache.incr(VERSION_KEY)  # what a save on another app server does to the shared cache
    if backend == "redis":
        # This process re-reads the shared version at most once a second.
        assert client.get("/mous/")["X-Cache"] == "hit"
        time.sleep(1.1)
    assert client.get("/mous/")["X-Cache"] == "miss"


def test_with_no_interval_another_processs_change_shows_at_once(client, mou, settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    client.get("/mous/")
    cache.incr(VERSION_KEY)
    assert client.get("/mous/")["X-Cache"] == "miss"
