"""API representations of areas, parties and MOUs."""

from rest_framework import serializers

from meetings.serializers import (
    DISPLAY_HELP,
    ISO_HELP,
    LABEL_HELP,
    NAME_ZH_HELP,
    PRECISION_HELP,
    CitationSerializer,
    FilteredListField,
    MeetingSummarySerializer,
    PublishedSummarySerializer,
    ReadOnlyFields,
    RecordSerializer,
    RecordURLField,
    chinese_name_kwargs,
    chinese_text_kwargs,
)

from .models import MOU, Area, Party, Signatory

COUNTRY_HELP = "ISO 3166 alpha-2 code (SG, CN…); empty when no source says."


class AreaSummarySerializer(PublishedSummarySerializer):
    url = RecordURLField(
        view_name="api:area-detail", lookup_field="slug", help_text="The area's URL."
    )

    class Meta:
        model = Area
        fields = ["url", "slug", "name", "name_zh"]
        extra_kwargs = {
            "slug": {"help_text": "The area's identifier."},
            "name": {"help_text": "The area's name."},
            "name_zh": {"help_text": NAME_ZH_HELP},
        }


class PartySummarySerializer(PublishedSummarySerializer):
    url = RecordURLField(
        view_name="api:party-detail", lookup_field="slug", help_text="The party's URL."
    )
    country = serializers.CharField(source="country.code", help_text=COUNTRY_HELP)

    class Meta:
        model = Party
        fields = ["url", "slug", "name", "name_zh", "short_name", "country"]
        extra_kwargs = {
            "slug": {"help_text": "The party's identifier."},
            "short_name": {"help_text": "Acronym (IMDA, NUS…); may be empty."},
            "name_zh": {"help_text": NAME_ZH_HELP},
        }


class MOUSummarySerializer(PublishedSummarySerializer):
    url = RecordURLField(
        view_name="api:mou-detail", lookup_field="slug", help_text="The MOU's URL."
    )

    class Meta:
        model = MOU
        fields = ["url", "slug", "title", "short_title"]
        extra_kwargs = {"slug": {"help_text": "The MOU's identifier."}}


class ProjectLinkSerializer(ReadOnlyFields, serializers.Serializer):
    """A project in brief (projects build on MOUs, so this app cannot import their serializer)."""

    url = RecordURLField(
        view_name="api:project-detail", lookup_field="slug", help_text="The project's URL."
    )
    slug = serializers.CharField(help_text="The project's identifier.")
    name = serializers.CharField(help_text="The project's name.")


class SignatorySerializer(RecordSerializer):
    name = serializers.CharField(
        source="display_name",
        help_text='The party\'s name, or what the sources say of an unnamed one "(name unknown)".',
    )
    party = PartySummarySerializer(
        allow_null=True, help_text="The party; null when no source names it."
    )
    side_display = serializers.CharField(
        source="get_side_display", help_text=LABEL_HELP.format(field="side")
    )

    class Meta:
        model = Signatory
        fields = ["order", "side", "side_display", "name", "party", "unnamed_description"]
        extra_kwargs = {
            "order": {"help_text": "Position in the order the title names the parties."},
            "side": {"help_text": "The side it signs for: SG (Singapore) or CN (China)."},
            "unnamed_description": {
                "help_text": "For a party the sources do not name, what they say of it; else empty."
            },
        }


class AreaSerializer(RecordSerializer):
    url = RecordURLField(
        view_name="api:area-detail", lookup_field="slug", help_text="This area's URL."
    )
    mous = FilteredListField("api:mou-list", "area", "slug", help_text="The MOUs in this area.")
    projects = FilteredListField(
        "api:project-list", "area", "slug", help_text="The projects in this area."
    )
    sources = CitationSerializer(
        source="citations", many=True, help_text="Where the sources name it."
    )

    class Meta:
        model = Area
        fields = [
            "url",
            "slug",
            "name",
            "name_zh",
            "name_zh_source",
            "description",
            "description_zh",
            "description_zh_status",
            "description_zh_source",
            "mous",
            "projects",
            "sources",
        ]
        extra_kwargs = {
            "slug": {"help_text": "The area's identifier."},
            "name": {"help_text": "The area's name."},
            "description": {"help_text": "What the area covers; may be empty."},
            **chinese_name_kwargs(),
            **chinese_text_kwargs("description"),
        }


class PartySerializer(RecordSerializer):
    url = RecordURLField(
        view_name="api:party-detail", lookup_field="slug", help_text="This party's URL."
    )
    other_names = serializers.ListField(
        source="other_names_list",
        child=serializers.CharField(),
        help_text="Other names the sources use for it.",
    )
    country = serializers.CharField(source="country.code", help_text=COUNTRY_HELP)
    country_name = serializers.CharField(
        source="country.name",
        help_text="The country's name in the language asked for (Accept-Language); "
        "empty when unknown.",
    )
    kind_display = serializers.CharField(
        source="get_kind_display", help_text=LABEL_HELP.format(field="kind")
    )
    parent = PartySummarySerializer(
        allow_null=True, help_text="The organisation it is part of; null if none is recorded."
    )
    sources = CitationSerializer(
        source="citations", many=True, help_text="Where the sources name it."
    )
    mous = FilteredListField("api:mou-list", "party", "slug", help_text="The MOUs it signed.")
    projects = FilteredListField(
        "api:project-list", "party", "slug", help_text="The projects it takes part in."
    )

    class Meta:
        model = Party
        fields = [
            "url",
            "slug",
            "name",
            "name_zh",
            "name_zh_source",
            "short_name",
            "other_names",
            "country",
            "country_name",
            "city",
            "kind",
            "kind_display",
            "parent",
            "description",
            "description_zh",
            "description_zh_status",
            "description_zh_source",
            "mous",
            "projects",
            "sources",
        ]
        extra_kwargs = {
            "slug": {"help_text": "The party's identifier."},
            "short_name": {"help_text": "Acronym (IMDA, NUS…); may be empty."},
            "city": {"help_text": "Its city; empty when no source says."},
            "kind": {"help_text": "The kind of organisation."},
            "description": {"help_text": "What it is, in brief; may be empty."},
            **chinese_name_kwargs(),
            **chinese_text_kwargs("description"),
        }


class MOUSerializer(RecordSerializer):
    url = RecordURLField(
        view_name="api:mou-detail", lookup_field="slug", help_text="This MOU's URL."
    )
    type = serializers.ChoiceField(
        source="instrument_type",
        choices=MOU.InstrumentType.choices,
        help_text="The instrument type (the `type` filter's values).",
    )
    type_display = serializers.CharField(
        source="get_instrument_type_display", help_text=LABEL_HELP.format(field="type")
    )
    signed = serializers.CharField(source="signed_iso", allow_null=True, help_text=ISO_HELP)
    signed_display = serializers.CharField(help_text=DISPLAY_HELP)
    area = AreaSummarySerializer(allow_null=True, help_text="Its cooperation area, if recorded.")
    meeting = MeetingSummarySerializer(
        allow_null=True, help_text="The JIC meeting it was announced at; null for earlier ones."
    )
    signatories = SignatorySerializer(many=True, help_text="Its parties, in the title's order.")
    builds_on = MOUSummarySerializer(
        allow_null=True, help_text="The earlier instrument this one extends, if any."
    )
    built_upon_by = MOUSummarySerializer(
        many=True, help_text="Later instruments that extend this one."
    )
    projects = ProjectLinkSerializer(many=True, help_text="Projects related to this MOU.")
    sources = CitationSerializer(
        source="citations", many=True, help_text="Where the facts about it are stated."
    )

    class Meta:
        model = MOU
        fields = [
            "url",
            "slug",
            "title",
            "title_is_official",
            "short_title",
            "type",
            "type_display",
            "signed_on",
            "signed_on_precision",
            "signed",
            "signed_display",
            "area",
            "meeting",
            "signatories",
            "description",
            "description_zh",
            "description_zh_status",
            "description_zh_source",
            "builds_on",
            "built_upon_by",
            "projects",
            "sources",
        ]
        extra_kwargs = {
            "slug": {"help_text": "The MOU's identifier."},
            "signed_on": {"help_text": "When it was signed; null if unknown."},
            "signed_on_precision": {"help_text": PRECISION_HELP},
            **chinese_text_kwargs("description"),
        }
