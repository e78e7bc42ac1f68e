"""Load: N concurrent clients for a fixed time against gunicorn + PostgreSQL, pages and API mixed.

    python -m reliability.load [--clients 16] [--seconds 30]

The mix is one real URL of every public route pattern (pages, API, exports,
whatever the URLconf holds), requested in turn by wrk (Debian's package).
Prints requests/s, errors (socket errors and HTTP status >= 400; must be 0), p50/p95/p99.
"""

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .live import live_portal, route_samples

LUA = """
local paths = {%(paths)s}
local i = 0
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_s": %%.3f, "connect": %%d, "read": %%d, "write": %%d, '
    .. '"status": %%d, "timeout": %%d, "p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, '
    .. '"max_ms": %%.2f}\\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


def run_wrk(base_url: str, paths: list[str], clients: int, seconds: int) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "mix.lua"
        script.write_text(LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
        result = subprocess.run(
            ["wrk", f"--threads={min(clients, 2)}", f"--connections={clients}",
             f"--duration={seconds}s", "--timeout=10s", f"--script={script}", base_url],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args(argv)
    with live_portal() as portal:
        samples = route_samples(portal.database_url)
        paths = [url for pattern, url in samples.items() if pattern != "/healthz"]
        api = [p for p in paths if p.startswith("/api/")]
        print(f"mix: {len(paths)} URLs, one per public route pattern ({len(api)} under /api/)")
        for path in paths:
            print(f"  {path}")
        run_wrk(portal.base_url, paths, clients=2, seconds=2)  # warm-up, not counted
        figures = run_wrk(portal.base_url, paths, args.clients, args.seconds)
    rps = figures["requests"] / figures["duration_s"]
    print(f"load: {args.clients} clients for {args.seconds} s against gunicorn + PostgreSQL")
    print(f"load requests: {figures['requests']} ({rps:.0f}/s)")
    print(
        f"load errors: {figures['errors']} (HTTP >= 400: {figures['status']}, "
        f"socket: {figures['errors'] - figures['status']})"
    )
    print(
        f"load latency: p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
        f"p99 {figures['p99_ms']:.1f} ms, max {figures['max_ms']:.1f} ms"
    )
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
