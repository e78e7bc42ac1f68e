"""The MOU list: every filter, facet counts, ordering, pagination and bad input."""

import pytest

from mous.filters import MOUFilter
from mous.models import MOU
from tests.factories import make_area, make_meeting, make_mou, make_party
from tests.ui.helpers import slugs_on_page, text_of

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/mous/", params)


def test_it_lists_every_published_mou(client, transcribed):
    response = get(client)
    assert response.status_code == 200
    assert response.context["result_count"] == 13
    assert "13 MOUs" in text_of(response)


def test_it_filters_by_area(client, transcribed):
    response = get(client, area="digital-trade")
    assert slugs_on_page(response, "mous") == ["imda-commerce-bureau-paperless-trade-protocol"]


def test_it_filters_by_meeting_ordinal(client, transcribed):
    response = get(client, meeting="2")
    assert response.context["result_count"] == 4


def test_it_filters_by_party(client, transcribed):
    response = get(client, party="commerce-bureau-of-shenzhen-municipality")
    assert set(slugs_on_page(response, "mous")) == {
        "imda-commerce-bureau-paperless-trade-mou-2020",
        "imda-commerce-bureau-paperless-trade-protocol",
    }


def test_it_filters_by_a_partys_country(client, transcribed):
    slugs = slugs_on_page(get(client, country="SG"), "mous")
    assert "simc-scia-mediation-arbitration-protocol" in slugs
    # NCS Group's country is unknown: its MOUs have no Singapore party on record.
    assert "ncs-robotics-development" not in slugs


def test_it_filters_by_type(client, transcribed):
    assert slugs_on_page(get(client, type="moi"), "mous") == ["imda-tusstar-memorandum-of-intent"]


def test_it_filters_by_signing_dates(client, transcribed):
    assert get(client, signed_after="2022-01-01").context["result_count"] == 8
    assert slugs_on_page(get(client, signed_before="2021-01-01"), "mous") == [
        "imda-commerce-bureau-paperless-trade-mou-2020"
    ]


def test_it_searches_titles_descriptions_and_party_names(client, transcribed):
    assert "imda-tusstar-memorandum-of-intent" in slugs_on_page(get(client, q="TusStar"), "mous")
    assert "enterprisesg-szstic-technology-innovation-cooperation" in slugs_on_page(
        get(client, q="STIC"), "mous"
    )


def test_filters_combine(client, transcribed):
    response = get(client, meeting="3", area="innovation-and-entrepreneurship")
    assert response.context["result_count"] == 6
    assert "6 MOUs match the filters" in text_of(response)


def test_it_orders_by_title(client, transcribed):
    titles = [mou.title for mou in get(client, ordering="title").context["mous"]]
    assert titles == sorted(titles)
    titles = [mou.title for mou in get(client, ordering="-title").context["mous"]]
    assert titles == sorted(titles, reverse=True)


def test_it_orders_by_signing_date(client, transcribed):
    first = get(client, ordering="signed").context["mous"][0]
    assert first.slug == "imda-commerce-bureau-paperless-trade-mou-2020"


@pytest.mark.parametrize("params", [{"meeting": "3", "country": "SG"}, {"q": "Shenzhen"}])
def test_facet_counts_are_what_each_choice_would_give(client, transcribed, params):
    facets = get(client, **params).context["facets"]
    assert set(facets) == {"area", "meeting", "party", "country", "type"}
    for name, facet in facets.items():
        for choice in facet.choices:
            expected = MOUFilter(
                {**params, name: choice.value}, queryset=MOU.objects.published()
            ).qs.count()
            assert choice.count == expected, (name, choice)


def test_facet_counts_on_the_transcribed_data(client, transcribed):
    facets = get(client, meeting="3").context["facets"]
    areas = {c.value: c.count for c in facets["area"].choices}
    assert areas["innovation-and-entrepreneurship"] == 6
    assert areas["electronic-invoicing"] == 0
    # A facet's own choice is not applied to its counts: every meeting is still counted.
    meetings = {c.value: c.count for c in facets["meeting"].choices}
    assert meetings == {"2": 4, "3": 8}


def test_facet_choices_show_their_counts_in_the_form(client, transcribed):
    html = get(client).content.decode()
    option = '<option value="innovation-and-entrepreneurship">Innovation and Entrepreneurship (9)'
    assert option in html
    assert '<option value="3">3rd JIC meeting (8)</option>' in html


def test_the_selected_choice_stays_selected(client, transcribed):
    html = get(client, area="digital-trade").content.decode()
    assert '<option value="digital-trade" selected>Digital Trade (1)</option>' in html


def test_pagination_keeps_every_filter(client, db):
    area, other = make_area("Busy Area"), make_area("Quiet Area")
    meeting = make_meeting(7)
    for _ in range(30):
        make_mou(area=area, meeting=meeting)
    make_mou(area=other, meeting=meeting)
    response = client.get("/mous/", {"area": "busy-area", "meeting": "7"})
    assert response.context["result_count"] == 30
    assert len(response.context["mous"]) == 25
    html = response.content.decode()
    assert 'href="?area=busy-area&amp;meeting=7&amp;page=2"' in html
    page2 = client.get("/mous/", {"area": "busy-area", "meeting": "7", "page": "2"})
    assert len(page2.context["mous"]) == 5
    assert 'href="?area=busy-area&amp;meeting=7&amp;page=1"' in page2.content.decode()


def test_export_links_carry_the_filters_but_not_the_page(client, db):
    area = make_area("Busy Area")
    for _ in range(26):
        make_mou(area=area)
    html = client.get("/mous/", {"area": "busy-area", "page": "2"}).content.decode()
    assert 'href="/mous/export.csv?area=busy-area"' in html
    assert 'href="/mous/export.json?area=busy-area"' in html


def test_clear_filters_links_to_the_bare_list(client, transcribed):
    html = get(client, area="digital-trade").content.decode()
    assert 'class="clear-filters" href="/mous/"' in html


def test_each_active_filter_has_a_link_that_removes_it(client, transcribed):
    response = get(client, area="digital-trade", meeting="3")
    removes = {a["label"]: a["remove"] for a in response.context["active_filters"]}
    assert removes == {"Area": "/mous/?meeting=3", "JIC meeting": "/mous/?area=digital-trade"}
    assert "Area: Digital Trade" in text_of(response)


def test_empty_fields_from_the_form_are_dropped_from_the_url(client, transcribed):
    response = client.get("/mous/?q=&area=digital-trade&meeting=&ordering=")
    assert response.status_code == 302
    assert response["Location"] == "/mous/?area=digital-trade"


def test_an_unknown_slug_gives_a_400_an_empty_list_and_a_note(client, transcribed):
    response = get(client, area="no-such-area")
    assert response.status_code == 400
    assert response.context["result_count"] == 0
    assert "No area “no-such-area” is on record, so nothing matches it." in text_of(response)


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"party": "nobody"}, "No party “nobody” is on record"),
        ({"meeting": "9"}, "No JIC meeting “9” is on record"),
        ({"country": "FR"}, "No country “FR” is on record"),
    ],
)
def test_an_unknown_value_gives_a_400_and_a_note(client, transcribed, params, note):
    response = get(client, **params)
    assert response.status_code == 400
    assert response.context["result_count"] == 0
    assert note in text_of(response)


def test_a_known_country_none_of_the_matches_has_is_a_zero_not_unknown(client, transcribed):
    # A Malaysian party on record, but not among the Digital Trade MOU's parties: the
    # filters narrow to nothing, an honest empty list rather than "not on record".
    make_mou(parties=[make_party("Kuala Lumpur Partner", country="MY"), make_party(country="CN")])
    response = get(client, area="digital-trade", country="MY")
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert response.context["unknown_choices"] == []
    assert response.context["facets"]["country"].selected_choice.count == 0


def test_a_malformed_value_is_an_error_not_also_unknown(client, transcribed):
    response = get(client, meeting=" ")
    assert response.status_code == 400
    assert response.context["unknown_choices"] == []
    assert "is on record" not in text_of(response)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"signed_after": "2022-13-45"}, "Enter a valid date."),
        ({"signed_before": "yesterday"}, "Enter a valid date."),
        ({"meeting": "x"}, "Enter a whole number."),
        ({"meeting": "0"}, "greater than or equal to 1"),
        ({"meeting": "3.5"}, "Enter a whole number."),
        ({"meeting": "2.0001"}, "Enter a whole number."),
        ({"type": "treaty"}, "Select a valid choice."),
        ({"ordering": "nonsense"}, "Select a valid choice."),
        ({"country": "Singapore"}, "two-letter country code"),
        ({"q": "x" * 201}, "at most 200 characters"),
        ({"page": "abc"}, "is not a page number"),
        ({"page": "0"}, "is not a page number"),
        ({"page": "99999999999999999999999"}, "There is no page 99999999999999999999999"),
        ({"page": "9" * 5000}, "is not a page number"),
        ({"page": "2"}, "There is no page 2: these results fill 1 page."),
    ],
)
def test_malformed_input_gives_a_400_with_a_message(client, transcribed, params, message):
    response = get(client, **params)
    assert response.status_code == 400
    assert "Some of the filters could not be used" in text_of(response)
    assert message in text_of(response)


def test_a_malformed_filter_shows_no_rows(client, transcribed):
    response = get(client, signed_after="not-a-date", area="digital-trade")
    assert response.status_code == 400
    assert list(response.context["mous"]) == []


def test_drafts_appear_nowhere_in_the_list(client, transcribed):
    area = make_area("Draft Area", status="draft")
    party = make_party("Hidden Partner Ltd", status="draft")
    make_mou(title="Secret draft MOU", status="draft", area=area)
    make_mou(title="Published with a draft party", parties=[party, make_party(country="CN")])
    response = get(client)
    html = response.content.decode()
    assert response.context["result_count"] == 14
    assert "Secret draft MOU" not in html
    assert "Draft Area" not in html
    assert "Hidden Partner Ltd" not in html
    assert get(client, q="Secret draft").context["result_count"] == 0


def test_drafts_appear_nowhere_even_to_staff(admin_client, transcribed):
    make_mou(title="Secret draft MOU", status="draft")
    response = admin_client.get("/mous/")
    assert response.context["result_count"] == 13
    assert "Secret draft MOU" not in response.content.decode()


def test_it_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    area, meeting = make_area(), make_meeting()
    make_mou(area=area, meeting=meeting)
    # count, page of MOUs (with area, meeting, builds_on), their signatories with parties,
    # then one query per facet: area, meeting, party, country, type.
    with django_assert_max_num_queries(8):
        assert client.get("/mous/", {"meeting": meeting.ordinal}).status_code == 200
    for _ in range(30):
        make_mou(area=make_area(), meeting=meeting)
    with django_assert_max_num_queries(8):
        assert client.get("/mous/", {"meeting": meeting.ordinal}).status_code == 200


def test_the_party_facet_offers_the_most_frequent_parties_and_the_chosen_one(
    client, db, monkeypatch
):
    monkeypatch.setattr("mous.views.PARTY_CHOICES", 2)
    busy, steady, rare = (
        make_party("Busy Agency"),
        make_party("Steady Bureau"),
        make_party("Rare Lab"),
    )
    for _ in range(3):
        make_mou(parties=[busy, steady])
    make_mou(parties=[busy, rare])
    offered = {c.value: c.count for c in get(client).context["facets"]["party"].choices}
    assert offered == {busy.slug: 4, steady.slug: 3}
    # The chosen party is offered (and stays selected) even when it is not among the most
    # frequent; the choices keep the parties' order.
    chosen = get(client, party=rare.slug).context["facets"]["party"].choices
    assert [(c.value, c.count) for c in chosen] == [(busy.slug, 4), (rare.slug, 1)]


@pytest.mark.parametrize("value", ["\x00", "a\x00b"])
def test_an_invalid_party_is_a_400_with_every_facet(client, transcribed, value):
    response = client.get("/mous/", {"party": value})
    assert response.status_code == 400
    assert "party" in response.context["facets"]
