"""A Publisher enters a new MOU in the admin, checks it stays private, and publishes it."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

USERNAME = "petra"
PASSWORD = "a long staff passphrase 2024"
TITLE = "Memorandum of Understanding on Library Cooperation"
SLUG = "memorandum-of-understanding-on-library-cooperation"
PARTIES = {
    "national-library-board-singapore": "National Library Board, Singapore",
    "shenzhen-library": "Shenzhen Library",
}

# Every page, the admin's included, is served with the strict policy the portal is
# written for (the same as test_content_security_policy.py's).
STRICT_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"


@pytest.fixture
def publisher(site, tmp_path) -> None:
    """A Publisher's account, made as a deployment makes one.

    The live server's database is flushed after every test, which takes the role
    groups with it: they are created again by the migration's own function.
    """
    # The API's throttles count in the cache: start with none spent.
    cache.clear()
    roles = importlib.import_module("staff.migrations.0001_editor_and_publisher_roles")
    roles.create_roles(apps, SimpleNamespace(connection=connection))
    password_file = tmp_path / "password"
    password_file.write_text(PASSWORD)
    call_command(
        "create_staff_user",
        USERNAME,
        role="publisher",
        password_file=str(password_file),
        interactive=False,
        verbosity=0,
    )


@pytest.fixture
def csp_blocked() -> list[str]:
    """What the browser refused under the policy, on any page of either visitor."""
    return []


def strict_page(browser, blocked: list[str]):
    context = browser.new_context(bypass_csp=False, viewport={"width": 1280, "height": 900})

    def with_csp(route):
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": STRICT_CSP}
        )

    def report(message):
        if "Content Security Policy" in message.text:
            blocked.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.route("**/*", with_csp)
    context.on("console", report)
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def staff_page(browser, csp_blocked):
    page = strict_page(browser, csp_blocked)
    yield page
    page.context.close()


@pytest.fixture
def visitor(browser, csp_blocked):
    """An anonymous visitor to the public site."""
    page = strict_page(browser, csp_blocked)
    yield page
    page.context.close()


def choose(page, select_id: str, search: str, option: str) -> None:
    """Pick a record in one of the admin's autocomplete (select2) widgets."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.locator(f"#{select_id} + .select2 .select2-selection__rendered")).to_contain_text(
        option
    )


def public_list_titles(visitor, site: str) -> list[str]:
    visitor.goto(site + "/mous/")
    expect(visitor.locator("#result-count")).to_be_visible()
    return visitor.locator(".records .record-title a").all_inner_texts()


def test_a_publisher_adds_an_mou_as_a_draft_then_publishes_it(
    staff_page, visitor, site, publisher, screenshots, csp_blocked
):
    page = staff_page
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(site + "/admin/mous/mou/add/")
    page.get_by_label("Title:", exact=True).press_sequentially(TITLE)
    # The slug is filled from the title as it is typed (prepopulated_fields).
    expect(page.get_by_label("Slug:", exact=True)).to_have_value(SLUG)
    page.get_by_label("Instrument type:", exact=True).select_option(
        label="Memorandum of Understanding"
    )
    page.locator("#id_signed_on").fill("2022-11-25")
    choose(page, "id_area", "Talent", "Talent Exchange and Development")
    choose(page, "id_meeting", "3", "3rd JIC meeting")
    for row, (search, name, side) in enumerate(
        [
            ("National Library", PARTIES["national-library-board-singapore"], "SG"),
            ("Shenzhen Library", PARTIES["shenzhen-library"], "CN"),
        ]
    ):
        choose(page, f"id_signatories-{row}-party", search, name)
        page.locator(f"#id_signatories-{row}-side").select_option(side)
    expect(page.get_by_label("Status:", exact=True)).to_have_value("draft")
    page.screenshot(path=screenshots / "publisher-01-new-mou.png", full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    expect(page.get_by_role("row", name=re.compile(TITLE))).to_contain_text("Draft")
    page.screenshot(path=screenshots / "publisher-02-saved-as-draft.png", full_page=True)

    # The draft is nowhere public: not listed, its page and API record not found.
    assert TITLE not in public_list_titles(visitor, site)
    assert visitor.goto(f"{site}/mous/{SLUG}/").status == 404
    assert visitor.request.get(f"{site}/api/v1/mous/{SLUG}/").status == 404
    # Staff preview it from the admin, marked as a draft.
    page.locator("#result_list").get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="View on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("note")).to_contain_text("Draft — not public.")
    page.screenshot(path=screenshots / "publisher-03-draft-preview.png", full_page=True)

    page.goto(site + "/admin/mous/mou/?status__exact=draft")
    page.get_by_role("checkbox", name=re.compile(f"Select this object.*{TITLE}")).check()
    page.get_by_label(re.compile(r"^Action")).select_option(label="Publish the selected MOUs")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist .success")).to_have_text("Published 1 MOU.")
    page.screenshot(path=screenshots / "publisher-04-published.png", full_page=True)

    assert TITLE in public_list_titles(visitor, site)
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(f"{site}/mous/{SLUG}/")
    expect(visitor.get_by_role("note")).to_have_count(0)
    parties = visitor.locator(".parties")
    for name in PARTIES.values():
        expect(parties.get_by_role("link", name=name)).to_be_visible()
    visitor.screenshot(path=screenshots / "publisher-05-public-mou.png", full_page=True)
    for slug, name in PARTIES.items():
        visitor.goto(f"{site}/parties/{slug}/")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(name)
        signed = visitor.locator("section", has=visitor.locator("#mous-heading"))
        expect(signed.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.screenshot(path=screenshots / "publisher-06-party-page.png", full_page=True)

    listed = visitor.request.get(f"{site}/api/v1/mous/", params={"page_size": 100}).json()
    assert SLUG in [mou["slug"] for mou in listed["results"]]
    record = visitor.request.get(f"{site}/api/v1/mous/{SLUG}/").json()
    assert record["title"] == TITLE
    assert record["area"]["slug"] == "talent-exchange-and-development"
    assert record["meeting"]["ordinal"] == 3
    assert [(s["party"]["slug"], s["side"]) for s in record["signatories"]] == [
        ("national-library-board-singapore", "SG"),
        ("shenzhen-library", "CN"),
    ]
    assert csp_blocked == []
