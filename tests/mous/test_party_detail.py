"""A party's page: everything it signed and takes part in, its parent and members."""

import pytest

from tests.factories import make_mou, make_party, make_project
from tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db


def test_it_lists_all_its_mous(client, transcribed):
    response = client.get("/parties/infocomm-media-development-authority/")
    html = response.content.decode()
    assert 'href="/mous/imda-commerce-bureau-paperless-trade-protocol/"' in html
    assert 'href="/mous/imda-tusstar-memorandum-of-intent/"' in html
    assert "MOUs signed (3)" in text_of(response)


def test_it_lists_its_projects_with_its_role(client, db):
    party = make_party("Busy Partner")
    project = make_project("Joint Thing", partners=[party])
    project.partnerships.update(role="Lead partner")
    response = client.get("/parties/busy-partner/")
    assert 'href="/projects/joint-thing/"' in response.content.decode()
    assert "Role: Lead partner" in text_of(response)


def test_it_links_its_parent_and_its_members(client, db):
    parent = make_party("Parent Group")
    make_party("Member Branch", parent=parent)
    make_party("Hidden Member", parent=parent, status="draft")
    html = client.get("/parties/parent-group/").content.decode()
    assert 'href="/parties/member-branch/"' in html
    assert "Hidden Member" not in html
    assert 'href="/parties/parent-group/"' in client.get("/parties/member-branch/").content.decode()


def test_an_unknown_country_and_city_show_as_unknown(client, transcribed):
    text = text_of(client.get("/parties/ncs-group/"))
    assert "Country unknown City unknown" in text


def test_only_published_mous_and_projects_are_listed(client, db):
    party = make_party("Busy Partner")
    make_mou(title="Open MOU", parties=[party])
    make_mou(title="Secret MOU", parties=[party], status="draft")
    make_project("Secret Project", partners=[party], status="draft")
    text = text_of(client.get("/parties/busy-partner/"))
    assert "Open MOU" in text
    assert "Secret MOU" not in text and "Secret Project" not in text


def test_a_draft_party_is_a_404_except_to_staff(client, admin_client, db):
    make_party("Hidden Partner", status="draft")
    assert client.get("/parties/hidden-partner/").status_code == 404
    response = admin_client.get("/parties/hidden-partner/")
    assert response.status_code == 200
    assert "Draft — not public." in text_of(response)


def test_it_offers_a_citation(client, transcribed):
    response = client.get("/parties/ncs-group/")
    assert response.context["citation"].startswith("“NCS Group”.")
    assert "Cite this record" in text_of(response)


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    party = make_party("Busy Partner")
    make_mou(parties=[party])
    # the party (with parent), members, signatures with MOU/area/meeting, those MOUs'
    # signatories, project partnerships with projects and meetings, citations with sources.
    with django_assert_max_num_queries(6):
        assert client.get("/parties/busy-partner/").status_code == 200
    for _ in range(10):
        make_mou(parties=[party, make_party(country="CN")])
        make_project(partners=[party])
        make_party(parent=party)
    with django_assert_max_num_queries(6):
        assert client.get("/parties/busy-partner/").status_code == 200
