"""Debian's Chromium, driven by Playwright, reporting every Content-Security-Policy violation."""

import contextlib
import os
import shutil
from collections.abc import Iterator

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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

# Runs in every page before its own scripts (added by the browser, so CSP does not apply).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || document.location.pathname}:${e.lineNumber}`);
});
"""


def chromium_available() -> bool:
    return shutil.which(CHROMIUM) is not None


@contextlib.contextmanager
def csp_watching_page(browser=None) -> Iterator[tuple[object, list[str]]]:
    """A fresh page and the list its CSP violations (from events and the console) go into.

    Opens the page in `browser` when given (the test suite's, from pytest-playwright),
    else launches Debian's Chromium for the run.
    """
    if browser is not None:
        context = browser.new_context()
        try:
            yield _watched(context.new_page())
        finally:
            context.close()
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield _watched(own.new_page())
        finally:
            own.close()


def _watched(page) -> tuple[object, list[str]]:
    violations: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda msg: (
            violations.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    return page, violations


def page_violations(page) -> list[str]:
    return [f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations || []")]
