"""Hostile values against every filter of every HTML list: no response may be a server error.

    python -m reliability.fuzz_html                  # in-process, on a throwaway test database
    python -m reliability.fuzz_html --base-url URL   # against a running portal
    python -m reliability.fuzz_html --live           # against gunicorn + a throwaway PostgreSQL

The lists are the public routes without URL parameters that answer with HTML;
their parameters are the fields of the forms on them plus every filter name the
lists and the API share (so filters added later are covered without a list here).
"""

import argparse
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

from .routes import iter_routes

# The filter parameter names the HTML lists and the API share (their contract).
CONTRACT_PARAMS = [
    "area", "meeting", "party", "country", "type", "signed_after", "signed_before",
    "phase", "kind", "q", "ordering", "page", "page_size", "year", "format",
]  # fmt: skip

# Already percent-encoded: sent as they are (invalid UTF-8, overlong forms, NUL…).
RAW_VALUES = [
    "%FF%FE%FD",  # not UTF-8 at all
    "%C0%AF",  # overlong "/"
    "%ED%A0%80",  # a lone surrogate
    "%00",  # NUL, which PostgreSQL refuses in text
    "abc%",  # a dangling percent
    "%E4%B8",  # a truncated multi-byte character
]
VALUES = [
    "'", '"', "';--", "' OR '1'='1", "1; DROP TABLE mous_mou;--", "1' UNION SELECT NULL--",
    "%", "_", "\\", "*", "()", "<script>alert(1)</script>", "{{7*7}}", "${7*7}",
    " ", "\t\n", "-", "-title", "--", "?", "&", "=",
    "0", "-1", "1.5", "1e309", "NaN", "Infinity", "0x10",
    "9" * 40, "-" + "9" * 40, str(2**63), str(10**30),
    "2022-02-30", "0000-00-00", "99999-12-31", "2022-13-01", "2022/11/25", "yesterday",
    "A" * 3000, "é" * 500, "深圳市商务局", "\u202e\u0000", "🙂" * 50,
    "../../etc/passwd", "http://example.org/", "last", "first",
]  # fmt: skip


# The test suite's quicker pass: one of each kind of trouble.
QUICK_VALUES = ["' OR '1'='1", "9" * 40, "2022-02-30", "A" * 3000]
QUICK_RAW_VALUES = ["%FF%FE%FD", "%00", "abc%"]


def hostile_queries(names: list[str], values: list[str] = VALUES) -> Iterator[str]:
    """Query strings: each value in each parameter, then all parameters at once, then repeats."""
    raw = QUICK_RAW_VALUES if values is QUICK_VALUES else RAW_VALUES
    encoded = [quote(v, safe="") for v in values] + raw
    for name in names:
        for value in encoded:
            yield f"{name}={value}"
    for value in encoded:
        yield "&".join(f"{name}={value}" for name in names)
    for name in names:
        yield f"{name}=1&{name}=2&{name}=%27"


class _FormNames(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        name = dict(attrs).get("name")
        if tag in {"input", "select", "textarea"} and name and name != "csrfmiddlewaretoken":
            self.names.add(name)


def list_pages(get: Callable[[str], tuple[int, str, str]]) -> dict[str, list[str]]:
    """Public, parameterless routes that answer with HTML, and the parameters to fuzz on each."""
    pages = {}
    for route in iter_routes():
        if not route.is_public or route.params or route.is_api:
            continue
        url = route.url({})
        status, content_type, body = get(url)
        if status != 200 or not content_type.startswith("text/html"):
            continue
        parser = _FormNames()
        parser.feed(body)
        pages[url] = sorted(parser.names | set(CONTRACT_PARAMS))
    return pages


@dataclass
class FuzzReport:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    pages: dict[str, list[str]] = field(default_factory=dict)


def fuzz(get: Callable[[str], tuple[int, str, str]], values: list[str] = VALUES) -> FuzzReport:
    report = FuzzReport(pages=list_pages(get))
    for page, names in report.pages.items():
        for query in hostile_queries(names, values):
            url = f"{page}?{query}"
            status, _, body = get(url)
            report.requests += 1
            report.statuses[status] += 1
            if status >= 500 or "Traceback" in body:
                report.server_errors.append(f"{status} {url[:200]}")
    return report


def client_getter(client) -> Callable[[str], tuple[int, str, str]]:
    def get(url: str) -> tuple[int, str, str]:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "")
        return response.status_code, content_type, body.decode("utf-8", "replace")

    return get


def http_getter(base_url: str) -> Callable[[str], tuple[int, str, str]]:
    def get(url: str) -> tuple[int, str, str]:
        try:
            # base_url is the --base-url the operator gave: an http(s) URL.
            with urllib.request.urlopen(base_url + url, timeout=30) as response:  # noqa: S310  # nosec B310
                body = response.read().decode("utf-8", "replace")
                return response.status, response.headers.get("Content-Type", ""), body
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            return error.code, error.headers.get("Content-Type", ""), body

    return get


def print_report(report: FuzzReport) -> None:
    for page, names in report.pages.items():
        print(f"list {page}: {len(names)} parameters ({', '.join(names)})")
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(report.statuses.items()))
    print(f"html filter fuzzing: {report.requests} requests ({statuses})")
    print(f"html filter fuzzing server errors: {len(report.server_errors)}")
    for line in report.server_errors[:20]:
        print("  5xx", line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running portal, e.g. http://127.0.0.1:8000")
    parser.add_argument("--live", action="store_true", help="start gunicorn + PostgreSQL first")
    parser.add_argument("--quick", action="store_true", help="fewer values (the test suite's)")
    args = parser.parse_args(argv)
    values = QUICK_VALUES if args.quick else VALUES
    if args.base_url and not args.base_url.startswith(("http://", "https://")):
        parser.error("--base-url must be an http:// or https:// URL")
    if args.base_url or args.live:
        from .django_env import setup_django

        setup_django()  # the URL resolver, to find the lists; no database needed here
    if args.base_url:
        report = fuzz(http_getter(args.base_url.rstrip("/")), values)
    elif args.live:
        from .live import live_portal

        with live_portal() as portal:
            report = fuzz(http_getter(portal.base_url), values)
    else:
        from .django_env import test_database

        with test_database():
            from django.test import Client

            report = fuzz(client_getter(Client(raise_request_exception=False)), values)
    print_report(report)
    return 1 if report.server_errors or not report.requests else 0


if __name__ == "__main__":
    sys.exit(main())
