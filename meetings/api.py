"""The API's meeting endpoints: /api/v1/meetings/ and /api/v1/meetings/<ordinal>/."""

from django.db.models import Prefetch

from sci_portal.api import ReadOnlyAPIViewSet

from .filters import MeetingFilter
from .models import Meeting, MeetingCitation
from .serializers import MeetingSerializer


class MeetingViewSet(ReadOnlyAPIViewSet):
    """JIC meetings, oldest first; a meeting by its ordinal (3 for the 3rd)."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    lookup_field = "ordinal"
    lookup_value_regex = r"[0-9]+"
    lookup_type = int
    lookup_description = "The meeting's ordinal: 3 for the 3rd JIC meeting."
    csv_fields = (
        "ordinal",
        "name",
        "date",
        "date_precision",
        "date_iso",
        "place",
        "stated_mou_total",
        "stated_project_total",
        "co_chairs.name",
        "url",
    )

    def get_queryset(self):
        return Meeting.objects.published().prefetch_related(
            "co_chairs",
            Prefetch("citations", queryset=MeetingCitation.objects.select_related("source")),
        )
