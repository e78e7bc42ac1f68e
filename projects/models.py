"""Joint projects of the initiative and their milestones."""

from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from meetings.models import (
    ChineseDescription,
    Citation,
    CitationManager,
    Meeting,
    Precision,
    Publishable,
    PublishableManager,
    PublishableQuerySet,
    Source,
    Status,
    clean_partial_date,
    format_partial_date,
    is_postgresql,
    iso_partial_date,
    normalised_date_constraint,
    precision_constraint,
    publishable_history,
    translation_constraints,
    validate_json_without_nul,
)
from mous.models import (
    CJK,
    MOU,
    TEXT_CONFIG,
    Area,
    Party,
    WithoutSearchVector,
    has_party_among,
    names_of,
    search_query,
)


class ProjectQuerySet(PublishableQuerySet):
    def for_area(self, area):
        return self.filter(areas=area)

    def with_partner(self, parties):
        """Projects in which any of the given parties (a queryset) takes part."""
        return self.filter(
            Exists(ProjectPartner.objects.filter(project=OuterRef("pk"), party__in=parties))
        )

    def search(self, text: str):
        """Projects matching free text in the name, a partner's names or the description.

        On PostgreSQL a weighted full-text search over the stored document
        annotates `rank` (name above partners' names above description);
        elsewhere a plain case-insensitive match.
        """
        if not is_postgresql(self):
            # Only published parties' names: a draft partner's name must not find its projects.
            partners = Party.objects.published().search(text)
            return self.filter(
                Q(name__icontains=text)
                | Q(description__icontains=text)
                | has_party_among(ProjectPartner.objects, "project", partners)
            )
        query = search_query(text)
        matches = Q(search_vector=query)
        if CJK.search(text):
            named = Party.objects.published().filter(name_zh__icontains=text)
            matches |= has_party_among(ProjectPartner.objects, "project", named)
        return self.filter(matches).annotate(rank=SearchRank(models.F("search_vector"), query))

    def refresh_search_vectors(self) -> int:
        """Recompute the stored search document of these projects (PostgreSQL only)."""
        if not is_postgresql(self):
            return 0
        return self.update(
            search_vector=SearchVector("name", weight="A", config=TEXT_CONFIG)
            + SearchVector(
                names_of(ProjectPartner.objects, "project"), weight="B", config=TEXT_CONFIG
            )
            + SearchVector("description", weight="C", config=TEXT_CONFIG)
        )

    def with_related(self):
        """What a list of projects shows, fetched in a fixed number of queries."""
        return self.select_related("meeting").prefetch_related(
            "areas",
            models.Prefetch(
                "partnerships", queryset=ProjectPartner.objects.select_related("party")
            ),
        )


class ProjectManager(WithoutSearchVector, PublishableManager.from_queryset(ProjectQuerySet)):
    pass


class Project(ChineseDescription, Publishable):
    """A joint project launched under the initiative, in a numbered phase."""

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    phase = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Blank when no source says which phase."
    )
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Its number in the phase's published list, if numbered."
    )
    description = models.TextField(blank=True, help_text="The description as published.")
    areas = models.ManyToManyField(Area, blank=True, related_name="projects")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        help_text="The JIC meeting it was launched at, where a source says.",
    )
    related_mous = models.ManyToManyField(MOU, blank=True, related_name="projects")
    sources = models.ManyToManyField(Source, through="ProjectCitation", related_name="projects")
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = ProjectManager()
    history = publishable_history(m2m_fields=["areas", "related_mous"])

    class Meta:
        ordering = [models.F("phase").asc(nulls_last=True), "number", "name"]
        permissions = [("publish_project", "Can publish and unpublish projects")]
        # The default ordering is served by the unique (phase, number) index;
        # `name` ordering by this one. The GIN index on search_vector is
        # PostgreSQL-only: migration 0003.
        indexes = [
            models.Index(fields=["name"], name="project_name_idx"),
            # The home page's latest projects.
            models.Index(
                fields=["-published_at", "name"],
                condition=Q(status=Status.PUBLISHED),
                name="project_published_latest_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__isnull=True) | Q(phase__gt=0),
                name="project_phase_gt_0",
                violation_error_message="Phases are numbered from 1.",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gt=0),
                name="project_number_gt_0",
                violation_error_message="Projects are numbered from 1 in their phase.",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(phase__isnull=False),
                name="project_number_needs_phase",
                violation_error_message="A project numbered in a phase needs its phase.",
            ),
            models.UniqueConstraint(
                fields=["phase", "number"],
                name="project_unique_phase_number",
                violation_error_message="Another project already has this number in this phase.",
            ),
            *translation_constraints("description", "project"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.number is not None and self.phase is None:
            raise ValidationError({"phase": "A project numbered in a phase needs its phase."})

    @property
    def phase_display(self) -> str:
        if self.phase:
            return gettext("Phase %(phase)s") % {"phase": self.phase}
        return gettext("Phase unknown")


@receiver(pre_save, sender=Project)
def skip_history_of_loaded_data(sender, instance: Project, raw: bool, **kwargs) -> None:
    """Loading fixtures (a raw save) writes no history, not even for its areas and MOUs.

    Simple-history skips raw saves itself, but not the many-to-many rows that
    loaddata sets afterwards.
    """
    if raw:
        instance.skip_history_when_saving = True


class ProjectPartnerManager(models.Manager):
    def get_by_natural_key(self, project_slug, party_slug):
        return self.get(project__slug=project_slug, party__slug=party_slug)


class ProjectPartner(models.Model):
    """A party taking part in a project, with the part the source gives it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(max_length=300, blank=True, help_text="What the source says it does.")
    order = models.PositiveSmallIntegerField(default=1)

    objects = ProjectPartnerManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "party"], name="projectpartner_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.party} in {self.project}"

    def natural_key(self):
        return (self.project.slug, self.party.slug)

    natural_key.dependencies = ["projects.project", "mous.party"]


class MilestoneManager(models.Manager):
    def get_by_natural_key(self, project_slug, order):
        return self.get(project__slug=project_slug, order=order)


class Milestone(models.Model):
    """A dated event or reported figure of a project, as one source states it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField(default=1)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=7, choices=Precision.choices, default=Precision.DAY
    )
    text = models.TextField()
    planned = models.BooleanField(
        default=False, help_text="Announced as still to come when the source was published."
    )
    figures = models.JSONField(
        default=list,
        blank=True,
        help_text='Figures the source gives: [{"label": "partners", "value": 13}, …]',
        validators=[validate_json_without_nul],
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="milestones")
    locator = models.CharField(max_length=100, blank=True)
    quote = models.TextField(blank=True)

    objects = MilestoneManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="milestone_unique_order"),
            precision_constraint("date", "milestone_date_precision_valid"),
            normalised_date_constraint("date", "milestone_date_normalised"),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.date_display}"

    def natural_key(self):
        return (self.project.slug, self.order)

    natural_key.dependencies = ["projects.project", "meetings.source"]

    def clean(self) -> None:
        clean_partial_date(self, "date")

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    @property
    def date_iso(self) -> str | None:
        return iso_partial_date(self.date, self.date_precision)


class ProjectCitationManager(CitationManager):
    record_field = "project"


class ProjectCitation(Citation):
    """A source that states facts about a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="citations")

    objects = ProjectCitationManager()
    history = HistoricalRecords()

    class Meta(Citation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source", "locator"], name="projectcitation_unique"
            ),
        ]

    def natural_key(self):
        return (self.project.natural_key(), self.source.slug, self.locator)

    natural_key.dependencies = ["projects.project", "meetings.source"]
