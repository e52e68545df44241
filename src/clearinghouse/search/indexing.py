"""Placeholder replaced by the search backends (FTS5 / PostgreSQL)."""


def index_document(source: str, pk: int) -> str:
    from .registry import SOURCES

    SOURCES[source](pk)
    return "built"
