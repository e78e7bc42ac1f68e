"""Chinese text staff enter is shown on Chinese pages with its status, official or
unofficial, beside the English original; unofficial text is never shown as official."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import make_meeting, make_mou, make_project

from .reading import read

pytestmark = pytest.mark.django_db

OFFICIAL = "官方译文"
UNOFFICIAL = "非官方译文，仅供参考"


def marks(html: str) -> list[str]:
    page = read(html)
    return [text for text in page.in_language if text in {OFFICIAL, UNOFFICIAL}]


def test_unofficial_text_is_marked_unofficial_beside_the_english_original(client):
    mou = make_mou(
        description="Cooperation on paperless trade.",
        description_zh="在无纸化贸易方面开展合作。",
        description_zh_status="unofficial",
    )
    html = client.get(f"/zh-hans/mous/{mou.slug}/").content.decode()
    assert marks(html) == [UNOFFICIAL]
    assert "在无纸化贸易方面开展合作。" in html
    assert '<p class="prose" lang="en">Cooperation on paperless trade.</p>' in html
    assert "英文原文" in html


def test_official_text_is_marked_official_with_its_source(client):
    project = make_project(
        description="A trade platform.",
        description_zh="贸易平台。",
        description_zh_status="official",
        description_zh_source="深圳市商务局网站",
    )
    html = client.get(f"/zh-hans/projects/{project.slug}/").content.decode()
    assert marks(html) == [OFFICIAL]
    assert "译文来源： 深圳市商务局网站" in html


def test_a_meeting_summary_in_chinese_is_marked_on_the_timeline_too(client):
    make_meeting(
        3,
        summary="Eight MOUs.",
        summary_zh="签署了八份谅解备忘录。",
        summary_zh_status="unofficial",
    )
    assert marks(client.get("/zh-hans/meetings/").content.decode()) == [UNOFFICIAL]
    assert marks(client.get("/zh-hans/meetings/3/").content.decode()) == [UNOFFICIAL]


def test_english_pages_show_only_the_english_text(client):
    mou = make_mou(
        description="Cooperation.",
        description_zh="合作。",
        description_zh_status="official",
        description_zh_source="MCI",
    )
    html = client.get(f"/mous/{mou.slug}/").content.decode()
    assert "合作。" not in html and OFFICIAL not in html


def test_without_chinese_text_the_english_original_is_shown_and_said_to_be(client):
    mou = make_mou(description="Cooperation.")
    html = client.get(f"/zh-hans/mous/{mou.slug}/").content.decode()
    assert "暂无中文译文，以下为英文原文。" in html
    assert marks(html) == []


def test_chinese_text_needs_its_status():
    mou = make_mou()
    mou.description_zh = "合作。"
    with pytest.raises(ValidationError) as raised:
        mou.full_clean()
    assert "description_zh_status" in raised.value.error_dict
    with pytest.raises(IntegrityError):
        mou.save()


def test_an_official_translation_needs_its_source():
    project = make_project()
    project.description_zh, project.description_zh_status = "合作。", "official"
    with pytest.raises(ValidationError) as raised:
        project.full_clean()
    assert "description_zh_source" in raised.value.error_dict
    with pytest.raises(IntegrityError):
        project.save()
