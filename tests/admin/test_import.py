"""Bulk import in the admin: a dry-run preview, one transaction, clear row errors, drafts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Precision, Status
from mous.models import MOU, Area, Party, Signatory
from projects.models import Project
from tests.admin.importing import XLSX, confirm, csv_file, import_rows, preview, xlsx_file
from tests.factories import make_area, make_meeting, make_mou, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    return {
        "imda": make_party(
            name="Infocomm Media Development Authority",
            slug="imda",
            short_name="IMDA",
            other_names="Infocomm Media Development Authority of Singapore",
        ),
        "bureau": make_party(
            name="Commerce Bureau of Shenzhen Municipality", slug="bureau", country="CN"
        ),
    }


def mou_row(title: str, signatories: str, **fields) -> dict:
    row = {
        "slug": "",
        "title": title,
        "instrument_type": "Memorandum of Understanding",
        "area": "",
        "meeting": "",
        "signed_on": "2022-11-25",
        "signatories": signatories,
        "description": "",
        "status": "published",
    }
    return row | fields


def test_the_preview_shows_what_would_be_created_and_saves_nothing(editor_client, parties):
    upload = csv_file("mous.csv", [mou_row("Paperless trade", "SG: imda; CN: bureau")])
    response = preview(editor_client, "mous.mou", upload)
    result = response.context["result"]
    assert [row.import_type for row in result.valid_rows()] == ["new"]
    assert "Confirm import" in response.content.decode()
    assert not MOU.objects.exists()


def test_the_preview_shows_what_would_change(editor_client, parties):
    make_mou(title="Paperless trade", slug="paperless-trade")
    upload = csv_file("mous.csv", [mou_row("Paperless trade", "SG: imda; CN: bureau")])
    response = preview(editor_client, "mous.mou", upload)
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["update"]


def test_an_import_creates_drafts_with_their_signatories_in_order(editor_client, parties):
    upload = csv_file(
        "mous.csv",
        [
            mou_row("First", "SG: imda; CN: bureau"),
            mou_row("Second", "CN: bureau; SG: imda; CN: unnamed: a Shenzhen company"),
        ],
    )
    response = import_rows(editor_client, "mous.mou", upload)
    assert "Import finished: 2 new" in response.content.decode()
    assert set(MOU.objects.values_list("status", flat=True)) == {Status.DRAFT}
    second = MOU.objects.get(slug="second")
    assert [s.display_name for s in second.signatories.order_by("order")] == [
        "Commerce Bureau of Shenzhen Municipality",
        "Infocomm Media Development Authority",
        "a Shenzhen company (name unknown)",
    ]


def test_parties_are_matched_by_slug_name_short_name_or_other_name(editor_client, parties):
    rows = [
        mou_row("By slug", "SG: imda; CN: bureau"),
        mou_row("By name", "SG: Infocomm Media Development Authority; CN: bureau"),
        mou_row("By short name", "SG: imda; CN: bureau") | {"signatories": "SG: IMDA; CN: bureau"},
        mou_row(
            "By other name", "SG: infocomm media development authority of singapore; CN: bureau"
        ),
    ]
    import_rows(editor_client, "mous.mou", csv_file("mous.csv", rows))
    assert Party.objects.count() == 2
    assert Signatory.objects.filter(party=parties["imda"]).count() == 4


def test_an_import_records_who_imported_what_from_which_file(editor_client, editor, parties):
    import_rows(
        editor_client, "mous.mou", csv_file("jic4.csv", [mou_row("New", "SG: imda; CN: bureau")])
    )
    mou = MOU.objects.get()
    created = mou.history.get()
    assert created.history_user == editor
    assert created.history_change_reason == "Imported from jic4.csv"
    assert {s.history.get().history_change_reason for s in mou.signatories.all()} == {
        "Imported from jic4.csv"
    }


def test_one_bad_row_saves_nothing_and_names_the_row_and_field(editor_client, parties):
    rows = [
        mou_row("Fine", "SG: imda; CN: bureau"),
        mou_row("Bad date", "SG: imda; CN: bureau", signed_on="25/11/2022"),
        mou_row("Fine too", "SG: imda; CN: bureau"),
    ]
    response = preview(editor_client, "mous.mou", csv_file("mous.csv", rows))
    page = response.content.decode()
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert invalid.field_specific_errors == {
        "signed_on": ["'25/11/2022' is not a date: give YYYY-MM-DD, YYYY-MM or YYYY, or 'unknown'."]
    }
    assert "is not a date" in page
    assert not MOU.objects.exists()


def test_an_unknown_party_is_named_against_its_column(editor_client, parties):
    rows = [mou_row("Who", "SG: imda; CN: Nobody Ltd")]
    invalid = preview(editor_client, "mous.mou", csv_file("mous.csv", rows)).context["result"]
    assert invalid.invalid_rows[0].field_specific_errors == {
        "signatories": ["No party has the slug or name 'Nobody Ltd'."]
    }


def test_a_name_two_parties_share_must_be_a_slug(editor_client, parties):
    make_party(name="Another IMDA", other_names="IMDA")
    rows = [mou_row("Which", "SG: IMDA; CN: bureau")]
    result = preview(editor_client, "mous.mou", csv_file("mous.csv", rows)).context["result"]
    [message] = result.invalid_rows[0].field_specific_errors["signatories"]
    assert message.startswith("'IMDA' names more than one party")


def test_rows_follow_the_model_rules(editor_client, parties):
    meeting = make_meeting(ordinal=3, date=datetime.date(2022, 11, 25))
    rows = [
        mou_row("Late", "SG: imda; CN: bureau", meeting="3", signed_on="2023-01"),
        mou_row("Alone", "SG: imda"),
    ]
    result = preview(editor_client, "mous.mou", csv_file("mous.csv", rows)).context["result"]
    late, alone = result.invalid_rows
    assert late.field_specific_errors == {
        "signed_on": [
            f"An MOU announced at the {meeting} (25 November 2022) cannot be signed after it."
        ]
    }
    assert alone.field_specific_errors == {
        "signatories": ["An MOU has at least two parties: give each, with its side."]
    }


def test_a_row_that_fails_when_confirmed_undoes_the_whole_import(editor_client, parties):
    rows = [mou_row("One", "SG: imda; CN: bureau"), mou_row("Two", "SG: imda; CN: bureau")]
    previewed = preview(editor_client, "mous.mou", csv_file("mous.csv", rows))
    # Someone takes the second row's slug between the preview and the confirmation.
    make_mou(title="Two", slug="two", status=Status.DRAFT, parties=list(parties.values()))
    Party.objects.filter(pk=parties["bureau"].pk).update(slug="renamed", name="Renamed")
    response = confirm(editor_client, "mous.mou", previewed)
    page = response.content.decode()
    assert "Nothing was imported." in page
    assert "Row 1, signatories: No party has the slug or name &#x27;bureau&#x27;." in page
    assert not MOU.objects.filter(slug="one").exists()


def test_an_imported_status_is_ignored(editor_client, parties):
    make_mou(title="Kept", slug="kept", status=Status.PUBLISHED, parties=list(parties.values()))
    rows = [
        mou_row("Kept", "SG: imda; CN: bureau", slug="kept", status="draft", description="New"),
        mou_row("Fresh", "SG: imda; CN: bureau", status="published"),
    ]
    import_rows(editor_client, "mous.mou", csv_file("mous.csv", rows))
    assert MOU.objects.get(slug="kept").status == Status.PUBLISHED
    assert MOU.objects.get(slug="kept").description == "New"
    assert MOU.objects.get(slug="fresh").status == Status.DRAFT


def test_a_party_row_updates_the_party_it_names_rather_than_duplicating_it(editor_client, parties):
    rows = [
        {
            "slug": "",
            "name": "Infocomm Media Development Authority of Singapore",
            "city": "Singapore",
        },
        {"slug": "", "name": "A New Company", "city": "Shenzhen"},
    ]
    import_rows(editor_client, "mous.party", csv_file("parties.csv", rows))
    assert Party.objects.count() == 3
    assert Party.objects.get(slug="imda").city == "Singapore"
    new = Party.objects.get(slug="a-new-company")
    assert (new.city, new.status) == ("Shenzhen", Status.DRAFT)


def test_areas_are_matched_by_name(editor_client):
    area = make_area(name="Digital Trade", slug="digital-trade")
    rows = [{"name": "digital trade", "description": "Paperless trade and more."}]
    import_rows(editor_client, "mous.area", csv_file("areas.csv", rows))
    assert Area.objects.get() == area
    area.refresh_from_db()
    assert area.description == "Paperless trade and more."


def test_a_project_names_its_areas_and_partners(editor_client, parties):
    make_area(name="Digital Trade", slug="digital-trade")
    make_meeting(ordinal=3)
    rows = [
        {
            "slug": "",
            "name": "Trade platform",
            "phase": "3",
            "number": "1",
            "areas": "Digital Trade",
            "meeting": "3",
            "partners": "IMDA; Commerce Bureau of Shenzhen Municipality",
            "related_mous": "",
        }
    ]
    import_rows(editor_client, "projects.project", csv_file("projects.csv", rows))
    project = Project.objects.get(slug="trade-platform")
    assert [a.slug for a in project.areas.all()] == ["digital-trade"]
    assert [p.party.slug for p in project.partnerships.order_by("order")] == ["imda", "bureau"]
    assert project.status == Status.DRAFT


def test_a_meeting_row_cannot_date_it_before_the_mous_signed_at_it(editor_client):
    meeting = make_meeting(ordinal=3, date=datetime.date(2022, 11, 25))
    make_mou(title="Paperless trade", meeting=meeting, signed_on=datetime.date(2022, 11, 25))
    rows = [{"ordinal": "3", "date": "2022-06"}]
    result = preview(editor_client, "meetings.meeting", csv_file("meetings.csv", rows))
    (row,) = result.context["result"].invalid_rows
    assert "would be signed after it: Paperless trade (25 November 2022)." in str(
        row.field_specific_errors["date"]
    )
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2022, 11, 25)


def test_two_rows_with_one_title_are_refused_and_save_nothing(editor_client, parties):
    rows = [
        mou_row("Paperless trade", "SG: imda; CN: bureau", description="First"),
        mou_row("Paperless trade", "SG: imda; CN: bureau", description="Second"),
    ]
    result = preview(editor_client, "mous.mou", csv_file("mous.csv", rows)).context["result"]
    (second,) = result.invalid_rows
    assert second.field_specific_errors == {
        "slug": [
            "Row 2 names the same record as row 1 (paperless-trade): give each record one row."
        ]
    }
    assert not MOU.objects.exists()


def test_two_rows_naming_one_existing_party_are_refused(editor_client, parties):
    rows = [
        {"slug": "", "name": "IMDA", "city": "Singapore"},
        {"slug": "imda", "name": "", "city": "Elsewhere"},
    ]
    result = preview(editor_client, "mous.party", csv_file("parties.csv", rows)).context["result"]
    (second,) = result.invalid_rows
    assert "Row 2 names the same record as row 1 (imda)" in str(second.field_specific_errors)
    assert Party.objects.get(slug="imda").city == ""


def test_two_rows_for_one_meeting_are_refused(editor_client):
    rows = [
        {"ordinal": "3", "date": "2020-06", "place": "Singapore"},
        {"ordinal": "3", "date": "2020-06", "place": "Shenzhen"},
    ]
    response = preview(editor_client, "meetings.meeting", csv_file("meetings.csv", rows))
    (second,) = response.context["result"].invalid_rows
    assert "Row 2 names the same record as row 1 (3)" in str(second.field_specific_errors)


def test_two_rows_with_one_project_name_are_refused(editor_client):
    rows = [{"slug": "", "name": "Trade platform", "phase": "3"}] * 2
    response = preview(editor_client, "projects.project", csv_file("projects.csv", rows))
    (second,) = response.context["result"].invalid_rows
    assert "names the same record as row 1 (trade-platform)" in str(second.field_specific_errors)
    assert not Project.objects.exists()


def test_xlsx_imports_like_csv(editor_client, parties):
    rows = [mou_row("From a spreadsheet", "SG: imda; CN: bureau", signed_on="2020-06")]
    previewed = preview(editor_client, "mous.mou", xlsx_file("mous.xlsx", rows), XLSX)
    confirm(editor_client, "mous.mou", previewed)
    mou = MOU.objects.get(slug="from-a-spreadsheet")
    assert (mou.signed_on, mou.signed_on_precision) == (datetime.date(2020, 6, 1), Precision.MONTH)


def test_a_file_without_an_identifying_column_is_a_message(editor_client):
    upload = csv_file("mous.csv", [{"title": "No slug", "instrument_type": "mou"}])
    response = preview(editor_client, "mous.mou", upload)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file needs a column named slug." in page
    assert "Traceback" not in page
    assert not MOU.objects.exists()


def test_a_file_that_cannot_be_read_is_a_message(editor_client):
    upload = SimpleUploadedFile("broken.xlsx", b"not a workbook")
    response = preview(editor_client, "mous.mou", upload, XLSX)
    assert response.status_code == 200
    assert "encountered while trying to read file" in response.content.decode()


def test_a_new_mou_needs_its_signatories(editor_client):
    rows = [{"slug": "none", "title": "None", "instrument_type": "mou", "signed_on": "unknown"}]
    result = preview(editor_client, "mous.mou", csv_file("mous.csv", rows)).context["result"]
    assert result.invalid_rows[0].field_specific_errors == {
        "signatories": ["A new MOU needs a signatories column naming its parties."]
    }


def test_a_chinese_name_without_its_source_is_refused(editor_client):
    rows = [
        {"slug": "", "name": "Fine Company", "name_zh": "", "name_zh_source": ""},
        {"slug": "", "name": "Bureau", "name_zh": "深圳市商务局", "name_zh_source": ""},
    ]
    response = preview(editor_client, "mous.party", csv_file("parties.csv", rows))
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert invalid.field_specific_errors == {
        "name_zh_source": [
            "Say where the Chinese name is published: names are never translated by the portal."
        ]
    }
    assert not Party.objects.exists()


def test_chinese_text_follows_the_admin_form_rules(editor_client, parties):
    def row(title: str, text: str, status: str, source: str = "") -> dict:
        chinese = {
            "description_zh": text,
            "description_zh_status": status,
            "description_zh_source": source,
        }
        return mou_row(title, "SG: imda; CN: bureau", **chinese)

    rows = [
        row("No status", "无纸化贸易", ""),
        row("Official", "无纸化贸易", "Official translation"),
        row("Made up", "无纸化贸易", "machine"),
    ]
    result = preview(editor_client, "mous.mou", csv_file("mous.csv", rows)).context["result"]
    assert [row.field_specific_errors for row in result.invalid_rows] == [
        {"description_zh_status": ["Say whether the Chinese text is an official translation."]},
        {"description_zh_source": ["An official translation needs the source that publishes it."]},
        {"description_zh_status": ["'machine' is not one of: official, unofficial."]},
    ]


def test_chinese_names_and_texts_are_imported_as_drafts(editor_client):
    rows = [
        {
            "slug": "",
            "name": "Commerce Bureau",
            "name_zh": "深圳市商务局",
            "name_zh_source": "The bureau's website",
            "description_zh": "负责商务",
            "description_zh_status": "official",
            "description_zh_source": "The bureau's website",
        }
    ]
    import_rows(editor_client, "mous.party", csv_file("parties.csv", rows))
    party = Party.objects.get(slug="commerce-bureau")
    assert (party.name_zh, party.name_zh_source) == ("深圳市商务局", "The bureau's website")
    assert (party.description_zh, party.description_zh_status) == ("负责商务", "official")
    assert party.status == Status.DRAFT
