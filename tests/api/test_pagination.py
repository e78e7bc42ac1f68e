"""Every list pages the same way: count, next, previous, results; page_size up to 100."""

from urllib.parse import parse_qs, urlsplit

import pytest

from sci_portal.api import Pagination
from tests.factories import make_area, make_meeting, make_mou, make_party, make_project

pytestmark = pytest.mark.django_db

LIST = "/api/v1/areas/"


@pytest.fixture
def areas():
    for n in range(130):
        make_area(f"Area {n:03d}")


@pytest.mark.usefixtures("areas")
def test_a_list_is_paginated_25_at_a_time(client):
    data = client.get(LIST).json()
    assert list(data) == ["count", "next", "previous", "results"]
    assert data["count"] == 130 and len(data["results"]) == 25
    assert data["next"] == "http://testserver/api/v1/areas/?page=2"
    assert data["previous"] is None


@pytest.mark.usefixtures("areas")
def test_page_links_keep_the_query(client):
    data = client.get(f"{LIST}?page=2&page_size=10&ordering=name").json()
    assert data["next"] == "http://testserver/api/v1/areas/?ordering=name&page=3&page_size=10"
    assert data["previous"] == "http://testserver/api/v1/areas/?ordering=name&page_size=10"


@pytest.mark.usefixtures("areas")
def test_page_size_is_capped_at_100(client):
    assert len(client.get(f"{LIST}?page_size=100").json()["results"]) == 100
    assert len(client.get(f"{LIST}?page_size=5000").json()["results"]) == 100


@pytest.mark.usefixtures("areas")
def test_the_last_page_holds_the_rest(client):
    assert [a["name"] for a in client.get(f"{LIST}?page=2&page_size=100").json()["results"]] == [
        f"Area {n:03d}" for n in range(100, 130)
    ]


@pytest.mark.usefixtures("areas")
@pytest.mark.parametrize("page", ["7", "0", "-1", "many"])
def test_a_page_past_the_end_or_malformed_is_a_404(client, page):
    response = client.get(f"{LIST}?page={page}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_an_empty_list_has_one_empty_page(client):
    assert client.get(LIST).json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("ordering", [",", ",,", "name,"])
def test_blank_ordering_entries_keep_a_stable_order(client, ordering):
    for letter in "ZYXWV":  # stored in the reverse of the default order, by name
        make_party(f"{letter} Holdings")
    rows = client.get(f"/api/v1/parties/?ordering={ordering}").json()["results"]
    assert [p["name"][0] for p in rows] == ["V", "W", "X", "Y", "Z"]


# Every list: how to make one of its rows, and a filter all three rows match.
LISTS = {
    "meetings": (make_meeting, "year=2022"),
    "mous": (make_mou, "type=mou"),
    "parties": (lambda: make_party(country="CN"), "country=cn"),
    "areas": (make_area, "ordering=name"),
    "projects": (make_project, "phase=3"),
}


@pytest.fixture(params=LISTS)
def three_rows(request) -> tuple[str, str]:
    """A list with three rows the filter matches: (its URL, the filter)."""
    make, query = LISTS[request.param]
    for _ in range(3):
        make()
    return f"/api/v1/{request.param}/", query


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_every_list_caps_page_size(client, three_rows, monkeypatch):
    # The cap is 100 (test_page_size_is_capped_at_100); 2 here spares making 101 rows.
    monkeypatch.setattr(Pagination, "max_page_size", 2)
    url, query = three_rows
    data = client.get(f"{url}?{query}&page_size=50").json()
    assert data["count"] == 3 and len(data["results"]) == 2
    assert query_of(data["next"])["page_size"] == ["50"]


def test_every_list_keeps_its_filter_in_page_links(client, three_rows):
    url, query = three_rows
    data = client.get(f"{url}?{query}&page=2&page_size=1").json()
    assert data["count"] == 3 and len(data["results"]) == 1
    name, value = query.split("=")
    assert query_of(data["next"]) == {name: [value], "page": ["3"], "page_size": ["1"]}
    assert query_of(data["previous"]) == {name: [value], "page_size": ["1"]}


def test_every_list_answers_a_page_past_the_end_with_404(client, three_rows):
    url, query = three_rows
    assert client.get(f"{url}?{query}&page=3&page_size=1").status_code == 200
    response = client.get(f"{url}?{query}&page=4&page_size=1")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("value", ["abc", "0", "-5", "2.5", "false", "9" * 5000])
def test_a_page_size_that_is_not_one_is_a_400_naming_it(client, value):
    make_area("Area")
    response = client.get(LIST, {"page_size": value})
    assert response.status_code == 400
    assert "is not a page size" in response.json()["page_size"][0]


def test_an_empty_page_size_is_the_default(client):
    make_area("Area")
    response = client.get(LIST, {"page_size": ""})
    assert response.status_code == 200
