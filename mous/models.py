"""Cooperation areas, the organisations that sign, and the instruments they sign."""

import re

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from meetings.models import (
    ChineseDescription,
    ChineseNamed,
    Citation,
    CitationManager,
    Meeting,
    Precision,
    Publishable,
    PublishableManager,
    PublishableQuerySet,
    SlugNaturalKeyManager,
    Source,
    Status,
    chinese_name_constraint,
    clean_partial_date,
    format_partial_date,
    is_postgresql,
    iso_partial_date,
    normalised_date_constraint,
    partial_date_bounds,
    precision_constraint,
    publishable_history,
    translation_constraints,
)

# Full-text search on PostgreSQL reads a stored, GIN-indexed document per record
# (`search_vector`), kept current by the signal handlers in signals.py. A match
# in the title counts most (weight A), then a party's names (B), then the
# description (C): PostgreSQL's default rank weights for A, B and C.
# Titles and descriptions are English prose; names are matched word for word.
TEXT_CONFIG = "english"
NAME_CONFIG = "simple"


WORD = re.compile(r"[^\W_]+")
# Chinese (CJK) characters: the full-text documents hold English words, so text in
# Chinese is matched against the parties' Chinese names as text instead.
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Quotes, a leading minus or "or" make the text a web-search expression.
OPERATORS = re.compile(r'"|(^|\s)-|\bor\b', re.IGNORECASE)


def search_query(text: str, config: str = TEXT_CONFIG) -> SearchQuery:
    """The user's free text as a full-text query.

    Web-search syntax ("a phrase", or, -word) with `config`'s stemming; plain
    words also match by their start (Tsing finds Tsinghua), as the simple
    case-insensitive match does on SQLite. Words under three letters match whole.
    """
    query = SearchQuery(text, search_type="websearch", config=config)
    words = WORD.findall(text)
    if words and not OPERATORS.search(text):
        prefixes = " & ".join(f"{w}:*" if len(w) >= 3 else w for w in words)
        query |= SearchQuery(prefixes, search_type="raw", config=NAME_CONFIG)
    return query


def names_of(partners: models.QuerySet, record: str) -> Subquery:
    """Every name (full, short, other) of the parties in `partners`, per `record`, as one text.

    `partners` is a queryset of rows with a `party` foreign key and a `record`
    foreign key (Signatory and `mou`, ProjectPartner and `project`).
    """
    names = Concat(
        "party__name",
        Value(" "),
        "party__short_name",
        Value(" "),
        "party__other_names",
        output_field=models.TextField(),
    )
    return Subquery(
        # Published parties only: a draft party's names must not find the records it is on.
        partners.filter(**{record: OuterRef("pk")}, party__status=Status.PUBLISHED)
        .order_by()
        .values(record)
        .annotate(names=StringAgg(names, delimiter=" "))
        .values("names")
    )


def has_party_among(partners: models.QuerySet, record: str, parties: models.QuerySet) -> Exists:
    """Whether the outer `record` has a row in `partners` whose party is one of `parties`.

    `partners` as for names_of: Signatory and `mou`, ProjectPartner and `project`.
    """
    return Exists(partners.filter(**{record: OuterRef("pk")}, party__in=parties.values("pk")))


class AreaQuerySet(PublishableQuerySet):
    def known_as(self, text: str):
        """Areas whose slug or name is the text (any case)."""
        text = text.strip()
        return self.filter(Q(slug=text) | Q(name__iexact=text))


class AreaManager(SlugNaturalKeyManager.from_queryset(AreaQuerySet)):
    pass


class PartyQuerySet(PublishableQuerySet):
    def known_as(self, text: str):
        """Parties whose slug, name, short name or one of whose other names is the text.

        Names match in any case; an other name must be a whole line of `other_names`.
        """
        text = text.strip()
        if not text:
            return self.none()
        candidates = self.filter(
            Q(slug=text)
            | Q(name__iexact=text)
            | Q(short_name__iexact=text)
            | Q(other_names__icontains=text)
        )
        wanted = text.casefold()
        pks = [
            party.pk
            for party in candidates.only("slug", "name", "short_name", "other_names")
            if wanted in {party.slug.casefold(), *(name.casefold() for name in party.all_names)}
        ]
        return self.filter(pk__in=pks)

    def search(self, text: str):
        """Parties whose name, short name or any other name matches the text."""
        if is_postgresql(self):
            return self.filter(
                Q(search_vector=search_query(text, NAME_CONFIG))
                | Q(name__icontains=text)
                | Q(other_names__icontains=text)
                | Q(name_zh__icontains=text)
            )
        return self.filter(
            Q(name__icontains=text)
            | Q(short_name__icontains=text)
            | Q(other_names__icontains=text)
            | Q(name_zh__icontains=text)
        )

    def refresh_search_vectors(self) -> int:
        """Recompute the stored search document of these parties (PostgreSQL only)."""
        if not is_postgresql(self):
            return 0
        return self.update(
            search_vector=SearchVector("name", "short_name", "other_names", config=NAME_CONFIG)
        )


class WithoutSearchVector:
    """Manager mix-in: records load without their search document, which only SQL reads."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class PartyManager(WithoutSearchVector, SlugNaturalKeyManager.from_queryset(PartyQuerySet)):
    pass


class Area(ChineseNamed, ChineseDescription, Publishable):
    """A cooperation area of the initiative (Digital Trade, Innovation and Entrepreneurship…)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, through="AreaCitation", related_name="areas")

    objects = AreaManager()
    history = publishable_history()

    class Meta:
        ordering = ["name"]
        permissions = [("publish_area", "Can publish and unpublish areas")]
        constraints = [
            chinese_name_constraint("area_name_zh_has_source"),
            *translation_constraints("description", "area"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("areas:detail", args=[self.slug])


class AreaCitationManager(CitationManager):
    record_field = "area"


class AreaCitation(Citation):
    """A source that names a cooperation area."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="citations")

    objects = AreaCitationManager()
    history = HistoricalRecords()

    class Meta(Citation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["area", "source", "locator"], name="areacitation_unique"
            ),
        ]

    def natural_key(self):
        return (self.area.natural_key(), self.source.slug, self.locator)

    natural_key.dependencies = ["mous.area", "meetings.source"]


class Party(ChineseNamed, ChineseDescription, Publishable):
    """An organisation that signs MOUs or takes part in projects."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        STATUTORY_BOARD = "statutory_board", _("Statutory board")
        COMPANY = "company", _("Company")
        GROUP = "group", _("Group of companies")
        BANK = "bank", _("Bank")
        BANK_BRANCH = "bank_branch", _("Bank branch")
        UNIVERSITY = "university", _("University")
        RESEARCH_LAB = "research_lab", _("Research lab")
        INCUBATOR = "incubator", _("Incubator or accelerator")
        DISPUTE_RESOLUTION = "dispute_resolution", _("Dispute-resolution body")
        LIBRARY = "library", _("Library")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Unknown")

    name = models.CharField(
        max_length=300, unique=True, help_text="The fullest name a source uses."
    )
    slug = models.SlugField(max_length=200, unique=True)
    short_name = models.CharField(max_length=100, blank=True, help_text="Acronym: IMDA, NUS…")
    other_names = models.TextField(
        blank=True, help_text="Other names the sources use for it, one a line."
    )
    country = CountryField(blank=True, help_text="Blank when no source says.")
    city = models.CharField(max_length=100, blank=True, help_text="Blank when no source says.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The organisation it is part of, where a source says so.",
    )
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, through="PartyCitation", related_name="parties")
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = PartyManager()
    history = publishable_history()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        permissions = [("publish_party", "Can publish and unpublish parties")]
        # The `country` and `kind` filters; `name` is unique, so already indexed.
        # The GIN index on search_vector is PostgreSQL-only: migration 0003.
        indexes = [
            models.Index(fields=["country", "name"], name="party_country_name_idx"),
            models.Index(fields=["kind", "name"], name="party_kind_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="party_not_own_parent",
                violation_error_message="An organisation cannot be part of itself.",
            ),
            chinese_name_constraint("party_name_zh_has_source"),
            *translation_constraints("description", "party"),
        ]

    def __str__(self) -> str:
        return self.name

    # The names are remembered as loaded, so that a save knows whether the
    # search documents of the party's MOUs and projects need recomputing.
    NAME_FIELDS = ("name", "short_name", "other_names")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = dict(zip(field_names, values, strict=True))
        instance._loaded_names = tuple(loaded.get(f) for f in cls.NAME_FIELDS)
        return instance

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)  # post_save handlers read names_changed
        self._loaded_names = self._current_names()

    def _current_names(self) -> tuple[str, ...]:
        return tuple(getattr(self, f) for f in self.NAME_FIELDS)

    @property
    def names_changed(self) -> bool:
        """False only when the names are those last loaded or saved (a new party: True)."""
        return getattr(self, "_loaded_names", None) != self._current_names()

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("parties:detail", args=[self.slug])

    @property
    def other_names_list(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    @property
    def all_names(self) -> list[str]:
        names = [self.name, *self.other_names_list]
        if self.short_name:
            names.insert(1, self.short_name)
        return names

    def clean(self) -> None:
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "An organisation cannot be part of itself."})
            ancestor = ancestor.parent


class PartyCitationManager(CitationManager):
    record_field = "party"


class PartyCitation(Citation):
    """A source that names a party."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="citations")

    objects = PartyCitationManager()
    history = HistoricalRecords()

    class Meta(Citation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["party", "source", "locator"], name="partycitation_unique"
            ),
        ]

    def natural_key(self):
        return (self.party.natural_key(), self.source.slug, self.locator)

    natural_key.dependencies = ["mous.party", "meetings.source"]


# An instrument is between two parties or more: fewer, and it is no MOU (and is never published).
MIN_PARTIES = 2


class MOUQuerySet(PublishableQuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def signed_by(self, parties):
        """MOUs that any of the given parties (a queryset) signed, without duplicates."""
        return self.filter(Exists(Signatory.objects.filter(mou=OuterRef("pk"), party__in=parties)))

    def search(self, text: str):
        """MOUs matching free text in the title, a party's names or the description.

        On PostgreSQL a weighted full-text search over the stored document
        annotates `rank` (title above party names above description); elsewhere
        a plain case-insensitive match.
        """
        if not is_postgresql(self):
            # Only published parties' names: a draft party's name must not find the MOUs it signed.
            return self.filter(
                Q(title__icontains=text)
                | Q(short_title__icontains=text)
                | Q(description__icontains=text)
                | has_party_among(Signatory.objects, "mou", Party.objects.published().search(text))
            )
        query = search_query(text)
        matches = Q(search_vector=query)
        if CJK.search(text):
            named = Party.objects.published().filter(name_zh__icontains=text)
            matches |= has_party_among(Signatory.objects, "mou", named)
        return self.filter(matches).annotate(rank=SearchRank(models.F("search_vector"), query))

    def refresh_search_vectors(self) -> int:
        """Recompute the stored search document of these MOUs (PostgreSQL only)."""
        if not is_postgresql(self):
            return 0
        return self.update(
            search_vector=SearchVector("title", "short_title", weight="A", config=TEXT_CONFIG)
            + SearchVector(names_of(Signatory.objects, "mou"), weight="B", config=TEXT_CONFIG)
            + SearchVector("description", weight="C", config=TEXT_CONFIG)
        )

    def with_related(self):
        """What a list of MOUs shows, fetched in a fixed number of queries."""
        return self.select_related("area", "meeting", "builds_on").prefetch_related(
            models.Prefetch(
                "signatories", queryset=Signatory.objects.select_related("party").order_by("order")
            )
        )


class MOUManager(WithoutSearchVector, PublishableManager.from_queryset(MOUQuerySet)):
    pass


class MOU(ChineseDescription, Publishable):
    """A signed instrument (MOU, Memorandum of Intent, Protocol…) between two or more parties."""

    class InstrumentType(models.TextChoices):
        MOU = "mou", _("Memorandum of Understanding")
        MOI = "moi", _("Memorandum of Intent")
        PROTOCOL = "protocol", _("Protocol")
        STRATEGIC_COOPERATION = "strategic_cooperation", _("Memorandum of Strategic Cooperation")
        MEDIATION_ARBITRATION_PROTOCOL = (
            "mediation_arbitration_protocol",
            _("Mediation-Arbitration Protocol"),
        )
        OTHER = "other", _("Other")

    title = models.CharField(max_length=500, help_text="The title as published.")
    title_is_official = models.BooleanField(
        default=True,
        help_text="Unticked where no source held gives the official title and the title "
        "describes the instrument in the source's words.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    short_title = models.CharField(
        max_length=200, blank=True, help_text="A short label for lists, e.g. 'IMDA–TusStar'."
    )
    instrument_type = models.CharField(max_length=40, choices=InstrumentType.choices)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="mous"
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mous",
        help_text="The JIC meeting it was announced at; blank for earlier instruments.",
    )
    signed_on = models.DateField(null=True, blank=True)
    signed_on_precision = models.CharField(
        max_length=7, choices=Precision.choices, default=Precision.DAY
    )
    description = models.TextField(blank=True, help_text="The description as published.")
    builds_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="built_upon_by",
        help_text="The earlier instrument this one extends.",
    )
    sources = models.ManyToManyField(Source, through="MOUCitation", related_name="mous")
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = MOUManager()
    history = publishable_history()

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = "MOU"
        verbose_name_plural = "MOUs"
        permissions = [("publish_mou", "Can publish and unpublish MOUs")]
        # The list's orderings (default, title), and its area, meeting and type
        # filters each with the default ordering, so that a filtered page is
        # read in order from one index. The filter indexes hold published rows
        # only (what every public list asks for): small enough that counts and
        # facet counts are index-only scans. Plans at scale: bench/README.md.
        # The GIN index on search_vector is PostgreSQL-only: migration 0003.
        indexes = [
            models.Index(fields=["-signed_on", "title"], name="mou_signed_title_idx"),
            models.Index(fields=["title"], name="mou_title_idx"),
            models.Index(
                fields=["area", "-signed_on", "title"],
                condition=Q(status=Status.PUBLISHED),
                name="mou_published_area_idx",
            ),
            models.Index(
                fields=["meeting", "-signed_on", "title"],
                condition=Q(status=Status.PUBLISHED),
                name="mou_published_meeting_idx",
            ),
            models.Index(
                fields=["instrument_type", "-signed_on", "title"],
                condition=Q(status=Status.PUBLISHED),
                name="mou_published_type_idx",
            ),
            # The home page's latest MOUs.
            models.Index(
                fields=["-published_at", "title"],
                condition=Q(status=Status.PUBLISHED),
                name="mou_published_latest_idx",
            ),
        ]
        constraints = [
            precision_constraint("signed_on", "mou_signed_on_precision_valid"),
            normalised_date_constraint("signed_on", "mou_signed_on_normalised"),
            models.CheckConstraint(
                condition=~Q(builds_on=models.F("id")),
                name="mou_not_built_on_itself",
                violation_error_message="An instrument cannot build on itself.",
            ),
            *translation_constraints("description", "mou"),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("mous:detail", args=[self.slug])

    @property
    def signed_display(self) -> str:
        return format_partial_date(self.signed_on, self.signed_on_precision)

    @property
    def signed_iso(self) -> str | None:
        return iso_partial_date(self.signed_on, self.signed_on_precision)

    def publication_problem(self, parties: int | None = None) -> str:
        """Why it may not be published ("" when it may): an MOU is public with two parties or more.

        `parties` is how many it will have (an admin form's rows); by default,
        how many it has stored.
        """
        if parties is None:
            # The stored rows, even on a version read from the history (a revert).
            parties = Signatory.objects.filter(mou_id=self.pk).count() if self.pk else 0
        if parties >= MIN_PARTIES:
            return ""
        return (
            f"“{self}” has {parties} "
            f"{'party' if parties == 1 else 'parties'}: an MOU is published only with "
            "at least two. Add its signatories first."
        )

    def clean(self) -> None:
        super().clean()
        clean_partial_date(self, "signed_on")
        if self.signed_after_meeting():
            meeting = self.meeting
            raise ValidationError(
                {
                    "signed_on": (
                        f"An MOU announced at the {meeting} ({meeting.date_display}) "
                        "cannot be signed after it."
                    )
                }
            )
        if self.builds_on_id and self.pk and self.builds_on_id == self.pk:
            raise ValidationError({"builds_on": "An instrument cannot build on itself."})

    def signed_after_meeting(self) -> bool:
        """Whether it was certainly signed after the meeting it was announced at.

        Each date is read at its precision: an MOU of June 2020 is not after a
        meeting on 17 June 2020, but one of 2021 is after a meeting in 2020.
        """
        if self.meeting_id is None:
            return False
        signed = partial_date_bounds(self.signed_on, self.signed_on_precision)
        held = partial_date_bounds(self.meeting.date, self.meeting.date_precision)
        return signed is not None and held is not None and signed[0] > held[1]


class SignatoryManager(models.Manager):
    def get_by_natural_key(self, mou_slug, order):
        return self.get(mou__slug=mou_slug, order=order)


class Signatory(models.Model):
    """A party to an MOU, in the order the title names them; may be a party no source names."""

    class Side(models.TextChoices):
        SINGAPORE = "SG", _("Singapore")
        CHINA = "CN", _("China")

    mou = models.ForeignKey(MOU, on_delete=models.CASCADE, related_name="signatories")
    order = models.PositiveSmallIntegerField(default=1)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    side = models.CharField(
        max_length=2, choices=Side.choices, help_text="The side of the initiative it signs for."
    )
    unnamed_description = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a party the sources do not name: what they do say of it.",
    )

    objects = SignatoryManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["mou", "order"]
        verbose_name_plural = "signatories"
        constraints = [
            models.UniqueConstraint(fields=["mou", "order"], name="signatory_unique_order"),
            models.UniqueConstraint(
                fields=["mou", "party"],
                condition=Q(party__isnull=False),
                name="signatory_unique_party",
            ),
            models.CheckConstraint(
                condition=Q(party__isnull=False) | ~Q(unnamed_description=""),
                name="signatory_named_or_described",
                violation_error_message=(
                    "Choose a party, or describe the one the source leaves unnamed."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.party_id:
            return self.party.name
        return gettext("%(description)s (name unknown)") % {"description": self.unnamed_description}

    @property
    def local_name(self) -> str:
        """display_name in the page's language: a party's sourced Chinese name where it has one."""
        return self.party.local_name if self.party_id else self.display_name

    def natural_key(self):
        return (self.mou.slug, self.order)

    natural_key.dependencies = ["mous.mou", "mous.party"]

    def clean(self) -> None:
        if self.party_id is None and not self.unnamed_description:
            raise ValidationError("Choose a party, or describe the one the source leaves unnamed.")


class MOUCitationManager(CitationManager):
    record_field = "mou"


class MOUCitation(Citation):
    """A source that states facts about an MOU."""

    mou = models.ForeignKey(MOU, on_delete=models.CASCADE, related_name="citations")

    objects = MOUCitationManager()
    history = HistoricalRecords()

    class Meta(Citation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["mou", "source", "locator"], name="moucitation_unique"),
        ]

    def natural_key(self):
        return (self.mou.natural_key(), self.source.slug, self.locator)

    natural_key.dependencies = ["mous.mou", "meetings.source"]
