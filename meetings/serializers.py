"""API representations of JIC meetings, and the pieces the other apps' serializers share."""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import CoChair, Meeting, Source

PRECISION_HELP = (
    "How precise the date is: day, month or year (the date is then the 1st of its month "
    "or 1 January), or unknown (the date is null)."
)
ISO_HELP = "The date in ISO 8601 at its precision (2022-11-25, 2020-06 or 2022); null if unknown."
DISPLAY_HELP = (
    "The date as the portal shows it, at its precision, in the language asked for "
    "(Accept-Language): 25 November 2022, June 2020 / 2022年11月25日, 2020年6月; "
    '"unknown" (未知) when unknown.'
)
LABEL_HELP = "The label of `{field}`, in the language asked for (Accept-Language: en or zh-hans)."
NAME_ZH_HELP = (
    "The Chinese name, only where a published source gives it (see name_zh_source); "
    "empty otherwise: the portal never translates a name."
)
NAME_ZH_SOURCE_HELP = "Where the Chinese name is published; empty when there is no Chinese name."
TEXT_ZH_HELP = "Chinese text of `{field}` entered by staff; empty when there is none."
TEXT_ZH_STATUS_HELP = (
    "official (a translation published by a government or party, see {field}_zh_source) or "
    "unofficial (the portal's own, for reference only); empty when there is no Chinese text."
)
TEXT_ZH_SOURCE_HELP = (
    "Where an official translation is published; may be empty for an unofficial one."
)


def chinese_name_kwargs() -> dict:
    """extra_kwargs for a record's name_zh and name_zh_source."""
    return {
        "name_zh": {"help_text": NAME_ZH_HELP},
        "name_zh_source": {"help_text": NAME_ZH_SOURCE_HELP},
    }


def chinese_text_kwargs(field: str) -> dict:
    """extra_kwargs for the Chinese text of `field` and its status and source."""
    return {
        f"{field}_zh": {"help_text": TEXT_ZH_HELP.format(field=field)},
        f"{field}_zh_status": {"help_text": TEXT_ZH_STATUS_HELP.format(field=field)},
        f"{field}_zh_source": {"help_text": TEXT_ZH_SOURCE_HELP},
    }


class ReadOnlyFields:
    """Every field read-only: the API only reads, and its schema then lists every field as
    always present."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class RecordSerializer(ReadOnlyFields, serializers.ModelSerializer):
    pass


class PublishedSummarySerializer(RecordSerializer):
    """A related record in brief; null when it is not published (drafts are never shown)."""

    def get_attribute(self, instance):
        related = super().get_attribute(instance)
        return related if related is not None and related.is_published else None


class RecordURLField(serializers.HyperlinkedIdentityField):
    """A record's API URL; unlike DRF's, it does not carry ?format= over from the request
    (the url column of a CSV leads to the JSON record)."""

    def get_url(self, obj, view_name, request, format) -> str:
        url = reverse(view_name, kwargs={self.lookup_url_kwarg: getattr(obj, self.lookup_field)})
        return request.build_absolute_uri(url)


@extend_schema_field(OpenApiTypes.URI)
class FilteredListField(serializers.Field):
    """The URL of an API list filtered to this record, e.g. /api/v1/mous/?meeting=3."""

    def __init__(self, view_name: str, param: str, lookup: str, **kwargs):
        self.view_name, self.param, self.lookup = view_name, param, lookup
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        url = f"{reverse(self.view_name)}?{urlencode({self.param: getattr(value, self.lookup)})}"
        return self.context["request"].build_absolute_uri(url)


class CitationSerializer(ReadOnlyFields, serializers.Serializer):
    """Where a fact is stated: a source and the passage in it (a citation, or a milestone)."""

    source = serializers.CharField(source="source.slug", help_text="The source's identifier.")
    title = serializers.CharField(source="source.title", help_text="The source's title.")
    publisher = serializers.CharField(
        source="source.publisher", help_text="Who published it, as they sign it."
    )
    published_on = serializers.DateField(
        source="source.published_on", help_text="When it was published (ISO 8601)."
    )
    kind = serializers.ChoiceField(
        source="source.kind", choices=Source.Kind.choices, help_text="What kind of document."
    )
    url = serializers.CharField(
        source="source.url", help_text="Where it is published; empty when no address is known."
    )
    locator = serializers.CharField(help_text='Where in the source: "para 5", "Annex A".')
    quote = serializers.CharField(help_text="The passage, quoted exactly; may be empty.")


class MeetingSummarySerializer(PublishedSummarySerializer):
    url = RecordURLField(
        view_name="api:meeting-detail", lookup_field="ordinal", help_text="The meeting's URL."
    )
    name = serializers.CharField(source="__str__", help_text='e.g. "3rd JIC meeting".')
    date_iso = serializers.CharField(allow_null=True, help_text=ISO_HELP)

    class Meta:
        model = Meeting
        fields = ["url", "ordinal", "name", "date", "date_precision", "date_iso"]
        extra_kwargs = {
            "date": {"help_text": "The meeting's date; null if unknown."},
            "date_precision": {"help_text": PRECISION_HELP},
        }


class CoChairSerializer(RecordSerializer):
    side_display = serializers.CharField(
        source="get_side_display", help_text=LABEL_HELP.format(field="side")
    )

    class Meta:
        model = CoChair
        fields = [
            "order",
            "name",
            "name_zh",
            "name_zh_source",
            "honorific",
            "title",
            "side",
            "side_display",
        ]
        extra_kwargs = {
            "order": {"help_text": "Order of mention in the source."},
            "name": {"help_text": "The co-chair's name as published."},
            "title": {"help_text": "Their office, as the source gives it."},
            "side": {"help_text": "SG for Singapore, SZ for Shenzhen."},
            **chinese_name_kwargs(),
        }


class MeetingSerializer(RecordSerializer):
    url = RecordURLField(
        view_name="api:meeting-detail", lookup_field="ordinal", help_text="This meeting's URL."
    )
    name = serializers.CharField(
        source="__str__",
        help_text='e.g. "3rd JIC meeting" (联合执行委员会第3次会议 with Accept-Language: zh-hans).',
    )
    date_iso = serializers.CharField(allow_null=True, help_text=ISO_HELP)
    date_display = serializers.CharField(help_text=DISPLAY_HELP)
    co_chairs = CoChairSerializer(many=True, help_text="Who co-chaired it.")
    sources = CitationSerializer(
        source="citations", many=True, help_text="Where the facts about it are stated."
    )
    mous = FilteredListField(
        "api:mou-list", "meeting", "ordinal", help_text="The MOUs announced at it."
    )
    projects = FilteredListField(
        "api:project-list", "meeting", "ordinal", help_text="The projects launched at it."
    )

    class Meta:
        model = Meeting
        fields = [
            "url",
            "ordinal",
            "name",
            "date",
            "date_precision",
            "date_iso",
            "date_display",
            "place",
            "summary",
            "summary_zh",
            "summary_zh_status",
            "summary_zh_source",
            "stated_mou_total",
            "stated_project_total",
            "co_chairs",
            "mous",
            "projects",
            "sources",
        ]
        extra_kwargs = {
            "date": {"help_text": "The meeting's date; null if unknown."},
            "date_precision": {"help_text": PRECISION_HELP},
            "place": {"help_text": "Where it was held; empty when no source says."},
            "summary": {"help_text": "What the meeting did, in brief."},
            **chinese_text_kwargs("summary"),
        }
