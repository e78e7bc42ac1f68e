"""Synthetic records for measuring the portal at scale (`manage.py generate_synthetic_data`).

Everything is drawn from one seeded random generator in a fixed order, so the
same arguments give the same records on any database. Slugs start with
`syn-` so synthetic rows never collide with the transcribed data and can be
removed again. Rows are written with bulk_create in batches; the stored
search documents are then computed in one UPDATE per table.
"""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Max
from django.utils.text import slugify

from meetings.models import CoChair, Meeting, MeetingCitation, Precision, Source, Status
from meetings.signals import records_changed
from mous.models import MOU, Area, MOUCitation, Party, Signatory
from projects.models import Milestone, Project, ProjectCitation, ProjectPartner

PREFIX = "syn-"
# Synthetic meetings are numbered from here, far above any real JIC meeting.
FIRST_ORDINAL = 1001
MOUS_PER_MEETING = 2500

AREAS = [
    "Smart Logistics",
    "Digital Health",
    "Fintech and Digital Payments",
    "Green Buildings",
    "Smart Mobility",
    "Cybersecurity",
    "Artificial Intelligence",
    "Urban Governance",
    "Data Exchange",
    "Biomedical Sciences",
    "Advanced Manufacturing",
    "Education Technology",
]

# (topic, words that describe it) — the words feed titles and descriptions.
TOPICS = [
    ("cold-chain logistics", ["warehousing", "refrigerated", "freight", "tracking"]),
    ("port community systems", ["container", "terminal", "customs", "berth"]),
    ("telemedicine", ["clinics", "patients", "remote", "consultation"]),
    ("electronic medical records", ["hospitals", "interoperability", "records", "privacy"]),
    ("cross-border payments", ["settlement", "remittance", "banks", "clearing"]),
    ("trade financing", ["letters", "credit", "invoices", "lenders"]),
    ("green building standards", ["energy", "certification", "carbon", "retrofitting"]),
    ("district cooling", ["chillers", "pipelines", "efficiency", "districts"]),
    ("autonomous vehicles", ["driverless", "testbeds", "sensors", "roads"]),
    ("electric vehicle charging", ["batteries", "chargers", "grid", "fleets"]),
    ("threat intelligence sharing", ["incidents", "malware", "response", "resilience"]),
    ("machine learning platforms", ["models", "training", "datasets", "inference"]),
    ("computer vision", ["cameras", "recognition", "imaging", "inspection"]),
    ("digital government services", ["citizens", "permits", "portals", "licensing"]),
    ("trusted data sharing", ["consent", "exchange", "governance", "anonymisation"]),
    ("genomics research", ["sequencing", "biobanks", "cohorts", "precision"]),
    ("robotics", ["automation", "manipulators", "factories", "assembly"]),
    ("additive manufacturing", ["printing", "prototyping", "materials", "tooling"]),
    ("online learning", ["courses", "teachers", "curricula", "credentials"]),
    ("talent exchange", ["internships", "secondments", "scholarships", "mentoring"]),
    ("paperless trade", ["documents", "certificates", "origin", "declarations"]),
    ("electronic invoicing", ["invoices", "Peppol", "suppliers", "accounting"]),
    ("smart grids", ["meters", "demand", "renewables", "storage"]),
    ("digital twins", ["simulation", "buildings", "planning", "modelling"]),
    ("blockchain provenance", ["ledgers", "traceability", "supply", "authenticity"]),
    ("start-up incubation", ["accelerators", "founders", "venture", "pitching"]),
    ("dispute resolution", ["mediation", "arbitration", "commercial", "disputes"]),
    ("internet of things", ["devices", "connectivity", "edge", "telemetry"]),
]

PLACES_SG = ["Singapore", "Jurong", "Changi", "Punggol", "Tuas", "one-north", "Woodlands"]
PLACES_CN = ["Shenzhen", "Qianhai", "Nanshan", "Futian", "Longgang", "Bao'an", "Guangming"]
STEMS = [
    "Harbour", "Lion City", "Merlion", "Straits", "Pearl River", "Greater Bay", "Dragon Gate",
    "Silver Bay", "Orchid", "Banyan", "Lotus", "Phoenix", "Jade", "Summit", "Meridian", "Horizon",
    "Keystone", "Northstar", "Bluewater", "Evergreen", "Crescent", "Apex", "Golden Sail", "Redwood",
]  # fmt: skip
TRADES = [
    "Data Systems", "Logistics", "Robotics", "Health Technologies", "Fintech", "Capital",
    "Smart Energy", "Digital Solutions", "Mobility", "Cyber Defence", "Analytics", "Biotech",
    "Semiconductors", "Urban Planning", "Learning", "Cloud Services", "Ventures", "Materials",
]  # fmt: skip
SUFFIXES = {
    "SG": ["Pte. Ltd.", "Holdings Pte. Ltd.", "Institute", "Consortium"],
    "CN": ["Co., Ltd.", "Technology Co., Ltd.", "Group Co., Ltd.", "Research Institute"],
    "": ["Limited", "Group", "Foundation", "Alliance"],
}
CITIES = {
    "SG": ["Singapore"],
    "CN": ["Shenzhen", "Guangzhou", "Beijing", "Shanghai"],
    "HK": ["Hong Kong"],
    "MY": ["Kuala Lumpur", "Johor Bahru"],
    "JP": ["Tokyo", "Osaka"],
    "DE": ["Berlin", "Munich"],
    "GB": ["London"],
    "US": ["San Francisco", "New York"],
}
OTHER_COUNTRIES = ["HK", "MY", "JP", "DE", "GB", "US"]
KINDS = [
    (Party.Kind.COMPANY, 50),
    (Party.Kind.GROUP, 8),
    (Party.Kind.GOVERNMENT, 6),
    (Party.Kind.STATUTORY_BOARD, 5),
    (Party.Kind.BANK, 4),
    (Party.Kind.UNIVERSITY, 8),
    (Party.Kind.RESEARCH_LAB, 7),
    (Party.Kind.INCUBATOR, 5),
    (Party.Kind.OTHER, 4),
    (Party.Kind.UNKNOWN, 3),
]
INSTRUMENTS = [
    (MOU.InstrumentType.MOU, 70),
    (MOU.InstrumentType.MOI, 10),
    (MOU.InstrumentType.PROTOCOL, 8),
    (MOU.InstrumentType.STRATEGIC_COOPERATION, 7),
    (MOU.InstrumentType.MEDIATION_ARBITRATION_PROTOCOL, 2),
    (MOU.InstrumentType.OTHER, 3),
]
PRECISIONS = [
    (Precision.DAY, 75),
    (Precision.MONTH, 15),
    (Precision.YEAR, 7),
    (Precision.UNKNOWN, 3),
]
ROLES = ["lead", "technology partner", "pilot site", "funder", "research partner", "operator"]
FIGURE_LABELS = ["companies onboarded", "pilots completed", "users", "transactions", "partners"]
DRAFT_SHARE = 0.10
# A few prominent bodies sign far more than the rest, as agencies do.
HUB_PARTIES = 20
HUB_SHARE = 0.15


@dataclass(frozen=True)
class Sizes:
    mous: int
    projects: int
    parties: int
    seed: int = 1
    batch_size: int = 5000


def weighted(rng: random.Random, choices: list[tuple]) -> object:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace(",", "").split() if w[0].isupper())


def analyze_record_tables() -> None:
    """Refresh PostgreSQL's statistics of the record tables after a bulk load.

    Until autovacuum gets to them, the planner sees the tables as they were
    before (often empty) and plans for a row or two: nested loops that take
    minutes over a few hundred MOUs. Inside a transaction ANALYZE counts the
    transaction's own rows, so the plans fit what was just written.
    """
    if connection.vendor != "postgresql":
        return
    tables = set()
    for label in ("meetings", "mous", "projects"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and not model.__name__.startswith("Historical"):
                tables.add(connection.ops.quote_name(model._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(sorted(tables))}")  # nosec B608 (table names)


class SyntheticData:
    """Builds and writes one synthetic data set; `write()` does it all in one transaction."""

    def __init__(self, sizes: Sizes, log=lambda message: None):
        self.sizes = sizes
        self.rng = random.Random(sizes.seed)  # noqa: S311  (reproducible data, not secrets)
        self.log = log

    def write(self) -> None:
        with transaction.atomic():
            self.sources = self.make_sources_and_meetings()
            self.areas = self.make_areas()
            self.parties = self.make_parties()
            self.mous = self.make_mous()
            self.make_projects()
            # First, so that the search documents' queries are planned for these rows.
            self.log("updating the planner's statistics")
            analyze_record_tables()
            self.log("computing search documents")
            synthetic = {"slug__startswith": PREFIX}
            Party.objects.filter(**synthetic).refresh_search_vectors()
            MOU.objects.filter(**synthetic).refresh_search_vectors()
            Project.objects.filter(**synthetic).refresh_search_vectors()
            self.log("done")
        # bulk_create sends no post_save: say once that the public record changed.
        records_changed.send(sender=type(self))

    def status(self, signed: datetime.date | None) -> dict:
        if self.rng.random() < DRAFT_SHARE:
            return {"status": Status.DRAFT, "published_at": None}
        day = signed or datetime.date(2019, 1, 1)
        at = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
        return {"status": Status.PUBLISHED, "published_at": at}

    def bulk(self, model, rows: list) -> list:
        return model.objects.bulk_create(rows, batch_size=self.sizes.batch_size)

    def batches(self, total: int) -> Iterator[range]:
        for start in range(0, total, self.sizes.batch_size):
            yield range(start, min(start + self.sizes.batch_size, total))

    # -- meetings and their releases -------------------------------------------------

    def make_sources_and_meetings(self) -> dict[int, Source]:
        count = max(3, -(-self.sizes.mous // MOUS_PER_MEETING))
        meetings, sources = [], []
        for k in range(count):
            day = datetime.date(2010 + k // 2, 4 if k % 2 == 0 else 10, self.rng.randint(1, 28))
            ordinal = FIRST_ORDINAL + k
            meetings.append(
                Meeting(
                    ordinal=ordinal,
                    date=day,
                    date_precision=Precision.DAY,
                    place=self.rng.choice(["Singapore", "Shenzhen", "Online"]),
                    summary=f"The {ordinal}th meeting of a synthetic joint committee.",
                    status=Status.PUBLISHED,
                    published_at=datetime.datetime.combine(day, datetime.time(10), datetime.UTC),
                )
            )
            sources.append(
                Source(
                    slug=f"{PREFIX}release-{ordinal}",
                    title=f"Joint media release on meeting {ordinal}",
                    publisher="Synthetic Ministry of Communications",
                    published_on=day,
                    kind=Source.Kind.MEDIA_RELEASE,
                    url=f"https://example.org/releases/{ordinal}",
                )
            )
        meetings = self.bulk(Meeting, meetings)
        sources = self.bulk(Source, sources)
        self.meetings = meetings
        self.bulk(
            CoChair,
            [
                CoChair(meeting=m, order=order, name=name, title=title, side=side)
                for m in meetings
                for order, name, title, side in [
                    (1, "A. Tan", "Minister for Communications", "SG"),
                    (2, "B. Wang", "Mayor", "SZ"),
                ]
            ],
        )
        self.bulk(
            MeetingCitation,
            [
                MeetingCitation(meeting=m, source=s, locator="para 1")
                for m, s in zip(meetings, sources, strict=True)
            ],
        )
        self.log(f"{len(meetings)} meetings")
        return {m.pk: s for m, s in zip(meetings, sources, strict=True)}

    def make_areas(self) -> list[Area]:
        taken = set(Area.objects.values_list("name", flat=True))
        areas = [
            Area(
                name=name if name not in taken else f"{name} (synthetic)",
                slug=f"{PREFIX}{slugify(name)}",
                description=f"Cooperation on {name.lower()} between the two cities.",
                status=Status.PUBLISHED,
                published_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
            )
            for name in AREAS
        ]
        return self.bulk(Area, areas)

    # -- parties ---------------------------------------------------------------------

    def party_names(self, count: int) -> Iterator[tuple[str, str]]:
        """`count` distinct (name, country) pairs, none already in the database.

        The first HUB_PARTIES are government bodies of either city.
        """
        taken = set(Party.objects.values_list("name", flat=True))
        for k in range(min(HUB_PARTIES, count)):
            country, city = [("SG", "Singapore"), ("CN", "Shenzhen")][k % 2]
            body = "Authority" if country == "SG" else "Bureau"
            name = f"{city} {AREAS[k // 2 % len(AREAS)]} {body}"
            if name not in taken:
                taken.add(name)
                yield name, country
        places = {"SG": PLACES_SG, "CN": PLACES_CN, "": PLACES_SG + PLACES_CN}
        produced = min(HUB_PARTIES, count)
        while produced < count:
            country = self.country()
            suffixes = SUFFIXES.get(country, SUFFIXES[""])
            place = self.rng.choice(places.get(country, places[""]))
            name = (
                f"{place} {self.rng.choice(STEMS)} {self.rng.choice(TRADES)} "
                f"{self.rng.choice(suffixes)}"
            )
            if name in taken:
                name = f"{name} ({self.rng.randint(2, 999)})"
                if name in taken:
                    continue
            taken.add(name)
            produced += 1
            yield name, country

    def country(self) -> str:
        roll = self.rng.random()
        if roll < 0.46:
            return "SG"
        if roll < 0.92:
            return "CN"
        if roll < 0.97:
            return self.rng.choice(OTHER_COUNTRIES)
        return ""  # no source says

    def make_parties(self) -> list[Party]:
        parties = []
        for i, (name, country) in enumerate(self.party_names(self.sizes.parties)):
            short = acronym(name) if self.rng.random() < 0.4 else ""
            aliases = []
            if self.rng.random() < 0.5:
                aliases.append(f"{name.split()[0]} {name.split()[1]} {self.rng.choice(TRADES)}")
            if self.rng.random() < 0.2:
                aliases.append(f"formerly {self.rng.choice(STEMS)} {self.rng.choice(TRADES)}")
            topic, words = self.rng.choice(TOPICS)
            parties.append(
                Party(
                    name=name,
                    slug=f"{PREFIX}{slugify(name)}"[:190] + f"-{i}",
                    short_name=short[:100],
                    other_names="\n".join(aliases),
                    country=country,
                    city=self.rng.choice(CITIES[country]) if country else "",
                    kind=(Party.Kind.GOVERNMENT if i < HUB_PARTIES else weighted(self.rng, KINDS)),
                    description=f"Works on {topic}: {', '.join(words)}.",
                    **self.status(None),
                )
            )
        parties = self.bulk(Party, parties)
        # A few organisations are part of another (never of themselves).
        members = []
        for party in parties[HUB_PARTIES:]:
            if self.rng.random() < 0.05:
                party.parent = self.rng.choice(parties[:HUB_PARTIES])
                members.append(party)
        Party.objects.bulk_update(members, ["parent"], batch_size=self.sizes.batch_size)
        self.log(f"{len(parties)} parties")
        return parties

    def pick_parties(self, count: int) -> list[Party]:
        chosen: dict[int, Party] = {}
        hubs = self.parties[:HUB_PARTIES]
        while len(chosen) < min(count, len(self.parties)):
            pool = hubs if self.rng.random() < HUB_SHARE else self.parties
            party = self.rng.choice(pool)
            chosen[id(party)] = party
        return list(chosen.values())

    # -- MOUs ------------------------------------------------------------------------

    def date(self, meeting: Meeting | None) -> tuple[datetime.date | None, str]:
        precision = weighted(self.rng, PRECISIONS)
        if precision == Precision.UNKNOWN:
            return None, precision
        if meeting is not None and self.rng.random() < 0.8:
            day = meeting.date
        else:
            day = datetime.date(self.rng.randint(2008, 2030), self.rng.randint(1, 12), 1)
            day += datetime.timedelta(days=self.rng.randint(0, 27))
            if meeting is not None and day > meeting.date:
                day = meeting.date
        if precision == Precision.YEAR:
            return day.replace(month=1, day=1), precision
        if precision == Precision.MONTH:
            return day.replace(day=1), precision
        return day, precision

    def description(self, topic: str, words: list[str], who: str) -> str:
        w = self.rng.sample(words, len(words))
        place_sg, place_cn = self.rng.choice(PLACES_SG), self.rng.choice(PLACES_CN)
        sentences = [
            f"{who} will cooperate on {topic}, starting with {w[0]} and {w[1]} in "
            f"{place_sg} and {place_cn}.",
            f"The partners will share expertise in {w[2]} and set up joint pilots on {w[3]}, "
            "with results reported to the joint committee.",
            f"They will also explore how {topic} can help small and medium enterprises in both "
            "cities reach new markets in the region.",
            f"A working group will meet every quarter to review progress on {w[1]} and {w[3]}.",
        ]
        return " ".join(sentences[: self.rng.randint(2, 4)])

    def make_mous(self) -> list[MOU]:
        created: list[MOU] = []
        for batch in self.batches(self.sizes.mous):
            mous, signers = [], []
            for i in batch:
                meeting = self.rng.choice(self.meetings) if self.rng.random() < 0.9 else None
                signed, precision = self.date(meeting)
                topic, words = self.rng.choice(TOPICS)
                parties = self.pick_parties(self.rng.randint(2, 5))
                names = [p.short_name or p.name for p in parties]
                kind = weighted(self.rng, INSTRUMENTS)
                label = MOU.InstrumentType(kind).label
                mous.append(
                    MOU(
                        title=f"{label} between {' and '.join(names)} on {topic}"[:500],
                        slug=f"{PREFIX}mou-{i + 1:06d}",
                        short_title=f"{' – '.join(names[:2])}: {topic}"[:200],
                        instrument_type=kind,
                        area=self.rng.choice(self.areas) if self.rng.random() < 0.95 else None,
                        meeting=meeting,
                        signed_on=signed,
                        signed_on_precision=precision,
                        description=self.description(topic, words, " and ".join(names)),
                        builds_on=(
                            self.rng.choice(created)
                            if created and self.rng.random() < 0.05
                            else None
                        ),
                        **self.status(signed),
                    )
                )
                signers.append(parties)
            mous = self.bulk(MOU, mous)
            rows = []
            for mou, parties in zip(mous, signers, strict=True):
                for order, party in enumerate(parties, 1):
                    unnamed = self.rng.random() < 0.02
                    rows.append(
                        Signatory(
                            mou_id=mou.pk,
                            order=order,
                            party_id=None if unnamed else party.pk,
                            side="CN" if party.country == "CN" else "SG",
                            unnamed_description=(
                                f"a {self.rng.choice(TRADES).lower()} company in "
                                f"{self.rng.choice(PLACES_CN)}"
                                if unnamed
                                else ""
                            ),
                        )
                    )
            self.bulk(Signatory, rows)
            self.bulk(
                MOUCitation,
                [
                    MOUCitation(
                        mou_id=mou.pk,
                        source_id=self.source_for(mou.meeting_id).pk,
                        locator=f"Annex A, item {n + 1}",
                        quote=mou.title,
                    )
                    for n, mou in enumerate(mous)
                ],
            )
            created.extend(mous)
            self.log(f"{len(created)} MOUs")
        return created

    def source_for(self, meeting_id: int | None) -> Source:
        if meeting_id is None:
            return self.sources[self.meetings[0].pk]
        return self.sources[meeting_id]

    # -- projects --------------------------------------------------------------------

    def make_projects(self) -> None:
        phases = max(5, -(-self.sizes.projects // 20000))
        numbers = dict.fromkeys(range(1, phases + 1), 0)
        # Number on from the projects already recorded in each phase.
        taken = (
            Project.objects.filter(phase__isnull=False).values_list("phase").annotate(Max("number"))
        )
        numbers.update({phase: top or 0 for phase, top in taken})
        done = 0
        for batch in self.batches(self.sizes.projects):
            projects, extras = [], []
            for i in batch:
                topic, words = self.rng.choice(TOPICS)
                phase = self.rng.randint(1, phases) if self.rng.random() < 0.95 else None
                number = None
                if phase and self.rng.random() < 0.7:
                    numbers[phase] += 1
                    number = numbers[phase]
                partners = self.pick_parties(self.rng.randint(1, 4))
                meeting = self.rng.choice(self.meetings) if self.rng.random() < 0.9 else None
                place = self.rng.choice(PLACES_SG + PLACES_CN)
                kind = self.rng.choice(["pilot", "platform", "programme", "testbed", "centre"])
                projects.append(
                    Project(
                        name=f"{topic.capitalize()} {kind} in {place}",
                        slug=f"{PREFIX}project-{i + 1:06d}",
                        phase=phase,
                        number=number,
                        description=self.description(
                            topic, words, " and ".join(p.name for p in partners)
                        ),
                        meeting=meeting,
                        **self.status(meeting.date if meeting else None),
                    )
                )
                extras.append(
                    (
                        partners,
                        self.rng.sample(self.areas, self.rng.randint(1, 2)),
                        [self.rng.choice(self.mous) for _ in range(self.rng.randint(0, 2))],
                        words,
                    )
                )
            projects = self.bulk(Project, projects)
            self.write_project_rows(projects, extras)
            done += len(projects)
            self.log(f"{done} projects")

    def write_project_rows(self, projects: list[Project], extras: list[tuple]) -> None:
        partners, areas, related, milestones, citations = [], [], [], [], []
        for project, (parties, project_areas, mous, words) in zip(projects, extras, strict=True):
            source = self.source_for(project.meeting_id)
            for order, party in enumerate(parties, 1):
                partners.append(
                    ProjectPartner(
                        project_id=project.pk,
                        party_id=party.pk,
                        order=order,
                        role=self.rng.choice(ROLES),
                    )
                )
            areas += [
                Project.areas.through(project_id=project.pk, area_id=a.pk) for a in project_areas
            ]
            related += [
                Project.related_mous.through(project_id=project.pk, mou_id=m.pk)
                for m in {m.pk: m for m in mous}.values()
            ]
            for order in range(1, self.rng.randint(1, 4) + 1):
                day, precision = self.date(None)
                figures = []
                if self.rng.random() < 0.4:
                    figures = [
                        {
                            "label": self.rng.choice(FIGURE_LABELS),
                            "value": self.rng.randint(2, 5000),
                        }
                    ]
                text = (
                    f"The project reported progress on {self.rng.choice(words)}"
                    f" with {self.rng.randint(2, 60)} organisations taking part."
                )
                milestones.append(
                    Milestone(
                        project_id=project.pk,
                        order=order,
                        date=day,
                        date_precision=precision,
                        text=text,
                        planned=self.rng.random() < 0.2,
                        figures=figures,
                        source_id=source.pk,
                        locator=f"Annex B, para {order}",
                        quote=text,
                    )
                )
            citations.append(
                ProjectCitation(project_id=project.pk, source_id=source.pk, locator="Annex B")
            )
        self.bulk(ProjectPartner, partners)
        self.bulk(Project.areas.through, areas)
        self.bulk(Project.related_mous.through, related)
        self.bulk(Milestone, milestones)
        self.bulk(ProjectCitation, citations)
