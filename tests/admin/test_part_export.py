"""Export of records' parts in the admin: readable columns, a fixed cost, view permission."""

import datetime
import io

import pytest
from django.contrib.admin import site
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from meetings.admin import PartAdmin
from meetings.models import CoChair, MeetingCitation, Precision
from meetings.resources import CoChairResource, MeetingCitationResource
from mous.models import AreaCitation, PartyCitation, Signatory
from mous.resources import (
    AreaCitationResource,
    MOUCitationResource,
    PartyCitationResource,
    SignatoryResource,
)
from projects.resources import MilestoneResource, ProjectCitationResource, ProjectPartnerResource
from tests.admin.conftest import signed_in, staff_user
from tests.admin.importing import CSV, XLSX
from tests.admin.test_export import csv_rows
from tests.factories import (
    make_area,
    make_meeting,
    make_milestone,
    make_mou,
    make_party,
    make_project,
    make_source,
)

pytestmark = pytest.mark.django_db

RESOURCES = {
    "meetings.cochair": CoChairResource,
    "meetings.meetingcitation": MeetingCitationResource,
    "mous.areacitation": AreaCitationResource,
    "mous.partycitation": PartyCitationResource,
    "mous.signatory": SignatoryResource,
    "mous.moucitation": MOUCitationResource,
    "projects.projectpartner": ProjectPartnerResource,
    "projects.milestone": MilestoneResource,
    "projects.projectcitation": ProjectCitationResource,
}


def export(client, model: str, file_format: str = CSV):
    app_label, name = model.split(".")
    resource = RESOURCES[model]
    data = {"format": file_format, "resource": "0"}
    data |= {
        f"{resource.__name__.lower()}_{column}": "on" for column in resource().get_export_order()
    }
    return client.post(reverse(f"admin:{app_label}_{name}_export"), data)


def make_parts() -> None:
    """One of each part, naming other records."""
    source = make_source()
    meeting = make_meeting()
    MeetingCitation.objects.create(meeting=meeting, source=source, locator="para 2")
    sg, cn = make_party(), make_party(country="CN")
    PartyCitation.objects.create(party=sg, source=source, locator="para 3")
    AreaCitation.objects.create(area=make_area(), source=source, locator="para 4")
    make_mou(parties=[sg, cn], source=source)
    project = make_project(partners=[sg, cn], source=source)
    make_milestone(project, source=source)


def test_every_part_admin_exports_with_its_own_resource():
    parts = {
        model._meta.label_lower: model_admin.resource_classes
        for model, model_admin in site._registry.items()
        if isinstance(model_admin, PartAdmin)
    }
    assert parts == {label: [resource] for label, resource in RESOURCES.items()}


@pytest.fixture
def parts():
    make_parts()


@pytest.mark.parametrize("model", RESOURCES)
@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_every_part_exports(editor_client, parts, model, file_format):
    response = export(editor_client, model, file_format)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    if file_format == CSV:
        rows = csv_rows(response.content)
    else:
        header, *values = list(load_workbook(io.BytesIO(response.content)).active.values)
        rows = [dict(zip(header, row, strict=True)) for row in values]
    assert len(rows) >= 1
    assert list(rows[0]) == list(RESOURCES[model]().get_export_order())


def test_signatories_name_their_mou_and_party_by_slug(editor_client):
    sg = make_party(name="IMDA Singapore")
    mou = make_mou(title="Paperless trade", parties=[sg, make_party(name="Bureau", country="CN")])
    Signatory.objects.create(mou=mou, order=3, side="CN", unnamed_description="a company")
    rows = csv_rows(export(editor_client, "mous.signatory").content)
    assert [
        (r["mou"], r["order"], r["side"], r["party"], r["unnamed_description"]) for r in rows
    ] == [
        ("paperless-trade", "1", "SG", "imda-singapore", ""),
        ("paperless-trade", "2", "CN", "bureau", ""),
        ("paperless-trade", "3", "CN", "", "a company"),
    ]


def test_a_co_chair_exports_its_meeting_and_chinese_name(editor_client):
    meeting = make_meeting(ordinal=3)
    CoChair.objects.filter(meeting=meeting).update(
        name_zh="甲", name_zh_source="Shenzhen government release"
    )
    [row] = csv_rows(export(editor_client, "meetings.cochair").content)
    assert (row["meeting"], row["order"], row["name"]) == ("3", "1", "A. Chair")
    assert (row["name_zh"], row["name_zh_source"]) == ("甲", "Shenzhen government release")


def test_a_milestone_exports_its_project_date_and_source(editor_client):
    project = make_project(name="Trade platform", source=make_source(title="Other"))
    make_milestone(
        project,
        date=datetime.date(2021, 6, 1),
        date_precision=Precision.MONTH,
        source=make_source(title="Annual report"),
        figures=[{"label": "partners", "value": 13}],
    )
    [row] = csv_rows(export(editor_client, "projects.milestone").content)
    assert (row["project"], row["date"], row["source"]) == (
        "trade-platform",
        "2021-06",
        "annual-report",
    )
    assert row["figures"] == '[{"label": "partners", "value": 13}]'


def test_a_citation_names_its_record_and_source_by_slug(editor_client):
    make_mou(title="Paperless trade", source=make_source(title="Joint statement"))
    [row] = csv_rows(export(editor_client, "mous.moucitation").content)
    assert row == {
        "mou": "paperless-trade",
        "source": "joint-statement",
        "locator": "Annex A",
        "quote": "",
    }


@pytest.mark.parametrize("model", RESOURCES)
def test_an_export_costs_the_same_queries_however_many_rows(editor_client, parts, model):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert export(editor_client, model).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(5):
        make_parts()
    # Session, user, permissions, the list filters' choices, then the parts
    # with their record, party and source joined: the same for 5 times the rows.
    assert queries() == few


def test_a_part_is_exported_only_by_those_who_may_view_it(db, parts):
    user = staff_user("viewer")
    client = signed_in(user)
    assert export(client, "mous.signatory").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_signatory"))
    assert export(client, "mous.signatory").status_code == 200


def test_parts_are_not_imported_on_their_own():
    with pytest.raises(NoReverseMatch):
        reverse("admin:mous_signatory_import")
