"""What the models and the database hold, whatever the form says."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Meeting, Precision, format_partial_date, iso_partial_date
from mous.models import MOU, Signatory
from projects.models import Project
from tests.factories import make_meeting, make_milestone, make_mou, make_party, make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("precision", "shown", "iso"),
    [
        (Precision.DAY, "25 November 2022", "2022-11-25"),
        (Precision.MONTH, "November 2022", "2022-11"),
        (Precision.YEAR, "2022", "2022"),
    ],
)
def test_dates_show_only_their_precision(precision, shown, iso):
    date = datetime.date(2022, 11, 25)
    assert format_partial_date(date, precision) == shown
    assert iso_partial_date(date, precision) == iso


def test_an_unknown_date_says_unknown():
    assert format_partial_date(None, Precision.UNKNOWN) == "unknown"
    assert iso_partial_date(None, Precision.UNKNOWN) is None


def test_clean_stores_a_month_as_its_first_day():
    mou = make_mou()
    mou.signed_on, mou.signed_on_precision = datetime.date(2020, 6, 17), Precision.MONTH
    mou.full_clean()
    assert mou.signed_on == datetime.date(2020, 6, 1)


def test_database_rejects_a_date_without_precision():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mou(signed_on=None, signed_on_precision=Precision.DAY)


def test_database_rejects_a_precision_without_a_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(date=datetime.date(2022, 1, 1), date_precision=Precision.UNKNOWN)


def test_database_rejects_a_month_that_is_not_its_first_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mou(signed_on=datetime.date(2020, 6, 17), signed_on_precision=Precision.MONTH)
    make_mou(signed_on=datetime.date(2020, 6, 1), signed_on_precision=Precision.MONTH)


def test_database_rejects_a_year_that_is_not_the_first_of_january():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(date=datetime.date(2020, 6, 1), date_precision=Precision.YEAR)
    make_meeting(date=datetime.date(2020, 1, 1), date_precision=Precision.YEAR)


def test_database_rejects_a_milestone_month_that_is_not_its_first_day():
    project = make_project()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_milestone(project, date=datetime.date(2021, 6, 30), date_precision=Precision.MONTH)
    make_milestone(project, date=datetime.date(2021, 6, 30), date_precision=Precision.DAY)


def test_meeting_ordinals_are_unique_and_positive():
    make_meeting(ordinal=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(ordinal=5, date=datetime.date(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(ordinal=0, date=datetime.date(2023, 1, 1))


def test_project_phase_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(phase=0)


def test_phase_and_number_are_unique_together():
    make_project(phase=3, number=1)
    make_project(phase=2, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(phase=3, number=1)


def test_slugs_are_unique():
    make_mou(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mou(slug="same")


def test_a_signatory_is_named_or_described():
    mou = make_mou()
    with pytest.raises(IntegrityError), transaction.atomic():
        Signatory.objects.create(mou=mou, order=9, party=None, side="CN")
    unnamed = Signatory.objects.create(
        mou=mou, order=9, side="CN", unnamed_description="A technology company in China"
    )
    assert str(unnamed) == "A technology company in China (name unknown)"


def test_an_mou_announced_at_a_meeting_is_not_signed_after_it():
    meeting = make_meeting(date=datetime.date(2022, 11, 25))
    mou = make_mou(meeting=meeting, signed_on=datetime.date(2022, 12, 1))
    with pytest.raises(ValidationError) as excinfo:
        mou.full_clean()
    assert "cannot be signed after it" in str(excinfo.value)


def test_a_meeting_cannot_move_before_the_mous_signed_at_it():
    meeting = make_meeting(date=datetime.date(2022, 11, 25))
    make_mou(title="Late", meeting=meeting, signed_on=datetime.date(2022, 11, 25))
    make_mou(title="Early", meeting=meeting, signed_on=datetime.date(2022, 1, 10))
    meeting.date = datetime.date(2022, 6, 1)
    with pytest.raises(ValidationError) as excinfo:
        meeting.full_clean()
    message = excinfo.value.message_dict["date"][0]
    assert "would be signed after it: Late (25 November 2022)." in message
    assert "Early" not in message


def test_a_meetings_date_is_read_at_its_precision_against_its_mous():
    meeting = make_meeting(date=datetime.date(2022, 11, 25))
    make_mou(meeting=meeting, signed_on=datetime.date(2022, 11, 25))
    meeting.date_precision = Precision.MONTH  # November 2022: not before the 25th
    meeting.full_clean()
    meeting.date, meeting.date_precision = datetime.date(2022, 10, 1), Precision.MONTH
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_an_mou_cannot_build_on_itself():
    mou = make_mou()
    mou.builds_on = mou
    with pytest.raises(ValidationError):
        mou.full_clean()


def test_a_party_cannot_be_its_own_ancestor():
    parent = make_party()
    child = make_party(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_published_leaves_out_drafts():
    published = make_mou(status="published")
    make_mou(status="draft")
    assert list(MOU.objects.published()) == [published]


def test_new_records_start_as_drafts_and_publishing_records_the_time():
    project = Project(name="New", slug="new")
    assert project.status == "draft"
    project.publish()
    assert project.is_published and project.published_at is not None
    first = project.published_at
    project.unpublish()
    project.publish()
    assert project.published_at == first


def test_records_link_to_their_pages():
    mou = make_mou(slug="an-mou")
    party = mou.signatories.first().party
    assert mou.get_absolute_url() == "/mous/an-mou/"
    assert party.get_absolute_url() == f"/parties/{party.slug}/"
    assert make_meeting(ordinal=7).get_absolute_url() == "/meetings/7/"
    assert str(Meeting(ordinal=3)) == "3rd JIC meeting"
    assert str(Meeting(ordinal=11)) == "11th JIC meeting"
