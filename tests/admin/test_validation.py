"""Invalid admin saves show a clear message and save nothing."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Precision
from mous.models import MOU, Signatory
from projects.models import Project
from tests.admin.admin_forms import errors_of, form_data, inline_rows, new_mou_data
from tests.factories import make_meeting, make_mou, make_party, make_project

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "Remove the NUL character (\\u0000): it cannot be stored."

ADD_MOU = reverse("admin:mous_mou_add")


def test_an_mou_needs_two_parties(publisher_client):
    response = publisher_client.post(ADD_MOU, new_mou_data("Lonely", [(make_party(), "SG")]))
    assert response.status_code == 200
    assert "An MOU has at least two parties" in errors_of(response)
    assert not MOU.objects.exists()


def test_a_deleted_signatory_does_not_count(publisher_client):
    mou = make_mou()
    change = reverse("admin:mous_mou_change", args=[mou.pk])
    data = form_data(publisher_client.get(change)) | {"signatories-1-DELETE": "on"}
    response = publisher_client.post(change, data)
    assert "An MOU has at least two parties" in errors_of(response)
    assert mou.signatories.count() == 2


def test_a_party_cannot_sign_twice(publisher_client):
    party = make_party(name="Twice Ltd")
    response = publisher_client.post(ADD_MOU, new_mou_data("Twice", [(party, "SG"), (party, "CN")]))
    assert response.status_code == 200
    assert "Listed twice: Twice Ltd." in errors_of(response)
    assert not MOU.objects.exists()


def test_signatories_left_unnumbered_are_numbered_in_order(publisher_client):
    first, second = make_party(), make_party(country="CN")
    publisher_client.post(ADD_MOU, new_mou_data("Numbered", [(first, "SG"), (second, "CN")]))
    signatories = Signatory.objects.filter(mou__slug="numbered").order_by("order")
    assert [(s.order, s.party) for s in signatories] == [(1, first), (2, second)]


def test_two_rows_with_one_number_are_named(publisher_client):
    data = new_mou_data("Same order", [(make_party(), "SG"), (make_party(country="CN"), "CN")])
    data |= {"signatories-0-order": "1", "signatories-1-order": "1"}
    response = publisher_client.post(ADD_MOU, data)
    assert "Two rows have the same order number." in errors_of(response)
    assert not MOU.objects.exists()


def test_an_mou_is_not_signed_after_the_meeting_that_announced_it(publisher_client):
    meeting = make_meeting(date=datetime.date(2022, 11, 25))
    data = new_mou_data(
        "Late", [(make_party(), "SG"), (make_party(country="CN"), "CN")], meeting=meeting
    )
    data["signed_on"] = "2022-12-01"
    response = publisher_client.post(ADD_MOU, data)
    assert f"announced at the {meeting} (25 November 2022) cannot be signed after it" in (
        errors_of(response)
    )
    assert not MOU.objects.exists()


def test_a_meeting_cannot_be_moved_before_the_mous_it_announced(publisher_client):
    meeting = make_meeting(ordinal=3, date=datetime.date(2022, 11, 25))
    mou = make_mou(title="Paperless trade", meeting=meeting)
    change = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(publisher_client.get(change)) | {"date": "2022-06-01"}
    response = publisher_client.post(change, data)
    assert f"would be signed after it: {mou} (25 November 2022)." in errors_of(response)
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2022, 11, 25)


def test_signing_in_the_month_of_the_meeting_is_not_after_it(publisher_client):
    meeting = make_meeting(date=datetime.date(2020, 6, 17))
    data = new_mou_data(
        "Same month", [(make_party(), "SG"), (make_party(country="CN"), "CN")], meeting=meeting
    )
    data |= {"signed_on": "2020-06-30", "signed_on_precision": Precision.MONTH}
    assert publisher_client.post(ADD_MOU, data).status_code == 302
    assert MOU.objects.get(slug="same-month").signed_on == datetime.date(2020, 6, 1)


def test_an_unknown_date_has_no_value(publisher_client):
    data = new_mou_data("Unknown", [(make_party(), "SG"), (make_party(country="CN"), "CN")])
    data["signed_on_precision"] = Precision.UNKNOWN
    response = publisher_client.post(ADD_MOU, data)
    assert "A known date needs a precision." in errors_of(response)
    assert not MOU.objects.exists()


def test_slugs_are_unique(publisher_client):
    make_mou(slug="taken")
    data = new_mou_data("Taken", [(make_party(), "SG"), (make_party(country="CN"), "CN")])
    response = publisher_client.post(ADD_MOU, data)
    assert "MOU with this Slug already exists." in errors_of(response)
    assert MOU.objects.count() == 1


def project_data(name: str, **fields) -> dict:
    data = {"name": name, "slug": name.lower(), "status": "draft"} | fields
    for prefix in ("partnerships", "milestones", "citations"):
        data |= inline_rows(prefix, [])
    return data


def test_a_phase_and_number_are_unique_together(publisher_client):
    make_project(phase=3, number=7)
    response = publisher_client.post(
        reverse("admin:projects_project_add"), project_data("Seven", phase="3", number="7")
    )
    assert "Another project already has this number in this phase." in errors_of(response)
    assert Project.objects.count() == 1


def test_a_numbered_project_needs_its_phase(publisher_client):
    response = publisher_client.post(
        reverse("admin:projects_project_add"), project_data("Numbered", number="2")
    )
    assert "A project numbered in a phase needs its phase." in errors_of(response)
    assert not Project.objects.exists()


def test_a_partner_is_listed_once(publisher_client):
    party = make_party()
    data = project_data("Partners") | inline_rows(
        "partnerships", [{"party": party.pk, "role": "a"}, {"party": party.pk, "role": "b"}]
    )
    response = publisher_client.post(reverse("admin:projects_project_add"), data)
    assert "A party is listed twice among the partners." in errors_of(response)
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ("{not json", "Enter a valid JSON."),
        # PostgreSQL refuses to store a NUL (jsonb "unsupported Unicode escape sequence").
        (r'[{"label": "partners\u0000", "value": 13}]', NUL_MESSAGE),
        (r'[{"label": "partners", "value": {"nested\u0000key": 1}}]', NUL_MESSAGE),
        (r'["ok", "\u0000"]', NUL_MESSAGE),
    ],
)
def test_bad_figures_are_a_message_not_an_error_page(publisher_client, figures, message):
    project = make_project()
    change = reverse("admin:projects_project_change", args=[project.pk])
    data = form_data(publisher_client.get(change)) | inline_rows(
        "milestones",
        [
            {
                "order": "",
                "date": "2021-06-30",
                "date_precision": "day",
                "text": "x",
                "figures": figures,
                "source": project.citations.first().source_id,
            }
        ],
    )
    response = publisher_client.post(change, data)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not project.milestones.exists()


def test_a_party_cannot_be_part_of_itself(publisher_client):
    party = make_party()
    child = make_party(parent=party)
    change = reverse("admin:mous_party_change", args=[party.pk])
    data = form_data(publisher_client.get(change)) | {"parent": child.pk}
    response = publisher_client.post(change, data)
    assert "An organisation cannot be part of itself." in errors_of(response)
    party.refresh_from_db()
    assert party.parent is None
