"""The MOU list's CSV and JSON downloads: every row the filters match, not just a page."""

import json

import pytest

from tests.factories import make_area, make_mou
from tests.ui.helpers import csv_rows

pytestmark = pytest.mark.django_db


def test_csv_has_every_matching_row(client, transcribed):
    listed = client.get("/mous/", {"area": "innovation-and-entrepreneurship"})
    response = client.get("/mous/export.csv", {"area": "innovation-and-entrepreneurship"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="sci-portal-mous-')
    rows = csv_rows(response)
    assert len(rows) == listed.context["result_count"] == 9
    assert {row["area"] for row in rows} == {"Innovation and Entrepreneurship"}


def test_csv_columns_describe_each_mou(client, transcribed):
    rows = csv_rows(client.get("/mous/export.csv", {"party": "datapost"}))
    assert len(rows) == 1
    row = rows[0]
    assert row["slug"] == "datapost-kingdee-peppol-e-invoicing-pilot"
    assert row["title_is_official"] == "false"
    assert row["meeting"] == "2"
    assert row["signed"] == "2021-10-18"
    assert row["parties"].startswith("DataPost; Kingdee")
    assert row["url"] == "http://testserver/mous/datapost-kingdee-peppol-e-invoicing-pilot/"


def test_a_month_precise_date_is_exported_at_its_precision(client, transcribed):
    rows = csv_rows(client.get("/mous/export.csv", {"signed_before": "2021-01-01"}))
    assert (rows[0]["signed"], rows[0]["signed_precision"]) == ("2020-06", "month")


def test_exports_are_not_paginated(client, db):
    area = make_area("Busy Area")
    for _ in range(30):
        make_mou(area=area)
    assert len(csv_rows(client.get("/mous/export.csv?area=busy-area&page=2"))) == 30
    data = client.get("/mous/export.json?area=busy-area").json()
    assert data["count"] == len(data["results"]) == 30


def test_json_has_every_matching_row(client, transcribed):
    response = client.get("/mous/export.json", {"meeting": "3", "ordering": "title"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["count"] == 8
    titles = [row["title"] for row in data["results"]]
    assert titles == sorted(titles)
    assert data["results"][0]["meeting"] == 3


def test_exports_leave_drafts_out(client, db):
    make_mou(title="Public one")
    make_mou(title="Secret draft", status="draft")
    assert [row["title"] for row in csv_rows(client.get("/mous/export.csv"))] == ["Public one"]
    assert client.get("/mous/export.json").json()["count"] == 1


def test_exports_leave_drafts_out_even_for_staff(admin_client, db):
    make_mou(title="Secret draft", status="draft")
    assert csv_rows(admin_client.get("/mous/export.csv")) == []


def test_malformed_filters_give_a_400_not_a_file(client, db):
    response = client.get("/mous/export.csv", {"signed_after": "soon"})
    assert response.status_code == 400
    assert "Signed on or after: Enter a valid date." in response.content.decode()
    response = client.get("/mous/export.json", {"type": "treaty"})
    assert response.status_code == 400
    assert "Type" in response.json()["errors"]


def test_exports_cost_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    area = make_area()
    make_mou(area=area)
    # the MOUs (with area, meeting, builds_on) and their signatories with parties, per chunk
    # of 2,000 rows.
    with django_assert_max_num_queries(2):
        csv_rows(client.get("/mous/export.csv"))
    for _ in range(30):
        make_mou(area=area)
    with django_assert_max_num_queries(2):
        assert len(csv_rows(client.get("/mous/export.csv"))) == 31
    with django_assert_max_num_queries(2):
        assert client.get("/mous/export.json").status_code == 200
