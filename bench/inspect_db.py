"""The benchmark's look into a loaded database (run by bench/run.py, DATABASE_URL set).

python bench/inspect_db.py scenarios           # JSON: the URLs each scenario requests
python bench/inspect_db.py queries URL...      # JSON: SQL queries per request, uncached/cached
python bench/inspect_db.py explain URL...      # EXPLAIN ANALYZE of every query those run
python bench/inspect_db.py export FILE.db      # the same data as SQLite, for Datasette
"""

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sci_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from meetings.models import Meeting  # noqa: E402
from mous.filters import MOUFilter  # noqa: E402
from mous.models import MOU, Area, Party, Signatory  # noqa: E402

# A synthetic area and a word of its vocabulary: a facet filter plus a search
# that match a few hundred MOUs at 100,000 (about 1 in 300), as a user's would.
AREA = "syn-digital-health"
WORD = "telemedicine"
FIRST_SYNTHETIC_MEETING = 1001


def scenarios() -> dict[str, str]:
    """The URL of each scenario, chosen the same way at any scale."""
    published = MOU.objects.published().filter(slug__startswith="syn-").order_by("slug")
    mou = published[published.count() // 2]
    parties = (
        Party.objects.published()
        .filter(slug__startswith="syn-", kind=Party.Kind.COMPANY)
        .annotate(n=Count("signatures"))
        .order_by("n", "slug")
    )
    party = parties[parties.count() // 2]  # a typical party, not a hub agency
    area = Area.objects.get(slug=AREA)
    filters = f"area={AREA}&meeting={FIRST_SYNTHETIC_MEETING}"
    return {
        "home": "/",
        "mou_list": f"/mous/?area={AREA}&q={WORD}",
        "mou_detail": f"/mous/{mou.slug}/",
        "party_detail": f"/parties/{party.slug}/",
        "api_list": f"/api/v1/mous/?area={AREA}&q={WORD}&type=mou&signed_after=2010-01-01",
        "api_detail": f"/api/v1/mous/{mou.slug}/",
        "csv_export": f"/mous/export.csv?{filters}",
        "api_csv": f"/api/v1/mous/?format=csv&{filters}",
        "datasette": (
            f"/portal/mou.json?area_id={area.pk}&status=published&_search={WORD}"
            "&_size=25&_labels=on"
        ),
    }


def fetch(client: Client, url: str):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def queries(urls: list[str]) -> dict[str, dict]:
    """Queries of one request with the page cache off, and of a repeat with it on."""
    client = Client(raise_request_exception=False)
    counts = {}
    for url in urls:
        with (
            override_settings(CACHE_MIDDLEWARE_SECONDS=0),
            CaptureQueriesContext(connection) as uncached,
        ):
            status = fetch(client, url).status_code
        # Read now: every request start empties the connection's query log.
        counts[url] = {"status": status, "uncached": len(uncached)}
        with override_settings(
            CACHE_MIDDLEWARE_SECONDS=600,
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        ):
            cache.clear()
            fetch(client, url)
            with CaptureQueriesContext(connection) as cached:
                fetch(client, url)
            counts[url]["cached"] = len(cached)
    return counts


def explain_sql(sql: str) -> tuple[float, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
    except DatabaseError as error:  # cancelled by statement_timeout: show the plan alone
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = [f"-- not finished: {str(error).strip()}; the plan without ANALYZE:"]
            plan += [row[0] for row in cursor.fetchall()]
        return float("inf"), "\n".join(plan)
    total = next((line for line in plan if line.startswith("Execution Time")), "")
    return float(total.split(":")[1].split()[0]) if total else 0.0, "\n".join(plan)


def explain(urls: list[str]) -> str:
    """EXPLAIN ANALYZE of each query the URLs run, and of the shared FilterSet's own
    queries (page, count, one per facet), which the list pages and API build on."""
    out = []
    client = Client(raise_request_exception=False)
    with override_settings(CACHE_MIDDLEWARE_SECONDS=0):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                status = fetch(client, url).status_code
            out.append(f"### GET {url} → {status}, {len(captured)} queries\n")
            out += explain_all([q["sql"] for q in captured.captured_queries])
    for params in [{"area": AREA, "q": WORD}, {"area": AREA}, {"country": "SG"}, {"type": "moi"}]:
        out += explain_filterset(params)
    return "\n".join(out)


def explain_filterset(params: dict) -> list[str]:
    """The queries of a filtered MOU list: page, count, one per facet, signatories."""
    mous = MOUFilter(params, queryset=MOU.objects.published().with_related())
    assert mous.is_valid(), mous.errors
    with CaptureQueriesContext(connection) as captured:
        list(mous.qs[:25])
        mous.qs.count()
        for facet in ("area__slug", "meeting__ordinal", "instrument_type"):
            list(mous.qs.order_by().values(facet).annotate(n=Count("pk")))
        country = "signatories__party__country"
        list(mous.qs.order_by().values(country).annotate(n=Count("pk", distinct=True)))
    described = ", ".join(f"{k}={v}" for k, v in params.items())
    return [
        f"### MOUFilter({described}): page, signatories, count, facets (area, meeting, "
        "type, country)\n",
        *explain_all([q["sql"] for q in captured.captured_queries]),
    ]


def explain_all(statements: list[str]) -> list[str]:
    out = []
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        ms, plan = explain_sql(sql)
        out.append(f"{ms:.2f} ms\n```\n{sql}\n\n{plan}\n```\n")
    return out


def export(path: str) -> None:
    """The public MOU list's data as SQLite, shaped for Datasette (foreign keys for labels)."""
    target = Path(path)
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target)
    db.executescript(
        """
        CREATE TABLE area (id INTEGER PRIMARY KEY, slug TEXT, name TEXT);
        CREATE TABLE meeting (id INTEGER PRIMARY KEY, ordinal INTEGER, date TEXT);
        CREATE TABLE party (id INTEGER PRIMARY KEY, slug TEXT, name TEXT, short_name TEXT,
            other_names TEXT, country TEXT, kind TEXT, status TEXT);
        CREATE TABLE mou (id INTEGER PRIMARY KEY, slug TEXT, title TEXT, short_title TEXT,
            instrument_type TEXT, area_id INTEGER REFERENCES area(id),
            meeting_id INTEGER REFERENCES meeting(id), signed_on TEXT,
            signed_on_precision TEXT, status TEXT, description TEXT, party_names TEXT);
        CREATE TABLE signatory (id INTEGER PRIMARY KEY, mou_id INTEGER REFERENCES mou(id),
            "order" INTEGER, party_id INTEGER REFERENCES party(id), side TEXT);
        """
    )
    db.executemany(
        "INSERT INTO area VALUES (?, ?, ?)", Area.objects.values_list("id", "slug", "name")
    )
    db.executemany(
        "INSERT INTO meeting VALUES (?, ?, ?)",
        ((i, o, str(d)) for i, o, d in Meeting.objects.values_list("id", "ordinal", "date")),
    )
    db.executemany(
        "INSERT INTO party VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        Party.objects.values_list(
            "id", "slug", "name", "short_name", "other_names", "country", "kind", "status"
        ).iterator(chunk_size=5000),
    )
    names: dict[int, list[str]] = {}
    rows = Signatory.objects.values_list(
        "id", "mou_id", "order", "party_id", "side", "party__name", "party__other_names"
    )
    signatories = []
    for sid, mou_id, order, party_id, side, name, other in rows.iterator(chunk_size=20000):
        signatories.append((sid, mou_id, order, party_id, side))
        if name:
            names.setdefault(mou_id, []).append(f"{name} {other}")
    db.executemany("INSERT INTO signatory VALUES (?, ?, ?, ?, ?)", signatories)
    fields = [
        "id", "slug", "title", "short_title", "instrument_type", "area_id", "meeting_id",
        "signed_on", "signed_on_precision", "status", "description",
    ]  # fmt: skip
    db.executemany(
        "INSERT INTO mou VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (*row[:7], row[7] and str(row[7]), *row[8:], " ".join(names.get(row[0], [])))
            for row in MOU.objects.values_list(*fields).iterator(chunk_size=5000)
        ),
    )
    db.executescript(
        """
        CREATE INDEX mou_area ON mou (area_id);
        CREATE INDEX mou_meeting ON mou (meeting_id);
        CREATE INDEX mou_status_signed ON mou (status, signed_on);
        CREATE INDEX signatory_mou ON signatory (mou_id);
        CREATE INDEX signatory_party ON signatory (party_id);
        """
    )
    db.commit()
    db.close()


def main() -> None:
    command, args = sys.argv[1], sys.argv[2:]
    started = time.monotonic()
    if command == "scenarios":
        print(json.dumps(scenarios()))
    elif command == "queries":
        print(json.dumps(queries(args)))
    elif command == "explain":
        print(explain(args))
    elif command == "export":
        export(args[0])
        print(f"exported in {time.monotonic() - started:.0f}s", file=sys.stderr)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
