"""Periodic jobs of partnerships: the weekly digest of new members and activities."""

from __future__ import annotations

from clearinghouse.core.periodic import periodic


@periodic(every=3600, name="partnerships.digests_send")
def digests_send() -> str:
    from .services import digests_send as send

    return f"{send()} partnership digest(s) sent"
