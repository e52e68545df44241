"""A forum post through the backends `make run` uses, not the test doubles: tasks in the database run by
`db_worker`, mail to the outbox directory, attachments in the file storage.

Before, every forum mail's first delivery failed on the outbox backend and only the periodic retry
delivered it a minute later; the tests, on locmem and immediate tasks, never saw it.
"""

from __future__ import annotations

import email
from email import policy

import pytest
from django.core.management import call_command

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.forums import services
from clearinghouse.forums.models import Watch
from clearinghouse.forums.services import NewAttachment
from tests.factories import focal_point
from tests.forums.helpers import joined, make_discussion, make_thread

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def run_backends(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.EMAIL_BACKEND = "clearinghouse.alerts.outbox.OutboxBackend"
    settings.CLEARINGHOUSE_OUTBOX_DIR = tmp_path / "outbox"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def worker_run_once() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_post_with_an_attachment_reaches_the_watcher_through_the_default_backends(run_backends, caplog):
    from clearinghouse.core.models import Country
    from clearinghouse.core.vocab import load_vocabularies

    if not Country.objects.exists():
        load_vocabularies()
    from django_tasks_db.models import DBTaskResult

    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point(), discussion)
    reader = joined(focal_point(), discussion)
    services.watch_set(actor=reader, discussion=discussion, level=Watch.Level.EMAIL)
    post = services.post_create(actor=author, thread=thread, body="Our framework, attached.",
                                attachments=[NewAttachment(name="framework.pdf", content=PDF,
                                                           content_type="application/pdf")])
    stored = post.attachments.get()
    assert (run_backends / "media").exists() and stored.file.storage.exists(stored.file.name)
    with stored.file.open("rb") as fh:
        assert fh.read() == PDF

    assert not (run_backends / "outbox").exists()  # nothing is sent before the worker runs
    for _ in range(3):  # the notify task enqueues the mail chunk task: run until the queue is empty
        worker_run_once()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}

    [record] = OutboundEmail.objects.all()
    assert (record.status, record.attempts, record.last_error) == (OutboundEmail.Status.SENT, 1, "")
    [eml] = (run_backends / "outbox").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == reader.email
    assert message["Message-ID"].strip() == post.outgoing_message_id
    assert message["In-Reply-To"].strip() == thread.root_message_id
    assert "Our framework, attached." in message.get_body(preferencelist=("plain",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "framework.pdf" and attachment.get_content() == PDF
    assert "failed" not in caplog.text.lower()
