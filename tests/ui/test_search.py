"""Site search: MOUs, projects and parties matching free text."""

import pytest

from tests.factories import make_mou
from tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db


def test_it_finds_mous_projects_and_parties(client, transcribed):
    response = client.get("/search/", {"q": "TradeTrust"})
    assert response.status_code == 200
    hits = {section["title"]: section["hits"] for section in response.context["sections"]}
    assert any(p.slug == "tradetrust-trade-financing-trials" for p in hits["Projects"][0])
    assert hits["MOUs"][1] >= 1
    assert 'href="/mous/?q=TradeTrust"' in response.content.decode()


def test_it_finds_a_party_by_another_of_its_names(client, transcribed):
    response = client.get("/search/", {"q": "NUS"})
    parties = {s["title"]: s["hits"][0] for s in response.context["sections"]}["Parties"]
    assert "national-university-of-singapore" in {p.slug for p in parties}


def test_an_empty_query_shows_just_the_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "sections" not in response.context


def test_drafts_are_not_found(client, db):
    make_mou(title="Secret Zebra MOU", status="draft")
    response = client.get("/search/", {"q": "Zebra"})
    assert [section["hits"] for section in response.context["sections"]] == [([], 0)] * 3
    assert "Secret Zebra MOU" not in response.content.decode()


def test_an_overlong_query_is_a_400(client, db):
    response = client.get("/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "at most 200 characters" in text_of(response)


def test_it_costs_a_fixed_number_of_queries(client, transcribed, django_assert_max_num_queries):
    # for MOUs, projects and parties: the first hits, and their count.
    with django_assert_max_num_queries(6):
        assert client.get("/search/", {"q": "Shenzhen"}).status_code == 200
