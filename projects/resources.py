"""CSV/XLSX import and export of projects, their areas, partners and related MOUs,
and export of their parts."""

import re

from import_export import fields, widgets

from meetings.models import Meeting, Source
from meetings.resources import (
    CitationResource,
    PartialDateField,
    PartResource,
    PublishableResource,
    RecordResource,
    ReferenceField,
    ReferencesWidget,
    chinese_columns,
    translation_status_field,
)
from mous.models import MOU, Area, Party
from mous.resources import KnownNamesWidget, resolve_known_name

from .models import Milestone, Project, ProjectCitation, ProjectPartner


class PartnersWidget(widgets.Widget):
    """A project's partners in order, separated by ';', each by slug or known name."""

    def clean(self, value, row=None, **kwargs) -> list[Party]:
        names = [name.strip() for name in re.split(r"[;\n]", str(value or "")) if name.strip()]
        parties = [resolve_known_name(Party, name) for name in names]
        if len({party.pk for party in parties}) != len(parties):
            raise ValueError("A partner is listed twice.")
        return parties

    def render(self, value, obj=None, **kwargs) -> str:
        return "; ".join(party.slug for party in value or [])


class PartnersField(fields.Field):
    """The partners column: applied after the project is saved; a kept partner keeps its role."""

    def __init__(self) -> None:
        super().__init__(attribute="partners", column_name="partners", widget=PartnersWidget())

    def get_value(self, project: Project) -> list[Party]:
        pending = getattr(project, "_imported_partners", None)
        if pending is not None:
            return pending
        if project.pk is None:
            return []
        return [partnership.party for partnership in project.partnerships.all()]

    def save(self, project: Project, row, is_m2m=False, **kwargs) -> None:
        project._imported_partners = self.clean(row, **kwargs)


class ProjectResource(PublishableResource):
    areas = fields.Field(attribute="areas", column_name="areas", widget=KnownNamesWidget(Area))
    meeting = ReferenceField("meeting", Meeting, "ordinal")
    related_mous = fields.Field(
        attribute="related_mous",
        column_name="related_mous",
        widget=ReferencesWidget(MOU, "slug"),
    )
    partners = PartnersField()
    description_zh_status = translation_status_field("description")

    class Meta(RecordResource.Meta):
        model = Project
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "phase",
            "number",
            "description",
            *chinese_columns("description"),
            "areas",
            "meeting",
            "partners",
            "related_mous",
            "status",
            "published_at",
        ]

    def before_import_row(self, row, **kwargs) -> None:
        self.slug_from(row, "name")

    def filter_export(self, queryset, **kwargs):
        # What the columns show, fetched in a fixed number of queries (replacing
        # whatever the admin list prefetched for itself).
        return queryset.prefetch_related(None).with_related().prefetch_related("related_mous")

    def after_save_instance(self, project: Project, row, **kwargs) -> None:
        wanted = getattr(project, "_imported_partners", None)
        if wanted is None:
            return
        current = {p.party_id: p for p in project.partnerships.all()}
        for party_id, partnership in current.items():
            if party_id not in {party.pk for party in wanted}:
                self.mark_change(partnership, **kwargs)
                partnership.delete()
        for order, party in enumerate(wanted, 1):
            partnership = current.get(party.pk) or ProjectPartner(project=project, party=party)
            if partnership.pk and partnership.order == order:
                continue
            partnership.order = order
            self.mark_change(partnership, **kwargs)
            partnership.save()


class ProjectPartnerResource(PartResource):
    project = ReferenceField("project", Project)
    party = ReferenceField("party", Party)

    class Meta:
        model = ProjectPartner
        fields = ["project", "order", "party", "role"]


class MilestoneResource(PartResource):
    project = ReferenceField("project", Project)
    date = PartialDateField("date")
    source = ReferenceField("source", Source)

    class Meta:
        model = Milestone
        fields = [
            "project",
            "order",
            "date",
            "planned",
            "text",
            "figures",
            "source",
            "locator",
            "quote",
        ]


class ProjectCitationResource(CitationResource):
    project = ReferenceField("project", Project)

    class Meta:
        model = ProjectCitation
        fields = ["project", "source", "locator", "quote"]
