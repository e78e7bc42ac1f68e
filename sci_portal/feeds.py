"""An Atom feed of newly published MOUs and projects."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from mous.models import MOU
from projects.models import Project

ITEMS = 30


class LatestRecordsFeed(Feed):
    feed_type = Atom1Feed
    title = "SCI Portal: newly published MOUs and projects"
    subtitle = (
        "MOUs and joint projects of the Singapore-China (Shenzhen) Smart City Initiative, "
        "as they are published in the portal's record."
    )
    link = "/"

    def items(self) -> list:
        # Two queries plus one for the MOUs' signatories, however many records exist.
        mous = MOU.objects.published().exclude(published_at=None).with_related()
        projects = Project.objects.published().exclude(published_at=None).select_related("meeting")
        records = [
            *mous.order_by("-published_at")[:ITEMS],
            *projects.order_by("-published_at")[:ITEMS],
        ]
        records.sort(key=lambda record: record.published_at, reverse=True)
        return records[:ITEMS]

    def item_title(self, item) -> str:
        kind = "MOU" if isinstance(item, MOU) else "Project"
        return f"{kind}: {item.title if isinstance(item, MOU) else item.name}"

    def item_description(self, item) -> str:
        # Feed readers render an Atom summary as HTML: record text must arrive as text.
        return escape(self._summary(item))

    def _summary(self, item) -> str:
        if isinstance(item, MOU):
            parties = "; ".join(
                s.display_name
                for s in item.signatories.all()
                if s.party is None or s.party.is_published
            )
            kind = item.get_instrument_type_display()
            return f"{kind} signed {item.signed_display} by {parties}."
        return f"{item.phase_display}. {item.description}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
