"""/api/v1/parties/: the organisations that sign MOUs and take part in projects."""

import pytest

from meetings.models import Status
from mous.models import Party, PartyCitation
from tests.factories import make_party, make_source

LIST = "/api/v1/parties/"


def slugs(client, query: str = "") -> set[str]:
    response = client.get(f"{LIST}?page_size=100&{query}")
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


@pytest.mark.usefixtures("transcribed")
def test_it_filters_by_country_kind_and_text(client):
    china = slugs(client, "country=cn")
    assert "tusstar" in china and "infocomm-media-development-authority" not in china
    assert all(
        row["kind"] == "university"
        for row in client.get(f"{LIST}?kind=university").json()["results"]
    )
    assert "infocomm-media-development-authority" in slugs(client, "q=IMDA")


@pytest.mark.django_db
def test_the_detail_gives_names_country_parent_and_sources(client):
    group = make_party("Yanlord Group", country="SG")
    party = make_party(
        "Yanlord Shenzhen Investment",
        short_name="YSI",
        other_names="Yanlord Shenzhen\nYSI Co.",
        country="CN",
        city="Shenzhen",
        kind=Party.Kind.COMPANY,
        parent=group,
    )
    PartyCitation.objects.create(party=party, source=make_source(), locator="para 3", quote="Q")

    data = client.get(f"{LIST}{party.slug}/").json()

    assert data["other_names"] == ["Yanlord Shenzhen", "YSI Co."]
    assert (data["country"], data["country_name"], data["city"]) == ("CN", "China", "Shenzhen")
    assert data["parent"]["slug"] == group.slug
    assert data["parent"]["url"] == f"http://testserver/api/v1/parties/{group.slug}/"
    assert data["mous"] == f"http://testserver/api/v1/mous/?party={party.slug}"
    assert data["sources"][0]["locator"] == "para 3"


@pytest.mark.django_db
def test_an_unknown_country_is_empty(client):
    party = make_party("Somewhere Ltd", country="")
    data = client.get(f"{LIST}{party.slug}/").json()
    assert (data["country"], data["country_name"]) == ("", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [("country=Singapore", "country"), ("kind=alien", "kind"), ("ordering=age", "ordering")],
)
def test_a_malformed_filter_is_a_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.django_db
def test_drafts_are_invisible_even_as_a_parent(client):
    draft = make_party("Hidden parent", status=Status.DRAFT)
    child = make_party("Visible child", parent=draft)
    assert slugs(client) == {child.slug}
    assert client.get(f"{LIST}{draft.slug}/").status_code == 404
    assert client.get(f"{LIST}{child.slug}/").json()["parent"] is None


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    parent = make_party("Parent")
    for _ in range(15):
        party = make_party(parent=parent)
        PartyCitation.objects.create(party=party, source=make_source(), locator="para 1")
    # record version (ETag), count, parties with parents, citations with sources
    with django_assert_max_num_queries(4):
        response = client.get(LIST)
    assert response.json()["count"] == 16
