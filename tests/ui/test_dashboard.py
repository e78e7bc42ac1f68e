"""The home page: recorded totals next to stated ones, charts, meetings, latest records."""

import re

import pytest

from tests.factories import make_area, make_mou, make_project
from tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db


def test_it_lists_the_meetings_with_their_counts(client, transcribed):
    response = client.get("/")
    assert response.status_code == 200
    rows = {m.ordinal: m for m in response.context["meetings"]}
    assert (rows[2].mou_count, rows[2].project_count) == (4, 0)
    assert (rows[3].mou_count, rows[3].project_count) == (8, 14)
    assert b'data-meeting="3"' in response.content


def test_it_shows_recorded_next_to_stated_totals(client, transcribed):
    text = text_of(client.get("/"))
    assert "MOUs 13 recorded of 21 stated as at 25 November 2022" in text
    assert "Joint projects 18 recorded of 29 stated as at 25 November 2022" in text


def test_drafts_are_not_counted(client, transcribed):
    make_mou(title="Secret draft", status="draft")
    make_project("Secret project", status="draft")
    response = client.get("/")
    assert response.context["totals"] == {"mous": 13, "projects": 18}
    assert "Secret" not in response.content.decode()


def test_it_charts_mous_by_area_and_meeting_and_projects_by_phase(client, transcribed):
    charts = {chart.slug: chart for chart in client.get("/").context["charts"]}
    by_area = {bar.label: bar.value for bar in charts["mous-by-area"].bars}
    assert by_area["Innovation and Entrepreneurship"] == 9
    assert by_area["No area recorded"] == 1
    assert sum(by_area.values()) == 13
    by_meeting = {bar.label: bar.value for bar in charts["mous-by-meeting"].bars}
    assert by_meeting == {
        "2nd JIC meeting (18 October 2021)": 4,
        "3rd JIC meeting (25 November 2022)": 8,
        "Not announced at a JIC meeting": 1,
    }
    by_phase = [(bar.label, bar.value) for bar in charts["projects-by-phase"].bars]
    assert by_phase == [("Phase 1", 3), ("Phase 3", 14), ("Phase unknown", 1)]


def test_charts_are_inline_svg_named_and_described(client, transcribed):
    html = client.get("/").content.decode()
    svgs = re.findall(r"<svg [^>]*>", html)
    assert len(svgs) == 3
    assert all('role="img"' in svg and "aria-labelledby=" in svg for svg in svgs)
    assert '<title id="projects-by-phase-svg-title">Projects by phase</title>' in html
    assert "Phase 1: 3; Phase 3: 14; Phase unknown: 1." in html


def test_the_longest_bar_is_the_largest_value(client, db):
    area, small = make_area("Big"), make_area("Small")
    for _ in range(4):
        make_mou(area=area)
    make_mou(area=small)
    chart = client.get("/").context["charts"][0]
    lengths = {row["bar"].label: row["length"] for row in chart.rows}
    assert lengths["Big"] == 4 * lengths["Small"]


def test_chart_data_links_to_the_filtered_lists(client, transcribed):
    html = client.get("/").content.decode()
    assert 'href="/mous/?area=digital-trade"' in html
    assert 'href="/mous/?meeting=3"' in html
    assert 'href="/projects/?phase=3"' in html


def test_it_lists_the_latest_records(client, transcribed):
    response = client.get("/")
    assert len(response.context["latest_mous"]) == 5
    assert len(response.context["latest_projects"]) == 5


def test_it_has_a_search_box(client, db):
    html = client.get("/").content.decode()
    assert '<form class="search-form" method="get" action="/search/" role="search">' in html
    assert '<label for="home-search-q">' in html


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    make_mou()
    # MOUs per meeting and per area, projects per meeting and per phase (the totals
    # are their sums), meetings, areas, latest MOUs, latest projects.
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
    for _ in range(20):
        make_mou(area=make_area())
        make_project()
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
