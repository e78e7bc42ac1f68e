"""The meetings timeline and a meeting's page: co-chairs, what was signed and launched there."""

import pytest

from tests.factories import make_meeting, make_mou, make_project
from tests.ui.helpers import csv_rows, text_of

pytestmark = pytest.mark.django_db


def test_the_timeline_lists_each_meeting_with_its_counts(client, transcribed):
    response = client.get("/meetings/")
    assert response.status_code == 200
    counts = {m.ordinal: (m.mou_count, m.project_count) for m in response.context["meetings"]}
    assert counts == {2: (4, 0), 3: (8, 14)}
    html = response.content.decode()
    assert 'href="/mous/?meeting=3">8</a>' in html
    assert 'href="/projects/?meeting=3">14</a>' in html


def test_the_timeline_shows_co_chairs_and_stated_totals(client, transcribed):
    text = text_of(client.get("/meetings/"))
    assert "Mr Qin Weizhong, Mayor of Shenzhen" in text
    assert "Stated to date 21 MOUs, 29 projects" in text


def test_the_timeline_filters_by_year_and_orders(client, transcribed):
    assert [m.ordinal for m in client.get("/meetings/?year=2022").context["meetings"]] == [3]
    assert [m.ordinal for m in client.get("/meetings/?ordering=-ordinal").context["meetings"]] == [
        3,
        2,
    ]
    assert client.get("/meetings/?year=twenty").status_code == 400


def test_a_meeting_page_lists_what_was_signed_and_launched(client, transcribed):
    response = client.get("/meetings/3/")
    html = response.content.decode()
    assert len(response.context["meeting"].signed) == 8
    assert len(response.context["meeting"].launched) == 14
    assert 'href="/mous/simc-scia-mediation-arbitration-protocol/"' in html
    assert 'href="/projects/fintech-cooperation/"' in html


def test_a_meeting_page_shows_co_chairs_place_and_stated_totals(client, transcribed):
    text = text_of(client.get("/meetings/3/"))
    assert "Place unknown" in text
    assert "MOUs signed to date, as stated 21" in text
    assert "Projects initiated to date, as stated 29" in text
    assert "Cite this record" in text


def test_a_meeting_page_leaves_drafts_out(client, db):
    meeting = make_meeting(5)
    make_mou(title="Open MOU", meeting=meeting)
    make_mou(title="Secret MOU", meeting=meeting, status="draft")
    make_project("Secret Project", meeting=meeting, status="draft")
    text = text_of(client.get("/meetings/5/"))
    assert "Open MOU" in text
    assert "Secret MOU" not in text and "Secret Project" not in text


def test_a_draft_meeting_is_a_404_except_to_staff(client, admin_client, db):
    make_meeting(6, status="draft")
    assert client.get("/meetings/6/").status_code == 404
    assert "Draft — not public." in text_of(admin_client.get("/meetings/6/"))
    assert client.get("/meetings/99/").status_code == 404


def test_exports_list_every_published_meeting(client, transcribed):
    make_meeting(9, status="draft")
    rows = csv_rows(client.get("/meetings/export.csv"))
    assert [row["ordinal"] for row in rows] == ["2", "3"]
    assert rows[1]["stated_mou_total"] == "21"
    assert client.get("/meetings/export.json?year=2021").json()["count"] == 1


def test_meeting_pages_cost_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    meeting = make_meeting(5)
    make_mou(meeting=meeting)
    # list: count, the page of meetings with their counts, their co-chairs.
    # detail: the meeting, co-chairs, citations with sources, its MOUs, their signatories,
    # its projects, their areas, their partners.
    with django_assert_max_num_queries(3):
        assert client.get("/meetings/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/meetings/5/").status_code == 200
    for n in range(20):
        make_mou(meeting=meeting)
        make_project(meeting=meeting)
        make_meeting(10 + n)
    with django_assert_max_num_queries(3):
        assert client.get("/meetings/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/meetings/5/").status_code == 200
