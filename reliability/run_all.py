"""Run every reliability check, print its figures, and record them in docs/reliability.md.

    python -m reliability.run_all            # everything (`make reliability`)
    python -m reliability.run_all --quick    # the CI subset (`make reliability-quick`)

The in-process checks use a test database on a throwaway PostgreSQL; the live
ones share another database on it, served by gunicorn; the restart check starts
(and restarts) a PostgreSQL of its own.
"""

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

from . import pg

BASE_DIR = Path(__file__).resolve().parent.parent
DOC = BASE_DIR / "docs" / "reliability.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"

FULL = [
    ("Production settings", ["deploy_check"], "in-process"),
    ("Security headers on every route", ["headers"], "in-process"),
    ("XSS", ["xss"], "in-process"),
    ("HTML filter fuzzing", ["fuzz_html", "--live"], "live"),
    ("API fuzzing (schemathesis)", ["fuzz_api", "--examples", "150"], "live"),
    ("Load", ["load", "--clients", "16", "--seconds", "30"], "live"),
    ("Database restart under load", ["db_restart", "--outage", "5"], "own"),
    ("Static analysis (bandit)", ["bandit_check"], "in-process"),
]
# For CI: what the test suite does not already cover, kept short.
QUICK = [
    ("Static analysis (bandit)", ["bandit_check"], "in-process"),
    ("Load", ["load", "--clients", "8", "--seconds", "10"], "live"),
    ("Database restart under load", ["db_restart", "--outage", "3"], "own"),
]


def figure_lines(output: str) -> list[str]:
    """The summary lines a check prints (they start with a lower-case word)."""
    return [line for line in output.splitlines() if re.match(r"^[a-z][\w /()-]*:", line)]


def run_step(args: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", f"reliability.{args[0]}", *args[1:]],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines = []
    for line in process.stdout:
        if not line.startswith('{"'):  # JSON log lines stay out of the figures
            print(line, end="", flush=True)
            lines.append(line)
    return process.wait(), "".join(lines), time.monotonic() - started


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = names[0] if names else cpu
        mem_kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())[1])
        memory = f", {mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, TypeError):
        memory = ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return f"{os.cpu_count()} CPUs ({cpu}){memory}, load average {load:.1f} at the start"


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=BASE_DIR, capture_output=True, text=True).stdout

    dirty = " with local changes" if git("status", "--porcelain").strip() else ""
    return git("rev-parse", "--short", "HEAD").strip() + dirty


def write_doc(command: str, results: list[tuple[str, int, str, float]], header: str) -> None:
    blocks = [header, ""]
    for title, code, output, seconds in results:
        verdict = "pass" if code == 0 else "FAIL"
        blocks += [f"**{title}** — {verdict} ({seconds:.0f} s)", "", "```"]
        blocks += figure_lines(output) or ["(no figures printed)"]
        blocks += ["```", ""]
    text = DOC.read_text()
    new = f"{START}\n" + "\n".join(blocks).rstrip() + f"\n{END}"
    pattern = re.escape(START) + ".*?" + re.escape(END)
    DOC.write_text(re.sub(pattern, lambda _: new, text, flags=re.S))
    print(f"\nfigures written to {DOC.relative_to(BASE_DIR)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the CI subset")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/reliability.md")
    args = parser.parse_args(argv)
    steps = QUICK if args.quick else FULL
    command = "make reliability-quick" if args.quick else "make reliability"
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = f"`{command}` on {when}, commit {commit()}; machine: {machine()}."

    env = {k: v for k, v in os.environ.items() if k != "SCI_PORTAL_TESTING"}
    results = []
    postgres = None
    try:
        if pg.available():
            postgres = pg.ThrowawayPostgres()
            postgres.start()
            shared_url = postgres.createdb("sci_portal")
        for title, step, where in steps:
            step_env = dict(env)
            if where == "in-process":
                step_env["SCI_PORTAL_TESTING"] = "1"
                if postgres:  # the test database is created next to this one
                    step_env["DATABASE_URL"] = postgres.url("postgres")
            elif where == "live" and postgres:
                step_env["RELIABILITY_DATABASE_URL"] = shared_url
            print(f"\n== {title}: python -m reliability.{' '.join(step)}", flush=True)
            code, output, seconds = run_step(step, step_env)
            results.append((title, code, output, seconds))
    finally:
        if postgres:
            postgres.destroy()

    print("\n== Summary")
    for title, code, _, seconds in results:
        print(f"{'pass' if code == 0 else 'FAIL'}  {title} ({seconds:.0f} s)")
    if not args.no_doc:
        write_doc(command, results, header)
    return 1 if any(code for _, code, _, _ in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
