"""An admin save writes everything or nothing, even when the database refuses its last row."""

import pytest
from django.conf import settings

from mous.models import MOU, Signatory
from reliability.forms import form_fields
from tests.factories import make_party

ADD = f"/{settings.ADMIN_URL}mous/mou/add/"


@pytest.fixture
def mou_form(db, admin_client):
    """The admin's real "add MOU" form, filled in, with two signatory rows to complete."""
    data = form_fields(admin_client.get(ADD).content.decode(), form_id="mou_form")
    data.update(
        title="Memorandum of Understanding on Smart Logistics",
        slug="smart-logistics",
        instrument_type=MOU.InstrumentType.MOU,
        signed_on="2022-11-25",
        signed_on_precision="day",
    )
    data["signatories-TOTAL_FORMS"] = "2"
    return data


def signatory(data: dict, row: int, party, side: str) -> None:
    data.update(
        {
            f"signatories-{row}-order": str(row + 1),
            f"signatories-{row}-party": str(party.pk),
            f"signatories-{row}-side": side,
        }
    )


def test_a_valid_mou_is_saved_with_its_signatories(admin_client, mou_form):
    signatory(mou_form, 0, make_party(country="SG"), "SG")
    signatory(mou_form, 1, make_party(country="CN"), "CN")
    assert admin_client.post(ADD, mou_form).status_code == 302
    assert Signatory.objects.filter(mou__slug="smart-logistics").count() == 2


def test_an_mou_whose_last_row_the_database_rejects_is_not_saved_at_all(admin_client, mou_form):
    # The same party twice: the form does not catch it; the database's unique
    # constraint rejects the second row after the MOU and the first row were written.
    party = make_party()
    signatory(mou_form, 0, party, "SG")
    signatory(mou_form, 1, party, "CN")
    admin_client.raise_request_exception = False
    admin_client.post(ADD, mou_form)
    assert not MOU.objects.filter(slug="smart-logistics").exists()
    assert not Signatory.objects.filter(party=party).exists()
