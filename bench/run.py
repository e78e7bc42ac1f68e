"""make bench: measure the portal at scale against the framework floor and Datasette.

On the machine it runs on, this installs what it needs (wrk, Redis, PostgreSQL 15
from Debian; Datasette from PyPI into bench/.venv-datasette), starts a throwaway
PostgreSQL on a private port and socket, loads the synthetic record at two
sizes, serves the portal under gunicorn (DEBUG off), and drives every scenario
with wrk for a fixed time: 1 connection for latency, 8 for throughput, page
cache off and on. The same gunicorn settings serve the framework floor; Datasette
serves the same data exported to SQLite. It prints the tables and writes them,
with the machine's description and the query plans, to bench/results/<date>.md.

Settings (environment): BENCH_DURATION seconds per run (10), BENCH_MOUS /
BENCH_PROJECTS / BENCH_PARTIES (100000 / 50000 / 20000), BENCH_SMALL_MOUS for
the scaling check (10000; projects and parties scale with it), BENCH_WORKERS
gunicorn workers (2 x cores + 1).
"""

import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = Path(sys.executable)
VENV_BIN = PYTHON.parent
DATASETTE_VENV = BENCH / ".venv-datasette"
PGBIN = Path("/usr/lib/postgresql/15/bin")
AS_ROOT = os.geteuid() == 0

DURATION = int(os.environ.get("BENCH_DURATION", "10"))
WARMUP = 2
# A request slower than this is reported, not driven with wrk; queries are
# cancelled after it too (the answer is then a 500).
PROBE_TIMEOUT = 15
STATEMENT_TIMEOUT = f"-c statement_timeout={PROBE_TIMEOUT * 1000}"
MOUS = int(os.environ.get("BENCH_MOUS", "100000"))
PROJECTS = int(os.environ.get("BENCH_PROJECTS", str(MOUS // 2)))
PARTIES = int(os.environ.get("BENCH_PARTIES", str(MOUS // 5)))
SMALL_MOUS = int(os.environ.get("BENCH_SMALL_MOUS", str(MOUS // 10)))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
PG_PORT, REDIS_PORT, APP_PORT, DATASETTE_PORT = 55439, 56389, 58080, 58081
# PostgreSQL as for a read-heavy web site on a small machine; writes need no
# durability on a throwaway server. Parallel workers only add latency here.
PG_OPTIONS = (
    "-c listen_addresses='' -c shared_buffers=512MB -c work_mem=16MB "
    "-c effective_cache_size=2GB -c random_page_cost=1.1 -c jit=off "
    "-c max_parallel_workers_per_gather=0 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=100"
)
SCENARIOS = [
    ("home", "Home page"),
    ("mou_list", "MOU list, area facet + q"),
    ("mou_detail", "MOU detail"),
    ("party_detail", "Party detail"),
    ("api_list", "API MOU list, filters + q"),
    ("api_detail", "API MOU detail"),
    ("csv_export", "CSV export (page), filtered"),
    ("api_csv", "CSV export (API), filtered"),
]
# Scenarios compared with Datasette's filtered JSON query.
DATASETTE_EQUIVALENTS = ["api_list", "mou_list"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def as_postgres(cmd: list) -> list:
    return ["runuser", "-u", "postgres", "--", *cmd] if AS_ROOT else cmd


# -- installation ---------------------------------------------------------------------


def install_tools() -> None:
    missing = [
        package
        for tool, package in [
            ("wrk", "wrk"),
            ("redis-server", "redis-server"),
            (str(PGBIN / "initdb"), "postgresql-15"),
        ]
        if shutil.which(tool) is None
    ]
    if missing:
        log(f"installing {', '.join(missing)} from Debian")
        sudo = [] if AS_ROOT else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run([*sudo, "apt-get", "update", "-qq"], env=env)
        run(
            [*sudo, "apt-get", "install", "-y", "-qq", *missing], env=env, stdout=subprocess.DEVNULL
        )
    stamp = DATASETTE_VENV / ".installed"
    requirements = BENCH / "requirements-datasette.txt"
    if not stamp.exists() or stamp.stat().st_mtime < requirements.stat().st_mtime:
        log("installing Datasette from PyPI into bench/.venv-datasette")
        run([PYTHON, "-m", "venv", DATASETTE_VENV])
        run([DATASETTE_VENV / "bin/pip", "install", "-q", "-r", requirements])
        stamp.touch()


# -- servers --------------------------------------------------------------------------


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} within {timeout}s")


@contextmanager
def postgresql(workdir: Path):
    data, sock = workdir / "pg", workdir / "pgsock"
    sock.mkdir()
    if AS_ROOT:
        shutil.chown(workdir, "postgres")
        shutil.chown(sock, "postgres")
    run(
        as_postgres(
            [
                PGBIN / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        stdout=subprocess.DEVNULL,
    )
    pg_ctl = [PGBIN / "pg_ctl", "-D", data, "-l", workdir / "pg.log", "-w"]
    run(
        as_postgres([*pg_ctl, "-o", f"-p {PG_PORT} -k {sock} {PG_OPTIONS}", "start"]),
        stdout=subprocess.DEVNULL,
    )
    try:
        yield sock
    finally:
        subprocess.run(
            [str(c) for c in as_postgres([*pg_ctl, "-m", "fast", "stop"])],
            stdout=subprocess.DEVNULL,
        )


@contextmanager
def redis(workdir: Path):
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(REDIS_PORT)
        yield f"redis://127.0.0.1:{REDIS_PORT}/0"
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gunicorn(env: dict):
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "sci_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{APP_PORT}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(APP_PORT)
        yield f"http://127.0.0.1:{APP_PORT}"
    finally:
        stop(process)


@contextmanager
def datasette(db: Path):
    process = subprocess.Popen(
        [
            str(DATASETTE_VENV / "bin/datasette"),
            "serve",
            "-i",
            str(db),
            "--port",
            str(DATASETTE_PORT),
            "--setting",
            "suggest_facets",
            "off",
            "--setting",
            "sql_time_limit_ms",
            "10000",
            "--setting",
            "default_page_size",
            "25",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(DATASETTE_PORT)
        yield f"http://127.0.0.1:{DATASETTE_PORT}"
    finally:
        stop(process)


# -- data -----------------------------------------------------------------------------


def portal_env(database_url: str, **extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SCI_PORTAL_TESTING", "DEBUG", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return {
        **env,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "API_THROTTLE_ANON": "1000000000/min",
        "API_THROTTLE_PARTNER": "1000000000/min",
        "CONN_MAX_AGE": "600",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies without Secure.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def load(env: dict, mous: int, projects: int, parties: int) -> subprocess.Popen:
    """Migrate, load the transcribed data and the synthetic set (in the background)."""
    script = (
        f"{PYTHON} manage.py migrate -v0 && {PYTHON} manage.py load_transcribed_data -v0 && "
        f"{PYTHON} manage.py generate_synthetic_data --mous {mous} --projects {projects} "
        f"--parties {parties} --seed 1"
    )
    return subprocess.Popen(["bash", "-c", script], cwd=ROOT, env=env)


def inspect(env: dict, *args: str) -> str:
    result = run(
        [PYTHON, BENCH / "inspect_db.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.stdout


# -- measuring ------------------------------------------------------------------------


def status_of(url: str) -> tuple[int | str, float]:
    """The status of one request and its time in seconds."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=PROBE_TIMEOUT) as response:  # noqa: S310  # nosec B310 (the benchmark probes its own local server)
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except TimeoutError:
        status = "timeout"
    return status, time.monotonic() - started


def wrk(url: str, connections: int, seconds: int) -> dict:
    threads = min(connections, 2)
    result = run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            BENCH / "wrk_report.lua",
            url,
        ],
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def measure(base: str, path: str, connection_counts=(1, 8)) -> dict:
    """wrk at each concurrency after a warm-up, or why the scenario was not measured."""
    status, seconds = status_of(base + path)
    if status == 200:  # again: the first request also pays for a fresh worker's imports
        status, seconds = status_of(base + path)
    if status != 200:
        return {"status": status, "seconds": seconds}
    if seconds > DURATION / 5:
        # Too slow for enough samples in a run; say how slow instead.
        return {"status": "slow", "seconds": seconds}
    wrk(base + path, 1, WARMUP)
    return {"status": 200, **{f"c{c}": wrk(base + path, c, DURATION) for c in connection_counts}}


# -- report ---------------------------------------------------------------------------


def ms(us: float) -> str:
    return f"{us / 1000:.1f}"


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), "")
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))

    def version(*cmd) -> str:
        result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
        return (result.stdout or result.stderr).splitlines()[0].strip()

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- Machine: {platform.node()}, {platform.platform()}",
        f"- CPU: {cpu or platform.processor()}, {os.cpu_count()} cores; {mem_kb >> 20} GiB memory",
        f"- Load average when the runs started: {load} (other work on the machine counts)",
        f"- Python {platform.python_version()}, {version(VENV_BIN / 'gunicorn', '--version')}, "
        f"{version(PGBIN / 'postgres', '--version')}, {version('wrk', '-v')}",
        f"- gunicorn: {WORKERS} sync workers, --no-control-socket; DEBUG off; "
        "persistent database connections",
        f"- PostgreSQL options: `{PG_OPTIONS}`",
        f"- wrk: {DURATION}s per run after a {WARMUP}s warm-up; 1 connection (latency), "
        "8 connections on 2 threads (throughput)",
    ]


def unavailable(r: dict) -> str:
    """Why a scenario has no figures: not built yet, an error, or too slow to drive."""
    if r.get("status") == 404:
        return "not available (404)"
    if r.get("status") == "timeout" or r.get("status") == 500 and r.get("seconds", 0) > 5:
        return f"too slow: no answer within {PROBE_TIMEOUT}s (query cancelled)"
    if r.get("status") == "slow":
        return f"too slow to drive: {r['seconds']:.1f}s for one request"
    return f"error {r.get('status')}"


def row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def latency(figures: dict) -> str:
    return " / ".join(ms(figures[f"p{p}_us"]) for p in (50, 95, 99))


def scenario_rows(results: dict, queries: dict, urls: dict, floor: dict, ds: dict) -> list[str]:
    lines = [
        row(
            "scenario", "cache", "queries", "1 conn p50 / p95 / p99 ms", "1 conn req/s",
            "8 conn req/s", "8 conn p95 ms", "portal / floor (8 conn req/s)",
            "portal / Datasette (8 conn req/s)",
        ),
        row(*["---"] * 9),
    ]  # fmt: skip
    floor_rps = floor["c8"]["rps"] if floor.get("status") == 200 else None
    ds_rps = ds["c8"]["rps"] if ds.get("status") == 200 else None
    for key, label in SCENARIOS:
        for mode in results:
            r = results[mode][key]
            if r["status"] != 200:
                lines.append(row(label, mode, "–", unavailable(r), *[""] * 6))
                continue
            c1, c8 = r["c1"], r["c8"]
            vs_ds = f"{c8['rps'] / ds_rps:.2f}" if ds_rps and key in DATASETTE_EQUIVALENTS else ""
            count = queries.get(urls[key], {}).get(mode.split("-")[0], "?")
            lines.append(
                row(
                    label, mode, count, latency(c1),
                    f"{c1['rps']:.0f}", f"{c8['rps']:.0f}", ms(c8["p95_us"]),
                    f"{c8['rps'] / floor_rps:.2f}" if floor_rps else "", vs_ds,
                )
            )  # fmt: skip
    for label, r in [("Framework floor (constant JSON)", floor), ("Datasette, filtered JSON", ds)]:
        if r.get("status") != 200:
            lines.append(row(label, "–", "–", unavailable(r), *[""] * 6))
            continue
        c1, c8 = r["c1"], r["c8"]
        lines.append(
            row(
                label, "–", "–", latency(c1), f"{c1['rps']:.0f}", f"{c8['rps']:.0f}",
                ms(c8["p95_us"]), f"{c8['rps'] / floor_rps:.2f}" if floor_rps else "", "",
            )
        )  # fmt: skip
    return lines


def scaling_rows(large: dict, small: dict) -> list[str]:
    lines = [
        row("scenario", f"p95 ms, {SMALL_MOUS:,} MOUs", f"p95 ms, {MOUS:,} MOUs", "ratio"),
        row(*["---"] * 4),
    ]
    for key, label in SCENARIOS:
        a, b = small[key], large[key]
        if a["status"] != 200 or b["status"] != 200:
            lines.append(row(label, unavailable(a), unavailable(b), ""))
            continue
        p_small, p_large = a["c1"]["p95_us"], b["c1"]["p95_us"]
        lines.append(row(label, ms(p_small), ms(p_large), f"{p_large / p_small:.2f}"))
    return lines


def targets(results: dict, floor: dict, ds: dict, small: dict, queries: dict) -> list[str]:
    """Each target of the issue: met, NOT met, or not measured (and why)."""
    lines = []

    def check(label: str, r: dict, value=None, ok: bool = False, detail: str = "") -> None:
        if r.get("status") != 200:
            lines.append(f"- {label}: **not measured** — {unavailable(r)}")
        else:
            lines.append(f"- {label}: **{'met' if ok else 'NOT met'}** — {detail}")

    for key, limit in [("mou_list", 50), ("api_list", 50)] + [
        (key, 25) for key in ("mou_detail", "party_detail", "api_detail")
    ]:
        r = results["uncached"][key]
        p95 = r["c1"]["p95_us"] / 1000 if r["status"] == 200 else 0
        check(
            f"{key}: p95 < {limit} ms, uncached, 1 conn", r, ok=p95 < limit, detail=f"{p95:.1f} ms"
        )
    for mode in ("cached",):
        for key in ("home", "mou_list", "mou_detail", "party_detail", "api_list", "api_detail"):
            r = results[mode][key] if floor.get("status") == 200 else floor
            share = r["c8"]["rps"] / floor["c8"]["rps"] if r.get("status") == 200 else 0
            check(
                f"{key}: {mode} ≥ 50% of the floor's req/s, 8 conn",
                r, ok=share >= 0.5, detail=f"{share:.0%}",
            )  # fmt: skip
    for key in DATASETTE_EQUIVALENTS:
        for mode in ("uncached", "cached"):
            r = results[mode][key] if ds.get("status") == 200 else ds
            ratio = r["c8"]["rps"] / ds["c8"]["rps"] if r.get("status") == 200 else 0
            check(
                f"{key}: {mode} ahead of Datasette (req/s ratio > 1), 8 conn",
                r, ok=ratio > 1, detail=f"ratio {ratio:.2f}",
            )  # fmt: skip
    for key, _ in SCENARIOS:
        large, low = results["uncached"][key], small[key]
        ok = large["status"] == low["status"] == 200
        ratio = large["c1"]["p95_us"] / low["c1"]["p95_us"] if ok else 0
        check(
            f"{key}: p95 at {MOUS:,} / at {SMALL_MOUS:,} MOUs < 2",
            large if large["status"] != 200 else low, ok=ratio < 2, detail=f"{ratio:.2f}",
        )  # fmt: skip
    for url, q in queries.items():
        check(
            f"`{url}`: ≤ 10 queries",
            q, ok=q.get("uncached", 99) <= 10, detail=f"{q.get('uncached')} queries",
        )  # fmt: skip
    return lines


# -- main -----------------------------------------------------------------------------


def load_all(envs: dict, sock: Path) -> None:
    log(f"loading {MOUS:,} and {SMALL_MOUS:,} MOUs into PostgreSQL (in parallel)")
    loads = [
        load(envs["large"], MOUS, PROJECTS, PARTIES),
        load(
            envs["small"], SMALL_MOUS, SMALL_MOUS * PROJECTS // MOUS, SMALL_MOUS * PARTIES // MOUS
        ),
    ]
    if any(process.wait() != 0 for process in loads):
        raise SystemExit("loading the synthetic data failed")
    log("VACUUM FULL ANALYZE")
    for name in envs:
        vacuumdb = [PGBIN / "vacuumdb", "-h", sock, "-p", PG_PORT, "-U", "postgres"]
        run([*vacuumdb, "--full", "--analyze", "-q", name])


def export_for_datasette(env: dict, workdir: Path) -> Path:
    log("exporting the large set to SQLite for Datasette")
    db = workdir / "portal.db"
    inspect(env, "export", str(db))
    columns = ["title", "short_title", "party_names", "description"]
    sqlite_utils = DATASETTE_VENV / "bin/sqlite-utils"
    run([sqlite_utils, "enable-fts", db, "mou", *columns, "--fts5"], stdout=subprocess.DEVNULL)
    return db


LATEST_START = "<!-- latest figures: written by make bench -->"
LATEST_END = "<!-- end of latest figures -->"


def record_latest(figures: str, results_file: str) -> None:
    """Put this run's figures into bench/README.md, between its two markers."""
    readme = BENCH / "README.md"
    text = readme.read_text()
    before, start, rest = text.partition(LATEST_START)
    _, end, after = rest.partition(LATEST_END)
    if not (start and end):
        log("bench/README.md has no markers for the latest figures: left as it is")
        return
    body = figures.replace("# Benchmark", "### Benchmark", 1).replace("\n## ", "\n#### ")
    link = f"Query plans: [`results/{results_file}`](results/{results_file})."
    readme.write_text(f"{before}{start}\n{body.strip()}\n\n{link}\n{end}{after}")


def main() -> None:
    started = time.monotonic()
    install_tools()
    workdir = Path(tempfile.mkdtemp(prefix="sci-bench-"))
    log(f"work directory {workdir}")
    description = machine()
    with postgresql(workdir) as sock, redis(workdir) as redis_url:
        envs = {}
        for name in ("large", "small"):
            run(
                as_postgres([PGBIN / "createdb", "-h", sock, "-p", PG_PORT, "-U", "postgres", name])
            )
            envs[name] = portal_env(f"postgres://postgres@/{name}?host={sock}&port={PG_PORT}")
        load_all(envs, sock)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=envs["large"])
        # From here on, no query may run longer than a probe waits.
        for env in envs.values():
            env["PGOPTIONS"] = STATEMENT_TIMEOUT
        urls_of = {name: json.loads(inspect(env, "scenarios")) for name, env in envs.items()}
        urls = urls_of["large"]
        sqlite_db = export_for_datasette(envs["large"], workdir)
        log("counting queries per request")
        paths = [urls[key] for key, _ in SCENARIOS]
        queries = json.loads(inspect(envs["large"], "queries", *paths))
        log("EXPLAIN ANALYZE of every query")
        plans = inspect(envs["large"], "explain", *paths[:6])

        log("framework floor")
        floor_env = {"DJANGO_SETTINGS_MODULE": "bench.floor_settings", "PAGE_CACHE_SECONDS": "0"}
        with gunicorn({**envs["large"], **floor_env}) as base:
            floor = measure(base, "/")
        log("Datasette")
        with datasette(sqlite_db) as base:
            ds = measure(base, urls["datasette"])
        results = {}
        for mode, extra in [
            ("uncached", {"PAGE_CACHE_SECONDS": "0"}),
            ("cached", {"PAGE_CACHE_SECONDS": "600", "CACHE_URL": redis_url}),
        ]:
            with gunicorn({**envs["large"], **extra}) as base:
                results[mode] = {}
                for key, label in SCENARIOS:
                    log(f"{MOUS:,} MOUs, {mode}: {label}")
                    results[mode][key] = measure(base, urls[key])
        log(f"scaling check: {SMALL_MOUS:,} MOUs, uncached, 1 connection")
        with gunicorn({**envs["small"], "PAGE_CACHE_SECONDS": "0"}) as base:
            small = {
                key: measure(base, urls_of["small"][key], connection_counts=(1,))
                for key, _ in SCENARIOS
            }

    today = datetime.date.today().isoformat()
    elapsed = (time.monotonic() - started) / 60
    figures = {"urls": urls_of, "queries": queries, "floor": floor, "datasette": ds}
    figures |= {"results": results, "small": small}
    (BENCH / "results" / f"{today}.json").write_text(json.dumps(figures, indent=1))
    report = [
        f"# Benchmark {today}",
        "",
        f"`make bench`: {MOUS:,} MOUs / {PROJECTS:,} projects / {PARTIES:,} parties "
        f"(scaling check at {SMALL_MOUS:,} MOUs), PostgreSQL 15; whole run {elapsed:.1f} min.",
        "",
        *description,
        "",
        "## Scenarios",
        "",
        *[f"- {label}: `{urls[key]}`" for key, label in SCENARIOS],
        f"- Datasette: `{urls['datasette']}` (the same MOUs in SQLite, FTS5, immutable mode)",
        "",
        f"## Results at {MOUS:,} MOUs",
        "",
        "cache: `uncached` page cache off; `cached` on, shared in Redis with each worker's "
        "local tier in front (sci_portal/cache.py). queries: SQL queries of one request "
        "(cached: of a repeated one).",
        "",
        *scenario_rows(results, queries, urls, floor, ds),
        "",
        "## Scaling (uncached, 1 connection)",
        "",
        *scaling_rows(results["uncached"], small),
        "",
        "## Targets",
        "",
        *targets(results, floor, ds, small, queries),
        "",
        f"## Query plans at {MOUS:,} MOUs (EXPLAIN ANALYZE)",
        "",
        plans,
    ]
    text = "\n".join(report) + "\n"
    out = BENCH / "results" / f"{today}.md"
    out.write_text(text)
    record_latest(text.split("## Query plans")[0], out.name)
    print(text.split("## Query plans")[0])
    log(f"written to {out.relative_to(ROOT)} ({elapsed:.1f} min)")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
