"""/api/v1/areas/: the cooperation areas."""

import pytest

from meetings.models import Status
from mous.models import AreaCitation
from tests.factories import make_area, make_source

LIST = "/api/v1/areas/"


@pytest.mark.usefixtures("transcribed")
def test_it_lists_the_areas_by_name(client):
    names = [a["name"] for a in client.get(LIST).json()["results"]]
    assert "Digital Trade" in names and names == sorted(names)


@pytest.mark.django_db
def test_the_detail_links_to_its_mous_and_projects(client):
    make_area("Digital Trade", description="Paperless trade.")
    data = client.get(f"{LIST}digital-trade/").json()
    assert data == {
        "url": "http://testserver/api/v1/areas/digital-trade/",
        "slug": "digital-trade",
        "name": "Digital Trade",
        "name_zh": "",
        "name_zh_source": "",
        "description": "Paperless trade.",
        "description_zh": "",
        "description_zh_status": "",
        "description_zh_source": "",
        "mous": "http://testserver/api/v1/mous/?area=digital-trade",
        "projects": "http://testserver/api/v1/projects/?area=digital-trade",
        "sources": [],
    }


@pytest.mark.django_db
def test_the_detail_gives_its_sources(client):
    area = make_area("Digital Trade")
    AreaCitation.objects.create(
        area=area, source=make_source(), locator="Annex A", quote="Digital Trade"
    )
    sources = client.get(f"{LIST}digital-trade/").json()["sources"]
    assert [(s["locator"], s["quote"]) for s in sources] == [("Annex A", "Digital Trade")]


@pytest.mark.django_db
def test_drafts_are_invisible(client):
    make_area("Hidden", status=Status.DRAFT)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(f"{LIST}hidden/").status_code == 404


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(15):
        AreaCitation.objects.create(area=make_area(), source=make_source())
    # record version (ETag), count, areas, their citations with sources
    with django_assert_max_num_queries(4):
        assert client.get(LIST).json()["count"] == 15
