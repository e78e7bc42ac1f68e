"""The public pages of joint projects."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from meetings.models import Meeting
from meetings.views import (
    PUBLISHED,
    FacetChoice,
    FilteredListView,
    RecordDetailView,
    citation_text,
    count_of,
    first_source,
    with_sources,
)
from mous.models import MOU, Area
from mous.views import party_facet

from .filters import ProjectFilter
from .models import Milestone, Project, ProjectPartner


def _public_partnerships() -> QuerySet:
    """A project's partners in order, leaving out parties not yet published."""
    return (
        ProjectPartner.objects.filter(party__status=PUBLISHED)
        .select_related("party")
        .order_by("order", "id")
    )


class ProjectListView(FilteredListView):
    noun = pgettext_lazy("count noun", "project")
    noun_plural = pgettext_lazy("count noun", "projects")
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    filterset_class = ProjectFilter
    facets = {
        "phase": gettext_lazy("Any phase"),
        "area": gettext_lazy("Any area"),
        "meeting": gettext_lazy("Any meeting"),
        "party": gettext_lazy("Any partner"),
    }
    ordering_labels = {
        "": gettext_lazy("By phase and number (default)"),
        "phase": gettext_lazy("Phase, earliest first"),
        "-phase": gettext_lazy("Phase, latest first"),
        "number": gettext_lazy("Number in its phase"),
        "-number": gettext_lazy("Number in its phase, descending"),
        "name": gettext_lazy("Name, A to Z"),
        "-name": gettext_lazy("Name, Z to A"),
    }
    export_name = "projects"
    export_columns = (
        ("slug", lambda p: p.slug),
        ("name", lambda p: p.name),
        ("phase", lambda p: p.phase),
        ("number", lambda p: p.number),
        ("areas", lambda p: "; ".join(a.name for a in p.areas.all() if a.is_published)),
        (
            "meeting",
            lambda p: p.meeting.ordinal if p.meeting and p.meeting.is_published else None,
        ),
        (
            "partners",
            lambda p: "; ".join(
                pp.party.name for pp in p.partnerships.all() if pp.party.is_published
            ),
        ),
        ("description", lambda p: p.description),
    )

    def published(self) -> QuerySet:
        return Project.objects.published().with_related()

    def facet_phase(self, matching: QuerySet) -> list[FacetChoice]:
        rows = (
            Project.objects.published()
            .exclude(phase=None)
            .values("phase")
            .annotate(n=Count("pk", filter=Q(pk__in=matching)))
            .order_by("phase")
        )
        return [
            FacetChoice(str(r["phase"]), _("Phase %(phase)s") % {"phase": r["phase"]}, r["n"])
            for r in rows
        ]

    def facet_area(self, matching: QuerySet) -> list[FacetChoice]:
        areas = Area.objects.published().annotate(n=count_of(matching, "areas"))
        return [FacetChoice(a.slug, a.local_name, a.n, a.local_name_lang) for a in areas]

    def facet_meeting(self, matching: QuerySet) -> list[FacetChoice]:
        meetings = Meeting.objects.published().annotate(n=count_of(matching, "meeting"))
        return [FacetChoice(str(m.ordinal), str(m), m.n) for m in meetings]

    def facet_party(self, matching: QuerySet) -> list[FacetChoice]:
        return party_facet(ProjectPartner.objects, "project", matching, self.chosen("party"))


class ProjectDetailView(RecordDetailView):
    model = Project
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def with_related(self, records: QuerySet) -> QuerySet:
        return records.select_related("meeting").prefetch_related(
            Prefetch("areas", queryset=Area.objects.published(), to_attr="public_areas"),
            Prefetch("partnerships", queryset=_public_partnerships()),
            Prefetch(
                "related_mous",
                queryset=MOU.objects.published().select_related("meeting"),
                to_attr="public_mous",
            ),
            Prefetch("milestones", queryset=Milestone.objects.select_related("source")),
            with_sources(Project),
        )

    def citation(self, permalink: str) -> str:
        project = self.object
        launched = ""
        if project.meeting and project.meeting.is_published:
            launched = _("Launched at the %(meeting)s (%(date)s)") % {
                "meeting": project.meeting,
                "date": project.meeting.date_display,
            }
        return citation_text(
            title=_("%(name)s (%(phase)s)")
            % {"name": project.name, "phase": project.phase_display},
            parties=[pp.party.local_name for pp in project.partnerships.all()],
            date=launched,
            source=first_source(project),
            permalink=permalink,
        )
