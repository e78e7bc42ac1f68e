"""An MOU is published only with two parties or more, whichever way it comes to be published."""

import pytest
from django.urls import reverse

from meetings.models import Status
from mous.models import MOU, Signatory
from tests.admin.admin_forms import errors_of, form_data
from tests.admin.importing import csv_file, preview
from tests.factories import make_mou, make_party

pytestmark = pytest.mark.django_db

MOUS = reverse("admin:mous_mou_changelist")


def revert_url(mou: MOU, version) -> str:
    return reverse("admin:mous_mou_simple_history", args=[mou.pk, version.history_id])


def one_party_mou(title: str, **fields) -> MOU:
    """An MOU left with a single signatory (as after restoring only one of its parts)."""
    mou = make_mou(title=title, **fields)
    mou.signatories.filter(order=2).delete()
    return mou


def deleted_mou(client) -> tuple[int, object]:
    """Delete a published MOU as a Publisher does; its pk and its last (published) version."""
    mou = make_mou(title="Gone")
    version = mou.history.latest()
    response = client.post(reverse("admin:mous_mou_delete", args=[mou.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Signatory.objects.filter(mou_id=mou.pk).exists()
    return mou.pk, version


def test_the_model_refuses_to_publish_fewer_than_two_parties():
    mou = one_party_mou("Lonely")
    assert "has 1 party: an MOU is published only with at least two" in mou.publication_problem()
    assert make_mou().publication_problem() == ""


def test_bulk_publishing_leaves_an_mou_without_two_parties_a_draft_and_names_it(
    publisher_client,
):
    lonely = one_party_mou("Lonely", status=Status.DRAFT)
    whole = make_mou(title="Whole", status=Status.DRAFT)
    response = publisher_client.post(
        MOUS,
        {"action": "publish_selected", "_selected_action": [lonely.pk, whole.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Published 1 MOU." in page
    assert "Not published: “Lonely” has 1 party" in page
    assert MOU.objects.get(pk=lonely.pk).status == Status.DRAFT
    assert MOU.objects.get(pk=whole.pk).status == Status.PUBLISHED


def test_the_form_refuses_to_publish_an_mou_left_with_one_party(publisher_client):
    mou = one_party_mou("Lonely", status=Status.DRAFT)
    change = reverse("admin:mous_mou_change", args=[mou.pk])
    data = form_data(publisher_client.get(change)) | {"status": Status.PUBLISHED}
    response = publisher_client.post(change, data)
    assert response.status_code == 200
    assert "An MOU has at least two parties" in errors_of(response)
    assert MOU.objects.get(pk=mou.pk).status == Status.DRAFT


def test_a_revert_cannot_publish_an_mou_without_two_parties(publisher_client):
    mou = one_party_mou("Lonely")
    published_version = mou.history.filter(status=Status.PUBLISHED).earliest()
    MOU.objects.filter(pk=mou.pk).update(status=Status.DRAFT)
    form = publisher_client.get(revert_url(mou, published_version))
    response = publisher_client.post(revert_url(mou, published_version), form_data(form))
    assert response.status_code == 200
    assert "has 1 party" in str(response.context["adminform"].form.errors["status"])
    assert MOU.objects.get(pk=mou.pk).status == Status.DRAFT


def test_a_deleted_mou_is_restored_as_a_draft(publisher_client, client):
    pk, version = deleted_mou(publisher_client)
    form = publisher_client.get(revert_url(MOU(pk=pk), version))
    assert form.context["adminform"].form["status"].value() == Status.DRAFT
    data = form_data(form) | {"status": Status.PUBLISHED}  # a disabled field ignores the post
    response = publisher_client.post(revert_url(MOU(pk=pk), version), data, follow=True)
    assert "A deleted record is restored as a draft" in response.content.decode()
    restored = MOU.objects.get(pk=pk)
    assert restored.status == Status.DRAFT
    assert client.get(restored.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/mous/{restored.slug}/").status_code == 404


def test_an_editor_restores_a_deleted_mou_as_a_draft(publisher_client, editor_client):
    pk, version = deleted_mou(publisher_client)
    form = editor_client.get(revert_url(MOU(pk=pk), version))
    editor_client.post(revert_url(MOU(pk=pk), version), form_data(form))
    assert MOU.objects.get(pk=pk).status == Status.DRAFT


def test_an_import_cannot_leave_a_published_mou_without_two_parties(editor_client):
    mou = one_party_mou("Lonely")
    row = {"slug": mou.slug, "title": "Lonely", "description": "Changed"}
    response = preview(editor_client, "mous.mou", csv_file("mous.csv", [row]))
    assert not response.context.get("confirm_form")
    assert "has 1 party" in response.content.decode()
    assert MOU.objects.get(pk=mou.pk).description == ""


def test_an_import_keeps_a_published_mous_two_parties(editor_client):
    mou = make_mou(title="Whole", parties=[make_party(slug="a"), make_party(slug="b")])
    row = {"slug": mou.slug, "title": "Whole", "signatories": "SG: a"}
    response = preview(editor_client, "mous.mou", csv_file("mous.csv", [row]))
    assert not response.context.get("confirm_form")
    assert "An MOU has at least two parties" in response.content.decode()


def test_a_signatory_cannot_be_moved_to_another_mou_from_its_own_page(publisher_client):
    mou, other = make_mou(title="Pair"), make_mou(title="Other")
    signatory = mou.signatories.get(order=1)
    change = reverse("admin:mous_signatory_change", args=[signatory.pk])
    form = publisher_client.get(change)
    assert "mou" not in form.context["adminform"].form.fields
    response = publisher_client.post(change, form_data(form) | {"mou": other.pk})
    assert response.status_code == 302
    assert Signatory.objects.get(pk=signatory.pk).mou == mou
    assert mou.signatories.count() == 2
