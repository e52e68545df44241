"""Rate limits that hold under concurrency, on SQLite and PostgreSQL alike.

A limit is "at most ``limit`` events per key in each window of ``seconds``" (fixed windows aligned
on the epoch). :func:`rate_take` counts one event and says whether it was allowed; the check and the
count are one conditional ``UPDATE``, so twenty parallel requests can never all see "9 so far".

Call it inside the transaction that does the limited thing: if that transaction rolls back, the
event is not counted (and on PostgreSQL the row lock orders the callers of one key).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter

KEY_MAX = 120


def rate_key(*parts: object) -> str:
    """A counter key from its parts; long parts (mail addresses) are hashed so the key fits."""
    key = ":".join(str(p) for p in parts)
    if len(key) <= KEY_MAX:
        return key
    return f"{key[:60]}#{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def window_start(seconds: int, now: dt.datetime | None = None) -> dt.datetime:
    now = now or timezone.now()
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % int(seconds), tz=dt.UTC)


def rate_take(key: str, *, limit: int, seconds: int, now: dt.datetime | None = None) -> bool:
    """Count one event under ``key``; ``False`` (and nothing counted) once ``limit`` are in this window."""
    if limit <= 0:
        return False
    key = rate_key(key)
    start = window_start(seconds, now)
    # One transaction: on SQLite it takes the write lock first (BEGIN IMMEDIATE, with the busy timeout). A lone
    # UPDATE in autocommit began as a reader and could fail at once with "database is locked" when another
    # writer committed in between (1 of 20 parallel callers, now and then).
    with transaction.atomic():
        RateCounter.objects.bulk_create([RateCounter(key=key, window_start=start, count=0)], ignore_conflicts=True)
        return RateCounter.objects.filter(key=key, window_start=start, count__lt=limit).update(
            count=F("count") + 1) == 1


def rate_count(key: str, *, seconds: int, now: dt.datetime | None = None) -> int:
    """Events counted under ``key`` in the current window (for messages and tests)."""
    row = RateCounter.objects.filter(key=rate_key(key), window_start=window_start(seconds, now)).first()
    return row.count if row else 0


def rate_counters_prune(older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Delete the counters of windows long past (a periodic job)."""
    deleted, _ = RateCounter.objects.filter(window_start__lt=timezone.now() - older_than).delete()
    return deleted
