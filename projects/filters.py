"""The project list's filters, used by the HTML page and the API alike."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.filters import IntegerFilter, SearchFilter
from meetings.models import Meeting
from mous.filters import RankedOrderingFilter
from mous.models import Area, Party

from .models import Project


class ProjectFilter(django_filters.FilterSet):
    """Filters name published records only, as the MOU list's do (see MOUFilter)."""

    phase = IntegerFilter(
        field_name="phase", label=_("Phase"), min_value=1, max_value=32767, help_text=_("1, 2, 3…")
    )
    area = django_filters.CharFilter(
        method="filter_area", label=_("Area"), help_text=_("An area's slug, e.g. digital-trade.")
    )
    meeting = IntegerFilter(
        method="filter_meeting",
        label=_("JIC meeting"),
        min_value=1,
        max_value=32767,
        help_text=_("The ordinal of the meeting it was launched at."),
    )
    party = django_filters.CharFilter(
        method="filter_party",
        label=_("Party"),
        help_text=_("A party's slug: projects it takes part in."),
    )
    q = SearchFilter(help_text=_("Free text over names, descriptions and partners' names."))
    ordering = RankedOrderingFilter(
        fields=(("phase", "phase"), ("number", "number"), ("name", "name")),
        help_text=_("phase, number or name; prefix with - for descending."),
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_area(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(areas__in=Area.objects.published().filter(slug=value))

    def filter_meeting(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(meeting__in=Meeting.objects.published().filter(ordinal=value))

    def filter_party(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.with_partner(Party.objects.published().filter(slug=value))
