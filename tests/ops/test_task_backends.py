"""The task path on each backend: enqueued after commit, then run by a real worker.

Database backend (django-tasks-db): ``db_worker`` runs it. Redis backend (django-tasks-rq,
chosen when CLEARINGHOUSE_REDIS_URL is set): an RQ worker in burst mode runs it.
"""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import transaction

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.alerts.services import email_queue
from clearinghouse.alerts.tasks import email_send_task

from .conftest import REDIS_URL, redis_reachable


def _message(subject: str) -> EmailMultiAlternatives:
    return EmailMultiAlternatives(subject=subject, body="Hello", to=["someone@example.org"])


@pytest.mark.django_db(transaction=True)
def test_database_backend_runs_the_task_in_db_worker_after_commit(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with transaction.atomic():
        record = email_queue(_message("Queued in the database"))
        assert DBTaskResult.objects.count() == 0  # nothing is enqueued before the commit
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    record.refresh_from_db()
    assert record.status == OutboundEmail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Queued in the database"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_rq_backend_runs_the_task_in_an_rq_worker_after_commit(settings):
    if not redis_reachable():
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    import django_rq
    from rq import SimpleWorker

    queue_name = f"test-{uuid.uuid4().hex[:8]}"  # its own queue: safe beside other runs
    settings.RQ_QUEUES = {queue_name: {"URL": f"{REDIS_URL}/15", "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    queue = django_rq.get_queue(queue_name)
    try:
        with transaction.atomic():
            record = OutboundEmail.objects.create(
                to="someone@example.org",
                subject="Queued in Redis",
                raw=_message("Queued in Redis").message().as_bytes(),
            )
            transaction.on_commit(lambda: email_send_task.using(queue_name=queue_name).enqueue(record.pk))
            assert queue.count == 0
        assert queue.count == 1
        assert mail.outbox == []

        worker = django_rq.get_worker(queue_name, job_class="django_tasks_rq.Job", worker_class=SimpleWorker)
        assert worker.work(burst=True)

        record.refresh_from_db()
        assert record.status == OutboundEmail.Status.SENT
        assert [m.to for m in mail.outbox] == [["someone@example.org"]]
        assert queue.count == 0
    finally:
        queue.empty()
        queue.delete(delete_jobs=True)
