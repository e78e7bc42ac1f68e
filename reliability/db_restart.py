"""Database restart under load: PostgreSQL goes down and comes back while a reader and an admin
writer run against gunicorn.

    python -m reliability.db_restart [--outage 5] [--mode fast|immediate]

Figures: what the reader got during the outage (only 503s, no 500s), how long
after the database was back the first 200 came (must be under 5 s), and whether
every write the admin acknowledged (302 after "Save") is in the database
afterwards (0 lost).
"""

import argparse
import http.client
import http.cookiejar
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

import psycopg2

from .forms import form_fields
from .live import live_portal, route_samples
from .server import manage

ADMIN_USER, ADMIN_PASSWORD = "restart-check", "restart-check-passphrase-1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Outcome:
    at: float  # when the request was sent
    status: int  # 0: no HTTP answer at all


@dataclass
class Writes:
    attempted: int = 0
    acknowledged: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=10) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):  # no answer, or one cut off
            return 0, ""


def reader(base: str, paths: list[str], stop: threading.Event, out: list[Outcome]) -> None:
    client, i = Client(base), 0
    while not stop.is_set():
        sent = time.monotonic()
        status, _ = client.request(paths[i % len(paths)])
        out.append(Outcome(sent, status))
        i += 1
        time.sleep(0.02)


def writer(base: str, admin: str, stop: threading.Event, writes: Writes) -> None:
    client = Client(base)
    n = 0
    while not stop.is_set():
        if not any(c.name == "sessionid" for c in client.jar):
            status, page = client.request(f"/{admin}login/")
            fields = form_fields(page, form_id="login-form") if status == 200 else {}
            fields.update(username=ADMIN_USER, password=ADMIN_PASSWORD)
            client.request(f"/{admin}login/?next=/{admin}", fields)
            continue
        status, page = client.request(f"/{admin}mous/area/add/")
        if status != 200:
            writes.statuses[f"form {status}"] += 1
            time.sleep(0.05)
            continue
        n += 1
        slug = f"restart-check-{n}"
        fields = form_fields(page, form_id="area_form")
        fields.update(name=f"Restart check {n}", slug=slug, description="Written under restart.")
        writes.attempted += 1
        status, _ = client.request(f"/{admin}mous/area/add/", fields)
        writes.statuses[f"save {status}"] += 1
        if status == 302:
            writes.acknowledged.append(slug)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=5.0, help="seconds the database is down")
    parser.add_argument("--mode", choices=["fast", "immediate"], default="immediate")
    args = parser.parse_args(argv)

    with live_portal(workers=3) as portal:
        if portal.postgres is None:
            raise SystemExit("needs its own throwaway PostgreSQL: unset RELIABILITY_DATABASE_URL")
        env = {**portal.env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD}
        manage("createsuperuser", "--noinput", f"--username={ADMIN_USER}",
               "--email=restart@example.org", env=env)  # fmt: skip
        admin = portal.env.get("ADMIN_URL", "admin/")
        samples = route_samples(portal.database_url)
        # Streamed exports send their 200 before reading rows, so an outage cuts them
        # off instead of answering 503: they are not part of this check (see
        # docs/reliability.md).
        paths = [
            url
            for pattern, url in samples.items()
            if pattern != "/healthz" and "export." not in url and "format=csv" not in url
        ] + ["/healthz"]

        stop = threading.Event()
        reads: list[Outcome] = []
        writes = Writes()
        threads = [
            threading.Thread(target=reader, args=(portal.base_url, paths, stop, reads)),
            threading.Thread(target=writer, args=(portal.base_url, admin, stop, writes)),
        ]
        for t in threads:
            t.start()
        time.sleep(4)
        down = time.monotonic()
        portal.postgres.stop(args.mode)
        stopped = time.monotonic()
        time.sleep(args.outage)
        starting = time.monotonic()
        portal.postgres.start()
        back = time.monotonic()
        time.sleep(8)
        stop.set()
        for t in threads:
            t.join()

        with psycopg2.connect(portal.database_url) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT slug FROM mous_area WHERE slug LIKE 'restart-check-%%'")
            present = {row[0] for row in cursor.fetchall()}
        server_errors_logged = portal.log.read_text().count('"status": 500')

    # Down for sure: from the stop's end to the start's beginning (pg_ctl start returns a
    # moment after the server accepts connections, so a 200 may come just before `back`).
    during = Counter(o.status for o in reads if stopped <= o.at < starting)
    everything = Counter(o.status for o in reads)
    first_ok = next((o.at for o in reads if o.at >= starting and o.status == 200), None)
    lost = [slug for slug in writes.acknowledged if slug not in present]
    recovery = f"{max(first_ok - back, 0):.2f} s" if first_ok else "never"

    print(
        f"db restart: PostgreSQL stopped ({args.mode}) under load; down {starting - down:.1f} s, "
        f"then {back - starting:.1f} s to start (crash recovery)"
    )
    print(f"reads: {len(reads)} ({dict(sorted(everything.items()))})")
    print(
        f"reads during the outage: {sum(during.values())} ({dict(sorted(during.items()))}; "
        "200s come from the page cache or need no database)"
    )
    print(f"server errors (500) seen by the reader: {everything[500]}; logged by the portal: "
          f"{server_errors_logged}")  # fmt: skip
    print(f"first 200 after the database was back: {recovery}")
    print(f"writes: {writes.attempted} attempted, {len(writes.acknowledged)} acknowledged, "
          f"{len(present)} present afterwards ({dict(writes.statuses)})")  # fmt: skip
    print(f"acknowledged writes lost: {len(lost)}")
    failed = (
        not during
        # A 200 in the outage is a page from the cache or one that needs no database.
        or set(during) - {200, 503}
        or everything[500]
        or server_errors_logged
        or first_ok is None
        or first_ok - back > 5
        or lost
        or not writes.acknowledged
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
