"""An Atom feed of newly published MOUs and projects.

In English at /feeds/latest.atom, in Chinese at /zh-hans/feeds/latest.atom
(titles, labels and links in that language; the records' own text as published).
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mous.models import MOU
from projects.models import Project

ITEMS = 30


class LatestRecordsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("SCI Portal: newly published MOUs and projects")
    subtitle = gettext_lazy(
        "MOUs and joint projects of the Singapore-China (Shenzhen) Smart City Initiative, "
        "as they are published in the portal's record."
    )

    def link(self) -> str:
        return reverse("home")

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
        if isinstance(item, MOU):
            return _("MOU: %(title)s") % {"title": item.title}
        return _("Project: %(name)s") % {"name": item.name}

    def item_description(self, item) -> str:
        # Feed readers render an Atom summary as HTML: record text must arrive as text.
        return escape(self._summary(item))

    def _summary(self, item) -> str:
        if isinstance(item, MOU):
            parties = _("; ").join(
                s.local_name
                for s in item.signatories.all()
                if s.party is None or s.party.is_published
            )
            return _("%(type)s signed %(date)s by %(parties)s.") % {
                "type": item.get_instrument_type_display(),
                "date": item.signed_display,
                "parties": parties,
            }
        return _("%(phase)s. %(description)s") % {
            "phase": item.phase_display,
            "description": item.description,
        }

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
