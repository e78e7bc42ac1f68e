"""The MOU and party lists' filters, used by the HTML pages and the API alike."""

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.filters import CountryFilter, IntegerFilter, OrderingFilter, SearchFilter
from meetings.models import Meeting, Status

from .models import MOU, Area, Party, Signatory


class RankedOrderingFilter(OrderingFilter):
    """Orders as asked; with no ordering asked and a search, best match first."""

    def filter(self, qs: QuerySet, value):
        if not [v for v in value or [] if v] and "rank" in qs.query.annotations:
            return qs.order_by("-rank", *qs.model._meta.ordering)
        return super().filter(qs, value)


class MOUFilter(django_filters.FilterSet):
    """Filters name published records only: a draft's slug, ordinal or country finds
    nothing, as if the draft did not exist (else the results would reveal it)."""

    area = django_filters.CharFilter(
        method="filter_area", label=_("Area"), help_text=_("An area's slug, e.g. digital-trade.")
    )
    meeting = IntegerFilter(
        method="filter_meeting",
        label=_("JIC meeting"),
        min_value=1,
        max_value=32767,
        help_text=_("The meeting's ordinal: 3 for the 3rd JIC meeting."),
    )
    party = django_filters.CharFilter(
        method="filter_party", label=_("Party"), help_text=_("A party's slug: MOUs it signed.")
    )
    country = CountryFilter(
        method="filter_country",
        label=_("Country"),
        help_text=_("ISO 3166 alpha-2 code (SG, CN…): MOUs with a party from that country."),
    )
    type = django_filters.ChoiceFilter(
        field_name="instrument_type",
        choices=MOU.InstrumentType.choices,
        label=_("Type"),
        help_text=_("The instrument type."),
    )
    signed_after = django_filters.DateFilter(
        field_name="signed_on",
        lookup_expr="gte",
        label=_("Signed on or after"),
        help_text=_("ISO date (YYYY-MM-DD). A month-precise date counts as its first day."),
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on",
        lookup_expr="lte",
        label=_("Signed on or before"),
        help_text=_("ISO date (YYYY-MM-DD)."),
    )
    q = SearchFilter(help_text=_("Free text over titles, descriptions and party names."))
    ordering = RankedOrderingFilter(
        fields=(
            ("signed_on", "signed"),
            ("title", "title"),
            ("meeting__ordinal", "meeting"),
            ("area__name", "area"),
        ),
        help_text=_("signed, title, meeting or area; prefix with - for descending."),
    )

    class Meta:
        model = MOU
        fields: list[str] = []

    def filter_area(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(area__in=Area.objects.published().filter(slug=value))

    def filter_meeting(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(meeting__in=Meeting.objects.published().filter(ordinal=value))

    def filter_party(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.signed_by(Party.objects.published().filter(slug=value))

    def filter_country(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        signatories = Signatory.objects.filter(
            mou=OuterRef("pk"), party__country=value.upper(), party__status=Status.PUBLISHED
        )
        return qs.filter(Exists(signatories))


class PartyFilter(django_filters.FilterSet):
    country = CountryFilter(
        method="filter_country", label=_("Country"), help_text=_("ISO 3166 alpha-2 code: SG, CN…")
    )
    kind = django_filters.ChoiceFilter(
        choices=Party.Kind.choices, label=_("Kind"), help_text=_("The kind of organisation.")
    )
    q = SearchFilter(help_text=_("Free text over a party's names."))
    ordering = OrderingFilter(
        fields=(("name", "name"), ("country", "country")),
        help_text=_("name or country; prefix with - for descending."),
    )

    class Meta:
        model = Party
        fields: list[str] = []

    def filter_country(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(country=value.upper())
