"""Every change is recorded with who, when and what, shown in the admin, and can be reverted."""

import pytest
from django.urls import reverse

from meetings.models import Status
from mous.models import Party, Signatory
from tests.admin.admin_forms import form_data
from tests.factories import make_area, make_mou, make_party, make_project

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def revert_url(obj, version) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, version.history_id],
    )


def edit(client, obj, **changes):
    data = form_data(client.get(change_url(obj))) | changes
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_change_records_who_and_what(editor_client, editor):
    party = make_party(name="Before")
    edit(editor_client, party, name="After")
    latest = party.history.latest()
    assert latest.history_user == editor
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == ["name"]


def test_the_history_page_shows_the_change(editor_client):
    party = make_party(name="Before")
    edit(editor_client, party, name="After")
    page = editor_client.get(history_url(party)).content.decode()
    assert "eddie" in page
    assert "Before" in page and "After" in page


def test_changes_to_parts_are_shown_on_the_record_history(editor_client):
    mou = make_mou()
    edit(editor_client, mou, **{"signatories-1-side": "SG"})
    page = editor_client.get(history_url(mou))
    changes = page.context["part_changes"]
    assert any(
        [(c.field, c.old, c.new) for c in change["changes"]] == [("side", "CN", "SG")]
        for change in changes
    )
    assert "Changes to its parts" in page.content.decode()


def test_a_projects_areas_are_part_of_its_history(editor_client):
    project = make_project()
    area = make_area(name="Digital Trade")
    edit(editor_client, project, areas=[area.pk])
    assert [a.area for a in project.history.latest().areas.all()] == [area]


def test_revert_to_an_earlier_version(publisher_client):
    party = make_party(name="Original", short_name="ORG")
    first = party.history.earliest()
    edit(publisher_client, party, name="Mistake", short_name="MST")
    form = publisher_client.get(revert_url(party, first))
    assert form.context["adminform"].form["name"].value() == "Original"
    publisher_client.post(revert_url(party, first), form_data(form))
    party.refresh_from_db()
    assert (party.name, party.short_name) == ("Original", "ORG")


def test_an_editor_reverting_does_not_change_the_status(editor_client):
    party = make_party(name="Published once")
    published_version = party.history.earliest()
    Party.objects.filter(pk=party.pk).update(status=Status.DRAFT)
    form = editor_client.get(revert_url(party, published_version))
    editor_client.post(revert_url(party, published_version), form_data(form))
    party.refresh_from_db()
    assert party.status == Status.DRAFT


def test_a_removed_part_can_be_restored_from_its_history(publisher_client):
    mou = make_mou(parties=[make_party(), make_party(), make_party(country="CN")])
    removed = mou.signatories.get(order=3)
    edit(publisher_client, mou, **{"signatories-2-DELETE": "on"})
    assert not Signatory.objects.filter(pk=removed.pk).exists()
    last_version = (
        removed.history.filter(history_type="~").last()
        or removed.history.filter(history_type="+").last()
    )
    form = publisher_client.get(revert_url(removed, last_version))
    publisher_client.post(revert_url(removed, last_version), form_data(form))
    assert mou.signatories.filter(pk=removed.pk, order=3).exists()


def test_reverting_a_project_restores_its_areas(publisher_client):
    project = make_project()
    first_area, second_area = make_area(), make_area()
    edit(publisher_client, project, areas=[first_area.pk])
    version = project.history.latest()
    edit(publisher_client, project, areas=[second_area.pk], name="Renamed")
    form = publisher_client.get(revert_url(project, version))
    publisher_client.post(revert_url(project, version), form_data(form))
    project.refresh_from_db()
    assert list(project.areas.all()) == [first_area]
    assert project.name != "Renamed"
