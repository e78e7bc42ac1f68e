"""The API in two languages: Chinese names and text as their own fields, labels that follow
Accept-Language, and caches that tell the languages apart."""

import datetime

import pytest

from meetings.models import CoChair, Precision
from tests.factories import make_meeting, make_mou, make_party, make_project

pytestmark = pytest.mark.django_db

CHINESE = {"Accept-Language": "zh-hans"}


@pytest.fixture
def bureau():
    return make_party(
        "Commerce Bureau of Shenzhen Municipality",
        name_zh="深圳市商务局",
        name_zh_source="the bureau's own website",
        country="CN",
        kind="government",
        description="Commerce.",
        description_zh="商务。",
        description_zh_status="unofficial",
    )


def test_chinese_names_and_text_are_their_own_fields(client, bureau):
    data = client.get(f"/api/v1/parties/{bureau.slug}/").json()
    assert data["name"] == "Commerce Bureau of Shenzhen Municipality"
    assert (data["name_zh"], data["name_zh_source"]) == ("深圳市商务局", "the bureau's own website")
    assert (data["description"], data["description_zh"]) == ("Commerce.", "商务。")
    assert data["description_zh_status"] == "unofficial"


def test_a_record_without_a_chinese_name_has_an_empty_one(client):
    party = make_party("NCS Group")
    data = client.get(f"/api/v1/parties/{party.slug}/").json()
    assert (data["name_zh"], data["name_zh_source"], data["description_zh_status"]) == ("", "", "")


def test_labels_follow_accept_language(client, bureau):
    mou = make_mou(
        parties=[make_party("IMDA"), bureau],
        signed_on=datetime.date(2020, 6, 1),
        signed_on_precision=Precision.MONTH,
        meeting=make_meeting(3),
    )
    english = client.get(f"/api/v1/mous/{mou.slug}/").json()
    chinese = client.get(f"/api/v1/mous/{mou.slug}/", headers=CHINESE).json()
    assert (english["type_display"], chinese["type_display"]) == (
        "Memorandum of Understanding",
        "谅解备忘录",
    )
    assert (english["signed_display"], chinese["signed_display"]) == ("June 2020", "2020年6月")
    assert (english["meeting"]["name"], chinese["meeting"]["name"]) == (
        "3rd JIC meeting",
        "联合执行委员会第3次会议",
    )
    assert [s["side_display"] for s in chinese["signatories"]] == ["新加坡", "中国"]
    assert chinese["signatories"][1]["party"]["name_zh"] == "深圳市商务局"
    # Codes and the record's own text stay as they are.
    for field in ("type", "signed", "signed_on_precision", "title", "description"):
        assert english[field] == chinese[field]


def test_party_kinds_countries_phases_and_co_chairs_are_labelled_in_chinese(client, bureau):
    party = client.get(f"/api/v1/parties/{bureau.slug}/", headers=CHINESE).json()
    assert (party["kind"], party["kind_display"]) == ("government", "政府机构")
    assert (party["country"], party["country_name"]) == ("CN", "中国")
    project = make_project("Trials", phase=1)
    data = client.get(f"/api/v1/projects/{project.slug}/", headers=CHINESE).json()
    assert data["phase_display"] == "第1期"
    meeting = make_meeting(2)
    CoChair.objects.filter(meeting=meeting).update(name_zh="覃伟中", name_zh_source="release")
    [chair] = client.get("/api/v1/meetings/2/", headers=CHINESE).json()["co_chairs"]
    assert (chair["name_zh"], chair["side_display"]) == ("覃伟中", "新加坡")


def test_the_site_language_cookie_does_not_change_the_api(client, bureau):
    client.cookies["django_language"] = "zh-hans"
    response = client.get(f"/api/v1/parties/{bureau.slug}/")
    assert response.json()["kind_display"] == "Government body"
    assert response["Content-Language"] == "en"


def test_responses_vary_by_language_and_their_etags_differ(client, bureau):
    english = client.get("/api/v1/parties/")
    chinese = client.get("/api/v1/parties/", headers=CHINESE)
    assert "Accept-Language" in english["Vary"] and "Accept-Language" in chinese["Vary"]
    assert chinese["Content-Language"] == "zh-hans"
    assert english["ETag"] != chinese["ETag"]
    again = client.get("/api/v1/parties/", headers={**CHINESE, "If-None-Match": chinese["ETag"]})
    assert again.status_code == 304
    assert (
        client.get("/api/v1/parties/", headers={"If-None-Match": chinese["ETag"]}).status_code
        == 200
    )


def test_errors_follow_accept_language_too(client):
    response = client.get("/api/v1/mous/", {"signed_after": "nope"}, headers=CHINESE)
    assert response.status_code == 400
    assert response.json() == {"signed_after": ["输入一个有效的日期。"]}
