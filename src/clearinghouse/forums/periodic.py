"""Periodic jobs of the discussions (run by ``clearinghouse periodic`` / ``serve``)."""

from __future__ import annotations

from clearinghouse.core.periodic import periodic


@periodic(every=3600)
def forums_digests_send() -> str:
    """Daily digests: each digest watch gets at most one mail per 24 hours, only when there is news."""
    from .tasks import digest_send_due

    return f"{digest_send_due()} digests sent"
