"""Publishing and unpublishing, one at a time or in bulk, with the time and the history."""

import pytest
from django.urls import reverse

from meetings.models import Status
from mous.models import MOU, Party
from tests.admin.admin_forms import form_data
from tests.factories import make_mou, make_party

pytestmark = pytest.mark.django_db

PARTIES = reverse("admin:mous_party_changelist")
MOUS = reverse("admin:mous_mou_changelist")


def run_action(client, url: str, action: str, objects):
    return client.post(
        url, {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True
    )


def test_publishing_in_bulk_records_the_time(publisher_client):
    drafts = [make_mou(status=Status.DRAFT) for _ in range(3)]
    response = run_action(publisher_client, MOUS, "publish_selected", drafts)
    assert "Published 3 MOUs." in response.content.decode()
    for mou in MOU.objects.all():
        assert mou.status == Status.PUBLISHED
        assert mou.published_at is not None


def test_publishing_in_bulk_writes_history_for_each_row(publisher_client, publisher):
    drafts = [make_party(status=Status.DRAFT) for _ in range(2)]
    run_action(publisher_client, PARTIES, "publish_selected", drafts)
    for party in drafts:
        latest = party.history.latest()
        assert latest.status == Status.PUBLISHED
        assert latest.history_user == publisher
        assert latest.history_change_reason == "Published"


def test_unpublishing_in_bulk_makes_drafts_and_keeps_the_first_publication_time(
    publisher_client, publisher
):
    party = make_party(status=Status.DRAFT)
    run_action(publisher_client, PARTIES, "publish_selected", [party])
    first_published = Party.objects.get(pk=party.pk).published_at
    response = run_action(publisher_client, PARTIES, "unpublish_selected", [party])
    assert "Unpublished 1 party: it is a draft again." in response.content.decode()
    party.refresh_from_db()
    assert party.status == Status.DRAFT
    assert party.published_at == first_published
    assert party.history.latest().history_change_reason == "Unpublished"
    assert party.history.latest().history_user == publisher


def test_publishing_leaves_published_rows_alone(publisher_client):
    published = make_party()
    before = published.history.count()
    run_action(publisher_client, PARTIES, "publish_selected", [published])
    assert published.history.count() == before


def test_a_publisher_publishes_through_the_form(publisher_client):
    party = make_party(status=Status.DRAFT)
    change = reverse("admin:mous_party_change", args=[party.pk])
    data = form_data(publisher_client.get(change)) | {"status": Status.PUBLISHED}
    publisher_client.post(change, data)
    party.refresh_from_db()
    assert party.status == Status.PUBLISHED
    assert party.published_at is not None


def test_a_new_record_starts_as_a_draft(publisher_client):
    form = publisher_client.get(reverse("admin:mous_area_add")).context["adminform"].form
    assert form["status"].value() == Status.DRAFT


def test_the_change_page_links_to_the_public_page(editor_client):
    party = make_party(status=Status.DRAFT)
    page = editor_client.get(reverse("admin:mous_party_change", args=[party.pk]))
    response = editor_client.get(page.context["absolute_url"])
    assert response.status_code == 302
    assert response.url.removeprefix("http://testserver") == party.get_absolute_url()


def test_publishing_an_mou_names_the_draft_parties_it_waits_for(publisher_client):
    draft_party = make_party(name="Not Yet Ltd", status=Status.DRAFT)
    mou = make_mou(status=Status.DRAFT, parties=[make_party(), draft_party])
    page = run_action(publisher_client, MOUS, "publish_selected", [mou]).content.decode()
    assert "These are still drafts, so the public pages leave them out: party Not Yet Ltd." in page


def test_publishing_an_mou_whose_parties_are_published_warns_of_nothing(publisher_client):
    mou = make_mou(status=Status.DRAFT)
    page = run_action(publisher_client, MOUS, "publish_selected", [mou]).content.decode()
    assert "still drafts" not in page
