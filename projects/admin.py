from django.contrib import admin

from .models import Milestone, Project, ProjectCitation, ProjectPartner


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["party"]


class MilestoneInline(admin.StackedInline):
    model = Milestone
    extra = 0
    autocomplete_fields = ["source"]


class ProjectCitationInline(admin.TabularInline):
    model = ProjectCitation
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "phase", "number", "meeting", "status"]
    list_filter = ["status", "phase", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["areas", "related_mous"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProjectPartnerInline, MilestoneInline, ProjectCitationInline]
