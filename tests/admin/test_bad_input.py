"""Bad input in the admin is a message or a 404, never an error page."""

import pytest
from django.urls import reverse

from mous.models import MOU
from tests.factories import make_mou

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/mous/mou/abc/history/",
        "/admin/mous/signatory/abc/history/",
        "/admin/mous/mou/{pk}/history/abc/",
    ],
)
def test_a_key_that_cannot_be_one_is_not_found(superuser_client, path):
    mou = make_mou()
    assert superuser_client.get(path.format(pk=mou.pk)).status_code == 404


@pytest.mark.parametrize("file_format", ["0", "9", "x"])
def test_confirming_an_import_whose_file_is_gone_says_so(superuser_client, file_format):
    response = superuser_client.post(
        reverse("admin:mous_mou_process_import"),
        {"import_file_name": "gone", "original_file_name": "mous.csv", "format": file_format},
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was imported: the previewed file could not be read again." in (
        response.content.decode()
    )
    assert not MOU.objects.exists()


def test_an_export_with_a_format_that_does_not_exist_is_a_form_error(superuser_client):
    response = superuser_client.post(reverse("admin:mous_mou_export"), {"format": "9"})
    assert response.status_code == 200
    assert response.context["form"].errors["format"]
