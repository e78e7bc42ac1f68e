"""A page shows the same records in both languages: same rows, counts, links and facets."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("transcribed")

LISTS = {
    "/mous/": "mous",
    "/mous/?area=innovation-and-entrepreneurship&country=CN": "mous",
    "/projects/?phase=3": "projects",
    "/parties/?kind=government": "parties",
    "/areas/": "areas",
    "/meetings/": "meetings",
}
RECORD_PAGES = [
    "/",
    "/mous/imda-commerce-bureau-paperless-trade-protocol/",
    "/projects/tradetrust-trade-financing-trials/",
    "/meetings/3/",
    "/parties/national-university-of-singapore/",
    "/areas/innovation-and-entrepreneurship/",
    "/search/?q=Shenzhen",
]
RECORD_LINK = re.compile(r'href="(?:/zh-hans)?(/(?:mous|projects|parties|areas|meetings)/[^"?]+/)"')


@pytest.mark.parametrize("path", LISTS)
def test_a_list_has_the_same_rows_and_facets_in_both_languages(client, path):
    english, chinese = client.get(path), client.get(f"/zh-hans{path}")
    name = LISTS[path]
    assert [r.pk for r in english.context[name]] == [r.pk for r in chinese.context[name]]
    assert english.context["result_count"] == chinese.context["result_count"] > 0

    def facet_counts(response):
        return {
            facet: [(c.value, c.count) for c in choices.choices]
            for facet, choices in response.context["facets"].items()
        }

    assert facet_counts(english) == facet_counts(chinese)


@pytest.mark.parametrize("path", RECORD_PAGES)
def test_a_page_links_the_same_records_in_both_languages(client, path):
    def links(response):
        return RECORD_LINK.findall(response.content.decode())

    english, chinese = client.get(path), client.get(f"/zh-hans{path}")
    assert english.status_code == chinese.status_code == 200
    assert links(english) and links(english) == links(chinese)


@pytest.mark.parametrize("export", ["csv", "json"])
def test_exports_are_the_same_data_whichever_page_they_come_from(client, export):
    # Exports are data: English column names and labels, the English pages' permalinks.
    def body(response):
        return b"".join(response.streaming_content) if response.streaming else response.content

    for name in ("mous", "parties", "projects", "areas", "meetings"):
        query = "?area=digital-trade" if name == "mous" else ""
        english = body(client.get(f"/{name}/export.{export}{query}"))
        chinese = body(client.get(f"/zh-hans/{name}/export.{export}{query}"))
        assert english == chinese, name
    assert "Memorandum of Understanding" in body(client.get("/zh-hans/mous/export.csv")).decode()
