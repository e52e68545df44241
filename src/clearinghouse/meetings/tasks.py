"""Background work of the meetings: reminders before each session."""

from __future__ import annotations

from django_tasks import task

from clearinghouse.core.periodic import periodic

from . import services


@task()
def reminders_send_task() -> int:
    return services.reminders_send()


@periodic(every=15 * 60, name="meetings.reminders")
def reminders_due() -> str:
    """Every quarter of an hour: remind the participants of sessions starting within a day (once each)."""
    return f"{services.reminders_send()} reminders"
