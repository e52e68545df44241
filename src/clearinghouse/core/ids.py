"""Readable permanent identifiers in the style of the CBD clearing-houses."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from .models import Sequence


def next_number(key: str) -> int:
    """Next value of a named counter; safe under concurrency on SQLite and PostgreSQL."""
    with transaction.atomic():
        seq, _ = Sequence.objects.select_for_update().get_or_create(key=key)
        Sequence.objects.filter(pk=seq.pk).update(value=F("value") + 1)
        seq.refresh_from_db()
        return seq.value
