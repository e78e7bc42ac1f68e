"""What each staff role may do in the admin: exactly what the role allows and no more."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token

from meetings.models import Status
from mous.models import MOU, Party
from staff.roles import EDITOR, PUBLISHER
from tests.admin.admin_forms import form_data, new_mou_data
from tests.admin.conftest import signed_in, staff_user
from tests.factories import (
    make_area,
    make_meeting,
    make_mou,
    make_party,
    make_project,
    make_source,
)

pytestmark = pytest.mark.django_db

RECORDS = {
    "meetings.meeting": make_meeting,
    "meetings.source": make_source,
    "mous.area": make_area,
    "mous.party": make_party,
    "mous.mou": make_mou,
    "projects.project": make_project,
}
PUBLISHABLE = ["meetings.meeting", "mous.area", "mous.party", "mous.mou", "projects.project"]


def url(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def changelist(label: str) -> str:
    app_label, model = label.split(".")
    return url(f"{app_label}_{model}_changelist")


@pytest.mark.parametrize("role", ["editor_client", "publisher_client", "superuser_client"])
def test_every_role_sees_every_list(request, role):
    client = request.getfixturevalue(role)
    for model in admin.site._registry:
        label = model._meta.label_lower
        if model._meta.app_label in {"meetings", "mous", "projects"}:
            assert client.get(changelist(label)).status_code == 200, label


def test_staff_without_a_role_sees_nothing(db):
    client = signed_in(staff_user("nobody"))
    assert client.get(changelist("mous.mou")).status_code == 403
    assert client.get(url("mous_mou_add")).status_code == 403


@pytest.mark.parametrize("role", ["editor_client", "publisher_client"])
def test_editors_and_publishers_add_records_as_drafts(request, role):
    client = request.getfixturevalue(role)
    sg, cn = make_party(), make_party(country="CN")
    response = client.post(url("mous_mou_add"), new_mou_data("Added", [(sg, "SG"), (cn, "CN")]))
    assert response.status_code == 302
    assert MOU.objects.get(slug="added").status == Status.DRAFT


def test_an_editor_changes_a_record(editor_client):
    party = make_party(name="Old name", status=Status.DRAFT)
    page = editor_client.get(url("mous_party_change", party.pk))
    data = form_data(page) | {"name": "New name"}
    assert editor_client.post(url("mous_party_change", party.pk), data).status_code == 302
    party.refresh_from_db()
    assert party.name == "New name"


def test_the_status_field_is_read_only_for_an_editor(editor_client):
    party = make_party(status=Status.DRAFT)
    page = editor_client.get(url("mous_party_change", party.pk))
    assert "status" not in page.context["adminform"].form.fields
    data = form_data(page) | {"status": Status.PUBLISHED}
    editor_client.post(url("mous_party_change", party.pk), data)
    party.refresh_from_db()
    assert party.status == Status.DRAFT


def test_the_status_field_is_editable_for_a_publisher(publisher_client):
    party = make_party(status=Status.DRAFT)
    page = publisher_client.get(url("mous_party_change", party.pk))
    assert "status" in page.context["adminform"].form.fields


@pytest.mark.parametrize("label", PUBLISHABLE)
def test_an_editor_is_not_offered_the_publish_actions(editor_client, label):
    # Publishing and deleting are the only actions, so an Editor has none.
    assert editor_client.get(changelist(label)).context["action_form"] is None


@pytest.mark.parametrize("role", ["publisher_client", "superuser_client"])
@pytest.mark.parametrize("label", PUBLISHABLE)
def test_a_publisher_is_offered_publish_unpublish_and_delete(request, role, label):
    client = request.getfixturevalue(role)
    actions = client.get(changelist(label)).context["action_form"].fields["action"]
    offered = {name for name, _ in actions.choices}
    assert {"publish_selected", "unpublish_selected", "delete_selected"} <= offered


def test_an_editor_cannot_publish_by_posting_the_action(editor_client):
    party = make_party(status=Status.DRAFT)
    editor_client.post(
        changelist("mous.party"), {"action": "publish_selected", "_selected_action": [party.pk]}
    )
    party.refresh_from_db()
    assert party.status == Status.DRAFT


@pytest.mark.parametrize("label", RECORDS)
def test_an_editor_cannot_delete_a_record(editor_client, label):
    model = apps.get_model(label)
    obj = RECORDS[label]()
    app_label, name = label.split(".")
    delete = url(f"{app_label}_{name}_delete", obj.pk)
    assert editor_client.get(delete).status_code == 403
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_publisher_deletes_a_record(publisher_client):
    mou = make_mou()
    response = publisher_client.post(url("mous_mou_delete", mou.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not MOU.objects.filter(pk=mou.pk).exists()


def test_an_editor_removes_a_part_while_editing_a_record(editor_client):
    mou = make_mou(parties=[make_party(), make_party(), make_party(country="CN")])
    page = editor_client.get(url("mous_mou_change", mou.pk))
    data = form_data(page) | {"signatories-2-DELETE": "on"}
    assert editor_client.post(url("mous_mou_change", mou.pk), data).status_code == 302
    assert mou.signatories.count() == 2


@pytest.mark.parametrize("role", ["editor_client", "publisher_client"])
def test_parts_are_only_added_and_removed_through_their_record(request, role):
    client = request.getfixturevalue(role)
    signatory = make_mou().signatories.first()
    assert client.get(url("mous_signatory_add")).status_code == 403
    assert client.get(url("mous_signatory_delete", signatory.pk)).status_code == 403


@pytest.mark.parametrize("role", ["editor_client", "publisher_client"])
def test_both_roles_import_and_export(request, role):
    client = request.getfixturevalue(role)
    assert client.get(url("mous_mou_import")).status_code == 200
    assert client.get(url("mous_mou_export")).status_code == 200


def test_a_viewer_may_neither_import_nor_revert(db):
    viewer = staff_user("viewer")
    viewer.user_permissions.add(
        *Group.objects.get(name=EDITOR).permissions.filter(codename__startswith="view_")
    )
    client = signed_in(viewer)
    party = make_party(name="Kept")
    version = party.history.earliest()
    assert client.get(url("mous_party_import")).status_code == 403
    revert = url("mous_party_simple_history", party.pk, version.history_id)
    assert client.post(revert, {"name": "Changed"}).status_code == 403
    assert Party.objects.get(pk=party.pk).name == "Kept"


@pytest.mark.parametrize("app_label", ["meetings", "mous", "projects"])
def test_the_roles_cover_every_model_of_the_portal(app_label):
    editor = set(Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name=PUBLISHER).permissions.values_list("codename", flat=True)
    )
    for model in apps.get_app_config(app_label).get_models():
        if model.__name__.startswith("Historical"):
            continue
        name = model._meta.model_name
        assert {f"view_{name}", f"add_{name}", f"change_{name}"} <= editor, name
        assert f"delete_{name}" in publisher, name
    assert editor < publisher
    assert not {code for code in editor if code.startswith("publish_")}


TOKEN_PERMISSIONS = {"view_tokenproxy", "add_tokenproxy", "change_tokenproxy", "delete_tokenproxy"}


def test_only_publishers_manage_api_tokens():
    def tokens(role: str) -> set[str]:
        permissions = Group.objects.get(name=role).permissions
        return set(
            permissions.filter(content_type__app_label="authtoken").values_list(
                "codename", flat=True
            )
        )

    assert tokens(PUBLISHER) == TOKEN_PERMISSIONS
    assert tokens(EDITOR) == set()


def test_a_publisher_creates_and_revokes_a_partners_token(publisher_client, django_user_model):
    partner = django_user_model.objects.create_user("research-institute")
    assert publisher_client.get(url("authtoken_tokenproxy_changelist")).status_code == 200
    response = publisher_client.post(url("authtoken_tokenproxy_add"), {"user": partner.pk})
    assert response.status_code == 302
    assert Token.objects.filter(user=partner).exists()

    # The admin addresses a token by its user's id.
    delete = url("authtoken_tokenproxy_delete", partner.pk)
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Token.objects.filter(user=partner).exists()


def test_an_editor_can_neither_see_nor_create_nor_revoke_a_token(editor_client, django_user_model):
    partner = django_user_model.objects.create_user("research-institute")
    assert editor_client.get(url("authtoken_tokenproxy_changelist")).status_code == 403
    response = editor_client.post(url("authtoken_tokenproxy_add"), {"user": partner.pk})
    assert response.status_code == 403
    assert not Token.objects.filter(user=partner).exists()

    Token.objects.create(user=partner)
    delete = url("authtoken_tokenproxy_delete", partner.pk)
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Token.objects.filter(user=partner).exists()
