"""MOUFilter: the filters the MOU list page and the API share."""

import pytest

from mous.filters import MOUFilter, PartyFilter
from mous.models import MOU, Party
from tests.factories import make_mou, make_party

pytestmark = pytest.mark.usefixtures("transcribed")


def slugs(params: dict) -> set[str]:
    f = MOUFilter(params, queryset=MOU.objects.published())
    assert f.is_valid(), f.errors
    return set(f.qs.values_list("slug", flat=True))


def test_it_filters_by_area():
    assert slugs({"area": "cross-border-dispute-resolution"}) == {
        "simc-scia-mediation-arbitration-protocol"
    }


def test_it_filters_by_meeting_ordinal():
    assert len(slugs({"meeting": "2"})) == 4
    assert len(slugs({"meeting": "3", "area": "innovation-and-entrepreneurship"})) == 6


def test_it_filters_by_party():
    assert slugs({"party": "commerce-bureau-of-shenzhen-municipality"}) == {
        "imda-commerce-bureau-paperless-trade-mou-2020",
        "imda-commerce-bureau-paperless-trade-protocol",
    }


def test_it_filters_by_a_partys_country_without_duplicates():
    f = MOUFilter({"country": "sg"}, queryset=MOU.objects.published())
    assert f.is_valid()
    assert f.qs.count() == len(set(f.qs.values_list("pk", flat=True)))
    assert "simc-scia-mediation-arbitration-protocol" in set(f.qs.values_list("slug", flat=True))
    # NCS Group's country is unknown, so its MOUs have no Singapore party on record.
    assert "ncs-robotics-development" not in set(f.qs.values_list("slug", flat=True))


def test_it_filters_by_type_and_signing_dates():
    assert slugs({"type": "moi"}) == {"imda-tusstar-memorandum-of-intent"}
    assert slugs({"signed_before": "2021-01-01"}) == {
        "imda-commerce-bureau-paperless-trade-mou-2020"
    }
    assert len(slugs({"signed_after": "2022-01-01"})) == 8


def test_q_matches_titles_descriptions_and_party_names():
    assert "imda-tusstar-memorandum-of-intent" in slugs({"q": "TusStar"})
    assert "nus-tsinghua-shenzhen-international-graduate-school-mou" in slugs({"q": "hydrate"})
    # A party's other name: "STIC" is how the release also calls SZSTIC.
    assert "enterprisesg-szstic-technology-innovation-cooperation" in slugs({"q": "STIC"})
    assert slugs({"q": "no such words anywhere"}) == set()


def test_q_finds_mous_through_a_partys_names_only():
    party = make_party("Quixotic Widgets Holdings", other_names="QWH Group")
    mou = make_mou(title="Cooperation", parties=[party, make_party(country="CN")])
    assert mou.slug in slugs({"q": "QWH"})


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"signed_after": "not-a-date"}, "signed_after"),
        ({"meeting": "x"}, "meeting"),
        ({"type": "treaty"}, "type"),
        ({"country": "Singapore"}, "country"),
        ({"ordering": "nonsense"}, "ordering"),
    ],
)
def test_malformed_values_are_errors_naming_the_parameter(params, field):
    f = MOUFilter(params, queryset=MOU.objects.published())
    assert not f.is_valid()
    assert field in f.errors


def test_an_unknown_slug_gives_no_rows_not_an_error():
    f = MOUFilter({"area": "no-such-area", "party": "nobody"}, queryset=MOU.objects.all())
    assert f.is_valid()
    assert not f.qs.exists()


def test_ordering_by_title():
    f = MOUFilter({"ordering": "title"}, queryset=MOU.objects.published())
    titles = list(f.qs.values_list("title", flat=True))
    assert titles == sorted(titles)


def test_party_filter_by_country_and_kind():
    f = PartyFilter({"country": "CN", "kind": "bank_branch"}, queryset=Party.objects.all())
    assert f.is_valid()
    assert set(f.qs.values_list("slug", flat=True)) == {
        "uob-shenzhen-branch",
        "bank-of-china-shenzhen-branch",
        "icbc-shenzhen-branch",
    }
