"""Background work of the alerts: sending a stored mail (retried), enqueued by the services as
``alerts.email_send`` (``core.queue``)."""

import logging

from django.utils import timezone
from django_tasks import task

from clearinghouse.core import queue

from .models import OutboundEmail
from .services import send_raw

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@queue.register("alerts.email_send")
@task()
def email_send_task(outbound_id: int) -> str:
    record = OutboundEmail.objects.get(pk=outbound_id)
    if record.status == OutboundEmail.Status.SENT:
        return "already sent"
    record.attempts += 1
    try:
        send_raw(record)
    except Exception as exc:  # noqa: BLE001 - any transport error is retried
        record.last_error = f"{type(exc).__name__}: {exc}"
        record.status = OutboundEmail.Status.FAILED if record.attempts >= MAX_ATTEMPTS else OutboundEmail.Status.QUEUED
        record.save(update_fields=["attempts", "last_error", "status", "updated_at"])
        log.warning("mail %s to %s failed (attempt %s): %s", record.pk, record.to, record.attempts, exc)
        if record.attempts < MAX_ATTEMPTS:
            raise
        return "failed"
    record.status = OutboundEmail.Status.SENT
    record.sent_at = timezone.now()
    record.save(update_fields=["attempts", "status", "sent_at", "updated_at", "last_error"])
    return "sent"
