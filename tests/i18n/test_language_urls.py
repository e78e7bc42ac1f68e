"""English at today's paths, Chinese under /zh-hans/; hreflang alternates; the switcher;
the choice remembered; the API and admin unprefixed."""

import html
import re

import pytest
from django.contrib.auth.models import User

from tests.factories import make_mou

pytestmark = pytest.mark.django_db


@pytest.fixture
def mou():
    return make_mou(title="Digital trade MOU")


def alternates(page: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    return {lang: html.unescape(url) for lang, url in found}


def test_english_pages_stay_at_their_paths_and_chinese_ones_are_prefixed(client, mou):
    english = client.get("/mous/digital-trade-mou/")
    chinese = client.get("/zh-hans/mous/digital-trade-mou/")
    assert english.status_code == chinese.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="zh-Hans">' in chinese.content.decode()
    assert english["Content-Language"] == "en" and chinese["Content-Language"] == "zh-hans"
    assert client.get("/en/mous/digital-trade-mou/").status_code == 404


def test_every_page_names_its_address_in_each_language(client, mou):
    for path in ("/mous/digital-trade-mou/", "/zh-hans/mous/digital-trade-mou/"):
        assert alternates(client.get(path).content.decode()) == {
            "en": "http://testserver/mous/digital-trade-mou/",
            "zh-Hans": "http://testserver/zh-hans/mous/digital-trade-mou/",
            "x-default": "http://testserver/mous/digital-trade-mou/",
        }


def test_alternates_keep_the_filters(client, mou):
    page = client.get("/zh-hans/mous/?area=digital-trade&ordering=title").content.decode()
    assert alternates(page)["en"] == "http://testserver/mous/?area=digital-trade&ordering=title"


def test_the_switcher_leads_to_the_same_record_in_the_other_language(client, mou):
    page = client.get("/mous/digital-trade-mou/?x=1").content.decode()
    form = re.search(r'<form class="language-switcher" method="post" action="([^"]+)"', page)
    assert form and 'name="next" value="/mous/digital-trade-mou/?x=1"' in page
    assert 'name="language" value="zh-hans"' in page and "csrfmiddlewaretoken" not in page
    response = client.post(form[1], {"language": "zh-hans", "next": "/mous/digital-trade-mou/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/mous/digital-trade-mou/?x=1"
    assert response.cookies["django_language"].value == "zh-hans"


def test_the_switcher_leads_back_to_english(client, mou):
    page = client.get("/zh-hans/mous/digital-trade-mou/").content.decode()
    action = re.search(r'<form class="language-switcher" method="post" action="([^"]+)"', page)[1]
    assert action == "/zh-hans/i18n/setlang/"
    response = client.post(action, {"language": "en", "next": "/zh-hans/mous/digital-trade-mou/"})
    assert response["Location"] == "/mous/digital-trade-mou/"
    assert response.cookies["django_language"].value == "en"


def test_the_switcher_refuses_to_lead_off_the_site(client):
    # Only this site's addresses are followed; another goes to the chosen language's home.
    response = client.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/zh-hans/"


def test_a_visitor_who_chose_chinese_gets_the_chinese_home_page(client):
    client.cookies["django_language"] = "zh-hans"
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/zh-hans/"
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
    assert client.get("/zh-hans/").status_code == 200


def test_a_browser_asking_for_chinese_gets_the_chinese_home_page(client):
    response = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert response["Location"] == "/zh-hans/"


def test_a_visitor_who_chose_english_stays_on_the_english_home_page(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    assert "Vary" in response and "Cookie" in response["Vary"]


def test_other_english_addresses_do_not_move(client, mou):
    # Each page has one address per language: a chosen language never redirects a link.
    client.cookies["django_language"] = "zh-hans"
    assert client.get("/mous/digital-trade-mou/").status_code == 200


def test_links_on_a_chinese_page_stay_in_chinese(client, mou):
    page = client.get("/zh-hans/mous/").content.decode()
    assert 'href="/zh-hans/mous/digital-trade-mou/"' in page
    assert 'href="/zh-hans/parties/"' in page
    assert 'href="/zh-hans/feeds/latest.atom"' in page


def test_the_api_and_admin_are_not_prefixed(client):
    assert client.get("/zh-hans/api/v1/mous/").status_code == 404
    assert client.get("/zh-hans/admin/").status_code == 404
    assert client.get("/api/v1/mous/").status_code == 200


def test_staff_who_chose_chinese_get_djangos_chinese_admin(client):
    client.force_login(User.objects.create_user("staff", is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "zh-hans"
    response = client.get("/admin/")
    assert response["Content-Language"] == "zh-hans"
    assert "站点管理" in response.content.decode()
    client.cookies["django_language"] = "en"
    assert "Site administration" in client.get("/admin/").content.decode()
