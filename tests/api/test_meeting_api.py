"""/api/v1/meetings/: JIC meetings, a meeting by its ordinal."""

import datetime

import pytest

from meetings.models import MeetingCitation, Precision, Status
from tests.factories import make_meeting, make_source

LIST = "/api/v1/meetings/"


@pytest.mark.usefixtures("transcribed")
def test_it_lists_the_meetings_in_order(client):
    data = client.get(LIST).json()
    assert [m["ordinal"] for m in data["results"]] == [2, 3]


@pytest.mark.usefixtures("transcribed")
def test_a_meeting_is_found_by_its_ordinal(client):
    data = client.get(f"{LIST}3/").json()
    assert data["name"] == "3rd JIC meeting"
    assert (data["date"], data["date_precision"], data["date_iso"]) == (
        "2022-11-25",
        "day",
        "2022-11-25",
    )
    assert (data["stated_mou_total"], data["stated_project_total"]) == (21, 29)
    assert [c["side"] for c in data["co_chairs"]] == ["SG", "SZ"]
    assert data["mous"] == "http://testserver/api/v1/mous/?meeting=3"
    assert data["projects"] == "http://testserver/api/v1/projects/?meeting=3"
    assert all(s["url"].startswith("https://") and s["quote"] for s in data["sources"])


@pytest.mark.django_db
def test_it_filters_by_year_and_orders(client):
    make_meeting(1, date=datetime.date(2019, 9, 1), date_precision=Precision.MONTH)
    make_meeting(2, date=datetime.date(2021, 10, 18))
    assert [m["ordinal"] for m in client.get(f"{LIST}?year=2021").json()["results"]] == [2]
    ordered = client.get(f"{LIST}?ordering=-date").json()["results"]
    assert [m["ordinal"] for m in ordered] == [2, 1]
    assert ordered[1]["date_iso"] == "2019-09"


@pytest.mark.django_db
def test_an_unknown_date_is_null(client):
    make_meeting(4, date=None, date_precision=Precision.UNKNOWN)
    data = client.get(f"{LIST}4/").json()
    assert (data["date"], data["date_precision"], data["date_iso"]) == (None, "unknown", None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"), [("year=soon", "year"), ("ordering=x", "ordering")]
)
def test_a_malformed_filter_is_a_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.django_db
def test_drafts_are_invisible(client):
    make_meeting(5, status=Status.DRAFT)
    make_meeting(6)
    assert [m["ordinal"] for m in client.get(LIST).json()["results"]] == [6]
    assert client.get(f"{LIST}5/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("ordinal", ["99", "0", "99999999999999999999"])
def test_an_unknown_ordinal_is_a_404(client, ordinal):
    assert client.get(f"{LIST}{ordinal}/").status_code == 404


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for ordinal in range(1, 16):
        meeting = make_meeting(ordinal)
        MeetingCitation.objects.create(meeting=meeting, source=make_source(), locator="para 1")
    # record version (ETag), count, meetings, co-chairs, citations with sources
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    assert response.json()["count"] == 15
