"""Dates read naturally in each language, only as precisely as the source gives them."""

import datetime

import pytest
from django.utils import translation

from meetings.models import Precision, format_partial_date
from meetings.views import citation_text
from tests.factories import make_mou

DAY = datetime.date(2022, 11, 25)


@pytest.mark.parametrize(
    ("precision", "english", "chinese"),
    [
        (Precision.DAY, "25 November 2022", "2022年11月25日"),
        (Precision.MONTH, "November 2022", "2022年11月"),
        (Precision.YEAR, "2022", "2022年"),
        (Precision.UNKNOWN, "unknown", "未知"),
    ],
)
def test_a_partial_date_in_each_language(precision, english, chinese):
    value = None if precision == Precision.UNKNOWN else DAY
    with translation.override("en"):
        assert format_partial_date(value, precision) == english
    with translation.override("zh-hans"):
        assert format_partial_date(value, precision) == chinese


def test_a_month_precise_date_on_a_chinese_page(client, db):
    mou = make_mou(signed_on=datetime.date(2020, 6, 1), signed_on_precision=Precision.MONTH)
    assert (
        '<time datetime="2020-06">2020年6月</time>'
        in client.get(f"/zh-hans/mous/{mou.slug}/").content.decode()
    )
    assert (
        '<time datetime="2020-06">June 2020</time>'
        in client.get(f"/mous/{mou.slug}/").content.decode()
    )


def test_a_citation_in_chinese_dates_and_punctuates_in_chinese():
    with translation.override("zh-hans"):
        text = citation_text(
            title="Digital trade MOU",
            parties=["深圳市商务局", "IMDA"],
            date="签署于2020年6月",
            permalink="https://portal.example/zh-hans/mous/x/",
            retrieved=DAY,
        )
    assert text == (
        "深圳市商务局；IMDA。 《Digital trade MOU》。 签署于2020年6月。 "
        "SCI 门户，https://portal.example/zh-hans/mous/x/（2022年11月25日 检索）。"
    )
