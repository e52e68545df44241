"""Scale-out: two web processes and one RQ worker sharing one PostgreSQL and one Redis.

A record created and published through process A (API, personal token) is indexed by the
RQ worker and found through process B's search API.
"""

from __future__ import annotations

import json
import time
import urllib.request
import uuid

import pytest

from .conftest import (
    PG_URL,
    REDIS_URL,
    clean_env,
    free_port,
    get,
    manage,
    postgres_reachable,
    redis_reachable,
    run,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

REDIS_DB = 14  # this test's own Redis database, emptied before use

MAKE_FOCAL_POINT = """
from tests.factories import focal_point
from clearinghouse.accounts.services import api_token_create
user = focal_point("KE")
_token, key = api_token_create(actor=user, name="scale-out test")
print(key)
"""


def _post(url: str, token: str, payload: dict) -> dict:
    req = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status in (200, 201), resp.status
        return json.loads(resp.read())


@pytest.fixture
def scale_out_database():
    if not postgres_reachable():
        pytest.skip(f"PostgreSQL does not answer at {PG_URL}")
    if not redis_reachable():
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    import psycopg
    import redis

    redis.Redis.from_url(f"{REDIS_URL}/{REDIS_DB}").flushdb()
    name = f"ch_scaleout_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_record_published_through_one_process_is_found_through_another(
    scale_out_database, tmp_path, processes
):
    env = clean_env(
        CLEARINGHOUSE_DATABASE_URL=scale_out_database,
        CLEARINGHOUSE_REDIS_URL=f"{REDIS_URL}/{REDIS_DB}",
        CLEARINGHOUSE_VAR_DIR=str(tmp_path / "var"),
        CLEARINGHOUSE_SECRET_KEY="scale-out-test-" + uuid.uuid4().hex,
    )
    run(manage("migrate", "--noinput", "-v", "0"), env, timeout=300)
    ports = free_port(), free_port()
    a, b = (
        processes.start(
            f"serve-{i}",
            manage(
                "serve", "--no-worker", "--no-smtp", "--port", str(port), "--workers", "1", "--threads", "2"
            ),
            env,
        )
        for i, port in zip("ab", ports, strict=True)
    )
    worker = processes.start(
        "rqworker", manage("rqworker", "default", "--job-class", "django_tasks_rq.Job"), env
    )
    url_a, url_b = (f"http://127.0.0.1:{port}" for port in ports)
    a.wait_for_http(url_a + "/healthz")
    b.wait_for_http(url_b + "/healthz")

    token = run(manage("shell", "-c", MAKE_FOCAL_POINT), env).strip().splitlines()[-1]
    word = "zq" + uuid.uuid4().hex[:8]
    draft = _post(
        url_a + "/api/v1/records/",
        token,
        {
            "kind": "good-practice",
            "country": "KE",
            "language": "es",
            "title": f"Restauración comunitaria de manglares {word}",
            "summary": "Las comunidades costeras replantan y vigilan los manglares.",
            "body": "Viveros gestionados por grupos de pescadores.",
        },
    )
    published = _post(url_a + f"/api/v1/records/{draft['id']}/publish", token, {"comment": ""})
    assert published["status"] == "published"

    deadline = time.monotonic() + 120
    total = 0
    while time.monotonic() < deadline and not total:
        status, body = get(url_b + f"/api/v1/search/?q={word}&mode=keyword")
        assert status == 200, body[:500]
        total = json.loads(body)["total"]
        if not total:
            assert worker.proc.poll() is None, worker.output()
            time.sleep(0.5)
    assert total == 1, f"not found through B after 120s\nworker:\n{worker.output()[-3000:]}"
    hit = json.loads(get(url_b + f"/api/v1/search/?q={word}&mode=keyword")[1])["hits"][0]
    assert hit["public_id"] == published["id"] or hit["url"].endswith(f"/{published['id']}/")
    assert get(url_b + f"/api/v1/records/{published['id']}")[0] == 200
