"""The project list: every filter, facet counts, ordering, pagination and bad input."""

import pytest

from projects.filters import ProjectFilter
from projects.models import Project
from tests.factories import make_area, make_meeting, make_party, make_project
from tests.ui.helpers import slugs_on_page, text_of

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/projects/", params)


def test_it_lists_every_published_project(client, transcribed):
    response = get(client)
    assert response.status_code == 200
    assert response.context["result_count"] == 18
    assert "18 projects" in text_of(response)


def test_it_filters_by_phase(client, transcribed):
    assert get(client, phase="3").context["result_count"] == 14
    assert get(client, phase="1").context["result_count"] == 3


def test_it_filters_by_area_meeting_and_party(client, transcribed):
    assert slugs_on_page(get(client, area="digital-trade"), "projects") == [
        "tradetrust-trade-financing-trials"
    ]
    assert get(client, meeting="3").context["result_count"] == 14
    assert slugs_on_page(get(client, party="xnode"), "projects") == ["gia-shenzhen-node"]


def test_it_searches_names_descriptions_and_partners(client, transcribed):
    assert "tradetrust-trade-financing-trials" in slugs_on_page(get(client, q="MUFG"), "projects")
    assert "shenzhen-singapore-new-energy-vehicle-smart-platform" in slugs_on_page(
        get(client, q="battery"), "projects"
    )


def test_it_orders_by_name(client, transcribed):
    names = [p.name for p in get(client, ordering="name").context["projects"]]
    assert names == sorted(names)


def test_the_default_order_is_by_phase_and_number(client, transcribed):
    slugs = slugs_on_page(get(client, phase="3"), "projects")
    assert slugs[0] == "imda-tusstar-xchange" and slugs[-1] == "fintech-cooperation"


def test_facet_counts_are_what_each_choice_would_give(client, transcribed):
    params = {"phase": "1"}
    facets = get(client, **params).context["facets"]
    assert set(facets) == {"phase", "area", "meeting", "party"}
    for name, facet in facets.items():
        for choice in facet.choices:
            expected = ProjectFilter(
                {**params, name: choice.value}, queryset=Project.objects.published()
            ).qs.count()
            assert choice.count == expected, (name, choice)


def test_phase_facet_counts_on_the_transcribed_data(client, transcribed):
    phases = {c.label: c.count for c in get(client).context["facets"]["phase"].choices}
    assert phases == {"Phase 1": 3, "Phase 3": 14}


def test_pagination_keeps_every_filter(client, db):
    area = make_area("Busy Area")
    for _ in range(27):
        make_project(phase=2).areas.add(area)
    response = get(client, area="busy-area", phase="2", page="2")
    assert len(response.context["projects"]) == 2
    assert 'href="?area=busy-area&amp;phase=2&amp;page=1"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"phase": "x"},
        {"phase": "-1"},
        {"phase": "1.5"},
        {"meeting": "3rd"},
        {"meeting": "3.0001"},
        {"ordering": "size"},
        {"page": "last"},
    ],
)
def test_malformed_input_gives_a_400(client, transcribed, params):
    response = get(client, **params)
    assert response.status_code == 400
    assert "Some of the filters could not be used" in text_of(response)


def test_an_unknown_meeting_gives_a_400_an_empty_list_and_a_note(client, transcribed):
    response = get(client, meeting="9")
    assert response.status_code == 400
    assert response.context["result_count"] == 0
    assert "No JIC meeting “9” is on record" in text_of(response)


def test_drafts_appear_nowhere(client, db):
    make_project("Open Project", partners=[make_party("Hidden Partner", status="draft")])
    make_project("Secret Project", status="draft")
    response = get(client)
    assert slugs_on_page(response, "projects") == ["open-project"]
    html = response.content.decode()
    assert "Secret Project" not in html and "Hidden Partner" not in html


def test_exports_match_the_filtered_list(client, transcribed):
    from tests.ui.helpers import csv_rows

    listed = get(client, phase="3").context["result_count"]
    rows = csv_rows(client.get("/projects/export.csv", {"phase": "3"}))
    assert len(rows) == listed == 14
    assert rows[0]["meeting"] == "3"
    data = client.get("/projects/export.json", {"phase": "3"}).json()
    assert data["count"] == listed
    assert client.get("/projects/export.csv", {"phase": "x"}).status_code == 400


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    meeting = make_meeting()
    make_project(meeting=meeting)
    # count, page of projects (with meeting), their areas, their partners with parties,
    # then one query per facet: phase, area, meeting, party.
    with django_assert_max_num_queries(8):
        assert get(client).status_code == 200
    for _ in range(30):
        project = make_project(meeting=meeting, partners=[make_party(), make_party()])
        project.areas.add(make_area())
    with django_assert_max_num_queries(8):
        assert get(client).status_code == 200
    with django_assert_max_num_queries(3):
        response = client.get("/projects/export.csv")
        assert response.status_code == 200
        response.getvalue()  # a streamed export queries as it is read
