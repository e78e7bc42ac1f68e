"""gunicorn with its PostgreSQL connection cut, then restored: 503s, then 200 within 5 s."""

import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from reliability.proxy import FaultyProxy
from reliability.server import gunicorn, production_env

pytestmark = pytest.mark.django_db(transaction=True)


def status(url: str) -> int:
    try:
        # The local gunicorn the fixture started.
        return urllib.request.urlopen(url, timeout=10).status  # noqa: S310  # nosec B310
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def portal_behind_a_faulty_link(transcribed):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server connection to lose (test_healthz.py covers its file)")
    db = connection.settings_dict
    # DATABASE_URL may name a socket directory in its query string (as .ci/run does).
    host = db["HOST"] or db["OPTIONS"].get("host") or "127.0.0.1"
    port = int(db["PORT"] or db["OPTIONS"].get("port") or 5432)
    proxy = FaultyProxy(host, port).start()
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = production_env(f"postgres://{credentials}@127.0.0.1:{proxy.port}/{db['NAME']}")
    env["SCI_PORTAL_TESTING"] = "1"  # static files from the finders: no collectstatic here
    try:
        with gunicorn(env, workers=1) as base:
            yield base, proxy
    finally:
        proxy.stop()


def test_pages_answer_503_during_the_outage_and_200_soon_after(portal_behind_a_faulty_link):
    base, proxy = portal_behind_a_faulty_link
    assert status(base + "/mous/") == 200  # the worker now holds a persistent connection
    proxy.cut()
    assert [status(base + path) for path in ("/mous/", "/", "/healthz")] == [503, 503, 503]
    proxy.restore()
    back = time.monotonic()
    while status(base + "/mous/") != 200:
        assert time.monotonic() - back < 5, "no 200 within 5 s of the database coming back"
        time.sleep(0.05)


def test_a_dropped_connection_is_replaced_without_an_error(portal_behind_a_faulty_link):
    base, proxy = portal_behind_a_faulty_link
    assert status(base + "/mous/") == 200
    proxy.cut()  # the link drops and comes straight back, as on a database restart
    proxy.restore()
    assert status(base + "/mous/") == 200  # CONN_HEALTH_CHECKS found the dead connection
