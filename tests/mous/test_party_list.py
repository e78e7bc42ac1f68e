"""The party list: country and kind filters with facet counts, search, exports."""

import pytest

from mous.filters import PartyFilter
from mous.models import Party
from mous.views import PartyListView
from tests.factories import make_mou, make_party, make_project
from tests.ui.helpers import csv_rows, slugs_on_page, text_of

pytestmark = pytest.mark.django_db


def test_it_lists_every_published_party(client, transcribed):
    response = client.get("/parties/")
    assert response.status_code == 200
    assert response.context["result_count"] == Party.objects.published().count() == 39


def test_it_filters_by_country_and_kind(client, transcribed):
    response = client.get("/parties/", {"country": "CN", "kind": "bank_branch"})
    assert set(slugs_on_page(response, "parties")) == {
        "uob-shenzhen-branch",
        "bank-of-china-shenzhen-branch",
        "icbc-shenzhen-branch",
    }


def test_it_searches_a_partys_names(client, transcribed):
    assert "national-university-of-singapore" in slugs_on_page(
        client.get("/parties/", {"q": "NUS"}), "parties"
    )


def test_an_unknown_country_or_city_shows_as_unknown(client, transcribed):
    response = client.get("/parties/", {"q": "NCS Group"})
    assert "NCS Group (NCS) unknown unknown Group of companies" in text_of(response)


def test_it_shows_each_partys_published_mous_and_projects(client, db):
    party = make_party("Busy Partner")
    make_mou(parties=[party])
    make_mou(parties=[party])
    make_mou(parties=[party], status="draft")
    make_project(partners=[party])
    row = client.get("/parties/", {"q": "Busy Partner"}).context["parties"][0]
    assert (row.mou_count, row.project_count) == (2, 1)


def test_facet_counts_are_what_each_choice_would_give(client, transcribed):
    params = {"country": "CN"}
    facets = client.get("/parties/", params).context["facets"]
    assert set(facets) == {"country", "kind"}
    for name, facet in facets.items():
        for choice in facet.choices:
            expected = PartyFilter(
                {**params, name: choice.value}, queryset=Party.objects.published()
            ).qs.count()
            assert choice.count == expected, (name, choice)


def test_it_orders_by_name_descending(client, transcribed):
    names = [p.name for p in client.get("/parties/", {"ordering": "-name"}).context["parties"]]
    assert names == sorted(names, reverse=True)


@pytest.mark.parametrize(
    "params", [{"country": "Singapore"}, {"kind": "alien"}, {"ordering": "size"}, {"page": "x"}]
)
def test_malformed_input_gives_a_400(client, db, params):
    response = client.get("/parties/", params)
    assert response.status_code == 400
    assert "Some of the filters could not be used" in text_of(response)


def test_an_unknown_country_gives_a_400_an_empty_list_and_a_note(client, transcribed):
    response = client.get("/parties/", {"country": "FR"})
    assert response.status_code == 400
    assert response.context["result_count"] == 0
    assert "No country “FR” is on record" in text_of(response)


def test_drafts_are_never_listed(client, db):
    make_party("Open Partner")
    make_party("Hidden Partner", status="draft")
    response = client.get("/parties/")
    assert slugs_on_page(response, "parties") == ["open-partner"]
    assert [row["slug"] for row in csv_rows(client.get("/parties/export.csv"))] == ["open-partner"]


def test_exports_match_the_filtered_list(client, transcribed):
    listed = client.get("/parties/", {"country": "SG"}).context["result_count"]
    rows = csv_rows(client.get("/parties/export.csv", {"country": "SG"}))
    assert len(rows) == listed
    assert {row["country"] for row in rows} == {"SG"}
    assert client.get("/parties/export.json", {"country": "SG"}).json()["count"] == listed


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    make_party()
    # count, page of parties (with parent and MOU/project counts), country facet, kind facet
    with django_assert_max_num_queries(4):
        assert client.get("/parties/").status_code == 200
    for _ in range(30):
        make_mou(parties=[make_party(parent=make_party(country="CN"))])
    with django_assert_max_num_queries(4):
        assert client.get("/parties/").status_code == 200


def test_a_kind_no_party_has_is_an_empty_list_not_unknown(client, db):
    make_party("Open Partner", kind="university")
    response = client.get("/parties/", {"kind": "bank"})
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert response.context["unknown_choices"] == []


def test_pagination_keeps_every_filter(client, db):
    per_page = PartyListView.paginate_by
    for n in range(per_page + 5):
        make_party(f"Malaysian University {n:03}", country="MY", kind="university")
    make_party("Malaysian Bank", country="MY", kind="bank")
    params = {"country": "MY", "kind": "university", "ordering": "-name"}
    response = client.get("/parties/", params)
    assert response.context["result_count"] == per_page + 5
    assert len(response.context["parties"]) == per_page
    assert 'href="?country=MY&amp;kind=university&amp;ordering=-name&amp;page=2"' in (
        response.content.decode()
    )
    page2 = client.get("/parties/", {**params, "page": "2"})
    assert [p.name for p in page2.context["parties"]] == [
        f"Malaysian University {n:03}" for n in (4, 3, 2, 1, 0)
    ]
