import pytest

from clearinghouse.accounts.models import ApiToken
from tests.factories import focal_point

pytestmark = pytest.mark.django_db


def token_for(user) -> dict:
    key = f"key-{user.pk}-secret"
    ApiToken.objects.get_or_create(key_hash=ApiToken.hash_key(key), defaults={"user": user, "name": "t",
                                                                               "prefix": key[:8]})
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_list_retrieve_suggestions(client, pair):
    need, offer = pair
    r = client.get("/api/v1/marketplace/needs")
    assert r.status_code == 200 and r.json()["count"] == 1
    r = client.get(f"/api/v1/marketplace/needs/{need.public_id}/suggestions")
    s = r.json()[0]
    assert s["offer"] == offer.public_id
    assert {"code", "params", "text"} <= set(s["reasons"][0])
    assert "email" not in r.text


def test_create_needs_token_and_validates(client):
    fp = focal_point("MA")
    r = client.post("/api/v1/marketplace/needs", {"title": "x", "description": "y"}, content_type="application/json")
    assert r.status_code == 401
    r = client.post("/api/v1/marketplace/needs", {"title": "", "description": "", "country": "MA"},
                    content_type="application/json", **token_for(fp))
    assert r.status_code == 422 and "title" in r.json()["errors"]
    r = client.post("/api/v1/marketplace/needs", {"title": "Wetland training", "description": "Waterbirds",
                                                  "country": "BR"}, content_type="application/json", **token_for(fp))
    assert r.status_code == 403


def test_introduction_and_collaboration_via_api(client, pair):
    need, offer = pair
    r = client.post("/api/v1/marketplace/introductions", {"need": need.public_id, "offer": offer.public_id},
                    content_type="application/json", **token_for(need.owner))
    assert r.status_code == 201 and r.json()["contact"] is None
    pk = r.json()["id"]
    r = client.post(f"/api/v1/marketplace/introductions/{pk}/accept", {}, content_type="application/json",
                    **token_for(offer.owner))
    assert r.status_code == 200 and r.json()["contact"]["email"] == need.owner.email
    r = client.post("/api/v1/marketplace/collaborations", {"introduction": pk, "title": "Training"},
                    content_type="application/json", HTTP_AUTHORIZATION=f"Bearer key-{need.owner.pk}-secret")
    assert r.status_code == 201
    cpk = r.json()["pk"]
    r = client.post(f"/api/v1/marketplace/collaborations/{cpk}/milestones", {"title": "Course",
                    "due_date": "2030-01-01"}, content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer key-{need.owner.pk}-secret")
    assert r.status_code == 201
