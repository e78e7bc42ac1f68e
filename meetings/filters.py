"""Filters shared by the HTML lists and the API (one FilterSet per list)."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

# ISO 3166-1 alpha-2, upper or lower case.
country_code = RegexValidator(r"^[A-Za-z]{2}$", _("Give a two-letter country code, e.g. SG or CN."))


class SearchFilter(django_filters.CharFilter):
    """`q`: free text, matched by the queryset's own `search()` (full text on PostgreSQL)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        value = (value or "").strip()
        return qs.search(value) if value else qs


class CountryFilter(django_filters.CharFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [country_code])
        kwargs.setdefault("max_length", 2)
        super().__init__(**kwargs)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: `3.5` is refused (a NumberFilter takes decimals, and an integer
    lookup would quietly cut 3.5 to 3)."""

    field_class = forms.IntegerField


class OrderingFilter(django_filters.OrderingFilter):
    """Ignores blank entries: `ordering=,` would otherwise drop the default order."""

    def filter(self, qs: QuerySet, value):
        return super().filter(qs, [v for v in value or [] if v])


class MeetingFilter(django_filters.FilterSet):
    year = IntegerFilter(
        method="filter_year",
        label=_("Year"),
        min_value=1900,
        max_value=9999,
        help_text=_("The year the meeting was held, e.g. 2022."),
    )
    ordering = OrderingFilter(
        fields=(("ordinal", "ordinal"), ("date", "date")),
        help_text=_("Sort by ordinal or date; prefix with - for descending."),
    )

    def filter_year(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        return qs.filter(date__year=value)
