import secrets

import pytest

from clearinghouse.accounts.models import ApiToken
from clearinghouse.knowledge.models import Record
from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "/api/v1/records/"


def token_for(user) -> dict:
    key = secrets.token_urlsafe(24)
    ApiToken.objects.create(user=user, name="test", prefix=key[:8], key_hash=ApiToken.hash_key(key))
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


PAYLOAD = {"kind": "good-practice", "country": "KE", "title": "Mangrove nurseries in Gazi",
           "summary": "Women's groups grow seedlings.", "targets": ["GBF-2"], "topics": ["restoration"],
           "details": {"scale": "local"}}


def test_create_submit_publish_with_tokens(client):
    au, fp = f.authorised_user("KE"), f.focal_point("KE")
    response = client.post(BASE, PAYLOAD, content_type="application/json", **token_for(au))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["base_id"].startswith("CHM-GP-KE-") and body["status"] == "draft"
    ident = body["base_id"]
    assert client.get(BASE + ident).status_code == 404  # not published yet

    response = client.post(f"{BASE}{ident}/submit", {"comment": "Ready"}, content_type="application/json",
                           **token_for(au))
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    response = client.post(f"{BASE}{ident}/submit", {}, content_type="application/json", **token_for(au))
    assert response.status_code == 409 and "already waiting" in response.json()["detail"]

    response = client.post(f"{BASE}{ident}/publish", {}, content_type="application/json", **token_for(au))
    assert response.status_code == 403

    response = client.post(f"{BASE}{ident}/publish", {}, content_type="application/json", **token_for(fp))
    assert response.status_code == 200 and response.json()["id"] == f"{ident}-1"

    public = client.get(BASE + ident).json()
    assert public["id"] == f"{ident}-1" and public["title"] == "Mangrove nurseries in Gazi"
    assert public["targets"] == ["GBF-2"] and public["details"] == {"scale": "local"}
    assert "owner" not in public and au.email not in str(public)
    assert client.get(f"{BASE}{ident}-1").json()["revision"] == 1
    assert client.get(f"{BASE}{ident}-9").status_code == 404


def test_writes_need_a_token(client):
    au = f.authorised_user("KE")
    client.force_login(au)  # a session cookie alone does not allow writes
    response = client.post(BASE, PAYLOAD, content_type="application/json")
    assert response.status_code == 401
    assert Record.objects.count() == 0


def test_create_for_another_country_is_forbidden(client):
    response = client.post(BASE, PAYLOAD, content_type="application/json", **token_for(f.authorised_user("BR")))
    assert response.status_code == 403


def test_invalid_data_answers_422_with_field_messages(client):
    bad = {**PAYLOAD, "title": "", "targets": ["GBF-99"], "details": {"scale": "galactic"}}
    response = client.post(BASE, bad, content_type="application/json", **token_for(f.authorised_user("KE")))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "title" in errors and "details.scale" in errors
    response = client.post(BASE, {**PAYLOAD, "country": "XX"}, content_type="application/json",
                           **token_for(f.secretariat()))
    assert response.status_code == 422 and "country" in response.json()["errors"]


def test_update_and_lock_conflict(client):
    from clearinghouse.knowledge import services

    au, other = f.authorised_user("KE"), f.authorised_user("KE")
    record = f.make_record(owner=au)
    response = client.patch(BASE + record.base_id, {"title": "Better title"}, content_type="application/json",
                            **token_for(au))
    assert response.status_code == 200 and response.json()["title"] == "Better title"
    services.record_lock(actor=other, record=record)
    response = client.patch(BASE + record.base_id, {"title": "Mine"}, content_type="application/json",
                            **token_for(au))
    assert response.status_code == 409
    response = client.patch(BASE + "CHM-GP-KE-09999", {"title": "x"}, content_type="application/json",
                            **token_for(au))
    assert response.status_code == 404


def test_list_filters_and_pages(client, django_assert_max_num_queries):
    fp = f.focal_point("KE")
    for n in range(3):
        f.make_record(title=f"Practice {n}", publish=True, publisher=fp, targets=["GBF-8"])
    f.make_record(kind="tool", title="A manual", details={"resource_types": ["manual"]}, publish=True, publisher=fp)
    f.make_record(title="Draft")
    with django_assert_max_num_queries(4):
        data = client.get(BASE).json()
    assert data["count"] == 4 and "Draft" not in {r["title"] for r in data["results"]}
    assert client.get(BASE + "?type=tool").json()["count"] == 1
    assert client.get(BASE + "?target=GBF-8").json()["count"] == 3
    assert client.get(BASE + "?country=BR").json()["count"] == 0
