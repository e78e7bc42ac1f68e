from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from meetings.admin import (
    CitationInline,
    OrderedPartInline,
    OrderedPartsFormSet,
    PartAdmin,
    PublishableAdmin,
    chinese_fieldset,
)
from meetings.models import Meeting
from meetings.views import all_related, count_of

from .models import (
    MIN_PARTIES,
    MOU,
    Area,
    AreaCitation,
    MOUCitation,
    Party,
    PartyCitation,
    Signatory,
)
from .resources import (
    AreaCitationResource,
    AreaResource,
    MOUCitationResource,
    MOUResource,
    PartyCitationResource,
    PartyResource,
    SignatoryResource,
)


class AreaCitationInline(CitationInline):
    model = AreaCitation


@admin.register(Area)
class AreaAdmin(PublishableAdmin):
    resource_classes = [AreaResource]
    list_display = ["name", "slug", "mou_count", "project_count", "status"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        chinese_fieldset("description", name=True),
        ("Publication", {"fields": PublishableAdmin.publication_fields}),
    ]
    inlines = [AreaCitationInline]

    # Autocomplete lists need an order; the counts below would drop the model's own.
    ordering = ["name"]

    def get_queryset(self, request):
        # Each count a subquery: joining both relations would multiply them row by row.
        return (
            super()
            .get_queryset(request)
            .annotate(
                mou_total=count_of(all_related(Area, "mous"), "area"),
                project_total=count_of(all_related(Area, "projects"), "areas"),
            )
        )

    @admin.display(description="MOUs", ordering="mou_total")
    def mou_count(self, area: Area) -> int:
        return area.mou_total

    @admin.display(description="Projects", ordering="project_total")
    def project_count(self, area: Area) -> int:
        return area.project_total


class PartyCitationInline(CitationInline):
    model = PartyCitation


@admin.register(Party)
class PartyAdmin(PublishableAdmin):
    resource_classes = [PartyResource]
    list_display = ["name", "short_name", "country", "city", "kind", "parent", "status"]
    list_filter = ["status", "kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "other_names", "slug", "name_zh"]
    search_help_text = "Any name it is known by: name, short name, another name, Chinese name."
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "short_name", "other_names"]}),
        ("What it is", {"fields": ["kind", ("country", "city"), "parent", "description"]}),
        chinese_fieldset("description", name=True),
        ("Publication", {"fields": PublishableAdmin.publication_fields}),
    ]
    inlines = [PartyCitationInline]


class SignatoriesFormSet(OrderedPartsFormSet):
    """An MOU's signatories: at least two, no party twice."""

    def clean(self) -> None:
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        ]
        signatories = [
            data for data in kept if data.get("party") or data.get("unnamed_description")
        ]
        if len(signatories) < MIN_PARTIES:
            raise ValidationError(
                "An MOU has at least two parties: give each signatory a party "
                "(or describe one the source leaves unnamed)."
            )
        parties = [data["party"] for data in signatories if data.get("party")]
        twice = sorted({party.name for party in parties if parties.count(party) > 1})
        if twice:
            raise ValidationError(f"Listed twice: {', '.join(twice)}.")


class SignatoryInline(OrderedPartInline):
    model = Signatory
    formset = SignatoriesFormSet
    fields = ["order", "party", "unnamed_description", "side"]
    autocomplete_fields = ["party"]
    min_num = MIN_PARTIES


class MOUCitationInline(CitationInline):
    model = MOUCitation


@admin.register(MOU)
class MOUAdmin(PublishableAdmin):
    resource_classes = [MOUResource]
    list_display = [
        "__str__",
        "instrument_type",
        "parties",
        "area",
        "meeting",
        "signed_display",
        "status",
    ]
    list_filter = ["status", "instrument_type", "area", "meeting", "title_is_official"]
    list_select_related = ["area", "meeting"]
    search_fields = [
        "title",
        "short_title",
        "slug",
        "description",
        "signatories__party__name",
        "signatories__party__short_name",
    ]
    search_help_text = "Words from the title or description, or a party's name."
    date_hierarchy = "signed_on"
    autocomplete_fields = ["area", "meeting", "builds_on"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_is_official",
                    "slug",
                    "short_title",
                    "instrument_type",
                    ("signed_on", "signed_on_precision"),
                    "description",
                ]
            },
        ),
        ("Where it belongs", {"fields": ["area", "meeting", "builds_on"]}),
        chinese_fieldset("description"),
        ("Publication", {"fields": PublishableAdmin.publication_fields}),
    ]
    inlines = [SignatoryInline, MOUCitationInline]

    def get_queryset(self, request):
        # The parties column: one query for every listed MOU's signatories.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "signatories",
                    queryset=Signatory.objects.select_related("party").order_by("order"),
                )
            )
        )

    def draft_references(self, pks: list) -> list:
        return [
            *Party.objects.drafts().filter(signatures__mou__in=pks).distinct(),
            *Area.objects.drafts().filter(mous__in=pks).distinct(),
            *Meeting.objects.drafts().filter(mous__in=pks).distinct(),
        ]

    @admin.display(description="Parties")
    def parties(self, mou: MOU) -> str:
        return "; ".join(signatory.display_name for signatory in mou.signatories.all())

    @admin.display(description="Signed", ordering="signed_on")
    def signed_display(self, mou: MOU) -> str:
        return mou.signed_display


@admin.register(AreaCitation)
class AreaCitationAdmin(PartAdmin):
    resource_classes = [AreaCitationResource]
    parent_field = "area"
    list_display = ["area", "source", "locator"]
    list_select_related = ["area", "source"]
    search_fields = ["area__name", "locator", "quote", "source__title"]
    autocomplete_fields = ["area", "source"]


@admin.register(PartyCitation)
class PartyCitationAdmin(PartAdmin):
    resource_classes = [PartyCitationResource]
    parent_field = "party"
    list_display = ["party", "source", "locator"]
    list_select_related = ["party", "source"]
    search_fields = ["party__name", "locator", "quote", "source__title"]
    autocomplete_fields = ["party", "source"]


@admin.register(Signatory)
class SignatoryAdmin(PartAdmin):
    resource_classes = [SignatoryResource]
    parent_field = "mou"
    list_display = ["__str__", "mou", "order", "side"]
    list_filter = ["side"]
    list_select_related = ["mou", "party"]
    search_fields = ["party__name", "party__short_name", "unnamed_description", "mou__title"]
    autocomplete_fields = ["mou", "party"]


@admin.register(MOUCitation)
class MOUCitationAdmin(PartAdmin):
    resource_classes = [MOUCitationResource]
    parent_field = "mou"
    list_display = ["mou", "source", "locator"]
    list_select_related = ["mou", "source"]
    search_fields = ["mou__title", "locator", "quote", "source__title"]
    autocomplete_fields = ["mou", "source"]
