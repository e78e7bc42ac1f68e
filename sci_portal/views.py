"""The home page (what the record holds, next to what the releases state) and site search."""

import dataclasses
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from meetings.models import Meeting
from meetings.views import count_of
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
        return "; ".join(f"{bar.label}: {bar.value}" for bar in self.bars) + "."


def _with_query(name: str, **params: Any) -> str:
    return reverse(name) + "?" + urlencode(params)


def home(request: HttpRequest) -> HttpResponse:
    mous = MOU.objects.published()
    projects = Project.objects.published()
    meetings = list(
        Meeting.objects.published().annotate(
            mou_count=count_of(mous, "meeting"), project_count=count_of(projects, "meeting")
        )
    )
    totals = {"mous": mous.count(), "projects": projects.count()}
    stated = next(
        (m for m in reversed(meetings) if m.stated_mou_total or m.stated_project_total), None
    )
    areas = Area.objects.published().annotate(mou_count=count_of(mous, "area"))
    by_area = sorted(
        (Bar(a.name, a.mou_count, _with_query("mous:list", area=a.slug)) for a in areas),
        key=lambda bar: (-bar.value, bar.label),
    )
    without_area = totals["mous"] - sum(bar.value for bar in by_area)
    if without_area:
        by_area.append(Bar("No area recorded", without_area))
    by_meeting = [
        Bar(f"{m} ({m.date_display})", m.mou_count, _with_query("mous:list", meeting=m.ordinal))
        for m in meetings
    ]
    outside = totals["mous"] - sum(bar.value for bar in by_meeting)
    if outside:
        by_meeting.append(Bar("Not announced at a JIC meeting", outside))
    phases = (
        projects.values("phase").annotate(n=Count("pk")).order_by(F("phase").asc(nulls_last=True))
    )
    by_phase = [
        Bar(f"Phase {row['phase']}", row["n"], _with_query("projects:list", phase=row["phase"]))
        if row["phase"]
        else Bar("Phase unknown", row["n"])
        for row in phases
    ]
    charts = [
        BarChart("mous-by-area", "MOUs by cooperation area", "Area", "MOUs", by_area),
        BarChart("mous-by-meeting", "MOUs by JIC meeting", "Meeting", "MOUs", by_meeting),
        BarChart("projects-by-phase", "Projects by phase", "Phase", "Projects", by_phase),
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
                "title": "MOUs",
                "noun": "MOUs",
                "hits": _hits(MOUFilter, MOU.objects.published(), q),
                "more": _with_query("mous:list", q=q),
            },
            {
                "title": "Projects",
                "noun": "projects",
                "hits": _hits(ProjectFilter, Project.objects.published(), q),
                "more": _with_query("projects:list", q=q),
            },
            {
                "title": "Parties",
                "noun": "parties",
                "hits": _hits(PartyFilter, Party.objects.published(), q),
                "more": _with_query("parties:list", q=q),
            },
        ]
    return render(request, "search.html", context)
