"""Core's periodic chores (found by ``core.periodic.autodiscover``)."""

from __future__ import annotations

from .periodic import periodic


@periodic(every=6 * 3600)
def idempotency_keys_purge() -> str:
    """Forget one-time form tokens and API idempotency keys older than a week."""
    from .idempotency import purge

    return f"{purge()} idempotency keys purged"
