"""A production-like portal for the live checks: gunicorn + a throwaway PostgreSQL with the data."""

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import pg
from .server import BASE_DIR, gunicorn, manage, production_env


@dataclass
class LivePortal:
    base_url: str
    database_url: str
    env: dict[str, str]
    postgres: "pg.ThrowawayPostgres | None"
    log: Path


def prepare_database(env: dict[str, str]) -> None:
    manage("migrate", "--noinput", env=env)
    manage("load_transcribed_data", "--if-empty", env=env)
    manage("collectstatic", "--noinput", env=env)


@contextlib.contextmanager
def live_portal(
    workers: int | None = None, threads: int = 1, **extra_env: str
) -> Iterator[LivePortal]:
    """gunicorn with production settings on a throwaway PostgreSQL (or RELIABILITY_DATABASE_URL)."""
    workers = workers or 2 * (os.cpu_count() or 1) + 1
    log = BASE_DIR / "test-artifacts" / "reliability-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    given = os.environ.get("RELIABILITY_DATABASE_URL")
    postgres = None
    with contextlib.ExitStack() as stack:
        if given:
            database_url = given
        else:
            if not pg.available():
                raise SystemExit(f"PostgreSQL 15 binaries not found in {pg.PGBIN}")
            postgres = stack.enter_context(pg.ThrowawayPostgres())
            database_url = postgres.createdb("sci_portal")
        env = production_env(database_url, **extra_env)
        prepare_database(env)
        base = stack.enter_context(gunicorn(env, workers=workers, threads=threads, log_path=log))
        yield LivePortal(base, database_url, env, postgres, log)


def route_samples(database_url: str) -> dict[str, str]:
    """One real URL per public route pattern, found in a subprocess set up on that database."""
    env = {**os.environ, "DATABASE_URL": database_url, "SCI_PORTAL_TESTING": "1"}
    code = (
        "import json, django; django.setup()\n"
        "from django.test import Client\n"
        "from reliability.routes import iter_routes, sample_url\n"
        "c = Client()\n"
        "out = {r.pattern: sample_url(r, lambda u: c.get(u).status_code) for r in iter_routes()"
        " if r.is_public}\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "sci_portal.settings"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    samples = json.loads(result.stdout.strip().splitlines()[-1])
    return {pattern: url for pattern, (url, status) in samples.items() if status == 200}
