from django.contrib import admin

from .models import CoChair, Meeting, MeetingCitation, Source


class CoChairInline(admin.TabularInline):
    model = CoChair
    extra = 0


class MeetingCitationInline(admin.TabularInline):
    model = MeetingCitation
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "status", "stated_mou_total", "stated_project_total"]
    list_filter = ["status"]
    inlines = [CoChairInline, MeetingCitationInline]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "kind"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher"]
    prepopulated_fields = {"slug": ["title"]}
