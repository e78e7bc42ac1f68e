"""Every interface string is marked for translation and translated: the catalogue, and every
page type rendered in Chinese with the transcribed data, checked for English left over."""

from pathlib import Path

import polib
import pytest
from django.template.loader import render_to_string
from django.utils import translation

from mous.models import MOU, Party
from tests.factories import make_editor, make_mou

from .reading import latin_words, read, record_texts, without_record_texts

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

PAGES = [
    "/zh-hans/",
    "/zh-hans/mous/",
    "/zh-hans/mous/?area=innovation-and-entrepreneurship&meeting=3&party=national-university-of-singapore&country=SG&type=mou",
    "/zh-hans/mous/?signed_after=2022-02-30&area=不存在",
    "/zh-hans/mous/?page=99",
    "/zh-hans/mous/imda-commerce-bureau-paperless-trade-protocol/",
    "/zh-hans/mous/ncs-robotics-development/",
    "/zh-hans/projects/",
    "/zh-hans/projects/?phase=3&party=infocomm-media-development-authority",
    "/zh-hans/projects/onesme/",
    "/zh-hans/projects/ncs-next-shenzhen-innovation-centre/",
    "/zh-hans/meetings/",
    "/zh-hans/meetings/?year=年",
    "/zh-hans/meetings/2/",
    "/zh-hans/meetings/3/",
    "/zh-hans/parties/",
    "/zh-hans/parties/?country=CN&kind=government",
    "/zh-hans/parties/commerce-bureau-of-shenzhen-municipality/",
    "/zh-hans/parties/national-university-of-singapore/",
    "/zh-hans/areas/",
    "/zh-hans/areas/digital-trade/",
    "/zh-hans/search/",
    "/zh-hans/search/?q=深圳市商务局",
    "/zh-hans/search/?q=" + "深" * 201,
    "/zh-hans/no-such-page/",
]


def test_every_message_has_a_chinese_translation():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 300
    assert [e.msgid for e in catalogue if not e.translated()] == []
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []
    assert not catalogue.metadata_is_fuzzy


def test_the_compiled_catalogue_is_the_po_file():
    # The .mo is committed (the portal runs without GNU gettext): it must say what the .po says.
    def messages(entries):
        return {
            (e.msgctxt, e.msgid): e.msgstr_plural[0] if e.msgid_plural else e.msgstr
            for e in entries
            if e.msgid
        }

    assert messages(polib.mofile(str(MO))) == messages(polib.pofile(str(PO)))


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(PO)):
        if "python-format" in entry.flags or "python-brace-format" in entry.flags:
            translated = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
            source = entry.msgid_plural or entry.msgid
            names = sorted(part.split(")")[0] for part in source.split("%(")[1:])
            assert sorted(part.split(")")[0] for part in translated.split("%(")[1:]) == names


@pytest.fixture
def with_chinese_text(transcribed):
    """One record with an unofficial Chinese description, one with an official one."""
    MOU.objects.filter(slug="imda-commerce-bureau-paperless-trade-protocol").update(
        description_zh="双方同意继续合作，推动承认电子提单。", description_zh_status="unofficial"
    )
    Party.objects.filter(slug="commerce-bureau-of-shenzhen-municipality").update(
        description="Oversees commerce in Shenzhen.",
        description_zh="负责深圳市商务工作。",
        description_zh_status="official",
        description_zh_source="深圳市商务局网站",
    )


@pytest.mark.usefixtures("with_chinese_text")
def test_no_english_interface_text_is_left_on_any_chinese_page(client):
    records = record_texts()
    leftovers = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code in {200, 400, 404}, path
        page = read(response.content.decode())
        assert page.html_lang == "zh-Hans", path
        # Text in the page's language has no English words; record text the sources
        # give only in English is marked lang="en" instead.
        found = latin_words(" ".join(page.in_language))
        # Titles, text areas and attributes cannot mark a part as English: what is left
        # once the records' own text is taken out must be Chinese.
        found += latin_words(without_record_texts(" ".join(page.unmarkable), records))
        if found:
            leftovers[path] = sorted(set(found))
    assert leftovers == {}


def test_the_error_page_is_translated():
    with translation.override("zh-hans"):
        page = read(render_to_string("500.html"))
    assert page.html_lang == "zh-Hans"
    assert latin_words(" ".join(page.in_language + page.unmarkable)) == []
    assert "出错了" in page.in_language


def test_the_check_finds_english_left_in_a_chinese_page():
    # The reader itself: unmarked English is found, English marked lang="en" is not.
    page = read(
        '<html lang="zh-Hans"><body><p>搜索 <span lang="en">Digital Trade</span></p>'
        '<p>Clear filters</p><a aria-label="Remove filter">×</a></body></html>'
    )
    assert latin_words(" ".join(page.in_language)) == ["Clear", "filters"]
    assert latin_words(" ".join(page.unmarkable)) == ["Remove", "filter"]
    assert page.english == ["Digital Trade"]


def untranslated(client, path: str) -> list[str]:
    page = read(client.get(path).content.decode())
    assert page.html_lang == "zh-Hans"
    records = record_texts()
    return latin_words(" ".join(page.in_language)) + latin_words(
        without_record_texts(" ".join(page.unmarkable), records)
    )


def test_pagination_is_translated(client, db):
    for _ in range(30):
        make_mou()
    assert untranslated(client, "/zh-hans/mous/?page=2") == []
    assert "上一页" in client.get("/zh-hans/mous/?page=2").content.decode()


def test_a_draft_preview_is_translated(client, db):
    make_mou(title="Secret draft", status="draft")
    client.force_login(make_editor())
    assert untranslated(client, "/zh-hans/mous/secret-draft/") == []
    assert "草稿——未公开。" in client.get("/zh-hans/mous/secret-draft/").content.decode()
