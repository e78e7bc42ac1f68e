"""A project's page: partners, related MOUs, milestones as a timeline with their figures."""

import datetime

import pytest

from tests.factories import make_milestone, make_mou, make_party, make_project, make_source
from tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db


def test_it_shows_phase_partners_and_related_mous(client, transcribed):
    response = client.get("/projects/tradetrust-trade-financing-trials/")
    html = response.content.decode()
    assert "Phase 1" in text_of(response)
    assert 'href="/parties/mufg-bank/"' in html
    assert 'href="/mous/imda-commerce-bureau-paperless-trade-protocol/"' in html


def test_milestones_show_their_dates_and_figures(client, transcribed):
    response = client.get("/projects/onesme/")
    text = text_of(response)
    assert '<time datetime="2021-06-30">30 June 2021</time>' in response.content.decode()
    assert "118 Singapore SME suppliers" in text
    assert "163 Chinese enterprise buyers" in text


def test_a_milestone_without_a_date_says_when_it_was_reported(client, transcribed):
    text = text_of(client.get("/projects/gia-shenzhen-node/"))
    assert "Date unknown — reported 18 October 2021" in text


def test_milestones_are_in_their_order_and_planned_ones_are_marked(client, db):
    project = make_project("Timeline Project")
    make_milestone(
        project,
        order=2,
        text="Second step.",
        planned=True,
        date=None,
        date_precision="unknown",
        source=make_source(published_on=datetime.date(2023, 1, 2)),
    )
    make_milestone(
        project,
        order=1,
        text="First step.",
        date=datetime.date(2021, 3, 1),
        date_precision="month",
        figures=[{"label": "partners", "value": 13}],
    )
    text = text_of(client.get("/projects/timeline-project/"))
    assert text.index("First step.") < text.index("Second step.")
    assert "March 2021 First step. partners 13" in text
    assert "Date unknown — reported 2 January 2023 planned Second step." in text


def test_it_offers_a_citation_with_its_partners(client, transcribed):
    citation = client.get("/projects/gia-shenzhen-node/").context["citation"]
    assert citation.startswith("XNode. “Global Innovation Alliance (GIA) Shenzhen node (Phase 1)”.")


def test_a_draft_is_a_404_except_to_staff(client, admin_client, db):
    make_project("Secret Project", status="draft")
    assert client.get("/projects/secret-project/").status_code == 404
    response = admin_client.get("/projects/secret-project/")
    assert response.status_code == 200
    assert "Draft — not public." in text_of(response)
    assert "no-store" in response["Cache-Control"]


def test_draft_relations_are_left_out(client, db):
    project = make_project("Open Project", partners=[make_party("Hidden Partner", status="draft")])
    project.related_mous.add(make_mou(title="Secret MOU", status="draft"))
    text = text_of(client.get("/projects/open-project/"))
    assert "Hidden Partner" not in text and "Secret MOU" not in text


def test_an_unknown_slug_is_a_404(client, db):
    assert client.get("/projects/nothing-here/").status_code == 404


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    project = make_project("Busy Project", partners=[make_party()])
    make_milestone(project)
    # the project (with meeting), areas, partners with parties, related MOUs with meetings,
    # milestones with sources, citations with sources.
    with django_assert_max_num_queries(6):
        assert client.get("/projects/busy-project/").status_code == 200
    for _ in range(10):
        make_milestone(project)
        project.related_mous.add(make_mou())
        project.partnerships.create(party=make_party(), order=5)
    with django_assert_max_num_queries(6):
        assert client.get("/projects/busy-project/").status_code == 200
