"""The API's area, party and MOU endpoints, each a list and a detail by slug."""

from django.db.models import Prefetch, Q

from meetings.models import Status
from sci_portal.api import ReadOnlyAPIViewSet

from .filters import MOUFilter, PartyFilter
from .models import MOU, Area, AreaCitation, MOUCitation, Party, PartyCitation, Signatory
from .serializers import AreaSerializer, MOUSerializer, PartySerializer


class AreaViewSet(ReadOnlyAPIViewSet):
    """Cooperation areas, by name."""

    serializer_class = AreaSerializer
    csv_fields = ("slug", "name", "description", "url")

    def get_queryset(self):
        return Area.objects.published().prefetch_related(
            Prefetch("citations", queryset=AreaCitation.objects.select_related("source"))
        )


class PartyViewSet(ReadOnlyAPIViewSet):
    """Organisations that sign MOUs or take part in projects, by name."""

    serializer_class = PartySerializer
    filterset_class = PartyFilter
    csv_fields = (
        "slug",
        "name",
        "short_name",
        "other_names",
        "country",
        "city",
        "kind",
        "parent.slug",
        "url",
    )

    def get_queryset(self):
        return (
            Party.objects.published()
            .select_related("parent")
            .prefetch_related(
                Prefetch("citations", queryset=PartyCitation.objects.select_related("source"))
            )
        )


class MOUViewSet(ReadOnlyAPIViewSet):
    """MOUs and other signed instruments, latest first."""

    serializer_class = MOUSerializer
    filterset_class = MOUFilter
    csv_fields = (
        "slug",
        "title",
        "short_title",
        "type",
        "signed_on",
        "signed_on_precision",
        "signed",
        "area.slug",
        "meeting.ordinal",
        "signatories.name",
        "signatories.party.slug",
        "signatories.side",
        "builds_on.slug",
        "url",
    )

    def get_queryset(self):
        # Only published related records: a signatory whose party is a draft is left out.
        published = Q(status=Status.PUBLISHED)
        return (
            MOU.objects.published()
            .select_related("area", "meeting", "builds_on")
            .prefetch_related(
                Prefetch(
                    "signatories",
                    queryset=Signatory.objects.filter(
                        Q(party__isnull=True) | Q(party__status=Status.PUBLISHED)
                    )
                    .select_related("party")
                    .order_by("order"),
                ),
                Prefetch("built_upon_by", queryset=MOU.objects.filter(published)),
                Prefetch("projects", queryset=self.related_projects()),
                Prefetch("citations", queryset=MOUCitation.objects.select_related("source")),
            )
        )

    @staticmethod
    def related_projects():
        # MOU.projects is the reverse of Project.related_mous; its model is reached
        # through the relation, as this app may not import projects.
        return MOU._meta.get_field("projects").related_model.objects.published()
