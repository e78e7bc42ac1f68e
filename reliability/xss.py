"""XSS: script payloads in every text field of every model, then every public page read back.

    python -m reliability.xss

Every CharField/TextField of the portal's models (and the text inside JSON
fields) gets a payload carrying a field number, each accepted by the field's
own validators (what the admin would accept). Every record is published. Then
one URL of every public route pattern, and every same-site link found on those
pages (exports, feeds, pagination, filters), is fetched; the admin pages too.
A payload may appear only as text: never as a <script>, an on* handler or a
javascript: URL in HTML, nor as HTML inside a feed's HTML-typed element.
"""

import re
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.db import models

from .routes import _project_models, iter_routes, sample_url

MARK = re.compile(r"xss\((\d+)\)")
# Longest first: each field gets the longest payload that fits and validates.
PAYLOADS = [
    "<script>xss({n})</script>\"'><img src=x onerror=xss({n})>",
    "<img src=x onerror=xss({n})>",
    "<svg onload=xss({n})>",
]
URL_PAYLOAD = 'https://example.org/"><script>xss({n})</script>'
MAX_PAGES = 600


def text_fields() -> list[tuple[type[models.Model], models.Field]]:
    found = []
    for model in _project_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.SlugField | models.EmailField) or f.choices or f.primary_key:
                continue
            if isinstance(f, models.CharField | models.TextField | models.JSONField):
                found.append((model, f))
    return found


def unique_field_names(model: type[models.Model]) -> set[str]:
    """Fields in any uniqueness rule: their payloads get the row's pk to stay distinct."""
    names = {f.name for f in model._meta.concrete_fields if f.unique}
    for constraint in model._meta.total_unique_constraints:
        names.update(constraint.fields)
    for together in model._meta.unique_together:
        names.update(together)
    return names


def payload_for(f: models.Field, n: int, unique_suffix: str | None) -> str | None:
    """The longest payload that fits the field and passes its validators."""
    candidates = [URL_PAYLOAD] if isinstance(f, models.URLField) else PAYLOADS
    for template in candidates:
        value = template.format(n=n) + (f" {unique_suffix}" if unique_suffix else "")
        if f.max_length and len(value) > f.max_length:
            continue
        try:
            f.run_validators(value)
        except ValidationError:
            continue
        return value
    return None


def _poison_json(value, payload: str):
    if isinstance(value, str):
        return payload
    if isinstance(value, list):
        return [_poison_json(v, payload) for v in value]
    if isinstance(value, dict):
        return {k: _poison_json(v, payload) for k, v in value.items()}
    return value


@dataclass
class Filled:
    fields: dict[int, str] = field(default_factory=dict)  # number -> "app.model.field"
    skipped: list[str] = field(default_factory=list)
    rows: int = 0


def fill_with_payloads() -> Filled:
    """Write a payload into every text field of every row, and publish every record."""
    filled = Filled()
    for n, (model, f) in enumerate(text_fields(), start=1):
        filled.fields[n] = f"{model._meta.label_lower}.{f.name}"
    numbers = {v: k for k, v in filled.fields.items()}
    for model in _project_models():
        own = [(f, numbers[f"{model._meta.label_lower}.{f.name}"]) for f in text_fields_of(model)]
        unique = unique_field_names(model)
        for obj in model._default_manager.all():
            values = {}
            for f, n in own:
                if isinstance(f, models.JSONField):
                    payload = PAYLOADS[0].format(n=n)
                    values[f.attname] = _poison_json(getattr(obj, f.attname), payload)
                    continue
                suffix = str(obj.pk) if f.name in unique else None
                payload = payload_for(f, n, unique_suffix=suffix)
                if payload is None:
                    filled.skipped.append(filled.fields[n])
                    continue
                values[f.attname] = payload
            if any(f.name == "status" for f in model._meta.concrete_fields):
                values["status"] = "published"
            # Chinese text needs its status (official or unofficial): a choice, so unfilled.
            for name in [f.name for f, _ in own if f.name.endswith("_zh")]:
                status = next(
                    (f for f in model._meta.concrete_fields if f.name == f"{name}_status"), None
                )
                if status is not None and values.get(name):
                    values[status.attname] = status.choices[-1][0]
            model._default_manager.filter(pk=obj.pk).update(**values)
            filled.rows += 1
    filled.skipped = sorted(set(filled.skipped))
    return filled


def text_fields_of(model: type[models.Model]) -> list[models.Field]:
    return [f for m, f in text_fields() if m is model]


class _HTMLScan(HTMLParser):
    """Finds payloads that became markup; collects links and feed HTML to look into."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.leaks: list[str] = []
        self.links: list[str] = []
        self.html_text: list[str] = []  # text of feed elements that readers render as HTML
        self._in_script = False
        self._html_typed: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "script":
            self._in_script = True
            if MARK.search(a.get("src", "")):
                self.leaks.append(f"<script src> from {MARK.search(a['src']).group(0)}")
        for name, value in a.items():
            if name.startswith("on") and MARK.search(value):
                self.leaks.append(f"<{tag} {name}=…{MARK.search(value).group(0)}>")
            if name in self.URL_ATTRS and value.strip().lower().startswith("javascript:"):
                self.leaks.append(f"<{tag} {name}=javascript:…>")
        if tag in {"a", "link"} and a.get("href"):
            self.links.append(a["href"])
        typed = a.get("type", "").lower() in {"html", "xhtml"} or tag in {
            "description",
            "content:encoded",
        }
        self._html_typed.append(typed)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._html_typed:
            self._html_typed.pop()

    def handle_data(self, data):
        if self._in_script and MARK.search(data):
            self.leaks.append(f"<script>…{MARK.search(data).group(0)}…</script>")
        if self._html_typed and self._html_typed[-1] and MARK.search(data):
            self.html_text.append(data)


def scan_html(text: str) -> _HTMLScan:
    scan = _HTMLScan()
    scan.feed(text)
    scan.close()
    return scan


def scan_response(content_type: str, text: str) -> tuple[list[str], list[str]]:
    """(leaks, links) for one response body."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in {"text/html", "application/xhtml+xml"}:
        scan = scan_html(text)
        return scan.leaks, scan.links
    if "xml" in kind or "rss" in kind or "atom" in kind:
        scan = scan_html(text)  # a lenient tag scan: escaped payloads are text
        inner = [leak for chunk in scan.html_text for leak in scan_html(chunk).leaks]
        return scan.leaks + [f"feed HTML: {leak}" for leak in inner], scan.links
    return [], []  # JSON, CSV, plain text: not rendered as HTML (nosniff is on everywhere)


@dataclass
class CrawlReport:
    pages: Counter = field(default_factory=Counter)  # by content type
    statuses: Counter = field(default_factory=Counter)
    leaks: list[str] = field(default_factory=list)
    fields_seen: set[int] = field(default_factory=set)
    server_errors: list[str] = field(default_factory=list)


def crawl(get: Callable, start: list[str], same_area: Callable[[str], bool]) -> CrawlReport:
    """Breadth-first over same-site links from the start URLs, up to MAX_PAGES pages."""
    report = CrawlReport()
    queue, seen = deque(start), set(start)
    while queue and sum(report.pages.values()) < MAX_PAGES:
        url = queue.popleft()
        response = get(url)
        report.statuses[response.status_code] += 1
        if response.status_code >= 500:
            report.server_errors.append(url)
        if response.status_code >= 300:
            continue
        content_type = response.get("Content-Type", "")
        report.pages[content_type.split(";")[0]] += 1
        text = b"".join(response.streaming_content if response.streaming else [response.content])
        body = text.decode("utf-8", "replace")
        report.fields_seen |= {int(n) for n in MARK.findall(body)}
        leaks, links = scan_response(content_type, body)
        report.leaks += [f"{url}: {leak}" for leak in leaks]
        for link in links:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc not in {"", "testserver"} or parts.scheme not in {"", "http"}:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if same_area(parts.path) and target not in seen:
                seen.add(target)
                queue.append(target)
    return report


def public_start_urls(get: Callable) -> list[str]:
    return [
        sample_url(route, lambda url: get(url).status_code)[0]
        for route in iter_routes()
        if route.is_public
    ]


def admin_start_urls(get: Callable) -> list[str]:
    return [
        sample_url(route, lambda url: get(url).status_code)[0]
        for route in iter_routes()
        if route.is_admin and (route.name or "").endswith(("_changelist", "_change"))
    ]


def is_public_path(path: str) -> bool:
    from django.conf import settings

    return not path.startswith((f"/{settings.ADMIN_URL}", settings.STATIC_URL, "/static/"))


def main() -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from .django_env import test_database

    with test_database():
        filled = fill_with_payloads()
        anonymous = Client()
        public = crawl(anonymous.get, public_start_urls(anonymous.get), is_public_path)
        staff = Client()
        staff.force_login(get_user_model().objects.create_superuser("xss", "x@example.org", "x"))
        admin = crawl(staff.get, admin_start_urls(staff.get), lambda path: False)

    print(f"text fields filled: {len(filled.fields) - len(filled.skipped)} of {len(filled.fields)}")
    print(f"rows rewritten: {filled.rows}")
    for label, report in (("public", public), ("admin", admin)):
        pages = ", ".join(f"{n} {kind}" for kind, n in report.pages.most_common())
        print(f"{label} pages fetched: {sum(report.pages.values())} ({pages})")
        print(f"{label} fields whose payload was shown: {len(report.fields_seen)}")
        print(f"{label} server errors: {len(report.server_errors)}")
        print(f"{label} payloads rendered as markup: {len(report.leaks)}")
        for leak in report.leaks[:20]:
            print("  LEAK", leak)
    not_shown = sorted(set(filled.fields) - public.fields_seen)
    print("fields not shown on any public page:", ", ".join(filled.fields[n] for n in not_shown))
    failed = public.leaks or admin.leaks or public.server_errors or admin.server_errors
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
