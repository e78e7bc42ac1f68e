"""Pages work under a strict Content-Security-Policy: nothing inline is blocked."""

import pytest
from playwright.sync_api import expect

STRICT_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@pytest.fixture
def strict_page(browser, site):
    """A page whose every response carries a strict CSP, reporting what it blocks."""
    context = browser.new_context(bypass_csp=False)

    def with_csp(route):
        response = route.fetch()
        route.fulfill(
            response=response,
            headers={**response.headers, "content-security-policy": STRICT_CSP},
        )

    context.route("**/*", with_csp)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


PATHS = [
    "/",
    "/mous/?meeting=3",
    "/mous/imda-commerce-bureau-paperless-trade-protocol/",
    "/projects/onesme/",
    "/meetings/",
    "/parties/ncs-group/",
    "/no-such-page/",
]


def test_nothing_is_blocked_by_a_strict_csp(strict_page, site):
    blocked = {}
    for path in PATHS:
        strict_page.goto(site + path)
        expect(strict_page.get_by_role("heading", level=1)).to_be_visible()
        strict_page.wait_for_load_state("load")
        if violations := strict_page.evaluate("window.__cspViolations"):
            blocked[path] = violations
        # The stylesheet applied: the header has the site's colour.
        header = strict_page.locator(".site-header")
        assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(7, 55, 99)"
    assert blocked == {}


def test_the_script_runs_under_a_strict_csp(strict_page, site):
    strict_page.goto(site + "/projects/onesme/")
    expect(strict_page.get_by_role("button", name="Copy citation")).to_be_visible()
