"""A party's Chinese name finds it and what it signed or takes part in, on PostgreSQL and SQLite."""

import pytest

from mous.models import MOU, Party
from projects.models import Project
from tests.factories import make_mou, make_party, make_project

pytestmark = pytest.mark.django_db

BUREAU = "深圳市商务局"


@pytest.fixture
def bureau():
    return make_party(
        "Commerce Bureau of Shenzhen Municipality",
        name_zh=BUREAU,
        name_zh_source="the bureau's own website",
        country="CN",
    )


@pytest.fixture
def records(bureau):
    signed = make_mou("Paperless trade MOU", parties=[make_party("IMDA"), bureau])
    make_mou("Another MOU")
    project = make_project("Trade trials", partners=[bureau])
    make_project("Other project")
    return signed, project


def test_the_chinese_name_finds_the_party(bureau):
    make_party("Shenzhen Library")
    assert list(Party.objects.search(BUREAU)) == [bureau]
    assert list(Party.objects.search("商务局")) == [bureau]


def test_the_chinese_name_finds_its_mous_and_projects(records):
    signed, project = records
    assert list(MOU.objects.search(BUREAU)) == [signed]
    assert list(Project.objects.search(BUREAU)) == [project]


def test_the_mou_list_and_search_page_find_it_in_both_languages(client, records):
    signed, project = records
    for prefix in ("", "/zh-hans"):
        listed = client.get(f"{prefix}/mous/", {"q": BUREAU}).context["mous"]
        assert [m.slug for m in listed] == [signed.slug]
        sections = client.get(f"{prefix}/search/", {"q": BUREAU}).context["sections"]
        assert [section["hits"][1] for section in sections] == [1, 1, 1]


def test_the_api_finds_it(client, records):
    signed, _ = records
    results = client.get("/api/v1/mous/", {"q": BUREAU}).json()["results"]
    assert [m["slug"] for m in results] == [signed.slug]
