"""axe-core finds no serious or critical problem on any page type, on a desktop or a phone.

Screenshots of every page type at both widths are saved in
test-artifacts/screenshots/ for review.
"""

from django.test import RequestFactory
from django.views.defaults import server_error
from playwright.sync_api import expect

from .conftest import ASSETS, PHONE

PAGES = {
    "dashboard": "/",
    "mou-list": "/mous/",
    "mou-list-filtered": "/mous/?area=innovation-and-entrepreneurship&meeting=3",
    "mou-list-bad-input": "/mous/?signed_after=2022-02-30&area=nowhere",
    "mou-detail": "/mous/imda-commerce-bureau-paperless-trade-protocol/",
    "mou-detail-descriptive-title": "/mous/ncs-robotics-development/",
    "project-list": "/projects/",
    "project-detail": "/projects/onesme/",
    "meeting-list": "/meetings/",
    "meeting-detail": "/meetings/3/",
    "party-list": "/parties/",
    "party-detail": "/parties/national-university-of-singapore/",
    "area-list": "/areas/",
    "area-detail": "/areas/innovation-and-entrepreneurship/",
    "search": "/search/?q=Shenzhen",
    "not-found": "/no-such-page/",
    "server-error": "/server-error/",
}
# No URL of the portal fails on purpose: the browser is given, at this address, what
# Django's error handler answers (the 500 page, rendered without request or database).
SERVER_ERROR = "/server-error/"

AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => {
      const where = v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ");
      return `${v.id} (${v.impact}): ${v.help} at ${where}`;
    });
}"""


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(ASSETS / "axe.min.js"))
    return page.evaluate(AXE_RUN)


def serve_the_500_page(browser_page, site: str) -> None:
    response = server_error(RequestFactory().get(SERVER_ERROR))
    browser_page.route(
        site + SERVER_ERROR,
        lambda route: route.fulfill(
            status=response.status_code,
            content_type=response["Content-Type"],
            body=response.content,
        ),
    )


def test_no_page_type_has_serious_accessibility_problems(page, phone, site, screenshots):
    problems = {}
    for browser_page in (page, phone):
        serve_the_500_page(browser_page, site)
    for name, path in PAGES.items():
        for width, browser_page in (("desktop", page), ("phone", phone)):
            browser_page.goto(site + path)
            expect(browser_page.get_by_role("heading", level=1)).to_be_visible()
            browser_page.screenshot(path=screenshots / f"{name}-{width}.png", full_page=True)
            if found := serious_violations(browser_page):
                problems[f"{name} ({width})"] = found
    assert problems == {}


def test_no_page_is_wider_than_a_phone(phone, site):
    # Wide tables scroll inside their own region; the page itself never scrolls sideways.
    too_wide = {}
    serve_the_500_page(phone, site)
    for name, path in PAGES.items():
        phone.goto(site + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
    assert too_wide == {}


def test_a_draft_preview_has_no_serious_accessibility_problems(page, site, admin_user):
    from mous.models import MOU

    MOU.objects.filter(slug="ncs-robotics-development").update(status="draft")
    page.goto(site + "/admin/login/?next=/mous/ncs-robotics-development/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("note")).to_contain_text("Draft — not public.")
    assert serious_violations(page) == []
