"""manage.py generate_synthetic_data: reproducible, realistic records at any scale."""

import pytest
from django.core.management import CommandError
from django.db import connection, transaction

from meetings.models import Meeting, Status
from mous.models import MOU, Party, Signatory
from projects.models import Milestone, Project
from tests.perf.synthetic import generate


def snapshot() -> dict:
    """Everything generated, without database ids or save times."""
    return {
        "mous": list(
            MOU.objects.order_by("slug").values_list(
                "slug", "title", "description", "area__slug", "meeting__ordinal", "signed_on",
                "signed_on_precision", "instrument_type", "status", "builds_on__slug",
            )
        ),
        "signatories": list(
            Signatory.objects.order_by("mou__slug", "order").values_list(
                "mou__slug", "order", "party__slug", "side", "unnamed_description"
            )
        ),
        "parties": list(
            Party.objects.order_by("slug").values_list(
                "slug", "name", "short_name", "other_names", "country", "kind", "parent__slug"
            )
        ),
        "projects": list(
            Project.objects.order_by("slug", "partnerships__order").values_list(
                "slug", "name", "phase", "number", "status", "partnerships__party__slug"
            )
        ),
        "milestones": list(
            Milestone.objects.order_by("project__slug", "order").values_list(
                "project__slug", "date", "date_precision", "text", "figures", "planned"
            )
        ),
    }  # fmt: skip


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_records():
    with transaction.atomic():
        generate()
        first = snapshot()
        transaction.set_rollback(True)
    assert not MOU.objects.exists()
    generate()
    assert snapshot() == first


@pytest.mark.django_db
def test_another_seed_gives_other_records():
    with transaction.atomic():
        generate(seed=1)
        first = snapshot()
        transaction.set_rollback(True)
    generate(seed=2)
    assert snapshot()["mous"] != first["mous"]


@pytest.mark.django_db
def test_it_creates_the_requested_numbers():
    generate(mous=300, projects=120, parties=50)
    assert MOU.objects.count() == 300
    assert Project.objects.count() == 120
    assert Party.objects.count() == 50
    assert Meeting.objects.count() >= 3


@pytest.mark.django_db
def test_mous_have_two_to_five_signatories_and_a_citation():
    generate()
    for mou in MOU.objects.prefetch_related("signatories", "citations"):
        assert 2 <= len(mou.signatories.all()) <= 5
        assert len(mou.citations.all()) == 1


@pytest.mark.django_db
def test_about_a_tenth_are_drafts():
    generate(mous=1000, projects=10, parties=100)
    drafts = MOU.objects.filter(status=Status.DRAFT).count()
    assert 60 <= drafts <= 140
    assert not MOU.objects.published().filter(published_at__isnull=True).exists()


@pytest.mark.django_db
def test_parties_have_aliases_countries_and_some_a_parent():
    generate(mous=100, parties=400)
    parties = Party.objects.all()
    assert parties.exclude(other_names="").count() > 100
    assert set(parties.values_list("country", flat=True)) >= {"SG", "CN", ""}
    assert parties.filter(parent__isnull=False).exists()


@pytest.mark.django_db
def test_projects_have_partners_areas_and_milestones_with_figures():
    generate()
    project = Project.objects.filter(partnerships__isnull=False, areas__isnull=False).first()
    assert project is not None
    assert Milestone.objects.exclude(figures=[]).exists()
    assert not Project.objects.filter(milestones__isnull=True).exists()


@pytest.mark.django_db
def test_descriptions_are_long_enough_to_search():
    generate()
    assert all(len(d) > 150 for d in MOU.objects.values_list("description", flat=True))


@pytest.mark.django_db
def test_signing_dates_respect_their_meeting_and_precision():
    generate()
    for mou in MOU.objects.select_related("meeting"):
        mou.full_clean()  # precision, and no signing after the meeting


def test_synthetic_slugs_do_not_collide_with_the_transcribed_data(transcribed):
    before = set(MOU.objects.values_list("slug", flat=True))
    generate()
    synthetic = set(MOU.objects.values_list("slug", flat=True)) - before
    assert len(synthetic) == 200
    assert all(slug.startswith("syn-") for slug in synthetic)
    assert MOU.objects.filter(slug__in=before).count() == len(before)


@pytest.mark.django_db
def test_it_refuses_a_database_that_already_has_synthetic_data():
    generate(mous=20, projects=5, parties=10)
    with pytest.raises(CommandError, match="already holds synthetic data"):
        generate(mous=20, projects=5, parties=10)


@pytest.mark.django_db
def test_the_planner_sees_what_was_loaded():
    """After a bulk load the statistics count the new rows (PostgreSQL): planned for
    an empty table, a filtered list of a few hundred MOUs took minutes."""
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    generate(mous=300, projects=120, parties=50)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('mous_mou', 'mous_signatory', 'mous_party', 'projects_project')"
        )
        estimates = dict(cursor.fetchall())
    assert estimates["mous_mou"] >= 300
    assert estimates["mous_party"] >= 50
    assert estimates["projects_project"] >= 120
    assert estimates["mous_signatory"] >= 600
