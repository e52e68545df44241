"""Running requests or services in parallel threads against a real database (races, locks, one-time tokens).

Use with ``@pytest.mark.django_db(transaction=True)`` and the ``file_database`` fixture: on SQLite the test run's
shared-cache memory database answers "table is locked" at once instead of waiting, so the test runs on a file
database (WAL, busy timeout) as the site does; PostgreSQL needs nothing.
"""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

PARALLEL = 20  # threads a race test releases together


@pytest.fixture
def vocabularies():
    """Transactional tests empty every table after them, the vocabularies too: load them again."""
    from clearinghouse.core.models import Country
    from clearinghouse.core.vocab import load_vocabularies

    if not Country.objects.exists():
        load_vocabularies()


@pytest.fixture
def file_database(tmp_path, vocabularies):
    """On SQLite, copy the memory database into a file (VACUUM INTO), run the test on it, put the memory one back."""
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
