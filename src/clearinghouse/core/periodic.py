"""Jobs that run every so often: a small registry and the loop behind ``clearinghouse periodic``.

An app registers a function in its ``periodic.py`` (or ``tasks.py``), both imported at start::

    from clearinghouse.core.periodic import periodic

    @periodic(every=3600)
    def digests_send() -> str:
        ...

A job must be idempotent and find its own work in the database (e.g. "digests not
yet sent for yesterday"): the runner only gives it a chance every ``every``
seconds, and runs it once at start. A job that has a lot to do enqueues tasks
rather than doing the work itself. Run exactly one runner per deployment:
``clearinghouse serve`` starts one unless ``--no-worker`` is given.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

log = logging.getLogger(__name__)


@dataclass
class PeriodicJob:
    name: str
    func: Callable[[], object]
    every: float
    next_run: float = field(default=0.0)


REGISTRY: dict[str, PeriodicJob] = {}


def periodic(*, every: float, name: str | None = None):
    """Register ``func`` to run every ``every`` seconds in the periodic runner."""
    if every <= 0:
        raise ValueError("every must be positive")

    def decorator(func: Callable[[], object]):
        key = name or f"{func.__module__}.{func.__qualname__}"
        REGISTRY[key] = PeriodicJob(name=key, func=func, every=float(every))
        return func

    return decorator


def autodiscover() -> dict[str, PeriodicJob]:
    """Import every installed app's ``periodic`` and ``tasks`` modules, so their jobs register."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("periodic", "tasks")
    return REGISTRY


def run_job(job: PeriodicJob) -> bool:
    """Run one job; a failure is logged and does not stop the runner. Returns success."""
    from django.db import close_old_connections

    close_old_connections()
    started = time.monotonic()
    try:
        result = job.func()
    except Exception:
        log.exception("periodic job %s failed", job.name)
        return False
    finally:
        close_old_connections()
    log.info("periodic job %s: %s (%.2fs)", job.name, result, time.monotonic() - started)
    return True


def run_due(jobs: list[PeriodicJob], now: float | None = None) -> list[str]:
    """Run the jobs whose time has come and schedule their next run. Returns their names."""
    now = time.monotonic() if now is None else now
    ran = []
    for job in jobs:
        if job.next_run <= now:
            run_job(job)
            job.next_run = time.monotonic() + job.every
            ran.append(job.name)
    return ran


def run_forever(*, stop: Callable[[], bool] = lambda: False, max_sleep: float = 5.0) -> None:
    """Run every registered job at start, then each when it is due, until ``stop()`` is true."""
    jobs = list(autodiscover().values())
    log.info("periodic runner: %s", ", ".join(f"{j.name} every {j.every:g}s" for j in jobs) or "no jobs")
    while not stop():
        run_due(jobs)
        wait = min([j.next_run for j in jobs], default=time.monotonic() + max_sleep) - time.monotonic()
        time.sleep(min(max(wait, 0.05), max_sleep))


# --- jobs of the core -------------------------------------------------------

EMAIL_RETRY_AFTER = timedelta(minutes=5)


@periodic(every=60)
def emails_retry_queued() -> str:
    """Send again the mails still queued five minutes after their last attempt.

    A send that failed (SMTP down) or a task lost with a stopped worker leaves
    the OutboundEmail in QUEUED; it is enqueued again here, and its
    ``updated_at`` is moved on so the next retry waits another five minutes.
    """
    from django.db import transaction
    from django.utils import timezone

    from clearinghouse.alerts.models import OutboundEmail
    from clearinghouse.alerts.tasks import email_send_task

    now = timezone.now()
    ids = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.QUEUED, updated_at__lt=now - EMAIL_RETRY_AFTER
        )
        .order_by("updated_at")
        .values_list("pk", flat=True)[:500]
    )
    if not ids:
        return "no mail to retry"
    with transaction.atomic():
        OutboundEmail.objects.filter(pk__in=ids, status=OutboundEmail.Status.QUEUED).update(updated_at=now)
        for pk in ids:
            transaction.on_commit(lambda pk=pk: email_send_task.enqueue(pk))
    return f"{len(ids)} mail(s) enqueued again"


@periodic(every=6 * 3600, name="core.rate_counters_prune")
def rate_counters_prune() -> str:
    """Forget the rate-limit counters of windows long past."""
    from .ratelimit import rate_counters_prune as prune

    return f"{prune()} rate counters pruned"
