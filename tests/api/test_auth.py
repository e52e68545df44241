"""Who may read and write through the API: reads are public, writes need a live personal token."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from clearinghouse.accounts import services as accounts
from clearinghouse.accounts.models import ApiToken
from clearinghouse.api.urls import api
from clearinghouse.forums.models import Post
from clearinghouse.knowledge.models import Record
from clearinghouse.matchmaking.models import Need

pytestmark = pytest.mark.django_db

PUBLIC_READS = ["/api/v1/records/", "/api/v1/search/?q=mangrove", "/api/v1/vocabularies/countries",
                "/api/v1/marketplace/needs", "/api/v1/marketplace/offers", "/api/v1/discussions/"]


def _writes(world) -> list[tuple[str, str, dict]]:
    """One valid request for every write operation of the API."""
    v = world.path_values
    record, need, offer = v["identifier"][2], v["public_id"][0], v["public_id"][1]
    intro, collab, milestone = v["pk"][0], v["pk"][1], v["mid"][0]
    thread = f"/api/v1/discussions/{v['slug'][0]}/threads/{v['number'][0]}/posts/"
    return [
        ("post", "/api/v1/records/", {"kind": "good-practice", "country": "KE", "title": "Mangroves"}),
        ("patch", f"/api/v1/records/{record}", {"title": "Mangroves again"}),
        ("post", f"/api/v1/records/{record}/submit", {"comment": ""}),
        ("post", f"/api/v1/records/{record}/publish", {"comment": ""}),
        ("post", "/api/v1/marketplace/needs", {"title": "Training", "description": "Waterbird counts"}),
        ("post", "/api/v1/marketplace/offers", {"title": "Training", "description": "Waterbird counts"}),
        ("patch", f"/api/v1/marketplace/needs/{need}", {"title": "Changed"}),
        ("patch", f"/api/v1/marketplace/offers/{offer}", {"title": "Changed"}),
        ("post", "/api/v1/marketplace/introductions", {"need": need, "offer": offer, "message": "Hi"}),
        ("post", f"/api/v1/marketplace/introductions/{intro}/accept", {"message": ""}),
        ("post", f"/api/v1/marketplace/introductions/{intro}/decline", {"message": ""}),
        ("post", "/api/v1/marketplace/collaborations", {"introduction": intro, "title": "Together"}),
        ("post", f"/api/v1/marketplace/collaborations/{collab}/milestones", {"title": "M", "due_date": "2030-01-01"}),
        ("post", f"/api/v1/marketplace/collaborations/{collab}/milestones/{milestone}/done", None),
        ("post", thread, {"body": "From a script"}),
        ("post", "/api/v1/partnerships/gbf-target-3/activities", {
            "member": 1, "title": "Ranger training", "elements": ["protected_areas"], "countries": ["KE"],
            "support_types": ["training"], "start": "2026-01", "end": "2026-12"}),
        ("post", "/api/v1/partnerships/gbf-target-3/overlaps/1/decision", {"decision": "confirm"}),
    ]


def _send(client, method, path, body, **headers):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(path, data, content_type="application/json", headers=headers)


def _counts():
    return Record.objects.count(), Need.objects.count(), Post.objects.count()


def test_the_list_of_writes_covers_every_write_operation(world):
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    documented = {(method, path) for path, item in schema["paths"].items() for method in item if method != "get"}
    covered = set()
    for method, path, _body in _writes(world):
        for doc_method, doc_path in documented:
            pattern = doc_path.replace("{", "(?P<").replace("}", ">[^/]+)")
            if doc_method == method and re.fullmatch(pattern, path):
                covered.add((doc_method, doc_path))
    assert covered == documented


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_reads_need_no_account(client, world, path):
    response = client.get(path)
    assert response.status_code == 200, response.content


def test_published_content_is_readable_anonymously(client, world):
    records = client.get("/api/v1/records/").json()["results"]
    assert [r["id"] for r in records] == [world.path_values["identifier"][0]]
    assert client.get(f"/api/v1/records/{records[0]['id']}").status_code == 200
    assert client.get(f"/api/v1/marketplace/needs/{world.path_values['public_id'][0]}").status_code == 200


def test_every_write_without_a_token_is_401_and_changes_nothing(client, world):
    before = _counts()
    for method, path, body in _writes(world):
        response = _send(client, method, path, body)
        assert response.status_code == 401, (method, path, response.content)
        assert response.json()["detail"]
    assert _counts() == before


def test_a_session_cookie_alone_cannot_write(client, world):
    """CSRF by design: a browser session is enough to read, never to write (api/auth.py)."""
    client.force_login(world.writer)
    assert client.get("/api/v1/accounts/me").json()["email"] == "writer@example.org"
    before = _counts()
    for method, path, body in _writes(world):
        response = _send(client, method, path, body)
        assert response.status_code == 401, (method, path, response.content)
    assert _counts() == before


def test_a_live_token_writes_and_a_revoked_one_gets_401(client, world):
    body = {"kind": "good-practice", "country": "KE", "title": "Seagrass meadows"}
    response = _send(client, "post", "/api/v1/records/", body, Authorization=f"Bearer {world.key}")
    assert response.status_code == 201, response.content
    assert Record.objects.filter(title="Seagrass meadows", owner=world.writer).exists()

    token = ApiToken.objects.get(user=world.writer)
    accounts.api_token_revoke(actor=world.writer, token=token)
    before = _counts()
    for method, path, body in _writes(world):
        response = _send(client, method, path, body, Authorization=f"Bearer {world.key}")
        assert response.status_code == 401, (method, path, response.content)
    assert _counts() == before
    assert client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {world.key}"}).status_code == 401


def test_a_token_of_a_deactivated_account_gets_401(client, world):
    type(world.writer).objects.filter(pk=world.writer.pk).update(is_active=False)
    assert client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {world.key}"}).status_code == 401
    response = _send(client, "post", "/api/v1/marketplace/needs", {"title": "T", "description": "D"},
                     Authorization=f"Bearer {world.key}")
    assert response.status_code == 401


def test_tokens_are_checked_by_hash_and_the_key_is_not_stored(client, world):
    token = ApiToken.objects.get(user=world.writer)
    assert token.key_hash == hashlib.sha256(world.key.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values().first().values()]
    assert world.key not in stored
    assert token.prefix == world.key[:12] and len(world.key) > 30
    me = "/api/v1/accounts/me"
    assert client.get(me, headers={"Authorization": f"Bearer {world.key}"}).status_code == 200
    # Knowing the stored hash (or the shown prefix) does not open the account.
    assert client.get(me, headers={"Authorization": f"Bearer {token.key_hash}"}).status_code == 401
    assert client.get(me, headers={"Authorization": f"Bearer {token.prefix}"}).status_code == 401
    assert client.get(me, headers={"Authorization": f"Bearer {world.key}x"}).status_code == 401
