"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Skipped, with the reason shown, only when Chromium is missing and CI is not
set; in CI a missing Chromium fails them.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import load_transcribed_data

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made
# by the tests themselves are then safe, as nothing else runs concurrently here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ASSETS = Path(__file__).resolve().parent / "assets"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if _in_ci():
            pytest.fail(f"{message}; CI is set, so the browser tests must run.")
        pytest.skip(f"{message}: browser tests skipped.")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets the tests inject axe-core into pages that may carry a strict CSP.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the transcribed data loaded."""
    load_transcribed_data()
    return live_server.url


@pytest.fixture
def page(page):
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def phone(new_context):
    """A page in a phone-sized, touch-screen browser."""
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
