"""Security headers on one URL of every route pattern, plus error responses.

python -m reliability.headers      # prints one line per route and the totals
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.test import Client

from .routes import Route, iter_routes, sample_url

ONE_YEAR = 365 * 24 * 60 * 60
REFERRER_POLICIES_AS_STRICT = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def header_problems(response, secure: bool = False) -> list[str]:
    """What is missing or too weak in one response's security headers."""
    problems = []
    csp = response.headers.get("Content-Security-Policy")
    if not csp:
        problems.append("no Content-Security-Policy")
    else:
        directives = csp_directives(csp)
        for name, value in {
            "default-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'none'"],
            "frame-ancestors": ["'none'"],
        }.items():
            if directives.get(name) != value:
                problems.append(f"CSP {name} is {directives.get(name)}, not {value}")
        scripts = directives.get("script-src", directives.get("default-src", []))
        for weak in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:"):
            if weak in scripts:
                problems.append(f"CSP allows {weak} scripts")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append("no X-Frame-Options: DENY")
    if response.headers.get("Referrer-Policy") not in REFERRER_POLICIES_AS_STRICT:
        problems.append(f"Referrer-Policy is {response.headers.get('Referrer-Policy')}")
    if secure:
        hsts = response.headers.get("Strict-Transport-Security", "")
        max_age = next(
            (int(p.split("=")[1]) for p in hsts.split(";") if p.strip().startswith("max-age")), 0
        )
        if max_age < ONE_YEAR:
            problems.append(f"HSTS max-age {max_age} is under a year")
    return problems


@dataclass
class Checked:
    pattern: str
    url: str
    status: int
    problems: list[str]


def check_routes(
    anonymous: Client, staff: Client, only: Callable[[Route], bool] = lambda route: True
) -> list[Checked]:
    """One URL per route pattern (public ones anonymously, admin ones as a superuser)."""
    results = []
    for route in filter(only, iter_routes()):
        client = staff if route.is_admin else anonymous
        responses = {}

        def status(url: str, client: Client = client, responses: dict = responses) -> int:
            responses[url] = client.get(url, secure=True)
            return responses[url].status_code

        url, code = sample_url(route, status)
        results.append(Checked(route.pattern, url, code, header_problems(responses[url], True)))
    return results


def check_errors(client: Client) -> list[Checked]:
    """Error responses made outside the views: 404, 405, 400 (bad Host), 403 (CSRF)."""
    from django.conf import settings

    checks: list[tuple[str, Callable]] = [
        ("404", lambda: client.get("/no-such-page/")),
        ("405", lambda: client.delete("/healthz")),
        ("400 bad Host", lambda: client.get("/", headers={"host": "attacker.example"})),
        (
            "403 CSRF",
            lambda: Client(enforce_csrf_checks=True).post(
                f"/{settings.ADMIN_URL}login/", {"username": "x", "password": "y"}
            ),
        ),
    ]
    results = []
    for label, request in checks:
        response = request()
        results.append(Checked(label, "", response.status_code, header_problems(response)))
    return results


def main() -> int:
    from django.contrib.auth import get_user_model

    from .django_env import test_database

    with test_database():
        staff = Client()
        staff.force_login(
            get_user_model().objects.create_superuser("headers-check", "h@example.org", "x")
        )
        results = check_routes(Client(), staff) + check_errors(Client())
    bad = [r for r in results if r.problems]
    for r in results:
        print(f"{r.status:>3}  {r.pattern:<60} {'; '.join(r.problems) or 'ok'}")
    ok = len(results) - len(bad)
    print(f"\nsecurity headers: {ok}/{len(results)} route patterns and error responses ok")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
