"""JIC meetings and the published sources every fact is cited from.

This app is the bottom of the dependency chain (meetings <- mous <- projects),
so it also holds the small abstract building blocks the other apps share:
publication status, dates that keep their precision, and source citations.
"""

import datetime

from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)


class Publishable(models.Model):
    """A record that staff publish; only published records are public."""

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # However a record comes to be published (form, import, script), it
        # records when it first was.
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def publish(self) -> None:
        self.status = Status.PUBLISHED
        if self.published_at is None:
            self.published_at = timezone.now()

    def unpublish(self) -> None:
        self.status = Status.DRAFT

    def publication_problem(self) -> str:
        """Why the record, as stored, may not be published ("" when it may)."""
        return ""


def chinese_page() -> bool:
    """Whether the page being made is in Chinese (the active language is zh-hans)."""
    return (translation.get_language() or "").lower().startswith("zh")


def english_text_lang() -> str:
    """ "en" for record text the sources give only in English, on a page in another language."""
    return "en" if chinese_page() else ""


class ChineseNamed(models.Model):
    """A record with a Chinese name, filled only from a source that gives it.

    Chinese pages show the Chinese name where there is one and the English name
    where there is not: a name is never translated by the portal.
    """

    name_zh = models.CharField(
        "Chinese name",
        max_length=300,
        blank=True,
        help_text="Only as a published source gives it; blank shows the English name.",
    )
    name_zh_source = models.CharField(
        "source of the Chinese name",
        max_length=300,
        blank=True,
        help_text="Where the Chinese name is published, e.g. the bureau's own website.",
    )

    class Meta:
        abstract = True

    @property
    def local_name(self) -> str:
        """The name for the page's language: the sourced Chinese name, else the English one."""
        return self.name_zh if self.name_zh and chinese_page() else self.name

    @property
    def local_name_lang(self) -> str:
        """ "en" when local_name is the English name on a page in another language, else ""."""
        return "en" if chinese_page() and not self.name_zh else ""

    def clean(self) -> None:
        super().clean()
        if self.name_zh and not self.name_zh_source.strip():
            raise ValidationError(
                {
                    "name_zh_source": "Say where the Chinese name is published: names are never "
                    "translated by the portal."
                }
            )


def chinese_name_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(name_zh="") | ~models.Q(name_zh_source=""),
        name=name,
        violation_error_message="A Chinese name needs the source that gives it.",
    )


class TranslationStatus(models.TextChoices):
    """Whether Chinese text staff entered is an official translation or the portal's own."""

    OFFICIAL = "official", _("Official translation")
    UNOFFICIAL = "unofficial", _("Unofficial translation, for reference only")


def translation_constraints(field: str, prefix: str) -> list[models.CheckConstraint]:
    """Chinese text comes with its status, and an official translation names its source."""
    text, status, source = f"{field}_zh", f"{field}_zh_status", f"{field}_zh_source"
    return [
        models.CheckConstraint(
            condition=models.Q(**{text: "", status: ""})
            | (~models.Q(**{text: ""}) & models.Q(**{f"{status}__in": TranslationStatus.values})),
            name=f"{prefix}_{field}_zh_has_status",
            violation_error_message="Chinese text needs its status: official or unofficial.",
        ),
        models.CheckConstraint(
            condition=~models.Q(**{status: TranslationStatus.OFFICIAL, source: ""}),
            name=f"{prefix}_{field}_zh_official_has_source",
            violation_error_message="An official translation needs the source that publishes it.",
        ),
    ]


def clean_translation(instance: models.Model, field: str) -> None:
    text = getattr(instance, f"{field}_zh").strip()
    status = getattr(instance, f"{field}_zh_status")
    source = getattr(instance, f"{field}_zh_source").strip()
    if text and not status:
        raise ValidationError(
            {f"{field}_zh_status": "Say whether the Chinese text is an official translation."}
        )
    if status and not text:
        raise ValidationError({f"{field}_zh": "Give the Chinese text, or clear its status."})
    if status == TranslationStatus.OFFICIAL and not source:
        raise ValidationError(
            {f"{field}_zh_source": "An official translation needs the source that publishes it."}
        )


class ChineseDescription(models.Model):
    """A Chinese version of the record's description, entered by staff and marked official
    (published by a party, with its source) or unofficial (the portal's, for reference)."""

    description_zh = models.TextField(
        "Chinese description",
        blank=True,
        help_text="Chinese text of the description; shown on Chinese pages with its status "
        "and the English original.",
    )
    description_zh_status = models.CharField(
        "status of the Chinese description",
        max_length=10,
        choices=TranslationStatus.choices,
        blank=True,
        help_text="Official: published by a government or party (give the source). "
        "Unofficial: shown marked “for reference only”.",
    )
    description_zh_source = models.CharField(
        "source of the Chinese description",
        max_length=300,
        blank=True,
        help_text="Where an official translation is published; optional for an unofficial one.",
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        clean_translation(self, "description")


def publishable_history(**options) -> HistoricalRecords:
    """Change history for a publishable record (django-simple-history).

    `updated_at` changes on every save, and `search_vector` (where a record has
    one) is derived from the other fields, so both are left out of the history.
    """
    return HistoricalRecords(excluded_fields=["updated_at", "search_vector"], **options)


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    UNKNOWN = "unknown", _("Unknown")


# The language's format for each precision (sci_portal/formats and Django's own):
# 25 November 2022, June 2020, 2022 in English; 2022年11月25日, 2020年6月, 2022年 in Chinese.
PRECISION_FORMATS = {
    Precision.DAY: "DATE_FORMAT",
    Precision.MONTH: "YEAR_MONTH_FORMAT",
    Precision.YEAR: "YEAR_FORMAT",
}


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Render a date only as precisely as the source gives it, in the active language."""
    if value is None or precision == Precision.UNKNOWN:
        return gettext("unknown")
    return formats.date_format(value, PRECISION_FORMATS[precision])


def iso_partial_date(value: datetime.date | None, precision: str) -> str | None:
    """ISO 8601 at the date's precision: 2020-06, 2022, 2022-11-25."""
    if value is None or precision == Precision.UNKNOWN:
        return None
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def partial_date_bounds(
    value: datetime.date | None, precision: str
) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a date of this precision may stand for (None if unknown)."""
    value = normalise_partial_date(value, precision)
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value, value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        next_month = (value.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return value, next_month - datetime.timedelta(days=1)
    return value, value


def normalise_partial_date(value: datetime.date | None, precision: str) -> datetime.date | None:
    """A month-precise date is stored as the 1st of its month, a year as 1 January."""
    if value is None or precision == Precision.UNKNOWN:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def precision_constraint(date_field: str, name: str) -> models.CheckConstraint:
    """The database holds a date and its precision consistent: unknown iff no date."""
    return models.CheckConstraint(
        condition=(
            models.Q(
                **{f"{date_field}_precision": Precision.UNKNOWN, f"{date_field}__isnull": True}
            )
            | models.Q(
                **{
                    f"{date_field}_precision__in": [Precision.DAY, Precision.MONTH, Precision.YEAR],
                    f"{date_field}__isnull": False,
                }
            )
        ),
        name=name,
        violation_error_message="A date needs a precision, and an unknown date has no value.",
    )


def normalised_date_constraint(date_field: str, name: str) -> models.CheckConstraint:
    """The database holds a month as its 1st day, a year as 1 January (as clean() stores them)."""
    precision = f"{date_field}_precision"
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{precision}__in": [Precision.DAY, Precision.UNKNOWN]})
            | models.Q(**{precision: Precision.MONTH, f"{date_field}__day": 1})
            | models.Q(
                **{precision: Precision.YEAR, f"{date_field}__month": 1, f"{date_field}__day": 1}
            )
        ),
        name=name,
        violation_error_message="A month is stored as its 1st day, a year as 1 January.",
    )


def clean_partial_date(instance: models.Model, date_field: str) -> None:
    value = getattr(instance, date_field)
    precision = getattr(instance, f"{date_field}_precision")
    if precision == Precision.UNKNOWN and value is not None:
        raise ValidationError({f"{date_field}_precision": "A known date needs a precision."})
    if precision != Precision.UNKNOWN and value is None:
        raise ValidationError({date_field: "Give the date, or set its precision to unknown."})
    setattr(instance, date_field, normalise_partial_date(value, precision))


def validate_json_without_nul(value) -> None:
    """Refuse a NUL character (\\u0000) anywhere in a JSON value, keys included.

    PostgreSQL cannot store one in jsonb (nor in text): saving it would fail
    with a database error rather than a message on the form.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and "\x00" in item:
            raise ValidationError(
                "Remove the NUL character (\\u0000): it cannot be stored.",
                code="null_characters_not_allowed",
            )
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableManager(SlugNaturalKeyManager.from_queryset(PublishableQuerySet)):
    pass


class Source(models.Model):
    """A published document that facts are transcribed from."""

    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        MEDIA_RELEASE = "media_release", _("Media release")
        ANNEX = "annex", _("Annex")
        FACTSHEET = "factsheet", _("Factsheet")
        WEB_PAGE = "web_page", _("Web page")
        OTHER = "other", _("Other")

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, help_text="Who published it, as they sign it.")
    published_on = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(max_length=500, blank=True)
    permalink = models.CharField(
        max_length=300, blank=True, help_text="The path the publisher's site gives it, if any."
    )
    part_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="The release an annex belongs to.",
    )
    text_held = models.BooleanField(
        default=True, help_text="Whether the portal holds this document's text."
    )
    notes = models.TextField(blank=True)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["published_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher}, {self.published_on:%d %b %Y})"

    def natural_key(self):
        return (self.slug,)


class Citation(models.Model):
    """Where in a source a record's facts are stated (abstract: one table per record type)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(
        max_length=100, blank=True, help_text='Where in the source: "para 5", "Annex A".'
    )
    quote = models.TextField(blank=True, help_text="The passage, quoted exactly.")

    class Meta:
        abstract = True
        ordering = ["source__published_on", "id"]

    def __str__(self) -> str:
        where = f", {self.locator}" if self.locator else ""
        return f"{self.source.title}{where}"


class CitationManager(models.Manager):
    """Citations are keyed by their record's natural key and the source's slug."""

    record_field = ""

    def get_by_natural_key(self, record_key, source_slug, locator):
        record_model = self.model._meta.get_field(self.record_field).related_model
        record = record_model._default_manager.get_by_natural_key(*record_key)
        return self.get(**{self.record_field: record}, source__slug=source_slug, locator=locator)


class MeetingQuerySet(PublishableQuerySet):
    pass


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, ordinal):
        return self.get(ordinal=ordinal)


class Meeting(Publishable):
    """One meeting of the Joint Implementation Committee (JIC)."""

    ordinal = models.PositiveSmallIntegerField(unique=True, help_text="1 for the 1st JIC, …")
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=7, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(max_length=200, blank=True, help_text="Blank when no source says.")
    summary = models.TextField(blank=True)
    summary_zh = models.TextField(
        "Chinese summary",
        blank=True,
        help_text="Chinese text of the summary; shown on Chinese pages with its status and "
        "the English original.",
    )
    summary_zh_status = models.CharField(
        "status of the Chinese summary",
        max_length=10,
        choices=TranslationStatus.choices,
        blank=True,
        help_text="Official: published by a government or party (give the source). "
        "Unofficial: shown marked “for reference only”.",
    )
    summary_zh_source = models.CharField(
        "source of the Chinese summary",
        max_length=300,
        blank=True,
        help_text="Where an official translation is published; optional for an unofficial one.",
    )
    stated_mou_total = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="MOUs signed under the initiative to date, as the source states at this meeting.",
    )
    stated_project_total = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Projects initiated to date, as the source states at this meeting.",
    )
    sources = models.ManyToManyField(Source, through="MeetingCitation", related_name="meetings")

    objects = MeetingManager()
    history = publishable_history()

    class Meta:
        ordering = ["ordinal"]
        permissions = [("publish_meeting", "Can publish and unpublish meetings")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ordinal__gt=0),
                name="meeting_ordinal_gt_0",
                violation_error_message="A meeting's ordinal is 1 or more.",
            ),
            precision_constraint("date", "meeting_date_precision_valid"),
            normalised_date_constraint("date", "meeting_date_normalised"),
            *translation_constraints("summary", "meeting"),
        ]

    def __str__(self) -> str:
        # Translators: "3rd JIC meeting"; ordinal is Django's ("3rd", "第3").
        return gettext("%(ordinal)s JIC meeting") % {"ordinal": ordinal(self.ordinal)}

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.ordinal])

    def natural_key(self):
        return (self.ordinal,)

    def clean(self) -> None:
        clean_partial_date(self, "date")
        clean_translation(self, "summary")
        late = self.mous_signed_after()
        if late:
            names = "; ".join(f"{mou} ({mou.signed_display})" for mou in late)
            raise ValidationError(
                {
                    "date": f"MOUs announced at this meeting would be signed after it: {names}. "
                    "An MOU is not signed after the meeting it is announced at: correct "
                    "the date, or those MOUs first."
                }
            )

    def mous_signed_after(self) -> list:
        """The MOUs announced at this meeting that its date (as it is now) puts after it."""
        if self.pk is None:
            return []
        late = []
        for mou in self.mous.order_by("title"):
            mou.meeting = self  # the meeting being edited, not the one stored
            if mou.signed_after_meeting():
                late.append(mou)
        return late

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    @property
    def date_iso(self) -> str | None:
        return iso_partial_date(self.date, self.date_precision)


class CoChairManager(models.Manager):
    def get_by_natural_key(self, ordinal, order):
        return self.get(meeting__ordinal=ordinal, order=order)


class CoChair(ChineseNamed):
    """A person who co-chaired a JIC meeting, with the title the source gives."""

    class Side(models.TextChoices):
        SINGAPORE = "SG", _("Singapore")
        SHENZHEN = "SZ", _("Shenzhen")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="co_chairs")
    order = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=20, blank=True, help_text="Mr, Ms… as published.")
    title = models.CharField(max_length=300)
    side = models.CharField(max_length=2, choices=Side.choices)

    objects = CoChairManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__ordinal", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="cochair_unique_order"),
            chinese_name_constraint("cochair_name_zh_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"

    def natural_key(self):
        return (self.meeting.ordinal, self.order)

    natural_key.dependencies = ["meetings.meeting"]


class MeetingCitationManager(CitationManager):
    record_field = "meeting"


class MeetingCitation(Citation):
    """A source that states facts about a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="citations")

    objects = MeetingCitationManager()
    history = HistoricalRecords()

    class Meta(Citation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source", "locator"], name="meetingcitation_unique"
            ),
        ]

    def natural_key(self):
        return (self.meeting.natural_key(), self.source.slug, self.locator)

    natural_key.dependencies = ["meetings.meeting", "meetings.source"]


def is_postgresql(queryset: models.QuerySet) -> bool:
    from django.db import connections

    return connections[queryset.db].vendor == "postgresql"
