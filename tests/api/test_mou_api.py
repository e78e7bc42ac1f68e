"""/api/v1/mous/: the MOU list and detail."""

import datetime

import pytest

from meetings.models import Precision, Status
from mous.models import MOU, Signatory
from tests.factories import (
    make_area,
    make_meeting,
    make_mou,
    make_party,
    make_project,
    make_source,
)

LIST = "/api/v1/mous/"


def slugs(client, query: str = "") -> set[str]:
    response = client.get(f"{LIST}?page_size=100&{query}")
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


@pytest.mark.usefixtures("transcribed")
def test_it_serves_the_transcribed_record(client):
    assert client.get(LIST).json()["count"] == 13
    assert slugs(client, "area=cross-border-dispute-resolution") == {
        "simc-scia-mediation-arbitration-protocol"
    }


@pytest.fixture
def record():
    """Four MOUs over two areas, two meetings, three countries and four types."""
    trade, innovation = make_area("Digital Trade"), make_area("Innovation")
    second, third = make_meeting(2), make_meeting(3)
    imda = make_party("IMDA", country="SG")
    bureau = make_party("Commerce Bureau", country="CN")
    tusstar = make_party("TusStar", country="CN", other_names="TusStar Incubator")
    ncs = make_party("NCS Group", country="")
    make_mou(
        "Paperless trade MOU",
        parties=[imda, bureau],
        area=trade,
        signed_on=datetime.date(2020, 6, 1),
        signed_on_precision=Precision.MONTH,
    )
    make_mou(
        "Incubation memorandum",
        parties=[imda, tusstar],
        area=innovation,
        meeting=third,
        instrument_type=MOU.InstrumentType.MOI,
    )
    make_mou(
        "Paperless trade protocol",
        parties=[ncs, bureau],
        area=trade,
        meeting=third,
        instrument_type=MOU.InstrumentType.PROTOCOL,
    )
    make_mou(
        "Robotics MOU",
        parties=[ncs],
        area=innovation,
        meeting=second,
        signed_on=datetime.date(2021, 10, 18),
    )


@pytest.mark.usefixtures("record")
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("area=digital-trade", {"paperless-trade-mou", "paperless-trade-protocol"}),
        ("meeting=3", {"incubation-memorandum", "paperless-trade-protocol"}),
        ("party=commerce-bureau", {"paperless-trade-mou", "paperless-trade-protocol"}),
        ("country=sg", {"paperless-trade-mou", "incubation-memorandum"}),
        ("type=protocol", {"paperless-trade-protocol"}),
        ("signed_before=2021-01-01", {"paperless-trade-mou"}),
        ("signed_after=2021-10-18&signed_before=2021-10-18", {"robotics-mou"}),
        ("q=incubator", {"incubation-memorandum"}),
        ("area=digital-trade&meeting=3", {"paperless-trade-protocol"}),
        ("area=no-such-area", set()),
        ("party=nobody", set()),
    ],
)
def test_it_filters(client, query, expected):
    assert slugs(client, query) == expected


@pytest.mark.usefixtures("record")
@pytest.mark.django_db
def test_it_orders(client):
    def order(query):
        return [row["slug"] for row in client.get(f"{LIST}?{query}").json()["results"]]

    assert order("ordering=title") == sorted(order("ordering=title"))
    assert order("ordering=signed")[0] == "paperless-trade-mou"
    assert order("")[-1] == "paperless-trade-mou"  # latest first by default


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("signed_after=not-a-date", "signed_after"),
        ("signed_before=2022-13-45", "signed_before"),
        ("meeting=x", "meeting"),
        ("meeting=0", "meeting"),
        ("type=treaty", "type"),
        ("country=Singapore", "country"),
        ("ordering=nonsense", "ordering"),
        ("q=nul%00byte", "q"),
    ],
)
def test_a_malformed_filter_is_a_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert parameter in response.json()


@pytest.mark.django_db
def test_the_detail_carries_nested_summaries(client):
    meeting = make_meeting(7, date=datetime.date(2022, 11, 25))
    area = make_area("Digital Trade")
    sg = make_party("Infocomm Media Development Authority", short_name="IMDA", country="SG")
    source = make_source(title="Media release", url="https://example.org/release")
    mou = make_mou(
        title="MOU on paperless trade",
        parties=[sg],
        area=area,
        meeting=meeting,
        signed_on=datetime.date(2020, 6, 1),
        signed_on_precision=Precision.MONTH,
        source=source,
    )
    Signatory.objects.create(mou=mou, order=2, side="CN", unnamed_description="A bank")
    mou.citations.update(quote="signed in June 2020")

    data = client.get(f"{LIST}{mou.slug}/").json()

    assert data["url"] == f"http://testserver/api/v1/mous/{mou.slug}/"
    assert (data["signed_on"], data["signed_on_precision"], data["signed"]) == (
        "2020-06-01",
        "month",
        "2020-06",
    )
    assert data["area"] == {
        "url": "http://testserver/api/v1/areas/digital-trade/",
        "slug": "digital-trade",
        "name": "Digital Trade",
        "name_zh": "",
    }
    assert data["meeting"]["ordinal"] == 7
    assert data["meeting"]["date"] == "2022-11-25"
    assert data["meeting"]["url"] == "http://testserver/api/v1/meetings/7/"
    first, second = data["signatories"]
    assert first["party"]["name"] == "Infocomm Media Development Authority"
    assert first["party"]["slug"] == sg.slug
    assert first["party"]["country"] == "SG"
    assert first["side"] == "SG"
    assert second == {
        "order": 2,
        "side": "CN",
        "side_display": "China",
        "name": "A bank (name unknown)",
        "party": None,
        "unnamed_description": "A bank",
    }
    [cited] = data["sources"]
    assert cited["url"] == "https://example.org/release"
    assert cited["locator"] == "Annex A"
    assert cited["quote"] == "signed in June 2020"


@pytest.mark.django_db
def test_it_links_earlier_and_later_instruments_and_projects(client):
    earlier = make_mou(title="First MOU")
    later = make_mou(title="Protocol", builds_on=earlier)
    project = make_project("Trade trials")
    project.related_mous.add(earlier)

    data = client.get(f"{LIST}{earlier.slug}/").json()

    assert [m["slug"] for m in data["built_upon_by"]] == [later.slug]
    assert data["projects"] == [
        {
            "url": f"http://testserver/api/v1/projects/{project.slug}/",
            "slug": project.slug,
            "name": "Trade trials",
        }
    ]
    assert client.get(f"{LIST}{later.slug}/").json()["builds_on"]["slug"] == earlier.slug


@pytest.mark.django_db
def test_drafts_are_invisible(client):
    draft = make_mou(title="Unannounced", status=Status.DRAFT)
    make_mou(title="Announced")

    assert slugs(client) == {"announced"}
    assert client.get(f"{LIST}{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_draft_related_records_are_left_out(client):
    draft_party = make_party("Secret partner", status=Status.DRAFT)
    earlier = make_mou(title="Draft earlier", status=Status.DRAFT)
    mou = make_mou(
        title="Public",
        parties=[make_party("Known partner"), draft_party],
        area=make_area("Draft area", status=Status.DRAFT),
        meeting=make_meeting(9, status=Status.DRAFT),
        builds_on=earlier,
    )
    make_mou(title="Draft later", builds_on=mou, status=Status.DRAFT)
    make_project("Draft project", status=Status.DRAFT).related_mous.add(mou)

    data = client.get(f"{LIST}{mou.slug}/").json()

    assert [s["name"] for s in data["signatories"]] == ["Known partner"]
    assert data["area"] is None and data["meeting"] is None and data["builds_on"] is None
    assert data["built_upon_by"] == [] and data["projects"] == []
    assert "Secret" not in str(data)


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    meeting, area = make_meeting(), make_area()
    for n in range(12):
        mou = make_mou(area=area, meeting=meeting)
        make_mou(title=f"Follow-up {n}", builds_on=mou)
        make_project().related_mous.add(mou)
    # record version (ETag), count, MOUs with area, meeting and builds_on, signatories
    # with parties, built_upon_by, projects, citations with sources
    with django_assert_max_num_queries(7):
        response = client.get(f"{LIST}?page_size=100")
    assert response.json()["count"] == 24
