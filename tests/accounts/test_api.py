import pytest

from clearinghouse.accounts import services
from tests.factories import UserFactory, focal_point

pytestmark = pytest.mark.django_db


def test_me_with_a_bearer_token_and_after_revoking_it(client):
    user = focal_point("KE", email="fp@example.org")
    token, key = services.api_token_create(actor=user, name="script")
    r = client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200
    data = r.json()
    assert data["email"] == "fp@example.org"
    assert data["roles"] == [{"role": "focal_point", "role_label": "National focal point", "country": "KE",
                              "convention": "CBD"}]
    token.refresh_from_db()
    assert token.last_used_at is not None
    services.api_token_revoke(actor=user, token=token)
    assert client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_me_needs_authentication_and_a_wrong_key_fails(client):
    assert client.get("/api/v1/accounts/me").status_code == 401
    assert client.get("/api/v1/accounts/me", headers={"Authorization": "Bearer chk_nope"}).status_code == 401


def test_me_with_the_session_and_no_other_emails(client):
    user = UserFactory(email="me@example.org")
    UserFactory(email="someone-else@example.org")
    client.force_login(user)
    r = client.get("/api/v1/accounts/me")
    assert r.status_code == 200 and "someone-else" not in r.content.decode()
