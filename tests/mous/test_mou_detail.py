"""An MOU's page: its parties, dates, links, sources and citation; drafts for staff only."""

import datetime

import pytest
from django.contrib.auth.models import User

from mous.models import MOU, Signatory
from projects.models import Project
from tests.factories import (
    make_area,
    make_editor,
    make_mou,
    make_party,
    make_project,
    make_source,
)
from tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db

PROTOCOL = "/mous/imda-commerce-bureau-paperless-trade-protocol/"


def test_it_links_each_party_in_order(client, transcribed):
    html = client.get(PROTOCOL).content.decode()
    imda = html.index('href="/parties/infocomm-media-development-authority/"')
    bureau = html.index('href="/parties/commerce-bureau-of-shenzhen-municipality/"')
    assert imda < bureau


def test_an_unnamed_party_shows_its_description_as_name_unknown(client, transcribed):
    text = text_of(client.get("/mous/ncs-robotics-development/"))
    assert "three Chinese partners name unknown" in text


def test_it_shows_area_meeting_type_and_signing_date(client, transcribed):
    response = client.get(PROTOCOL)
    html = response.content.decode()
    assert 'href="/areas/digital-trade/"' in html
    assert 'href="/meetings/3/"' in html
    assert '<time datetime="2022-11-25">25 November 2022</time>' in html
    assert "Protocol" in text_of(response)


def test_a_month_precise_date_is_shown_as_a_month(client, transcribed):
    html = client.get("/mous/imda-commerce-bureau-paperless-trade-mou-2020/").content.decode()
    assert '<time datetime="2020-06">June 2020</time>' in html


def test_it_links_what_it_builds_on_and_what_builds_on_it(client, transcribed):
    html = client.get(PROTOCOL).content.decode()
    assert 'href="/mous/imda-commerce-bureau-paperless-trade-mou-2020/"' in html
    earlier = client.get("/mous/imda-commerce-bureau-paperless-trade-mou-2020/")
    assert "Built upon by" in text_of(earlier)
    assert f'href="{PROTOCOL}"' in earlier.content.decode()


def test_it_lists_related_projects(client, transcribed):
    html = client.get(PROTOCOL).content.decode()
    assert 'href="/projects/tradetrust-trade-financing-trials/"' in html


def test_it_quotes_and_links_its_sources(client, transcribed):
    response = client.get(PROTOCOL)
    html = response.content.decode()
    assert 'href="https://www.imda.gov.sg/Content-and-News/' in html
    assert "Annex A, Digital Trade" in text_of(response)
    assert '<blockquote class="quote">' in html


def test_a_descriptive_title_is_marked_as_such(client, transcribed):
    text = text_of(client.get("/mous/ncs-robotics-development/"))
    assert "Descriptive title The official title is in a source the portal does not hold" in text
    assert "Descriptive title" not in text_of(client.get(PROTOCOL))


def test_it_offers_a_permalink_and_a_citation(client, transcribed):
    response = client.get(PROTOCOL)
    permalink = "http://testserver" + PROTOCOL
    assert response.context["permalink"] == permalink
    citation = response.context["citation"]
    assert citation.startswith(
        "Infocomm Media Development Authority; Commerce Bureau of Shenzhen Municipality."
    )
    assert "“Protocol to the Memorandum of Understanding" in citation
    assert "Signed 25 November 2022." in citation
    assert "Ministry of Communications and Information and Infocomm Media" in citation
    assert f"SCI Portal, {permalink} (retrieved " in citation
    assert "Cite this record" in text_of(response)


def test_a_descriptive_title_is_marked_in_the_citation(client, transcribed):
    citation = client.get("/mous/ncs-robotics-development/").context["citation"]
    assert "[descriptive title]" in citation


def test_an_unknown_slug_is_a_404(client, db):
    assert client.get("/mous/no-such-mou/").status_code == 404


def test_a_draft_is_a_404_to_the_public(client, db):
    make_mou(title="Secret draft", status="draft")
    assert client.get("/mous/secret-draft/").status_code == 404


def test_a_draft_is_a_404_to_a_logged_in_non_staff_user(client, db):
    make_mou(title="Secret draft", status="draft")
    client.force_login(User.objects.create_user("reader", password="x" * 12))
    assert client.get("/mous/secret-draft/").status_code == 404


def test_staff_without_a_role_get_a_404_for_a_draft(client, db):
    make_mou(title="Secret draft", status="draft")
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get("/mous/secret-draft/").status_code == 404


def test_an_editor_sees_a_draft_marked_and_uncached(client, db):
    make_mou(title="Secret draft", status="draft")
    client.force_login(make_editor())
    response = client.get("/mous/secret-draft/")
    assert response.status_code == 200
    assert "Draft — not public." in text_of(response)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_a_published_record_has_no_draft_banner(admin_client, db):
    make_mou(title="Public one")
    response = admin_client.get("/mous/public-one/")
    assert "Draft — not public" not in text_of(response)
    assert "no-store" not in response.get("Cache-Control", "")


def test_draft_relations_are_left_out(client, db):
    draft_party = make_party("Hidden Partner Ltd", status="draft")
    mou = make_mou(
        title="Public one",
        parties=[make_party("Open Partner"), draft_party],
        area=make_area("Draft Area", status="draft"),
    )
    make_mou(title="Draft extension", builds_on=mou, status="draft")
    project = make_project("Draft project", status="draft")
    project.related_mous.add(mou)
    text = text_of(client.get("/mous/public-one/"))
    assert "Open Partner" in text
    for hidden in ("Hidden Partner Ltd", "Draft Area", "Draft extension", "Draft project"):
        assert hidden not in text


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    source = make_source()
    mou = make_mou(title="Busy MOU", source=source, signed_on=datetime.date(2020, 1, 1))
    # the MOU (with area, meeting, builds_on), its signatories with parties, its citations
    # with sources, what builds on it, its projects.
    with django_assert_max_num_queries(5):
        assert client.get("/mous/busy-mou/").status_code == 200
    for n in range(10):
        Signatory.objects.create(mou=mou, order=10 + n, party=make_party(), side="SG")
        make_mou(builds_on=mou)
        Project.objects.create(name=f"P{n}", slug=f"p{n}", status="published").related_mous.add(mou)
    assert MOU.objects.get(pk=mou.pk).signatories.count() == 12
    with django_assert_max_num_queries(5):
        assert client.get("/mous/busy-mou/").status_code == 200
