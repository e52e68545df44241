"""Cases schemathesis found (tests/api/test_schemathesis.py), kept as plain unit tests.

Each test is the smallest request that failed, with what a client should get instead.
"""

from __future__ import annotations

import functools
import json

import pytest
from django.test import Client

from clearinghouse.accounts import services as accounts
from tests.factories import focal_point
from tests.forums.helpers import make_discussion

pytestmark = pytest.mark.django_db


@functools.cache
def _schema() -> dict:
    """The schema as a client downloads it (status codes are strings in JSON); it does not change in a run."""
    return Client().get("/api/v1/openapi.json").json()


def _component(ref: dict) -> dict:
    return _schema()["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]


def _responses(path: str, method: str) -> dict:
    return _schema()["paths"][path][method]["responses"]


def test_a_huge_page_size_of_discussions_is_refused_not_a_server_error(client):
    # Was a 500 (OverflowError: Python int too large to convert to SQLite INTEGER).
    r = client.get("/api/v1/discussions/?limit=28089361045679532469649408&offset=169161030735")
    assert r.status_code == 422
    r = client.get("/api/v1/discussions/?offset=99999999999999999999999")
    assert r.status_code == 422
    make_discussion()
    assert len(client.get("/api/v1/discussions/?limit=100").json()["items"]) == 1


def test_an_unknown_discussion_is_a_documented_404(client):
    r = client.get("/api/v1/discussions/no-such-discussion/")
    assert r.status_code == 404 and r.json()["detail"]
    for path in ("/api/v1/discussions/{slug}/", "/api/v1/discussions/{slug}/threads/",
                 "/api/v1/discussions/{slug}/threads/{number}/posts/"):
        assert {"403", "404"} <= set(map(str, _responses(path, "get"))), path
    assert {"401", "403", "404", "409", "422"} <= set(map(str, _responses(
        "/api/v1/discussions/{slug}/threads/{number}/posts/", "post")))


def test_me_without_credentials_is_a_documented_401(client):
    assert client.get("/api/v1/accounts/me").status_code == 401
    assert "401" in set(map(str, _responses("/api/v1/accounts/me", "get")))


def test_marketplace_and_discussion_posts_keep_their_own_schemas():
    # Both apps named their schemas PostOut and PostIn: the schema showed forum posts for the marketplace.
    offer_page = _component(_responses("/api/v1/marketplace/offers", "get")["200"]["content"]["application/json"]
                            ["schema"])
    offer = _component(offer_page["properties"]["results"]["items"])
    assert {"kind", "title", "description", "targets"} <= set(offer["properties"])
    need_in = _component(_schema()["paths"]["/api/v1/marketplace/needs"]["post"]["requestBody"]["content"]
                         ["application/json"]["schema"])
    assert {"title", "description"} <= set(need_in["required"])
    posts = _component(_responses("/api/v1/discussions/{slug}/threads/{number}/posts/", "get")["200"]["content"]
                       ["application/json"]["schema"])
    post = _component(posts["properties"]["items"]["items"])
    assert {"uid", "body", "author"} <= set(post["properties"])


@pytest.mark.parametrize("path", ["/api/v1/records/", "/api/v1/marketplace/needs"])
def test_a_malformed_body_gets_the_documented_422(client, path):
    # ninja answers {"detail": [problems]}; the error schemas allowed only a string.
    _token, key = accounts.api_token_create(actor=focal_point("KE"), name="t")
    r = client.post(path, json.dumps({}), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 422
    assert isinstance(r.json()["detail"], list)
    detail = _component(_responses(path, "post")["422"]["content"]["application/json"]["schema"])["properties"][
        "detail"]
    assert {"string", "array"} <= {alt.get("type") for alt in detail.get("anyOf", [detail])}


def test_patching_a_record_with_null_text_keeps_it_not_a_server_error(client):
    # Was a 500 (IntegrityError: NOT NULL constraint failed: knowledge_record.summary).
    from tests.factories import make_record

    writer = focal_point("KE")
    _token, key = accounts.api_token_create(actor=writer, name="t")
    record = make_record(owner=writer, country="KE", summary="Kept as it was")
    r = client.patch(f"/api/v1/records/{record.base_id}",
                     json.dumps({"summary": None, "translations": None, "details": None, "title": "New title"}),
                     content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200, r.content
    record.refresh_from_db()
    assert (record.title, record.summary) == ("New title", "Kept as it was")
    # null still clears a date
    client.patch(f"/api/v1/records/{record.base_id}", json.dumps({"start_date": "2025-01-01"}),
                 content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    r = client.patch(f"/api/v1/records/{record.base_id}", json.dumps({"start_date": None}),
                     content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200
    record.refresh_from_db()
    assert record.start_date is None


def test_a_milestone_of_a_huge_collaboration_id_is_refused_not_a_server_error(client):
    # Was a 500 (OverflowError: Python int too large to convert to SQLite INTEGER).
    _token, key = accounts.api_token_create(actor=focal_point("KE"), name="t")
    r = client.post("/api/v1/marketplace/collaborations/6686607523924372619264/milestones/1/done",
                    HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code in (404, 422), r.content
    r = client.post("/api/v1/marketplace/collaborations/1/milestones/6686607523924372619264/done",
                    HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code in (404, 422), r.content
