"""The home page: what the record holds, next to what the releases state."""

from django.db.models import Count, Q
from django.shortcuts import render

from meetings.models import Meeting, Status
from mous.models import MOU
from projects.models import Project


def home(request):
    published = Q(status=Status.PUBLISHED)
    meetings = list(
        Meeting.objects.published().annotate(
            mou_count=Count("mous", filter=Q(mous__status=Status.PUBLISHED), distinct=True),
            project_count=Count(
                "projects", filter=Q(projects__status=Status.PUBLISHED), distinct=True
            ),
        )
    )
    totals = {
        "mous": MOU.objects.filter(published).count(),
        "projects": Project.objects.filter(published).count(),
    }
    stated = next(
        (m for m in reversed(meetings) if m.stated_mou_total or m.stated_project_total), None
    )
    return render(request, "home.html", {"meetings": meetings, "totals": totals, "stated": stated})
