"""Writes to the search index. Indexing runs in a task after the transaction commits."""

from __future__ import annotations

from clearinghouse.core import queue


def index_later(source: str, pk: int) -> None:
    """(Re)index one object once the current transaction commits."""
    queue.enqueue_on_commit("search.index_document", source, pk)
