"""Every page type works under a strict Content-Security-Policy and has the site's frame."""

from html.parser import HTMLParser

import pytest

from tests.factories import make_editor, make_mou

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/mous/",
    "/mous/?area=digital-trade&signed_after=bad",
    "/mous/imda-commerce-bureau-paperless-trade-protocol/",
    "/projects/",
    "/projects/onesme/",
    "/meetings/",
    "/meetings/3/",
    "/parties/",
    "/parties/ncs-group/",
    "/areas/",
    "/areas/digital-trade/",
    "/search/?q=NUS",
    "/no-such-page/",
]


class Inspector(HTMLParser):
    """Collects what a strict CSP would block, and the landmarks every page needs."""

    def __init__(self):
        super().__init__()
        self.blocked: list[str] = []
        self.h1 = 0
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style":
            self.blocked.append("<style>")
        if tag == "script":
            if "src" in attrs:
                self.scripts.append(attrs["src"])
            else:
                self.blocked.append("inline <script>")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"{tag} {name}=")
        if attrs.get("href", "").startswith("javascript:"):
            self.blocked.append("javascript: link")
        if tag == "h1":
            self.h1 += 1
        if "id" in attrs:
            self.ids.append(attrs["id"])


def inspect(client, path: str) -> tuple[str, Inspector]:
    html = client.get(path).content.decode()
    inspector = Inspector()
    inspector.feed(html)
    return html, inspector


def test_pages_have_nothing_a_strict_csp_blocks(client, transcribed):
    for path in PAGES:
        _, inspector = inspect(client, path)
        assert inspector.blocked == [], path
        assert all(src.startswith("/static/") for src in inspector.scripts), path


def test_pages_have_one_h1_unique_ids_and_a_skip_link(client, transcribed):
    for path in PAGES:
        html, inspector = inspect(client, path)
        assert inspector.h1 == 1, path
        assert len(inspector.ids) == len(set(inspector.ids)), path
        assert '<a class="skip-link" href="#main">' in html, path
        assert '<main id="main"' in html, path
        assert '<html lang="en">' in html, path


def test_a_draft_preview_has_nothing_a_strict_csp_blocks(client, db):
    make_mou(title="Secret draft", status="draft")
    client.force_login(make_editor())
    _, inspector = inspect(client, "/mous/secret-draft/")
    assert inspector.blocked == []


def test_the_current_section_is_marked_in_the_navigation(client, transcribed):
    assert 'href="/mous/" aria-current="page"' in client.get("/mous/").content.decode()
    detail = client.get("/mous/ncs-robotics-development/").content.decode()
    assert 'href="/mous/" aria-current="true"' in detail
