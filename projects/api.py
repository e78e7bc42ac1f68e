"""The API's project endpoints: /api/v1/projects/ and /api/v1/projects/<slug>/."""

from django.db.models import Prefetch

from meetings.models import Status
from mous.models import MOU, Area
from sci_portal.api import ReadOnlyAPIViewSet

from .filters import ProjectFilter
from .models import Milestone, Project, ProjectCitation, ProjectPartner
from .serializers import ProjectSerializer


class ProjectViewSet(ReadOnlyAPIViewSet):
    """Joint projects, by phase and number."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    csv_fields = (
        "slug",
        "name",
        "phase",
        "number",
        "areas.slug",
        "meeting.ordinal",
        "partners.party.name",
        "related_mous.slug",
        "url",
    )

    def get_queryset(self):
        return (
            Project.objects.published()
            .select_related("meeting")
            .prefetch_related(
                Prefetch("areas", queryset=Area.objects.published()),
                Prefetch(
                    "partnerships",
                    queryset=ProjectPartner.objects.filter(
                        party__status=Status.PUBLISHED
                    ).select_related("party"),
                ),
                Prefetch("related_mous", queryset=MOU.objects.published()),
                Prefetch("milestones", queryset=Milestone.objects.select_related("source")),
                Prefetch("citations", queryset=ProjectCitation.objects.select_related("source")),
            )
        )
