"""CSV/XLSX import and export of meetings and sources, and the parts every resource shares.

Staff import in the admin (django-import-export). An import is one
transaction: a dry run shows what would be created or changed, and a single
invalid row saves nothing. Every row is validated as the admin form would
validate it (`full_clean`), and references to other records name them by slug
or name, never by database id. New records start as drafts; an import never
publishes or unpublishes anything.

Parts of records (co-chairs, citations, signatories, partners, milestones) are
exported only: an MOU's signatories and a project's partners are imported in
their record's columns, and the others are entered in their record's form.
"""

import datetime
import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.text import slugify
from import_export import fields, resources, widgets
from import_export.exceptions import FieldError

from .models import (
    CoChair,
    Meeting,
    MeetingCitation,
    Precision,
    Publishable,
    Source,
    Status,
    TranslationStatus,
    iso_partial_date,
)

# The admin's history keeps a change reason of at most this many characters.
CHANGE_REASON_LENGTH = 100


class ChoiceWidget(widgets.CharWidget):
    """A choice given by its stored value or its label, in any case."""

    def __init__(self, choices, **kwargs) -> None:
        self.choices = list(choices)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs) -> str:
        text = super().clean(value, row, **kwargs).strip()
        if not text:
            return ""
        for stored, label in self.choices:
            if text.casefold() in {str(stored).casefold(), str(label).casefold()}:
                return stored
        allowed = ", ".join(str(stored) for stored, _ in self.choices)
        raise ValueError(f"'{text}' is not one of: {allowed}.")


class PartialDateWidget(widgets.Widget):
    """A date at its precision: 2022-11-25, 2020-06, 2022, or 'unknown' (or blank)."""

    FORMATS = [
        (re.compile(r"^(\d{4})$"), Precision.YEAR),
        (re.compile(r"^(\d{4})-(\d{1,2})$"), Precision.MONTH),
        (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$"), Precision.DAY),
    ]

    def clean(self, value, row=None, **kwargs) -> tuple[datetime.date | None, str]:
        if isinstance(value, datetime.datetime):
            return value.date(), Precision.DAY
        if isinstance(value, datetime.date):
            return value, Precision.DAY
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else str(value).strip()
        if text == "" or text.casefold() == "unknown":
            return None, Precision.UNKNOWN
        for pattern, precision in self.FORMATS:
            match = pattern.match(text)
            if match:
                parts = [int(part) for part in match.groups()] + [1, 1]
                try:
                    return datetime.date(*parts[:3]), precision
                except ValueError:
                    break
        raise ValueError(f"'{text}' is not a date: give YYYY-MM-DD, YYYY-MM or YYYY, or 'unknown'.")

    def render(self, value, obj=None, **kwargs) -> str:
        return value or ""


class PartialDateField(fields.Field):
    """A date and its precision in one column, as ISO 8601 at that precision."""

    def __init__(self, attribute: str) -> None:
        super().__init__(attribute=attribute, column_name=attribute, widget=PartialDateWidget())

    def get_value(self, instance) -> str | None:
        return iso_partial_date(
            getattr(instance, self.attribute), getattr(instance, f"{self.attribute}_precision")
        )

    def save(self, instance, row, is_m2m=False, **kwargs) -> None:
        value, precision = self.clean(row, **kwargs)
        setattr(instance, self.attribute, value)
        setattr(instance, f"{self.attribute}_precision", precision)


class ReferenceWidget(widgets.ForeignKeyWidget):
    """Another record named by a unique field (a slug, an ordinal); a clear error if none."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        try:
            return self.get_queryset(text, row).get(**{self.field: text})
        except (ObjectDoesNotExist, ValueError, ValidationError):
            name = self.model._meta.verbose_name
            raise ValueError(f"No {name} has the {self.field} '{text}'.") from None


class ReferenceField(fields.Field):
    """A column, named as the attribute, holding another record's key (its slug, or a
    meeting's ordinal)."""

    def __init__(self, attribute: str, model, key: str = "slug") -> None:
        super().__init__(
            attribute=attribute, column_name=attribute, widget=ReferenceWidget(model, key)
        )


class ReferencesWidget(widgets.ManyToManyWidget):
    """Several records named by a unique field, separated by ';'; unknown names are errors."""

    def __init__(self, model, field: str, **kwargs) -> None:
        super().__init__(model, separator=";", field=field, **kwargs)

    def names(self, value) -> list[str]:
        if value is None:
            return []
        return [name.strip() for name in re.split(r"[;\n]", str(value)) if name.strip()]

    def clean(self, value, row=None, **kwargs) -> list:
        names = self.names(value)
        found = {
            str(getattr(obj, self.field)): obj
            for obj in self.model.objects.filter(**{f"{self.field}__in": names})
        }
        missing = [name for name in names if name not in found]
        if missing:
            plural = self.model._meta.verbose_name_plural
            raise ValueError(f"No {plural} have the {self.field}: {', '.join(missing)}.")
        return [found[name] for name in names]

    def render(self, value, obj=None, **kwargs) -> str:
        if value is None:
            return ""
        return "; ".join(str(getattr(related, self.field)) for related in value.all())


def chinese_columns(text_field: str, name: bool = False) -> list[str]:
    """A record's Chinese name (if it has one) and the Chinese text of a field, with its status
    and source: the columns of the admin's "Chinese" fieldset."""
    columns = [f"{text_field}_zh", f"{text_field}_zh_status", f"{text_field}_zh_source"]
    return ["name_zh", "name_zh_source", *columns] if name else columns


def translation_status_field(text_field: str) -> fields.Field:
    """Whether a field's Chinese text is an official translation: 'official' or 'unofficial'."""
    column = f"{text_field}_zh_status"
    return fields.Field(
        attribute=column, column_name=column, widget=ChoiceWidget(TranslationStatus.choices)
    )


class RecordResource(resources.ModelResource):
    """What every record's import shares.

    Rows are validated as the admin form validates them; unchanged rows are
    skipped (so re-importing an export writes no history); each saved row's
    history says who imported it and from which file; new records are drafts.
    """

    # A blank cell in a text column is an empty text (import-export reads it
    # as None, which a NOT NULL column refuses).
    WIDGETS_MAP = {**resources.ModelResource.WIDGETS_MAP, "TextField": widgets.CharWidget}

    # Columns that can identify an existing record; the file needs one of them.
    identifying_columns = ["slug"]

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def _check_import_id_fields(self, headers) -> None:
        # Replaces import-export's check (which asks for every id column) with
        # one that names the columns this resource can match records by.
        if not any(column in (headers or []) for column in self.identifying_columns):
            raise FieldError(
                "The file needs a column named " + " or ".join(self.identifying_columns) + "."
            )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A column that could not be read is reported once, as read; the
        # model's own checks of that field (now blank) would only repeat it.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=errors.keys(), validate_unique=validate_unique)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, messages)
        if errors:
            raise ValidationError(errors)

    def before_import(self, dataset, **kwargs) -> None:
        # The row that named each record so far: a record is named by one row only.
        self.rows_by_record: dict[tuple, int] = {}
        super().before_import(dataset, **kwargs)

    def claim_record(self, instance, **kwargs) -> None:
        """Refuse a second row for a record an earlier row of the file names.

        Otherwise the second row would show as an update of the first and
        overwrite it. A record is known by its import id (slug or ordinal),
        which for a name-matched row is the slug of the record it names.
        """
        id_fields = self._meta.import_id_fields
        key = tuple(str(getattr(instance, field)) for field in id_fields)
        if not all(key):
            return
        number = kwargs.get("row_number")
        rows = getattr(self, "rows_by_record", {})
        first = rows.setdefault(key, number)
        if first != number:
            raise ValidationError(
                {
                    id_fields[0]: f"Row {number} names the same record as row {first} "
                    f"({', '.join(key)}): give each record one row."
                }
            )

    def after_init_instance(self, instance, new: bool, row, **kwargs) -> None:
        if new and isinstance(instance, Publishable):
            instance.status = Status.DRAFT
            instance.published_at = None

    def import_instance(self, instance, row, **kwargs) -> None:
        # Many-to-many columns are only applied after the row is saved; check
        # them now so that an unknown name is reported against its column.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.claim_record(instance, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs) -> None:
        self.mark_change(instance, **kwargs)

    def mark_change(self, instance: models.Model, **kwargs) -> None:
        """Tell the history who made this change, and that it came from an import."""
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user
        file_name = kwargs.get("file_name")
        reason = f"Imported from {file_name}" if file_name else "Imported"
        instance._change_reason = reason[:CHANGE_REASON_LENGTH]

    def slug_from(self, row, column: str) -> None:
        """A row without a slug gets one made from its name or title."""
        if "slug" in row and not row["slug"] and row.get(column):
            row["slug"] = slugify(str(row[column]))[:200]


class PublishableResource(RecordResource):
    """A publishable record: its publication columns are exported, never imported."""

    status = fields.Field(attribute="status", column_name="status", readonly=True)
    published_at = fields.Field(
        attribute="published_at",
        column_name="published_at",
        readonly=True,
        widget=widgets.DateTimeWidget(),
    )


class SourceResource(RecordResource):
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(Source.Kind.choices)
    )
    part_of = ReferenceField("part_of", Source)

    class Meta(RecordResource.Meta):
        model = Source
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "publisher",
            "published_on",
            "kind",
            "url",
            "permalink",
            "part_of",
            "text_held",
            "notes",
        ]

    def before_import_row(self, row, **kwargs) -> None:
        self.slug_from(row, "title")


class MeetingResource(PublishableResource):
    identifying_columns = ["ordinal"]

    date = PartialDateField("date")
    summary_zh_status = translation_status_field("summary")

    class Meta(RecordResource.Meta):
        model = Meeting
        import_id_fields = ["ordinal"]
        fields = [
            "ordinal",
            "date",
            "place",
            "summary",
            *chinese_columns("summary"),
            "stated_mou_total",
            "stated_project_total",
            "status",
            "published_at",
        ]


class PartResource(resources.ModelResource):
    """A part of a record, exported (never imported) with its references by slug or ordinal.

    The related rows the columns name are fetched with the parts, so an export
    costs a fixed number of queries however many rows it holds.
    """

    def filter_export(self, queryset, **kwargs):
        related = [
            field.attribute
            for field in self.get_export_fields()
            if isinstance(field.widget, widgets.ForeignKeyWidget)
        ]
        return queryset.prefetch_related(None).select_related(*related)


class CitationResource(PartResource):
    """Where in a source a record's facts are stated: the record, the source's slug, the place."""

    source = ReferenceField("source", Source)


class CoChairResource(PartResource):
    meeting = ReferenceField("meeting", Meeting, "ordinal")

    class Meta:
        model = CoChair
        fields = [
            "meeting",
            "order",
            "honorific",
            "name",
            "name_zh",
            "name_zh_source",
            "title",
            "side",
        ]


class MeetingCitationResource(CitationResource):
    meeting = ReferenceField("meeting", Meeting, "ordinal")

    class Meta:
        model = MeetingCitation
        fields = ["meeting", "source", "locator", "quote"]


def describe_failed_import(result) -> str:
    """Which rows failed and why, in one line: 'Row 2, signed_on: …'."""
    problems = [str(error.error) for error in result.base_errors]
    for row in result.invalid_rows:
        for field, messages in row.error_dict.items():
            where = f"Row {row.number}" if field == "__all__" else f"Row {row.number}, {field}"
            problems.extend(f"{where}: {message}" for message in messages)
    for number, errors in result.row_errors():
        problems.extend(f"Row {number}: {error.error}" for error in errors)
    return " ".join(problems)
