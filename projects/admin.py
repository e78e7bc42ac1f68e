from django.contrib import admin
from django.db.models import Prefetch

from meetings.admin import (
    CitationInline,
    OrderedPartInline,
    OrderedParts,
    OrderedPartsFormSet,
    PartAdmin,
    PublishableAdmin,
    chinese_fieldset,
)
from meetings.models import Meeting
from mous.models import Area, Party

from .models import Milestone, Project, ProjectCitation, ProjectPartner
from .resources import (
    MilestoneResource,
    ProjectCitationResource,
    ProjectPartnerResource,
    ProjectResource,
)


class PartnersFormSet(OrderedPartsFormSet):
    duplicate_messages = {
        **OrderedPartsFormSet.duplicate_messages,
        "party": "A party is listed twice among the partners.",
    }


class ProjectPartnerInline(OrderedPartInline):
    model = ProjectPartner
    formset = PartnersFormSet
    fields = ["order", "party", "role"]
    autocomplete_fields = ["party"]


class MilestoneInline(OrderedParts, admin.StackedInline):
    model = Milestone
    fields = [
        "order",
        ("date", "date_precision"),
        "planned",
        "text",
        "figures",
        ("source", "locator"),
        "quote",
    ]
    autocomplete_fields = ["source"]


class ProjectCitationInline(CitationInline):
    model = ProjectCitation


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    resource_classes = [ProjectResource]
    list_display = ["name", "phase", "number", "meeting", "area_names", "partners", "status"]
    list_filter = ["status", "phase", "meeting", "areas"]
    list_select_related = ["meeting"]
    search_fields = ["name", "slug", "description", "partnerships__party__name"]
    search_help_text = "Words from the name or description, or a partner's name."
    autocomplete_fields = ["meeting", "areas", "related_mous"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", ("phase", "number"), "description"]}),
        ("Where it belongs", {"fields": ["meeting", "areas", "related_mous"]}),
        chinese_fieldset("description"),
        ("Publication", {"fields": PublishableAdmin.publication_fields}),
    ]
    inlines = [ProjectPartnerInline, MilestoneInline, ProjectCitationInline]

    def get_queryset(self, request):
        # The areas and partners columns: one query each for every listed project.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "areas",
                Prefetch("partnerships", queryset=ProjectPartner.objects.select_related("party")),
            )
        )

    def draft_references(self, pks: list) -> list:
        return [
            *Party.objects.drafts().filter(partnerships__project__in=pks).distinct(),
            *Area.objects.drafts().filter(projects__in=pks).distinct(),
            *Meeting.objects.drafts().filter(projects__in=pks).distinct(),
        ]

    @admin.display(description="Areas")
    def area_names(self, project: Project) -> str:
        return "; ".join(area.name for area in project.areas.all())

    @admin.display(description="Partners")
    def partners(self, project: Project) -> str:
        return "; ".join(partnership.party.name for partnership in project.partnerships.all())


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(PartAdmin):
    resource_classes = [ProjectPartnerResource]
    parent_field = "project"
    list_display = ["party", "project", "role", "order"]
    list_select_related = ["party", "project"]
    search_fields = ["party__name", "project__name", "role"]
    autocomplete_fields = ["project", "party"]


@admin.register(Milestone)
class MilestoneAdmin(PartAdmin):
    resource_classes = [MilestoneResource]
    parent_field = "project"
    list_display = ["project", "date_display", "planned", "source", "order"]
    list_filter = ["planned", "date_precision"]
    list_select_related = ["project", "source"]
    search_fields = ["project__name", "text", "quote"]
    date_hierarchy = "date"
    autocomplete_fields = ["project", "source"]

    @admin.display(description="Date", ordering="date")
    def date_display(self, milestone: Milestone) -> str:
        return milestone.date_display


@admin.register(ProjectCitation)
class ProjectCitationAdmin(PartAdmin):
    resource_classes = [ProjectCitationResource]
    parent_field = "project"
    list_display = ["project", "source", "locator"]
    list_select_related = ["project", "source"]
    search_fields = ["project__name", "locator", "quote", "source__title"]
    autocomplete_fields = ["project", "source"]
