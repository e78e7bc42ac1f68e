"""Admin for meetings and sources, and what every record's admin shares.

Every record's admin keeps a change history with revert (django-simple-history)
and imports and exports CSV/XLSX (django-import-export); the parts' admins
export only. Publishable records
are draft or published: only staff with the model's `publish` permission (the
Publisher role) may change that, by the status field or the bulk actions.
"""

import logging

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.forms import IntegerField
from django.forms.models import BaseInlineFormSet, _get_foreign_key
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from .models import CoChair, Meeting, MeetingCitation, Publishable, Source, Status
from .resources import (
    CoChairResource,
    MeetingCitationResource,
    MeetingResource,
    SourceResource,
    describe_failed_import,
)
from .views import all_related, count_of

logger = logging.getLogger(__name__)

# How many changes to a record's parts its history page lists.
PART_CHANGES_SHOWN = 100


class OrderedPartsFormSet(BaseInlineFormSet):
    """Inline rows numbered by `order`: a row whose number is left blank goes last.

    The messages for rows that repeat what must be unique name the field in
    words rather than "Please correct the duplicate data".
    """

    duplicate_messages = {"order": "Two rows have the same order number."}

    def clean(self) -> None:
        kept = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data")
            and form.cleaned_data
            and not self._should_delete_form(form)
        ]
        numbered = [form.cleaned_data.get("order") for form in kept]
        next_order = max((n for n in numbered if n), default=0) + 1
        for form in kept:
            if not form.cleaned_data.get("order"):
                form.cleaned_data["order"] = form.instance.order = next_order
                next_order += 1
        super().clean()

    def get_unique_error_message(self, unique_check) -> str:
        fields = [field for field in unique_check if field != self.fk.name]
        for field in reversed(fields):
            if field in self.duplicate_messages:
                return self.duplicate_messages[field]
        return super().get_unique_error_message(unique_check)


class OrderedParts:
    """An inline of numbered rows; the number may be left blank to put the row last."""

    formset = OrderedPartsFormSet
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "order":
            return IntegerField(
                required=False,
                min_value=1,
                label="Order",
                help_text="Blank: after the last.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OrderedPartInline(OrderedParts, admin.TabularInline):
    pass


class CitationInline(admin.TabularInline):
    """Where in a source the record's facts are stated."""

    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "locator", "quote"]


class HistoryAdmin(SimpleHistoryAdmin):
    """An admin with a change history page (who, when, what changed) and revert.

    A record's page also lists the changes to its parts (its inlines).
    """

    object_history_template = "admin/record_history.html"

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        require_valid_key(self.model._meta.pk, object_id)
        extra_context = {
            **(extra_context or {}),
            "part_changes": self.part_changes(object_id),
        }
        return super().history_view(request, object_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        version = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if version is None or not version._history_m2m_fields:
            return form
        # Reverting: the form shows the version's many-to-many values (a
        # project's areas), which Django would otherwise read from the record now.
        historical = {
            field.name: [
                getattr(row, f"{get_m2m_reverse_field_name(field)}_id")
                for row in getattr(version, field.name).all()
            ]
            for field in version._history_m2m_fields
        }

        class RevertForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial.update(historical)

        return RevertForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Simple-history shows the revert form to anyone who may view the
        # history; only those who may change the record may post it.
        require_valid_key(self.model._meta.pk, object_id)
        require_valid_key(self.model.history.model._meta.pk, version_id)
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def part_changes(self, object_id: str) -> list[dict]:
        """The latest changes to the rows edited inline, newest first, each with its diff."""
        changes = []
        for inline in self.inlines:
            part = inline.model
            pk_name = part._meta.pk.attname
            fk = _get_foreign_key(self.model, part, fk_name=inline.fk_name)
            history = part.history.model
            related = [
                field.name
                for field in history._meta.fields
                if field.many_to_one and field.name != fk.name
            ]
            records = (
                history.objects.filter(**{fk.attname: object_id})
                .select_related(*related)
                .order_by(pk_name, "history_date", "history_id")
            )
            previous = None
            for record in records:
                same_part = previous is not None and getattr(previous, pk_name) == getattr(
                    record, pk_name
                )
                delta = (
                    record.diff_against(previous, foreign_keys_are_objs=False).changes
                    if same_part
                    else []
                )
                changes.append(
                    {
                        "record": record,
                        "part": verbose_part(part, record),
                        "changes": [change for change in delta if change.field != fk.name],
                        "history_url": part_history_url(part, getattr(record, pk_name)),
                    }
                )
                previous = record
        changes.sort(key=lambda change: change["record"].history_date, reverse=True)
        return changes[:PART_CHANGES_SHOWN]


class RecordAdmin(ImportExportMixin, HistoryAdmin):
    """A record's admin: change history with revert, CSV/XLSX import and export."""

    import_template_name = "admin/record_import.html"
    import_error_display = ("message",)
    list_per_page = 50

    def has_import_permission(self, request: HttpRequest) -> bool:
        # An import may both create and update records.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_data_kwargs(self, **kwargs) -> dict:
        kwargs = super().get_import_data_kwargs(**kwargs)
        # One invalid row undoes the whole import, not only its own row.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        # The confirmation names a file the preview stored and the format it
        # was read in; if either is gone or wrong, start again rather than fail.
        try:
            return super().process_import(request, **kwargs)
        except (OSError, IndexError, ValueError) as error:
            logger.warning("Confirming an import failed: %r", error)
            self.message_user(
                request,
                "Nothing was imported: the previewed file could not be read again. "
                "Upload it once more.",
                messages.ERROR,
            )
            return HttpResponseRedirect(self.import_url())

    def import_url(self) -> str:
        app_label, model_name = self.get_model_info()
        return reverse(f"admin:{app_label}_{model_name}_import")

    def process_result(self, result, request: HttpRequest) -> HttpResponse:
        # The preview was clean, but the data changed before the import was
        # confirmed: the transaction was rolled back, so say so plainly.
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported. " + describe_failed_import(result),
                messages.ERROR,
            )
            return HttpResponseRedirect(self.import_url())
        return super().process_result(result, request)


RESTORED_AS_DRAFT = (
    "A deleted record is restored as a draft: its parts (signatories, co-chairs, partners, "
    "milestones, citations) were deleted with it and are not restored with it. Restore each "
    "from its own history, then publish the record."
)


def is_deleted(obj: models.Model) -> bool:
    """Whether the record a version was read from is no longer stored."""
    return not type(obj)._default_manager.filter(pk=obj.pk).exists()


def require_valid_key(field: models.Field, value: str) -> None:
    """A key in a URL that cannot be one (`/mou/abc/history/`) is a 404, not an error."""
    try:
        field.to_python(unquote(value))
    except ValidationError:
        raise Http404 from None


def verbose_part(part: type[models.Model], record) -> str:
    """A historical row of a part as text, without a query per row."""
    instance = record.instance
    for name, value in record._state.fields_cache.items():
        instance._state.fields_cache[name] = value
    try:
        label = str(instance)
    except (AttributeError, ObjectDoesNotExist):
        label = f"#{instance.pk}"
    return f"{part._meta.verbose_name.capitalize()}: {label}"


def part_history_url(part: type[models.Model], pk) -> str | None:
    opts = part._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[quote(pk)])
    except NoReverseMatch:
        return None


class PublishableAdmin(RecordAdmin):
    """A record that is draft or published; Publishers publish, alone or in bulk."""

    actions = ["publish_selected", "unpublish_selected"]
    publication_fields = ["status", "published_at", "updated_at"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "published_at", "updated_at"]
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is None:
            return form
        # Reverting: the form has none of the record's parts (an MOU's
        # signatories…), so publishing from it asks the model whether the record
        # as stored may be published; a deleted record comes back a draft.
        deleted = is_deleted(obj)

        class PublishableRevertForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if deleted and "status" in self.fields:
                    self.initial["status"] = Status.DRAFT
                    self.fields["status"].disabled = True
                    self.fields["status"].help_text = RESTORED_AS_DRAFT

            def clean(self):
                cleaned_data = super().clean()
                if cleaned_data.get("status") == Status.PUBLISHED:
                    problem = self.instance.publication_problem()
                    if problem:
                        self.add_error("status", problem)
                return cleaned_data

        return PublishableRevertForm

    def save_model(self, request: HttpRequest, obj: Publishable, form, change: bool) -> None:
        stored = None
        if obj.pk:
            rows = type(obj)._default_manager.filter(pk=obj.pk)
            stored = rows.values("status", "published_at").first()
        if change and stored is None:
            # A deleted record restored from its history: its parts stay deleted.
            obj.unpublish()
            self.message_user(request, RESTORED_AS_DRAFT, messages.WARNING)
        elif not self.has_publish_permission(request):
            # The status field is read-only for them, but a revert to an
            # earlier version carries that version's status: keep the stored one.
            obj.status = stored["status"] if stored else Status.DRAFT
            obj.published_at = stored["published_at"] if stored else None
        elif "status" in form.changed_data:
            if obj.status == Status.PUBLISHED:
                obj.publish()
            else:
                obj.unpublish()
        super().save_model(request, obj, form, change)
        if obj.is_published and "status" in form.changed_data:
            self.warn_of_draft_references(request, [obj.pk])

    @admin.action(
        description="Publish the selected %(verbose_name_plural)s", permissions=["publish"]
    )
    def publish_selected(self, request: HttpRequest, queryset) -> None:
        changed = self.set_status(request, queryset, Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("Published %(count)d %(name)s.", "Published %(count)d %(names)s.", changed)
            % self.names(changed),
            messages.SUCCESS if changed else messages.WARNING,
        )
        published = queryset.filter(status=Status.PUBLISHED)
        self.warn_of_draft_references(request, list(published.values_list("pk", flat=True)))

    @admin.action(
        description="Unpublish the selected %(verbose_name_plural)s (back to draft)",
        permissions=["publish"],
    )
    def unpublish_selected(self, request: HttpRequest, queryset) -> None:
        changed = self.set_status(request, queryset, Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "Unpublished %(count)d %(name)s: it is a draft again.",
                "Unpublished %(count)d %(names)s: they are drafts again.",
                changed,
            )
            % self.names(changed),
            messages.SUCCESS,
        )

    def draft_references(self, pks: list) -> list[models.Model]:
        """Draft records that these refer to (parties, areas, meetings…); none by default."""
        return []

    def warn_of_draft_references(self, request: HttpRequest, pks: list) -> None:
        # The public pages leave drafts out, so a published MOU would show
        # without its draft party: say which records still wait to be published.
        drafts = self.draft_references(pks)
        if drafts:
            names = "; ".join(f"{obj._meta.verbose_name} {obj}" for obj in drafts)
            self.message_user(
                request,
                f"These are still drafts, so the public pages leave them out: {names}.",
                messages.WARNING,
            )

    def set_status(self, request: HttpRequest, queryset, status: str) -> int:
        """Publish or unpublish each row, saving it so its history records who and when.

        A row the model says may not be published (an MOU without two parties)
        is left a draft, and a message names it.
        """
        changed = 0
        refused = []
        reason = "Published" if status == Status.PUBLISHED else "Unpublished"
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset.exclude(status=status):
                if status == Status.PUBLISHED:
                    problem = obj.publication_problem()
                    if problem:
                        refused.append(problem)
                        continue
                    obj.publish()
                else:
                    obj.unpublish()
                obj._history_user = request.user
                obj._change_reason = reason
                obj.save()
                self.log_change(request, obj, f"{reason}.")
                changed += 1
        if refused:
            self.message_user(request, "Not published: " + " ".join(refused), messages.ERROR)
        return changed

    def names(self, count: int) -> dict:
        return {
            "count": count,
            "name": self.opts.verbose_name,
            "names": self.opts.verbose_name_plural,
        }


def chinese_fieldset(text_field: str, name: bool = False) -> tuple[str, dict]:
    """A fieldset for a record's Chinese name (if it has one) and the Chinese text of a field."""
    fields: list = [(f"{text_field}_zh_status", f"{text_field}_zh_source"), f"{text_field}_zh"]
    if name:
        fields.insert(0, ("name_zh", "name_zh_source"))
    return (
        "Chinese",
        {
            "fields": fields,
            "classes": ["collapse"],
            "description": "Chinese pages show these. A Chinese name only as a published "
            "source gives it (say which): never a translation of our own. Chinese text is "
            "shown marked official (a government's or party's translation: give its source) "
            "or unofficial, for reference only.",
        },
    )


class CoChairInline(OrderedPartInline):
    model = CoChair
    fields = ["order", "honorific", "name", "name_zh", "name_zh_source", "title", "side"]


class MeetingCitationInline(CitationInline):
    model = MeetingCitation


@admin.register(Meeting)
class MeetingAdmin(PublishableAdmin):
    resource_classes = [MeetingResource]
    list_display = [
        "__str__",
        "date_display",
        "place",
        "mou_count",
        "project_count",
        "stated_mou_total",
        "stated_project_total",
        "status",
    ]
    list_filter = ["status", "date_precision"]
    search_fields = ["=ordinal", "place", "summary"]
    search_help_text = "A meeting's number (3), or words from its place or summary."
    date_hierarchy = "date"
    ordering = ["ordinal"]
    fieldsets = [
        (None, {"fields": ["ordinal", ("date", "date_precision"), "place", "summary"]}),
        ("Totals the source states", {"fields": ["stated_mou_total", "stated_project_total"]}),
        chinese_fieldset("summary"),
        ("Publication", {"fields": PublishableAdmin.publication_fields}),
    ]
    inlines = [CoChairInline, MeetingCitationInline]

    def get_queryset(self, request):
        # One query for the counts, however many meetings are listed; each count a
        # subquery (joining both relations would multiply them row by row).
        return (
            super()
            .get_queryset(request)
            .annotate(
                mou_total=count_of(all_related(Meeting, "mous"), "meeting"),
                project_total=count_of(all_related(Meeting, "projects"), "meeting"),
            )
        )

    @admin.display(description="Date", ordering="date")
    def date_display(self, meeting: Meeting) -> str:
        return meeting.date_display

    @admin.display(description="MOUs held", ordering="mou_total")
    def mou_count(self, meeting: Meeting) -> int:
        return meeting.mou_total

    @admin.display(description="Projects held", ordering="project_total")
    def project_count(self, meeting: Meeting) -> int:
        return meeting.project_total


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    resource_classes = [SourceResource]
    list_display = ["title", "publisher", "published_on", "kind", "part_of", "text_held"]
    list_filter = ["kind", "text_held", "publisher"]
    list_select_related = ["part_of"]
    search_fields = ["title", "publisher", "slug", "url"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["part_of"]
    prepopulated_fields = {"slug": ["title"]}

    def view_on_site(self, source: Source) -> str | None:
        # A source has no page of its own on the portal: its own address is the public page.
        return source.url or None


class PartAdmin(ExportMixin, HistoryAdmin):
    """A part of a record (a citation, a signatory…), listed for its history and exported.

    Parts are added and removed in their record's form, where the rules that
    span rows (an MOU's two parties, numbering) are checked; here they can be
    corrected one by one or reverted to an earlier version. They are exported
    to CSV/XLSX (by those who may view them) but not imported here: an MOU's
    signatories and a project's partners are imported with their record.
    """

    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # Deleting a record deletes its parts, which asks for this model's delete
    # permission, so the permission stays; only these pages do not delete.
    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        raise PermissionDenied

    # A part stays with its record: moving a signatory to another MOU here would
    # skip the rules its record's form checks (a published MOU keeps two parties).
    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, self.parent_field] if obj is not None else readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)

    def view_on_site(self, obj) -> str | None:
        parent = getattr(obj, self.parent_field, None)
        return parent.get_absolute_url() if parent is not None else None


@admin.register(CoChair)
class CoChairAdmin(PartAdmin):
    resource_classes = [CoChairResource]
    parent_field = "meeting"
    list_display = ["name", "title", "side", "meeting", "order"]
    list_filter = ["side", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["meeting"]


@admin.register(MeetingCitation)
class MeetingCitationAdmin(PartAdmin):
    resource_classes = [MeetingCitationResource]
    parent_field = "meeting"
    list_display = ["meeting", "source", "locator"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "source"]
    search_fields = ["locator", "quote", "source__title"]
    autocomplete_fields = ["meeting", "source"]
