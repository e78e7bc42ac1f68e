"""Drive the admin's import pages as staff do: upload, preview, confirm."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

CSV, XLSX = "0", "1"  # positions in settings.IMPORT_EXPORT_FORMATS


def csv_file(name: str, rows: list[dict]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def xlsx_file(name: str, rows: list[dict]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def preview(client, model: str, upload: SimpleUploadedFile, file_format: str = CSV):
    """The dry run: what the import would do, saving nothing."""
    app_label, name = model.split(".")
    return client.post(
        reverse(f"admin:{app_label}_{name}_import"),
        {"import_file": upload, "format": file_format, "resource": "0"},
    )


def confirm(client, model: str, previewed):
    """Confirm a clean preview: the real import."""
    app_label, name = model.split(".")
    return client.post(
        reverse(f"admin:{app_label}_{name}_process_import"),
        previewed.context["confirm_form"].initial,
        follow=True,
    )


def import_rows(client, model: str, upload: SimpleUploadedFile):
    previewed = preview(client, model, upload)
    assert previewed.context.get("confirm_form"), previewed.content.decode()[-3000:]
    return confirm(client, model, previewed)
