"""/api/v1/projects/: joint projects, their partners and milestones."""

import datetime

import pytest

from meetings.models import Precision, Status
from tests.factories import (
    make_area,
    make_meeting,
    make_milestone,
    make_mou,
    make_party,
    make_project,
    make_source,
)

LIST = "/api/v1/projects/"


def slugs(client, query: str = "") -> list[str]:
    response = client.get(f"{LIST}?page_size=100&{query}")
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.usefixtures("transcribed")
def test_it_serves_the_transcribed_record(client):
    assert len(slugs(client, "phase=3")) == 14
    assert slugs(client, "party=xnode") == ["gia-shenzhen-node"]


@pytest.fixture
def record():
    """Three projects over two phases, two areas, two meetings and two partners."""
    trade, innovation = make_area("Digital Trade"), make_area("Innovation")
    third = make_meeting(3)
    xnode, mufg = make_party("XNode", country="CN"), make_party("MUFG Bank", country="JP")
    make_project("GIA node", partners=[xnode], phase=1, number=1).areas.add(innovation)
    trials = make_project(
        "Trade financing trials",
        partners=[mufg],
        phase=3,
        number=2,
        meeting=third,
        description="Blockchain trials.",
    )
    trials.areas.add(trade)
    make_project("Exchange", phase=3, number=1, meeting=third).areas.add(innovation)


@pytest.mark.usefixtures("record")
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase=3", ["exchange", "trade-financing-trials"]),
        ("meeting=3", ["exchange", "trade-financing-trials"]),
        ("area=innovation", ["gia-node", "exchange"]),
        ("party=xnode", ["gia-node"]),
        ("q=MUFG", ["trade-financing-trials"]),
        ("q=blockchain", ["trade-financing-trials"]),
        ("phase=3&ordering=-number", ["trade-financing-trials", "exchange"]),
        ("ordering=name", ["exchange", "gia-node", "trade-financing-trials"]),
        ("party=nobody", []),
    ],
)
def test_it_filters_and_orders(client, query, expected):
    assert slugs(client, query) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("phase=x", "phase"),
        ("phase=-1", "phase"),
        ("meeting=3.x", "meeting"),
        ("ordering=z", "ordering"),
    ],
)
def test_a_malformed_filter_is_a_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.django_db
def test_the_detail_carries_partners_milestones_and_figures(client):
    partner = make_party("NUS", country="SG")
    mou = make_mou(title="NUS MOU")
    project = make_project(
        "Joint lab",
        partners=[partner],
        phase=2,
        number=4,
        meeting=make_meeting(2),
        source=make_source(url="https://example.org/r"),
    )
    project.areas.add(make_area("Innovation"))
    project.related_mous.add(mou)
    project.partnerships.update(role="research")
    make_milestone(
        project,
        date=datetime.date(2021, 1, 1),
        date_precision=Precision.YEAR,
        text="Lab opened.",
        figures=[{"label": "partners", "value": 13}],
        locator="para 7",
        quote="opened in 2021",
    )

    data = client.get(f"{LIST}{project.slug}/").json()

    assert (data["phase"], data["number"]) == (2, 4)
    assert data["meeting"]["ordinal"] == 2
    assert [a["slug"] for a in data["areas"]] == ["innovation"]
    assert data["partners"] == [
        {
            "order": 1,
            "party": {
                "url": f"http://testserver/api/v1/parties/{partner.slug}/",
                "slug": partner.slug,
                "name": "NUS",
                "name_zh": "",
                "short_name": "",
                "country": "SG",
            },
            "role": "research",
        }
    ]
    assert [m["slug"] for m in data["related_mous"]] == [mou.slug]
    [milestone] = data["milestones"]
    assert (milestone["date"], milestone["date_precision"], milestone["date_iso"]) == (
        "2021-01-01",
        "year",
        "2021",
    )
    assert milestone["figures"] == [{"label": "partners", "value": 13}]
    assert milestone["source"]["locator"] == "para 7"
    assert milestone["source"]["quote"] == "opened in 2021"
    assert data["sources"][0]["url"] == "https://example.org/r"


@pytest.mark.django_db
def test_malformed_figures_are_left_out(client):
    project = make_project("Odd figures")
    make_milestone(project, figures=[{"label": "ok", "value": "1"}, "stray", {"value": 2}])
    [milestone] = client.get(f"{LIST}{project.slug}/").json()["milestones"]
    assert milestone["figures"] == [{"label": "ok", "value": "1"}]


@pytest.mark.django_db
def test_drafts_are_invisible_and_draft_related_records_left_out(client):
    draft = make_project("Draft project", status=Status.DRAFT)
    project = make_project(
        "Public project",
        partners=[make_party("Public partner"), make_party("Draft partner", status="draft")],
        meeting=make_meeting(status=Status.DRAFT),
    )
    project.areas.add(make_area("Draft area", status=Status.DRAFT))
    project.related_mous.add(make_mou(title="Draft MOU", status=Status.DRAFT))

    assert slugs(client) == [project.slug]
    assert client.get(f"{LIST}{draft.slug}/").status_code == 404
    data = client.get(f"{LIST}{project.slug}/").json()
    assert [p["party"]["name"] for p in data["partners"]] == ["Public partner"]
    assert data["meeting"] is None and data["areas"] == [] and data["related_mous"] == []


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    meeting, area, mou = make_meeting(), make_area(), make_mou()
    for _ in range(12):
        project = make_project(partners=[make_party(), make_party()], meeting=meeting)
        project.areas.add(area)
        project.related_mous.add(mou)
        make_milestone(project)
    # record version (ETag), count, projects with meetings, areas, partnerships with
    # parties, related MOUs, milestones with sources, citations with sources
    with django_assert_max_num_queries(8):
        assert client.get(LIST).json()["count"] == 12


def test_a_records_url_ignores_the_lists_filters(client, transcribed):
    # `?phase=x` would be a 400 on the list; a record is found by its key alone.
    for query in ("phase=x", "phase=1.5", "meeting=99", "q=nothing-matches-this"):
        response = client.get(f"/api/v1/projects/onesme/?{query}")
        assert response.status_code == 200, query
        assert response.json()["slug"] == "onesme"
