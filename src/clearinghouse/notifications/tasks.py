"""Tasks of official notifications: the fan-out of a published notification and its mail batches."""

from __future__ import annotations

from django_tasks import task

from clearinghouse.core import queue

from . import services


@queue.register("notifications.fanout")
@task()
def notification_fanout_task(notification_id: int) -> int:
    """Resolve the addressees of a published notification and enqueue its mail in batches."""
    return services.notification_fanout(notification_id)


@queue.register("notifications.deliveries_send")
@task()
def deliveries_send_task(delivery_ids: list[int]) -> int:
    """Send one batch of the mail of a notification (rendered once per language, one connection)."""
    return services.deliveries_send(delivery_ids)
