from django.contrib import admin

from .models import MOU, Area, MOUCitation, Party, PartyCitation, Signatory


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PartyCitationInline(admin.TabularInline):
    model = PartyCitation
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country", "kind", "parent", "status"]
    list_filter = ["status", "kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "other_names"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartyCitationInline]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["party"]


class MOUCitationInline(admin.TabularInline):
    model = MOUCitation
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(MOU)
class MOUAdmin(admin.ModelAdmin):
    list_display = ["__str__", "instrument_type", "area", "meeting", "signed_on", "status"]
    list_filter = ["status", "instrument_type", "area", "meeting"]
    list_select_related = ["area", "meeting"]
    search_fields = ["title", "short_title", "description"]
    autocomplete_fields = ["area", "builds_on"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SignatoryInline, MOUCitationInline]
