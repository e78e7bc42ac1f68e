"""API representations of projects, their partners and milestones."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.serializers import (
    DISPLAY_HELP,
    ISO_HELP,
    PRECISION_HELP,
    CitationSerializer,
    MeetingSummarySerializer,
    ReadOnlyFields,
    RecordSerializer,
    RecordURLField,
    chinese_text_kwargs,
)
from mous.serializers import AreaSummarySerializer, MOUSummarySerializer, PartySummarySerializer

from .models import Milestone, Project, ProjectPartner


class PartnerSerializer(RecordSerializer):
    party = PartySummarySerializer(help_text="The partner.")

    class Meta:
        model = ProjectPartner
        fields = ["order", "party", "role"]
        extra_kwargs = {"order": {"help_text": "Order of mention in the source."}}


class FigureSerializer(ReadOnlyFields, serializers.Serializer):
    label = serializers.CharField(help_text='What is counted: "partners", "trials concluded"…')
    value = serializers.JSONField(help_text="The figure as the source gives it, usually a number.")


class MilestoneSerializer(RecordSerializer):
    date_iso = serializers.CharField(allow_null=True, help_text=ISO_HELP)
    date_display = serializers.CharField(help_text=DISPLAY_HELP)
    figures = serializers.SerializerMethodField(help_text="Figures the source gives.")
    source = CitationSerializer(source="*", help_text="Where the milestone is stated.")

    class Meta:
        model = Milestone
        fields = [
            "order",
            "date",
            "date_precision",
            "date_iso",
            "date_display",
            "text",
            "planned",
            "figures",
            "source",
        ]
        extra_kwargs = {
            "order": {"help_text": "Order within the project."},
            "date": {"help_text": "When it happened; null if unknown."},
            "date_precision": {"help_text": PRECISION_HELP},
            "text": {"help_text": "What happened, as the source says."},
        }

    @extend_schema_field(FigureSerializer(many=True))
    def get_figures(self, milestone: Milestone) -> list[dict]:
        # Staff type figures as JSON: only well-formed {label, value} entries are shown.
        figures = milestone.figures if isinstance(milestone.figures, list) else []
        wellformed = [f for f in figures if isinstance(f, dict) and {"label", "value"} <= set(f)]
        return FigureSerializer(wellformed, many=True).data


class ProjectSerializer(RecordSerializer):
    url = RecordURLField(
        view_name="api:project-detail", lookup_field="slug", help_text="This project's URL."
    )
    phase_display = serializers.CharField(
        help_text='"Phase 3" or "Phase unknown", in the language asked for (Accept-Language).'
    )
    areas = AreaSummarySerializer(many=True, help_text="Its cooperation areas.")
    meeting = MeetingSummarySerializer(
        allow_null=True, help_text="The JIC meeting it was launched at, where a source says."
    )
    partners = PartnerSerializer(
        source="partnerships", many=True, help_text="The parties taking part, in order."
    )
    related_mous = MOUSummarySerializer(many=True, help_text="MOUs it builds on.")
    milestones = MilestoneSerializer(many=True, help_text="Dated events and reported figures.")
    sources = CitationSerializer(
        source="citations", many=True, help_text="Where the facts about it are stated."
    )

    class Meta:
        model = Project
        fields = [
            "url",
            "slug",
            "name",
            "phase",
            "phase_display",
            "number",
            "description",
            "description_zh",
            "description_zh_status",
            "description_zh_source",
            "areas",
            "meeting",
            "partners",
            "related_mous",
            "milestones",
            "sources",
        ]
        extra_kwargs = {
            "slug": {"help_text": "The project's identifier."},
            "name": {"help_text": "The project's name."},
            **chinese_text_kwargs("description"),
        }
