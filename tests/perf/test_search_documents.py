"""The stored full-text documents stay current on save (PostgreSQL; SQLite has none)."""

import pytest
from django.db import connection

from mous.models import MOU, Party, Signatory
from projects.models import Project, ProjectPartner
from tests.factories import make_mou, make_party, make_project


@pytest.fixture(autouse=True)
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("stored search documents and GIN indexes exist on PostgreSQL only")


def mou_slugs(text: str) -> set[str]:
    return set(MOU.objects.search(text).values_list("slug", flat=True))


def project_slugs(text: str) -> set[str]:
    return set(Project.objects.search(text).values_list("slug", flat=True))


def test_a_new_mou_is_found_by_its_title_and_description():
    mou = make_mou(title="Cooperation on quantum networking", description="Seabed cables.")
    assert mou.slug in mou_slugs("quantum")
    assert mou.slug in mou_slugs("cable")  # stemmed: cables


def test_an_edited_title_is_found_and_the_old_words_are_not():
    mou = make_mou(title="Cooperation on quantum networking")
    mou.title = "Cooperation on wetland restoration"
    mou.save()
    assert mou.slug in mou_slugs("wetland")
    assert mou.slug not in mou_slugs("quantum")


def test_a_signatory_added_after_the_mou_is_found_by_its_names():
    mou = make_mou(title="Cooperation")
    party = make_party("Zephyrine Robotics", short_name="ZR", other_names="Zephyr Labs")
    Signatory.objects.create(mou=mou, order=3, party=party, side="SG")
    assert mou.slug in mou_slugs("Zephyrine")
    assert mou.slug in mou_slugs("Zephyr Labs")


def test_a_removed_signatory_no_longer_finds_the_mou():
    party = make_party("Zephyrine Robotics")
    mou = make_mou(title="Cooperation", parties=[party, make_party(country="CN")])
    mou.signatories.get(party=party).delete()
    assert mou.slug not in mou_slugs("Zephyrine")


def test_renaming_a_party_updates_its_mous_and_projects():
    party = make_party("Zephyrine Robotics")
    mou = make_mou(title="Cooperation", parties=[party, make_party(country="CN")])
    project = make_project(name="Pilot", partners=[party])
    party.other_names = "Marigold Automation"
    party.save()
    assert mou.slug in mou_slugs("Marigold")
    assert project.slug in project_slugs("Marigold")
    assert Party.objects.search("Marigold").get() == party


def test_a_partner_added_to_a_project_is_found_by_its_names():
    project = make_project(name="Harbour pilot")
    ProjectPartner.objects.create(project=project, party=make_party("Quillon Logistics"))
    assert project.slug in project_slugs("Quillon")


def test_the_title_ranks_above_party_names_above_the_description():
    in_title = make_mou(title="Cooperation on kelp farming")
    in_party = make_mou(title="Cooperation", parties=[make_party("Kelp Growers"), make_party()])
    in_text = make_mou(title="Agreement", description="Pilots of kelp harvesting.")
    ranked = list(MOU.objects.search("kelp").order_by("-rank").values_list("slug", flat=True))
    assert ranked == [in_title.slug, in_party.slug, in_text.slug]


def test_plain_words_also_match_by_their_start():
    mou = make_mou(title="Cooperation with Tsinghua Shenzhen International Graduate School")
    assert mou.slug in mou_slugs("Tsing")
    assert mou.slug not in mou_slugs("Ts")  # two letters match whole words only


@pytest.mark.parametrize(
    ("table", "index"),
    [("mous_mou", "mou_search_gin"), ("projects_project", "project_search_gin")],
)
def test_search_can_use_the_gin_index(table, index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM {table} "  # noqa: S608  # nosec B608 (fixed table names, no input)
            "WHERE search_vector @@ websearch_to_tsquery('english', 'kelp')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan
