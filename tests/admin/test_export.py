"""Bulk export in the admin: every main model to CSV and XLSX, importable again unchanged."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from meetings.resources import MeetingResource, SourceResource
from mous.resources import AreaResource, MOUResource, PartyResource
from projects.resources import ProjectResource
from tests.admin.importing import CSV, XLSX, preview
from tests.factories import make_area, make_meeting, make_mou, make_party, make_project

pytestmark = pytest.mark.django_db

RESOURCES = {
    "meetings.meeting": MeetingResource,
    "meetings.source": SourceResource,
    "mous.area": AreaResource,
    "mous.party": PartyResource,
    "mous.mou": MOUResource,
    "projects.project": ProjectResource,
}


def export(client, model: str, file_format: str) -> bytes:
    app_label, name = model.split(".")
    resource = RESOURCES[model]
    columns = resource().get_export_order()
    data = {"format": file_format, "resource": "0"}
    data |= {f"{resource.__name__.lower()}_{column}": "on" for column in columns}
    response = client.post(reverse(f"admin:{app_label}_{name}_export"), data)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def records():
    area = make_area(name="Digital Trade")
    meeting = make_meeting(ordinal=3)
    sg = make_party(name="IMDA Singapore")
    cn = make_party(
        name="Shenzhen Bureau",
        country="CN",
        name_zh="深圳市商务局",
        name_zh_source="The bureau's website",
    )
    mou = make_mou(
        title="Paperless trade",
        parties=[sg, cn],
        area=area,
        meeting=meeting,
        description_zh="无纸化贸易",
        description_zh_status="unofficial",
    )
    project = make_project(name="Trade platform", partners=[sg, cn], meeting=meeting)
    project.areas.add(area)
    project.related_mous.add(mou)


@pytest.mark.parametrize("model", RESOURCES)
@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_every_main_model_exports(editor_client, records, model, file_format):
    content = export(editor_client, model, file_format)
    if file_format == CSV:
        rows = csv_rows(content)
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        header, *values = list(sheet.values)
        rows = [dict(zip(header, row, strict=True)) for row in values]
    assert len(rows) >= 1
    assert list(rows[0]) == list(RESOURCES[model]().get_export_order())


def test_an_mou_exports_its_parties_and_references_by_slug(editor_client, records):
    [row] = csv_rows(export(editor_client, "mous.mou", CSV))
    assert row["signatories"] == "SG: imda-singapore; CN: shenzhen-bureau"
    assert (row["area"], row["meeting"], row["signed_on"]) == ("digital-trade", "3", "2022-11-25")
    assert row["status"] == "published"


def test_chinese_names_and_texts_are_exported_with_their_status_and_source(editor_client, records):
    bureau = next(
        row for row in csv_rows(export(editor_client, "mous.party", CSV)) if row["name_zh"]
    )
    assert (bureau["name_zh"], bureau["name_zh_source"]) == ("深圳市商务局", "The bureau's website")
    [mou] = csv_rows(export(editor_client, "mous.mou", CSV))
    assert (mou["description_zh"], mou["description_zh_status"], mou["description_zh_source"]) == (
        "无纸化贸易",
        "unofficial",
        "",
    )
    [meeting] = csv_rows(export(editor_client, "meetings.meeting", CSV))
    assert {"summary_zh", "summary_zh_status", "summary_zh_source"} <= set(meeting)


def test_a_project_exports_its_areas_partners_and_mous(editor_client, records):
    [row] = csv_rows(export(editor_client, "projects.project", CSV))
    assert row["areas"] == "digital-trade"
    assert row["partners"] == "imda-singapore; shenzhen-bureau"
    assert row["related_mous"] == "paperless-trade"


@pytest.mark.parametrize("model", RESOURCES)
def test_an_export_imports_again_as_no_change(editor_client, records, model):
    content = export(editor_client, model, CSV)
    upload = SimpleUploadedFile("export.csv", content, content_type="text/csv")
    result = preview(editor_client, model, upload).context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}


def test_an_export_costs_a_fixed_number_of_queries(
    editor_client, records, django_assert_max_num_queries
):
    for _ in range(20):
        make_mou()
    # Session, user, the user's and the groups' permissions, the areas and
    # meetings the list filters offer, the count, the MOUs with their area,
    # meeting and builds_on, and their signatories with their parties.
    with django_assert_max_num_queries(9):
        export(editor_client, "mous.mou", CSV)
