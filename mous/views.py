"""The public pages of MOUs, parties and cooperation areas."""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_countries import countries

from meetings.models import Meeting, chinese_page
from meetings.views import (
    PUBLISHED,
    FacetChoice,
    FilteredListView,
    RecordDetailView,
    citation_text,
    count_of,
    first_source,
    published_related,
    with_sources,
)

from .filters import MOUFilter, PartyFilter
from .models import MOU, Area, Party, Signatory

# A party facet offers the parties most often among the matching records: every
# party of a large record would make a select no one can use.
PARTY_CHOICES = 100


def party_choice(slug: str, name: str, name_zh: str, count: int) -> FacetChoice:
    """A party as a facet choice, named for the page's language (see Party.local_name)."""
    chinese = chinese_page()
    return FacetChoice(
        slug,
        name_zh if chinese and name_zh else name,
        count,
        "en" if chinese and not name_zh else "",
    )


def party_facet(
    partners: QuerySet, record: str, matching: QuerySet, chosen: str
) -> list[FacetChoice]:
    """The parties most often among the `matching` records, the chosen one always among them.

    `partners` and `record` as for names_of: Signatory and "mou", ProjectPartner and
    "project". One grouped query over the matching rows' partners (and one more only
    when the chosen party has none of them).
    """
    rows = (
        partners.filter(**{f"{record}__in": matching}, party__status=PUBLISHED)
        .values("party__slug", "party__name", "party__name_zh")
        .annotate(n=Count(record, distinct=True))
        .order_by(Case(When(party__slug=chosen, then=0), default=1), "-n", "party__name")[
            :PARTY_CHOICES
        ]
    )
    found = [(r["party__slug"], r["party__name"], r["party__name_zh"], r["n"]) for r in rows]
    if chosen and chosen not in {slug for slug, *_ in found}:
        party = Party.objects.published().filter(slug=chosen).first()
        if party is not None:
            found.append((party.slug, party.name, party.name_zh, 0))
    # In the parties' own order (by English name), the same in every language.
    return [party_choice(*row) for row in sorted(found, key=lambda row: row[1])]


def _public_name(record) -> str | None:
    """A related record's name, or None when it is missing or still a draft."""
    return str(record) if record is not None and record.is_published else None


def _signatory_names(mou: MOU) -> list[str]:
    return [
        s.display_name for s in mou.signatories.all() if s.party is None or s.party.is_published
    ]


def _public_signatories() -> QuerySet:
    """An MOU's signatories in order, leaving out parties not yet published."""
    return (
        Signatory.objects.filter(Q(party__isnull=True) | Q(party__status=PUBLISHED))
        .select_related("party")
        .order_by("order")
    )


class MOUListView(FilteredListView):
    noun = pgettext_lazy("count noun", "MOU")
    noun_plural = pgettext_lazy("count noun", "MOUs")
    template_name = "mous/mou_list.html"
    context_object_name = "mous"
    filterset_class = MOUFilter
    facets = {
        "area": gettext_lazy("Any area"),
        "meeting": gettext_lazy("Any meeting"),
        "party": gettext_lazy("Any party"),
        "country": gettext_lazy("Any country"),
        "type": gettext_lazy("Any type"),
    }
    ordering_labels = {
        "": gettext_lazy("Latest signed first (default)"),
        "signed": gettext_lazy("Signed, earliest first"),
        "-signed": gettext_lazy("Signed, latest first"),
        "title": gettext_lazy("Title, A to Z"),
        "-title": gettext_lazy("Title, Z to A"),
        "meeting": gettext_lazy("Meeting, first first"),
        "-meeting": gettext_lazy("Meeting, latest first"),
        "area": gettext_lazy("Area, A to Z"),
        "-area": gettext_lazy("Area, Z to A"),
    }
    export_name = "mous"
    export_columns = (
        ("slug", lambda m: m.slug),
        ("title", lambda m: m.title),
        ("title_is_official", lambda m: m.title_is_official),
        ("short_title", lambda m: m.short_title or None),
        ("type", lambda m: m.get_instrument_type_display()),
        ("area", lambda m: _public_name(m.area)),
        ("meeting", lambda m: m.meeting.ordinal if _public_name(m.meeting) else None),
        ("signed", lambda m: m.signed_iso),
        ("signed_precision", lambda m: m.signed_on_precision),
        ("parties", lambda m: "; ".join(_signatory_names(m))),
        ("builds_on", lambda m: m.builds_on.slug if _public_name(m.builds_on) else None),
        ("description", lambda m: m.description),
    )

    def published(self) -> QuerySet:
        return MOU.objects.published().with_related()

    # Facet counts are subqueries over the matching MOUs, or grouped over them: a
    # count over a join of every MOU costs the whole table at every request.

    def facet_area(self, matching: QuerySet) -> list[FacetChoice]:
        areas = Area.objects.published().annotate(n=count_of(matching, "area"))
        return [FacetChoice(a.slug, a.local_name, a.n, a.local_name_lang) for a in areas]

    def facet_meeting(self, matching: QuerySet) -> list[FacetChoice]:
        meetings = Meeting.objects.published().annotate(n=count_of(matching, "meeting"))
        return [FacetChoice(str(m.ordinal), str(m), m.n) for m in meetings]

    def facet_party(self, matching: QuerySet) -> list[FacetChoice]:
        return party_facet(Signatory.objects, "mou", matching, self.chosen("party"))

    def facet_country(self, matching: QuerySet) -> list[FacetChoice]:
        # Counted as the filter matches: any published signatory's party from the country.
        rows = (
            Signatory.objects.filter(mou__in=matching, party__status=PUBLISHED)
            .exclude(party__country="")
            .values("party__country")
            .annotate(n=Count("mou", distinct=True))
            .order_by()
        )
        counts = {row["party__country"]: row["n"] for row in rows}
        chosen = self.chosen("country").upper()
        # A country on record that none of the matching MOUs' parties is from: 0, not unknown.
        on_record = Party.objects.published().filter(country=chosen)
        if chosen and chosen not in counts and on_record.exists():
            counts[chosen] = 0
        choices = [FacetChoice(code, countries.name(code), n) for code, n in counts.items()]
        return sorted(choices, key=lambda c: c.label)

    def facet_type(self, matching: QuerySet) -> list[FacetChoice]:
        counts = dict(
            MOU.objects.filter(pk__in=matching)
            .values("instrument_type")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("instrument_type", "n")
        )
        return [
            FacetChoice(value, label, counts.get(value, 0))
            for value, label in MOU.InstrumentType.choices
        ]


class MOUDetailView(RecordDetailView):
    model = MOU
    template_name = "mous/mou_detail.html"
    context_object_name = "mou"

    def with_related(self, records: QuerySet) -> QuerySet:
        return records.select_related("area", "meeting", "builds_on").prefetch_related(
            Prefetch("signatories", queryset=_public_signatories()),
            with_sources(MOU),
            Prefetch(
                "built_upon_by", queryset=MOU.objects.published(), to_attr="public_extensions"
            ),
            Prefetch(
                "projects",
                queryset=published_related(MOU, "projects"),
                to_attr="public_projects",
            ),
        )

    def citation(self, permalink: str) -> str:
        mou = self.object
        return citation_text(
            title=mou.title
            if mou.title_is_official
            else _("%(title)s [descriptive title]") % {"title": mou.title},
            parties=[s.local_name for s in mou.signatories.all()],
            date=_("Signed %(date)s") % {"date": mou.signed_display},
            source=first_source(mou),
            permalink=permalink,
        )


class PartyListView(FilteredListView):
    noun = pgettext_lazy("count noun", "party")
    noun_plural = pgettext_lazy("count noun", "parties")
    template_name = "mous/party_list.html"
    context_object_name = "parties"
    filterset_class = PartyFilter
    paginate_by = 50
    facets = {"country": gettext_lazy("Any country"), "kind": gettext_lazy("Any kind")}
    ordering_labels = {
        "": gettext_lazy("Name, A to Z (default)"),
        "name": gettext_lazy("Name, A to Z"),
        "-name": gettext_lazy("Name, Z to A"),
        "country": gettext_lazy("Country, A to Z"),
        "-country": gettext_lazy("Country, Z to A"),
    }
    export_name = "parties"
    export_columns = (
        ("slug", lambda p: p.slug),
        ("name", lambda p: p.name),
        ("name_zh", lambda p: p.name_zh or None),
        ("short_name", lambda p: p.short_name or None),
        ("other_names", lambda p: "; ".join(p.other_names_list) or None),
        ("country", lambda p: p.country.code or None),
        ("city", lambda p: p.city or None),
        ("kind", lambda p: p.get_kind_display()),
        ("part_of", lambda p: p.parent.slug if _public_name(p.parent) else None),
        ("mous", lambda p: p.mou_count),
        ("projects", lambda p: p.project_count),
    )

    def published(self) -> QuerySet:
        return (
            Party.objects.published()
            .select_related("parent")
            .annotate(
                mou_count=count_of(Signatory.objects.filter(mou__status=PUBLISHED), "party"),
                project_count=count_of(
                    Party._meta.get_field("partnerships").related_model.objects.filter(
                        project__status=PUBLISHED
                    ),
                    "party",
                ),
            )
        )

    def facet_country(self, matching: QuerySet) -> list[FacetChoice]:
        rows = (
            Party.objects.published()
            .exclude(country="")
            .values("country")
            .annotate(n=Count("pk", filter=Q(pk__in=matching)))
            .order_by()
        )
        choices = [FacetChoice(r["country"], countries.name(r["country"]), r["n"]) for r in rows]
        return sorted(choices, key=lambda c: c.label)

    def facet_kind(self, matching: QuerySet) -> list[FacetChoice]:
        counts = dict(
            Party.objects.published()
            .values("kind")
            .annotate(n=Count("pk", filter=Q(pk__in=matching)))
            .order_by()
            .values_list("kind", "n")
        )
        # Kinds no published party has are left out, unless asked for: a kind is never unknown.
        chosen = self.chosen("kind")
        return [
            FacetChoice(value, label, counts.get(value, 0))
            for value, label in Party.Kind.choices
            if value in counts or value == chosen
        ]


class PartyDetailView(RecordDetailView):
    model = Party
    template_name = "mous/party_detail.html"
    context_object_name = "party"

    def with_related(self, records: QuerySet) -> QuerySet:
        partnerships = Party._meta.get_field("partnerships").related_model.objects
        return records.select_related("parent").prefetch_related(
            Prefetch("members", queryset=Party.objects.published(), to_attr="public_members"),
            Prefetch(
                "signatures",
                queryset=Signatory.objects.filter(mou__status=PUBLISHED)
                .select_related("mou__area", "mou__meeting")
                .prefetch_related(Prefetch("mou__signatories", queryset=_public_signatories()))
                .order_by("-mou__signed_on", "mou__title"),
                to_attr="public_signatures",
            ),
            Prefetch(
                "partnerships",
                queryset=partnerships.filter(project__status=PUBLISHED).select_related(
                    "project__meeting"
                ),
                to_attr="public_partnerships",
            ),
            with_sources(Party),
        )

    def citation(self, permalink: str) -> str:
        party = self.object
        return citation_text(
            title=party.local_name, source=first_source(party), permalink=permalink
        )


class AreaListView(FilteredListView):
    noun = pgettext_lazy("count noun", "area")
    noun_plural = pgettext_lazy("count noun", "areas")
    template_name = "mous/area_list.html"
    context_object_name = "areas"
    paginate_by = 50
    export_name = "areas"
    export_columns = (
        ("slug", lambda a: a.slug),
        ("name", lambda a: a.name),
        ("name_zh", lambda a: a.name_zh or None),
        ("description", lambda a: a.description or None),
        ("mous", lambda a: a.mou_count),
        ("projects", lambda a: a.project_count),
    )

    def published(self) -> QuerySet:
        return Area.objects.published().annotate(
            mou_count=count_of(MOU.objects.published(), "area"),
            project_count=count_of(published_related(Area, "projects"), "areas"),
        )


class AreaDetailView(RecordDetailView):
    model = Area
    template_name = "mous/area_detail.html"
    context_object_name = "area"

    def with_related(self, records: QuerySet) -> QuerySet:
        return records.prefetch_related(
            Prefetch(
                "mous",
                queryset=MOU.objects.published()
                .select_related("meeting")
                .prefetch_related(Prefetch("signatories", queryset=_public_signatories())),
                to_attr="public_mous",
            ),
            Prefetch(
                "projects",
                queryset=published_related(Area, "projects").select_related("meeting"),
                to_attr="public_projects",
            ),
            with_sources(Area),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parties = {
            s.party.pk: s.party
            for mou in self.object.public_mous
            for s in mou.signatories.all()
            if s.party is not None
        }
        context["parties"] = sorted(parties.values(), key=lambda p: p.name)
        return context

    def citation(self, permalink: str) -> str:
        return citation_text(
            title=_(
                "%(area)s: a cooperation area of the Singapore-China (Shenzhen) Smart City "
                "Initiative"
            )
            % {"area": self.object.local_name},
            permalink=permalink,
        )
