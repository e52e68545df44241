"""Full-text backends behind one interface, chosen from the database vendor.

``settings.CLEARINGHOUSE_SEARCH_BACKEND`` ("sqlite" or "postgres") forces one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from .base import FullTextBackend


def get_backend() -> FullTextBackend:
    name = getattr(settings, "CLEARINGHOUSE_SEARCH_BACKEND", "") or (
        "postgres" if connection.vendor == "postgresql" else "sqlite"
    )
    if name in ("postgres", "postgresql"):
        from .postgres import PostgresBackend

        return PostgresBackend()
    if name == "sqlite":
        from .sqlite import SqliteBackend

        return SqliteBackend()
    raise ValueError(f"Unknown search backend {name!r}; choose sqlite or postgres")


__all__ = ["FullTextBackend", "get_backend"]
