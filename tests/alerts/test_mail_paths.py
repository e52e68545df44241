"""Mail through the backends a real site uses, not only the test double (locmem).

The development default (`make run` with no mail host) is the outbox backend; production is
SMTP. Every message must leave on its first attempt, byte-exact, whatever path stored it:
a forum post (stamped bytes), a queued notice (stored bytes, sent by the task) or a retry.
"""

from __future__ import annotations

import email
import re
from email import policy

import pytest
from django.core.mail import EmailMultiAlternatives

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.alerts.services import email_queue
from clearinghouse.forums import services as forum_services
from clearinghouse.forums.models import Watch
from tests.factories import focal_point
from tests.forums.helpers import joined, make_discussion, make_thread
from tests.forums.smtp_helpers import Sink

pytestmark = pytest.mark.django_db

ONE_CLICK = re.compile(r"^<https?://[^>\s]+/unsubscribe/[^>\s]+/>, <mailto:unsubscribe\+[a-z0-9.]+@[^>\s]+>$")


def raw_header(raw: bytes, name: str) -> str:
    """A header as its bytes say, unfolded (RFC 5322 2.2.3: folding is only CRLF before a space)."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("ascii")
    match = re.search(rf"^{re.escape(name)}:(.*(?:\n[ \t].*)*)", head, re.M | re.I)
    assert match, f"no {name} header in:\n{head}"
    return re.sub(r"\n(?=[ \t])", "", match.group(1)).strip()


@pytest.fixture
def outbox_dir(settings, tmp_path):
    settings.EMAIL_BACKEND = "clearinghouse.alerts.outbox.OutboxBackend"
    settings.CLEARINGHOUSE_OUTBOX_DIR = tmp_path / "outbox"
    return tmp_path / "outbox"


@pytest.fixture
def smtp_sink(settings):
    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
        yield sink


def _post_with_a_watcher(run_on_commit, *, body: str = "And Uganda in 2017.", attachments=()):
    """A thread whose first post has an answer (``body``, ``attachments``) that a watcher receives by mail."""
    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point(), discussion)
    reader = joined(focal_point(), discussion)
    forum_services.watch_set(actor=reader, discussion=discussion, level=Watch.Level.EMAIL)
    with run_on_commit():
        first = forum_services.post_create(actor=author, thread=thread, body="Kenya integrated biosafety in 2015.")
    with run_on_commit():
        answer = forum_services.post_create(actor=author, thread=thread, body=body, parent=first,
                                            attachments=list(attachments))
    return thread, first, answer, reader


def test_forum_post_mail_leaves_through_the_outbox_on_the_first_attempt(outbox_dir, run_on_commit, caplog):
    thread, first, answer, reader = _post_with_a_watcher(run_on_commit)

    records = list(OutboundEmail.objects.order_by("pk"))
    assert [(r.to, r.status, r.attempts, r.last_error) for r in records] == [
        (reader.email, OutboundEmail.Status.SENT, 1, ""), (reader.email, OutboundEmail.Status.SENT, 1, "")]
    assert "failed" not in caplog.text
    files = sorted(outbox_dir.glob("*.eml"))
    assert len(files) == 2
    raws = [f.read_bytes() for f in files]
    parsed = [email.message_from_bytes(raw, policy=policy.default) for raw in raws]
    by_id = {m["Message-ID"].strip(): m for m in parsed}
    # The reader's mail client threads the answer under the first post, both under the thread.
    assert set(by_id) == {first.outgoing_message_id, answer.outgoing_message_id}
    reply = by_id[answer.outgoing_message_id]
    assert reply["In-Reply-To"].strip() == first.outgoing_message_id
    assert reply["References"].split() == [thread.root_message_id, first.outgoing_message_id]
    assert "And Uganda in 2017." in reply.get_body(preferencelist=("plain",)).get_content()
    assert reply["Reply-To"].startswith("reply+")
    for raw in raws:
        assert ONE_CLICK.match(raw_header(raw, "List-Unsubscribe"))
        assert raw_header(raw, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


def test_a_queued_notice_is_sent_byte_exact_by_smtp(smtp_sink):
    message = EmailMultiAlternatives(subject="Your record was published", body="Hello", to=["someone@example.org"],
                                     headers={"List-Unsubscribe": "<https://example.org/unsubscribe/"
                                                                  + "a" * 90 + "/>"})
    record = email_queue(message)
    from clearinghouse.alerts.tasks import email_send_task

    assert email_send_task.call(record.pk) == "sent"
    record.refresh_from_db()
    assert (record.status, record.attempts, record.last_error) == (OutboundEmail.Status.SENT, 1, "")
    [(rcpts, raw)] = smtp_sink.handler.messages
    assert rcpts == ["someone@example.org"]
    # What was stored is what leaves: no re-folding, no RFC 2047 words in a header of URLs.
    assert raw_header(raw, "List-Unsubscribe") == "<https://example.org/unsubscribe/" + "a" * 90 + "/>"
    assert raw.replace(b"\r\n", b"\n").rstrip(b"\n") == bytes(record.raw).replace(b"\r\n", b"\n").rstrip(b"\n")


def test_forum_post_mail_sent_by_smtp_has_the_one_click_header(smtp_sink, run_on_commit):
    _thread, _first, _answer, reader = _post_with_a_watcher(run_on_commit)
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT, attempts=1).count() == 2
    for rcpts, raw in smtp_sink.handler.messages:
        assert rcpts == [reader.email]
        assert ONE_CLICK.match(raw_header(raw, "List-Unsubscribe"))
        assert raw_header(raw, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
