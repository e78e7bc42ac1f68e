"""A real Chromium finds no Content-Security-Policy violation on any HTML page, admin included.

The admin is used, not just loaded: signing in, slug prepopulation, adding an
inline row and the party autocomplete all run JavaScript under the policy.
"""

import pytest
from django.conf import settings
from django.test import Client

from reliability.browser import csp_watching_page, page_violations
from reliability.routes import iter_routes, sample_url

PASSWORD = "a-long-passphrase-1"
# One list and one form per model (the add form is the change form without data; tested above).
ADMIN_VIEWS = ("_changelist", "_change", ":index")


@pytest.fixture
def chromium(browser):
    """The suite's Chromium (tests/browser/conftest.py skips or fails when it is missing)."""
    return browser


def html_urls(client: Client, wanted) -> list[str]:
    urls = []
    for route in iter_routes():
        if not wanted(route):
            continue
        url, status = sample_url(route, lambda u: client.get(u).status_code)
        if status == 200 and client.get(url)["Content-Type"].startswith("text/html"):
            urls.append(url)
    return urls


@pytest.mark.django_db(transaction=True)
def test_public_pages_run_under_the_policy(transcribed, live_server, chromium):
    urls = html_urls(Client(), lambda route: route.is_public)
    assert len(urls) >= 11
    with csp_watching_page(chromium) as (page, violations):
        for url in urls:
            page.goto(live_server.url + url)
            violations += page_violations(page)
    assert violations == []


@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_the_policy(transcribed, live_server, chromium, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    staff = Client()
    staff.force_login(user)
    urls = html_urls(staff, lambda r: r.is_admin and (r.name or "").endswith(ADMIN_VIEWS))
    admin = f"{live_server.url}/{settings.ADMIN_URL}"

    with csp_watching_page(chromium) as (page, violations):
        page.goto(admin + "login/")
        page.fill("#id_username", "admin")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(admin)  # signed in: the Secure session cookie works on localhost

        page.goto(admin + "mous/mou/add/")
        page.locator("#id_title").press_sequentially("Memorandum on Smart Ports")
        assert page.input_value("#id_slug") == "memorandum-on-smart-ports"  # prepopulate.js
        rows = page.locator(".dynamic-signatories").count()
        page.click("#signatories-group .add-row a")  # inlines.js
        assert page.locator(".dynamic-signatories").count() == rows + 1
        page.click("#signatories-group .dynamic-signatories .select2-selection")  # autocomplete
        page.wait_for_selector(".select2-results__option:not(.loading-results)")
        violations += page_violations(page)

        for url in urls:
            page.goto(live_server.url + url)
            violations += page_violations(page)
    assert len(urls) > 10
    assert violations == []
