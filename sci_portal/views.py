"""The home page (what the record holds, next to what the releases state) and site search."""

import dataclasses
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings.models import Meeting, chinese_page
from mous.filters import MOUFilter, PartyFilter
from mous.models import MOU, Area, Party
from projects.filters import ProjectFilter
from projects.models import Project

LATEST = 5
SEARCH_HITS = 8


@dataclasses.dataclass
class Bar:
    label: str
    value: int
    url: str = ""
    # "en" for a record's English name on a page in another language.
    lang: str = ""


@dataclasses.dataclass
class BarChart:
    """A horizontal bar chart drawn as inline SVG by the template, one row per bar."""

    slug: str
    title: str
    category: str
    unit: str
    bars: list[Bar]

    width = 400
    row_height = 44
    value_room = 36

    @property
    def height(self) -> int:
        return self.row_height * len(self.bars) + 4

    @property
    def rows(self) -> list[dict[str, Any]]:
        most = max((bar.value for bar in self.bars), default=0) or 1
        room = self.width - self.value_room
        rows = []
        for i, bar in enumerate(self.bars):
            top = i * self.row_height
            length = round(room * bar.value / most)
            rows.append(
                {
                    "bar": bar,
                    "label_y": top + 16,
                    "bar_y": top + 22,
                    "length": length,
                    "value_x": length + 6,
                    "value_y": top + 35,
                }
            )
        return rows

    @property
    def description(self) -> str:
        items = [
            _("%(label)s: %(value)s") % {"label": b.label, "value": b.value} for b in self.bars
        ]
        # Translators: the chart's values as a sentence, for screen readers.
        return _("%(items)s.") % {"items": _("; ").join(items)}


def _with_query(name: str, **params: Any) -> str:
    return reverse(name) + "?" + urlencode(params)


def counts_by(records: QuerySet, field: str) -> dict[int | None, int]:
    """How many of `records` each value of the foreign key `field` has, in one query."""
    return dict(records.order_by().values_list(field).annotate(n=Count("pk")))


def home(request: HttpRequest) -> HttpResponse:
    """The home page; at the root address, in the language the visitor chose.

    Only the root negotiates: a visitor whose language cookie (set by the
    switcher) or, failing that, browser asks for Chinese is sent to /zh-hans/.
    Every other page keeps one address per language.
    """
    if not translation.get_language_from_path(request.path_info):
        wanted = translation.get_language_from_request(request, check_path=False)
        if wanted != translation.get_language():
            response = redirect(translate_url(request.get_full_path(), wanted))
        else:
            response = _home(request)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response
    return _home(request)


def _home(request: HttpRequest) -> HttpResponse:
    mous = MOU.objects.published()
    projects = Project.objects.published()
    # Each count is one pass over its table, grouped: a count per meeting or area
    # as a subquery would scan the table once per row.
    mous_per_meeting = counts_by(mous, "meeting")
    projects_per_meeting = counts_by(projects, "meeting")
    mous_per_area = counts_by(mous, "area")
    meetings = list(Meeting.objects.published())
    for meeting in meetings:
        meeting.mou_count = mous_per_meeting.get(meeting.pk, 0)
        meeting.project_count = projects_per_meeting.get(meeting.pk, 0)
    phases = list(
        projects.values("phase").annotate(n=Count("pk")).order_by(F("phase").asc(nulls_last=True))
    )
    totals = {
        "mous": sum(mous_per_meeting.values()),
        "projects": sum(row["n"] for row in phases),
    }
    stated = next(
        (m for m in reversed(meetings) if m.stated_mou_total or m.stated_project_total), None
    )
    areas = Area.objects.published()
    by_area = sorted(
        (
            Bar(
                a.local_name,
                mous_per_area.get(a.pk, 0),
                _with_query("mous:list", area=a.slug),
                lang="en" if chinese_page() and not a.name_zh else "",
            )
            for a in areas
        ),
        key=lambda bar: (-bar.value, bar.label),
    )
    without_area = totals["mous"] - sum(bar.value for bar in by_area)
    if without_area:
        by_area.append(Bar(_("No area recorded"), without_area))
    by_meeting = [
        Bar(
            _("%(meeting)s (%(date)s)") % {"meeting": m, "date": m.date_display},
            m.mou_count,
            _with_query("mous:list", meeting=m.ordinal),
        )
        for m in meetings
    ]
    outside = totals["mous"] - sum(bar.value for bar in by_meeting)
    if outside:
        by_meeting.append(Bar(_("Not announced at a JIC meeting"), outside))
    by_phase = [
        Bar(
            _("Phase %(phase)s") % {"phase": row["phase"]},
            row["n"],
            _with_query("projects:list", phase=row["phase"]),
        )
        if row["phase"]
        else Bar(_("Phase unknown"), row["n"])
        for row in phases
    ]
    charts = [
        BarChart("mous-by-area", _("MOUs by cooperation area"), _("Area"), _("MOUs"), by_area),
        BarChart("mous-by-meeting", _("MOUs by JIC meeting"), _("Meeting"), _("MOUs"), by_meeting),
        BarChart("projects-by-phase", _("Projects by phase"), _("Phase"), _("Projects"), by_phase),
    ]
    context = {
        "meetings": meetings,
        "totals": totals,
        "stated": stated,
        "charts": charts,
        "latest_mous": mous.select_related("meeting").order_by("-published_at", "title")[:LATEST],
        "latest_projects": projects.select_related("meeting").order_by("-published_at", "name")[
            :LATEST
        ],
    }
    return render(request, "home.html", context)


def _hits(filterset_class, queryset: QuerySet, q: str) -> tuple[list, int]:
    matching = filterset_class({"q": q}, queryset=queryset).qs
    return list(matching[:SEARCH_HITS]), matching.count()


def search(request: HttpRequest) -> HttpResponse:
    """MOUs, projects and parties matching free text, each linking to its full filtered list."""
    form = MOUFilter(request.GET, queryset=MOU.objects.none()).form
    context: dict[str, Any] = {"q": request.GET.get("q", "").strip(), "errors": []}
    if not form.is_valid():
        context["errors"] = form.errors.get("q", [])
        return render(request, "search.html", context, status=400)
    q = context["q"]
    if q:
        context["sections"] = [
            {
                "title": _("MOUs"),
                "noun": pgettext("count noun", "MOUs"),
                "list_noun": pgettext("list noun", "MOUs"),
                "hits": _hits(MOUFilter, MOU.objects.published(), q),
                "more": _with_query("mous:list", q=q),
            },
            {
                "title": _("Projects"),
                "noun": pgettext("count noun", "projects"),
                "list_noun": pgettext("list noun", "projects"),
                "hits": _hits(ProjectFilter, Project.objects.published(), q),
                "more": _with_query("projects:list", q=q),
            },
            {
                "title": _("Parties"),
                "noun": pgettext("count noun", "parties"),
                "list_noun": pgettext("list noun", "parties"),
                "hits": _hits(PartyFilter, Party.objects.published(), q),
                "more": _with_query("parties:list", q=q),
            },
        ]
    return render(request, "search.html", context)
