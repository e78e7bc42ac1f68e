"""Small builders for test rows. Every record is published unless a test says otherwise."""

import datetime
import itertools
from types import SimpleNamespace

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.utils.text import slugify

from meetings.models import CoChair, Meeting, Source, Status
from mous.models import MOU, Area, MOUCitation, Party, Signatory
from projects.models import Milestone, Project, ProjectCitation, ProjectPartner
from staff.roles import EDITOR

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_source(**fields) -> Source:
    n = _n()
    fields.setdefault("title", f"Press release {n}")
    fields.setdefault("slug", slugify(fields["title"]))
    fields.setdefault("publisher", "Ministry of Communications and Information")
    fields.setdefault("published_on", datetime.date(2022, 11, 25))
    fields.setdefault("kind", Source.Kind.PRESS_RELEASE)
    fields.setdefault("url", f"https://example.org/releases/{n}")
    return Source.objects.create(**fields)


def make_meeting(ordinal: int | None = None, **fields) -> Meeting:
    fields.setdefault("date", datetime.date(2022, 11, 25))
    fields.setdefault("status", Status.PUBLISHED)
    meeting = Meeting.objects.create(ordinal=ordinal or 100 + _n(), **fields)
    CoChair.objects.create(meeting=meeting, order=1, name="A. Chair", title="Chair", side="SG")
    return meeting


def make_area(name: str | None = None, **fields) -> Area:
    name = name or f"Area {_n()}"
    fields.setdefault("status", Status.PUBLISHED)
    return Area.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)


def make_party(name: str | None = None, **fields) -> Party:
    name = name or f"Organisation {_n()}"
    fields.setdefault("country", "SG")
    fields.setdefault("kind", Party.Kind.COMPANY)
    fields.setdefault("status", Status.PUBLISHED)
    return Party.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)


def make_mou(title: str | None = None, parties=None, source: Source | None = None, **fields) -> MOU:
    """An MOU with its signatories (default: one new Singapore and one new Chinese party)."""
    title = title or f"Memorandum of Understanding {_n()}"
    fields.setdefault("instrument_type", MOU.InstrumentType.MOU)
    fields.setdefault("signed_on", datetime.date(2022, 11, 25))
    fields.setdefault("status", Status.PUBLISHED)
    mou = MOU.objects.create(title=title, slug=fields.pop("slug", slugify(title)[:200]), **fields)
    if parties is None:
        parties = [make_party(country="SG"), make_party(country="CN")]
    for order, party in enumerate(parties, 1):
        side = "CN" if party.country == "CN" else "SG"
        Signatory.objects.create(mou=mou, order=order, party=party, side=side)
    MOUCitation.objects.create(mou=mou, source=source or make_source(), locator="Annex A")
    return mou


def make_project(name: str | None = None, partners=(), source: Source | None = None, **fields):
    name = name or f"Project {_n()}"
    fields.setdefault("phase", 3)
    fields.setdefault("status", Status.PUBLISHED)
    project = Project.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)
    for order, party in enumerate(partners, 1):
        ProjectPartner.objects.create(project=project, party=party, order=order)
    ProjectCitation.objects.create(project=project, source=source or make_source(), locator="B")
    return project


def make_milestone(project: Project, **fields) -> Milestone:
    fields.setdefault("order", _n())
    fields.setdefault("date", datetime.date(2021, 6, 30))
    fields.setdefault("text", "Something happened.")
    fields.setdefault("source", make_source())
    return Milestone.objects.create(project=project, **fields)


def role_group(name: str) -> Group:
    """A staff role's group, made again if a live-server test's flush emptied the tables.

    The groups come from the staff app's data migrations; flushing the database
    after a transactional test leaves the migrations recorded and the groups gone,
    so their forward steps are run again, as migrating did.
    """
    if group := Group.objects.filter(name=name).first():
        return group
    loader = MigrationLoader(connection)
    for key in sorted(key for key in loader.disk_migrations if key[0] == "staff"):
        for operation in loader.disk_migrations[key].operations:
            if isinstance(operation, RunPython):
                operation.code(global_apps, SimpleNamespace(connection=connection))
    return Group.objects.get(name=name)


def make_editor(username: str = "editor") -> User:
    """A staff user in the Editor role (may view, add and change records, and preview drafts)."""
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(role_group(EDITOR))
    return user
