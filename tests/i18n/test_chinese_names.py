"""Chinese names: shown on Chinese pages where a source gives one, with where it comes from;
the English name everywhere else, and never a translation the portal made."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from meetings.models import CoChair
from tests.factories import make_area, make_meeting, make_mou, make_party

from .reading import read

pytestmark = pytest.mark.django_db

BUREAU = {
    "name": "Commerce Bureau of Shenzhen Municipality",
    "name_zh": "深圳市商务局",
    "name_zh_source": "the bureau's own website (commerce.sz.gov.cn)",
    "country": "CN",
}


def test_a_chinese_page_shows_the_chinese_name_its_english_name_and_source(client):
    party = make_party(**BUREAU)
    html = client.get(f"/zh-hans/parties/{party.slug}/").content.decode()
    assert "<h1>深圳市商务局</h1>" in html
    assert '<dd lang="en">Commerce Bureau of Shenzhen Municipality</dd>' in html
    assert "commerce.sz.gov.cn" in html
    assert "<title>深圳市商务局 · SCI 门户</title>" in html


def test_an_english_page_keeps_the_english_name_and_gives_the_chinese_one(client):
    party = make_party(**BUREAU)
    html = client.get(f"/parties/{party.slug}/").content.decode()
    assert "<h1>Commerce Bureau of Shenzhen Municipality</h1>" in html
    assert '<span lang="zh-Hans">深圳市商务局</span>' in html


def test_without_a_source_the_chinese_page_shows_the_english_name_marked_english(client):
    party = make_party("NCS Group")
    html = client.get(f"/zh-hans/parties/{party.slug}/").content.decode()
    assert '<h1><span lang="en">NCS Group</span></h1>' in html
    assert "英文名称" not in html


def test_lists_and_records_use_the_chinese_name_of_a_party(client):
    bureau = make_party(**BUREAU)
    make_mou(title="Paperless trade MOU", parties=[make_party("IMDA"), bureau])
    listing = read(client.get("/zh-hans/mous/").content.decode())
    assert "深圳市商务局" in listing.in_language
    assert "IMDA" in listing.english
    assert "Commerce Bureau of Shenzhen Municipality" not in " ".join(listing.english)


def test_the_area_facet_and_filter_chip_mark_english_names(client):
    make_mou(area=make_area("Digital Trade"))
    html = client.get("/zh-hans/mous/?area=digital-trade").content.decode()
    assert '<option value="digital-trade" selected lang="en">Digital Trade（1）</option>' in html
    assert '<span lang="en">Digital Trade</span>' in html


def test_co_chairs_show_their_chinese_names_with_the_source(client):
    meeting = make_meeting(3)
    CoChair.objects.filter(meeting=meeting).update(
        name="Joseph Leong",
        honorific="Mr",
        name_zh="梁颖强",
        name_zh_source="Chinese-language release on the 3rd meeting (PR Newswire)",
    )
    html = client.get("/zh-hans/meetings/3/").content.decode()
    assert '梁颖强 <span lang="en">(Mr Joseph Leong)</span>' in html
    assert "梁颖强：" in html and "PR Newswire" in html
    assert "梁颖强" not in client.get("/meetings/3/").content.decode()


def test_local_name_follows_the_language():
    party = make_party(**BUREAU)
    with translation.override("zh-hans"):
        assert party.local_name == "深圳市商务局"
    with translation.override("en"):
        assert party.local_name == "Commerce Bureau of Shenzhen Municipality"


def test_a_chinese_name_needs_its_source():
    party = make_party("Shenzhen Library")
    party.name_zh = "深圳图书馆"
    with pytest.raises(ValidationError) as raised:
        party.full_clean()
    assert "name_zh_source" in raised.value.error_dict
    with pytest.raises(IntegrityError):
        party.save()
