"""The Atom feed of newly published MOUs and projects."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import make_mou, make_project

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client) -> list[ET.Element]:
    response = client.get("/feeds/latest.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    # The portal's own output, not untrusted input.
    return ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314  # nosec B314 (the portal's own feed)


def test_it_lists_published_mous_and_projects_newest_first(client, db):
    now = timezone.now()
    make_mou(title="Older MOU", published_at=now - datetime.timedelta(days=2))
    make_project("Newer project", published_at=now - datetime.timedelta(days=1))
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(client)]
    assert titles == ["Project: Newer project", "MOU: Older MOU"]


def test_entries_link_to_their_pages(client, db):
    make_mou(title="Linked MOU", published_at=timezone.now())
    entry = entries(client)[0]
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/mous/linked-mou/"
    assert "signed 25 November 2022 by" in entry.findtext(f"{ATOM}summary")


def test_drafts_are_not_in_the_feed(client, db):
    make_mou(title="Secret MOU", status="draft", published_at=timezone.now())
    make_project("Secret project", status="draft", published_at=timezone.now())
    assert entries(client) == []


def test_the_transcribed_records_are_in_the_feed(client, transcribed):
    assert len(entries(client)) == 30


def test_pages_point_to_the_feed(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/latest.atom"' in html


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    make_mou(published_at=timezone.now())
    # MOUs (with area, meeting, builds_on), their signatories with parties, projects.
    with django_assert_max_num_queries(3):
        assert client.get("/feeds/latest.atom").status_code == 200
    for _ in range(20):
        make_mou(published_at=timezone.now())
        make_project(published_at=timezone.now())
    with django_assert_max_num_queries(3):
        assert client.get("/feeds/latest.atom").status_code == 200
