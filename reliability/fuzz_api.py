"""API fuzzing: schemathesis generates requests from the live /api/schema/; 0 server errors.

    python -m reliability.fuzz_api [--examples 150]

Runs against gunicorn + a throwaway PostgreSQL with production settings (the
anonymous throttle raised for the run). If the portal has no /api/schema/ yet,
it says so and exits 0.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from .live import live_portal

MIN_REQUESTS = 1000


def schema_status(base_url: str) -> int:
    try:
        url = base_url + "/api/schema/"  # http://127.0.0.1:PORT, built by live_portal()
        return urllib.request.urlopen(url, timeout=30).status  # noqa: S310  # nosec B310
    except urllib.error.HTTPError as error:
        return error.code


def run_schemathesis(base_url: str, examples: int, workers: int) -> tuple[int, Counter, str]:
    """(requests sent, responses by status, schemathesis' own summary)."""
    with tempfile.TemporaryDirectory() as tmp:
        har = Path(tmp) / "requests.har"
        result = subprocess.run(
            [
                str(Path(sys.executable).with_name("schemathesis")), "run",
                f"{base_url}/api/schema/",
                "--checks=not_a_server_error",
                f"--max-examples={examples}",
                f"--workers={workers}",
                "--seed=20221125",
                "--generation-database=none",
                "--request-timeout=30",
                "--no-color",
                "--report=har", f"--report-har-path={har}",
            ],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
    statuses = Counter(entry["response"]["status"] for entry in entries)
    return len(entries), statuses, result.stdout[-3000:] + result.stderr[-2000:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=150, help="test cases per operation")
    parser.add_argument("--min-requests", type=int, default=MIN_REQUESTS)
    args = parser.parse_args(argv)
    with live_portal(workers=3) as portal:
        if schema_status(portal.base_url) == 404:
            print("api fuzzing: skipped: the portal has no /api/schema/ yet")
            return 0
        requests, statuses, summary = run_schemathesis(portal.base_url, args.examples, workers=2)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    print(summary.strip().splitlines()[-1] if summary.strip() else "")
    print(f"api fuzzing: {requests} generated requests against /api/schema/")
    print(f"api fuzzing responses: {dict(sorted(statuses.items()))}")
    print(f"api fuzzing server errors: {server_errors}")
    if server_errors:
        print(summary)
    return 1 if server_errors or requests < args.min_requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
