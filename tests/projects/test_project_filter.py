"""ProjectFilter: the filters the project list page and the API share."""

import pytest

from projects.filters import ProjectFilter
from projects.models import Project

pytestmark = pytest.mark.usefixtures("transcribed")


def slugs(params: dict) -> list[str]:
    f = ProjectFilter(params, queryset=Project.objects.published())
    assert f.is_valid(), f.errors
    return list(f.qs.values_list("slug", flat=True))


def test_it_filters_by_phase():
    assert len(slugs({"phase": "3"})) == 14
    assert len(slugs({"phase": "1"})) == 3


def test_it_filters_by_meeting_area_and_party():
    assert len(slugs({"meeting": "3"})) == 14
    assert set(slugs({"area": "digital-trade"})) == {"tradetrust-trade-financing-trials"}
    assert set(slugs({"party": "xnode"})) == {"gia-shenzhen-node"}


def test_q_matches_names_descriptions_and_partners():
    assert "onesme" in slugs({"q": "OneSME"})
    assert "shenzhen-singapore-new-energy-vehicle-smart-platform" in slugs({"q": "battery"})
    assert "tradetrust-trade-financing-trials" in slugs({"q": "MUFG"})


def test_phase_order_is_the_default():
    phase3 = slugs({"phase": "3", "ordering": "number"})
    assert phase3[0] == "imda-tusstar-xchange" and phase3[-1] == "fintech-cooperation"


def test_malformed_phase_is_an_error():
    f = ProjectFilter({"phase": "x"}, queryset=Project.objects.all())
    assert not f.is_valid() and "phase" in f.errors
