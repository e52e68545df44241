"""Periodic job: reminders of calls for submissions, once per each call's chosen interval."""

from __future__ import annotations

from clearinghouse.core.periodic import periodic

from . import services


@periodic(every=3600)
def call_reminders_due() -> str:
    return f"{services.reminders_due()} calls reminded"
