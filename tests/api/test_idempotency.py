"""The API's ``Idempotency-Key`` header (core.idempotency.api_idempotency, wired in api/urls.py): a retried POST
is carried out once and answered as the first time; the same key with another body is refused."""

from __future__ import annotations

import pytest

from clearinghouse.knowledge.models import Record
from clearinghouse.matchmaking.models import Need
from tests import factories as f
from tests.knowledge.test_api import PAYLOAD, token_for

pytestmark = pytest.mark.django_db

RECORDS = "/api/v1/records/"


def _post(client, url, body, auth, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(url, body, content_type="application/json", **auth, **headers)


def test_a_retry_with_the_same_key_creates_once_and_gets_the_first_answer(client):
    auth = token_for(f.authorised_user("KE"))
    first = _post(client, RECORDS, PAYLOAD, auth, key="sync-2031-03-01-0001")
    assert first.status_code == 201
    again = _post(client, RECORDS, PAYLOAD, auth, key="sync-2031-03-01-0001")
    assert again.status_code == 201
    assert again.json() == first.json()  # the same draft, its id included
    assert again["Idempotent-Replayed"] == "true"
    assert Record.objects.count() == 1
    # another key (or none) is another request
    assert _post(client, RECORDS, PAYLOAD, auth, key="sync-2031-03-01-0002").status_code == 201
    assert _post(client, RECORDS, PAYLOAD, auth).status_code == 201
    assert Record.objects.count() == 3


def test_the_same_key_with_a_different_body_is_refused_with_a_clear_message(client):
    auth = token_for(f.authorised_user("KE"))
    assert _post(client, RECORDS, PAYLOAD, auth, key="k-1").status_code == 201
    other = _post(client, RECORDS, {**PAYLOAD, "title": "Another title"}, auth, key="k-1")
    assert other.status_code == 422
    assert "already used for a different request" in other.json()["detail"]
    assert Record.objects.count() == 1


def test_keys_are_per_token_and_a_failed_request_frees_its_key(client):
    au = f.authorised_user("KE")
    mine, theirs = token_for(au), token_for(f.authorised_user("KE"))
    assert _post(client, RECORDS, PAYLOAD, mine, key="same").status_code == 201
    assert _post(client, RECORDS, PAYLOAD, theirs, key="same").status_code == 201  # not their first answer
    assert Record.objects.count() == 2
    bad = _post(client, RECORDS, {**PAYLOAD, "title": ""}, mine, key="fix-and-retry")
    assert bad.status_code == 422
    assert _post(client, RECORDS, PAYLOAD, mine, key="fix-and-retry").status_code == 201  # nothing was kept
    assert Record.objects.count() == 3


def test_a_malformed_key_is_a_400(client):
    auth = token_for(f.authorised_user("KE"))
    response = _post(client, RECORDS, PAYLOAD, auth, key="x" * 256)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert not Record.objects.exists()


def test_the_marketplace_honours_the_key_too(client):
    auth = token_for(f.focal_point("MA"))
    need = {"title": "Training in waterbird counts", "description": "Field training on counts.", "language": "en",
            "country": "MA"}
    answers = [_post(client, "/api/v1/marketplace/needs", need, auth, key="need-1") for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201], answers[0].content
    assert answers[0].json() == answers[1].json()
    assert Need.objects.count() == 1


def test_every_post_documents_the_header_and_the_422(client):
    schema = client.get("/api/v1/openapi.json").json()
    posts = [(path, op) for path, item in schema["paths"].items() for method, op in item.items() if method == "post"]
    assert len(posts) >= 10
    for path, operation in posts:
        headers = [p for p in operation.get("parameters", []) if p["in"] == "header"]
        assert [p["name"] for p in headers] == ["Idempotency-Key"], path
        assert not headers[0]["required"] and "422" in operation["responses"], path
    gets = [op for item in schema["paths"].values() for method, op in item.items() if method == "get"]
    assert not any(p["name"] == "Idempotency-Key" for op in gets for p in op.get("parameters", []))
