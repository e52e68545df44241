"""Writes to the search index. Indexing runs in a task after the transaction commits."""

from __future__ import annotations

from django.db import transaction


def index_later(source: str, pk: int) -> None:
    """(Re)index one object once the current transaction commits."""
    from .tasks import index_document_task

    transaction.on_commit(lambda: index_document_task.enqueue(source, pk))
