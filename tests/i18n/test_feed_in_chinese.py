"""The Atom feed in each language: English at its address, Chinese under /zh-hans/."""

import pytest

from tests.factories import make_mou, make_party

pytestmark = pytest.mark.django_db


def test_the_chinese_feed_is_titled_and_labelled_in_chinese(client):
    bureau = make_party("Commerce Bureau", name_zh="深圳市商务局", name_zh_source="its site")
    make_mou("Paperless trade MOU", parties=[make_party("IMDA"), bureau])
    feed = client.get("/zh-hans/feeds/latest.atom").content.decode()
    assert '<feed xml:lang="zh-hans"' in feed
    assert "<title>SCI 门户：新发布的谅解备忘录和项目</title>" in feed
    assert "<title>谅解备忘录：Paperless trade MOU</title>" in feed
    assert "谅解备忘录，2022年11月25日由IMDA；深圳市商务局签署。" in feed
    assert 'href="http://testserver/zh-hans/mous/paperless-trade-mou/"' in feed


def test_the_english_feed_is_unchanged(client):
    make_mou("Paperless trade MOU")
    feed = client.get("/feeds/latest.atom").content.decode()
    assert '<feed xml:lang="en"' in feed
    assert "<title>MOU: Paperless trade MOU</title>" in feed
    assert 'href="http://testserver/mous/paperless-trade-mou/"' in feed
