"""The home page: meetings with what was signed and launched there, and the totals."""

import pytest

from tests.factories import make_mou

pytestmark = pytest.mark.usefixtures("transcribed")


def test_it_lists_the_meetings_with_their_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    rows = {m.ordinal: m for m in response.context["meetings"]}
    assert (rows[2].mou_count, rows[2].project_count) == (4, 0)
    assert (rows[3].mou_count, rows[3].project_count) == (8, 14)
    assert b'data-meeting="3"' in response.content


def test_it_shows_recorded_next_to_stated_totals(client):
    html = client.get("/").content.decode()
    assert '<dd id="total-mous">13</dd>' in html
    assert "of 21 stated as at 25 November 2022" in html
    assert "of 29 stated as at 25 November 2022" in html


def test_drafts_are_not_counted(client):
    make_mou(title="Secret draft", status="draft")
    html = client.get("/").content.decode()
    assert '<dd id="total-mous">13</dd>' in html


def test_it_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(20):
        make_mou()
    # meetings with their counts, total MOUs, total projects
    with django_assert_max_num_queries(3):
        client.get("/")
