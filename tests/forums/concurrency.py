"""Real concurrency in tests: threads released together, each on its own database connection,
against a database that behaves as the site's does (PostgreSQL, or an SQLite file)."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

PARALLEL = 20


@pytest.fixture
def vocabularies():
    """Transactional tests empty every table after them, the vocabularies too: load them again."""
    from clearinghouse.core.models import Country
    from clearinghouse.core.vocab import load_vocabularies

    if not Country.objects.exists():
        load_vocabularies()


@pytest.fixture
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


def in_parallel(work, n: int = PARALLEL) -> list:
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
