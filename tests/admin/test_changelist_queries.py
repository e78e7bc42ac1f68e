"""Every admin list costs a fixed number of queries, however many rows it shows."""

import pytest
from django.contrib import admin
from django.urls import reverse

from meetings.models import MeetingCitation
from mous.models import AreaCitation, PartyCitation
from tests.factories import (
    make_area,
    make_meeting,
    make_milestone,
    make_mou,
    make_party,
    make_project,
)

pytestmark = pytest.mark.django_db

PORTAL_APPS = {"meetings", "mous", "projects"}

# Every list starts with 4 queries: the session, the user, and the user's and
# their groups' permissions; then the row count, twice (filtered and in all).
START = 6
MAX_QUERIES = {
    # Meetings with their MOU and project counts; the date hierarchy's range and dates.
    "meetings.meeting": START + 3,
    # The publishers for their filter; sources with the release they belong
    # to; the date hierarchy's range and dates.
    "meetings.source": START + 4,
    # The meetings for the filter; the co-chairs with their meeting.
    "meetings.cochair": START + 2,
    # The meetings for the filter; the citations with their meeting and source.
    "meetings.meetingcitation": START + 2,
    # Areas with their MOU and project counts.
    "mous.area": START + 1,
    # Parties with the organisation they are part of.
    "mous.party": START + 1,
    # The areas and meetings for the filters; MOUs with their area and meeting;
    # their signatories with their parties; the date hierarchy's range and dates.
    "mous.mou": START + 6,
    # Rows with the record they belong to and the party or source they name.
    "mous.areacitation": START + 1,
    "mous.partycitation": START + 1,
    "mous.signatory": START + 1,
    "mous.moucitation": START + 1,
    # The meetings and areas for the filters and the phases for theirs;
    # projects with their meeting; their areas; their partners with parties.
    "projects.project": START + 6,
    "projects.projectpartner": START + 1,
    # Milestones with project and source; the date hierarchy's range and dates.
    "projects.milestone": START + 3,
    "projects.projectcitation": START + 1,
}


def changelist(label: str) -> str:
    app_label, model = label.split(".")
    return reverse(f"admin:{app_label}_{model}_changelist")


ROWS = 25


@pytest.fixture
def many_rows():
    for _ in range(ROWS):
        area, meeting = make_area(), make_meeting()
        mou = make_mou(area=area, meeting=meeting)
        source = mou.citations.get().source
        MeetingCitation.objects.create(meeting=meeting, source=source)
        PartyCitation.objects.create(party=mou.signatories.first().party, source=source)
        AreaCitation.objects.create(area=area, source=source)
        project = make_project(partners=[make_party(), make_party()], meeting=meeting)
        project.areas.add(area)
        make_milestone(project, source=source)


def test_every_admin_list_is_measured():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert {label for label in registered if label.split(".")[0] in PORTAL_APPS} == set(MAX_QUERIES)


def test_every_admin_list_costs_a_fixed_number_of_queries(
    superuser_client, many_rows, django_assert_max_num_queries
):
    # One database of many rows for every list: seeding it is the slow part.
    for label, most in MAX_QUERIES.items():
        with django_assert_max_num_queries(most):
            response = superuser_client.get(changelist(label))
        assert response.status_code == 200
        assert response.context["cl"].result_count >= ROWS, label
