"""The area list and an area's page: everything in one cooperation area."""

import pytest

from mous.models import AreaCitation
from tests.factories import make_area, make_mou, make_party, make_project, make_source
from tests.ui.helpers import csv_rows, text_of

pytestmark = pytest.mark.django_db


def test_the_list_shows_each_area_with_its_counts(client, transcribed):
    response = client.get("/areas/")
    counts = {a.slug: (a.mou_count, a.project_count) for a in response.context["areas"]}
    assert counts["innovation-and-entrepreneurship"] == (9, 2)
    assert counts["digital-trade"] == (1, 1)
    assert 'href="/mous/?area=innovation-and-entrepreneurship"' in response.content.decode()


def test_the_list_exports_every_area(client, transcribed):
    rows = csv_rows(client.get("/areas/export.csv"))
    assert len(rows) == 6
    assert client.get("/areas/export.json").json()["count"] == 6


def test_an_area_page_shows_its_mous_projects_and_parties(client, transcribed):
    response = client.get("/areas/digital-trade/")
    html = response.content.decode()
    assert 'href="/mous/imda-commerce-bureau-paperless-trade-protocol/"' in html
    assert 'href="/projects/tradetrust-trade-financing-trials/"' in html
    assert 'href="/parties/commerce-bureau-of-shenzhen-municipality/"' in html


def test_an_area_page_quotes_the_passages_that_name_it(client, transcribed):
    text = text_of(client.get("/areas/talent-exchange-and-development/"))
    assert "Sources" in text
    assert "focus areas of digital connectivity, talent exchange and development" in text


def test_an_area_page_leaves_drafts_out(client, db):
    area = make_area("Busy Area")
    make_mou(title="Open MOU", area=area)
    make_mou(title="Secret MOU", area=area, status="draft")
    make_mou(title="Other MOU", area=area, parties=[make_party("Hidden Partner", status="draft")])
    make_project("Secret Project", status="draft").areas.add(area)
    text = text_of(client.get("/areas/busy-area/"))
    assert "Open MOU" in text
    for hidden in ("Secret MOU", "Secret Project", "Hidden Partner"):
        assert hidden not in text


def test_a_draft_area_is_a_404_to_the_public(client, db):
    make_area("Hidden Area", status="draft")
    assert client.get("/areas/hidden-area/").status_code == 404
    assert client.get("/areas/no-such-area/").status_code == 404


def test_area_pages_cost_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    area = make_area("Busy Area")
    make_mou(area=area)
    # list: count and the page of areas with their counts;
    # detail: the area, its MOUs, their signatories with parties, its projects with meetings,
    # its citations with sources.
    with django_assert_max_num_queries(2):
        assert client.get("/areas/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/areas/busy-area/").status_code == 200
    for _ in range(20):
        make_mou(area=area)
        make_project().areas.add(area)
        make_area()
        AreaCitation.objects.create(area=area, source=make_source())
    with django_assert_max_num_queries(2):
        assert client.get("/areas/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/areas/busy-area/").status_code == 200
