"""The posting limit under real concurrency: parallel threads, each with its own database connection.

Before the limit was one conditional UPDATE, each post counted the author's recent posts and then
inserted: 15 of 20 parallel posts got through a limit of 10.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from clearinghouse.core.models import RateCounter
from clearinghouse.core.ratelimit import rate_count, rate_take
from clearinghouse.forums import services
from clearinghouse.forums.models import Post
from tests.factories import focal_point

from .helpers import joined, make_discussion, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 20


@pytest.fixture(autouse=True)
def vocabularies():
    """Transactional tests empty every table after them, the vocabularies too: load them again."""
    from clearinghouse.core.models import Country
    from clearinghouse.core.vocab import load_vocabularies

    if not Country.objects.exists():
        load_vocabularies()


@pytest.fixture(autouse=True)
def file_database(tmp_path, vocabularies):
    """On SQLite, run on a database file as the site does (WAL, busy timeout), not the test run's
    shared-cache memory database, which answers "table is locked" at once instead of waiting.
    The memory database is copied into the file (VACUUM INTO) and put back after the test."""
    from django.db import connections

    if connection.vendor != "sqlite" or "mode=memory" not in str(connection.settings_dict["NAME"]):
        yield
        return
    path = tmp_path / "parallel.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    memory = connections.settings["default"]["NAME"]
    memory_connection = connection.connection  # held open: closing it would drop the memory database
    connection.connection = None
    connections.settings["default"]["NAME"] = connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connections.settings["default"]["NAME"] = connection.settings_dict["NAME"] = memory
        connection.connection = memory_connection


def _in_parallel(work, n: int = PARALLEL) -> list:
    """Run ``work(i)`` in ``n`` threads released together; return what each returned or raised."""
    start = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test looks at each outcome
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_parallel_posts_stop_exactly_at_the_limit():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)

    results = _in_parallel(lambda i: services.post_create(actor=person, thread=thread, body=f"Parallel post {i}"))

    posted = [r for r in results if isinstance(r, Post)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    others = [r for r in results if not isinstance(r, (Post, ValidationError))]
    assert others == []
    assert len(posted) == services.RATE_LIMIT_POSTS
    assert len(refused) == PARALLEL - services.RATE_LIMIT_POSTS
    assert all("wait a little" in " ".join(e.messages) for e in refused)
    assert Post.objects.filter(author=person).count() == services.RATE_LIMIT_POSTS
    thread.refresh_from_db()
    assert thread.post_count == services.RATE_LIMIT_POSTS


def test_a_refused_or_failed_post_does_not_use_up_the_limit():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    services.post_create(actor=person, thread=thread, body="First", message_id="<same@example.org>")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the duplicate Message-ID rolls the post back
        services.post_create(actor=person, thread=thread, body="Again", message_id="<same@example.org>")
    with pytest.raises(ValidationError):
        services.post_create(actor=person, thread=thread, body="  ")  # refused before counting
    assert rate_count(f"forum-post:{person.pk}", seconds=services.RATE_LIMIT_MINUTES * 60) == 1


def test_rate_take_counts_atomically_in_parallel():
    results = _in_parallel(lambda i: rate_take("test:parallel", limit=7, seconds=3600))
    assert results.count(True) == 7 and results.count(False) == PARALLEL - 7
    assert RateCounter.objects.get(key="test:parallel").count == 7
