"""Partners' API tokens: created and revoked by staff in the admin."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

URL = "/api/v1/mous/"


def test_a_token_authenticates(client, partner_token):
    response = client.get(URL, headers={"Authorization": f"Token {partner_token.key}"})
    assert response.status_code == 200


def test_a_revoked_token_is_refused(client, partner_token):
    key = partner_token.key
    partner_token.delete()
    response = client.get(URL, headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Invalid token."}


def test_a_token_for_a_deactivated_account_is_refused(client, partner_token):
    partner_token.user.is_active = False
    partner_token.user.save()
    response = client.get(URL, headers={"Authorization": f"Token {partner_token.key}"})
    assert response.status_code == 401


def test_staff_create_and_revoke_tokens_in_the_admin(client):
    staff = User.objects.create_superuser("staff", password="pw-for-tests-only")
    partner = User.objects.create_user("research-institute")
    client.force_login(staff)

    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": partner.pk})
    assert response.status_code == 302
    token = Token.objects.get(user=partner)
    client.logout()
    assert client.get(URL, headers={"Authorization": f"Token {token.key}"}).status_code == 200

    client.force_login(staff)
    response = client.post(f"/admin/authtoken/tokenproxy/{partner.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert client.get(URL, headers={"Authorization": f"Token {token.key}"}).status_code == 401
