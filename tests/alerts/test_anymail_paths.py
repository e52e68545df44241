"""Mail through django-anymail provider backends (ESP HTTP APIs), as docs/deploy.md offers for production.

Most providers' APIs take a message's fields (text, HTML, attachments, headers), not its MIME
bytes: a stored or stamped message must reach them whole, with its threading and unsubscribe
headers. Anymail's own test backend records the fields a provider would receive; the Postmark
backend is driven for real against a local HTTP server standing in for api.postmarkapp.com.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.alerts.services import email_queue
from tests.alerts.test_mail_paths import ONE_CLICK, _post_with_a_watcher

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the 2015 biosafety report \x00\xff binary"


def _answer_with_attachment(run_on_commit):
    return _post_with_a_watcher(run_on_commit, body="And **Uganda** in 2017, see the report.",
                                attachments=[("report.pdf", PDF, "application/pdf")])


def test_forum_post_mail_reaches_an_anymail_provider_whole(settings, run_on_commit):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    mail.outbox = []
    thread, first, answer, reader = _answer_with_attachment(run_on_commit)

    assert [(r.status, r.attempts, r.last_error) for r in OutboundEmail.objects.order_by("pk")] == [
        (OutboundEmail.Status.SENT, 1, ""), (OutboundEmail.Status.SENT, 1, "")]
    by_id = {m.anymail_test_params["extra_headers"]["Message-ID"]: m.anymail_test_params for m in mail.outbox}
    assert set(by_id) == {first.outgoing_message_id, answer.outgoing_message_id}
    params = by_id[answer.outgoing_message_id]
    assert [a.addr_spec for a in params["to"]] == [reader.email]
    assert thread.title in params["subject"]
    assert "And **Uganda** in 2017" in params["text_body"] or "And Uganda in 2017" in params["text_body"]
    assert "<strong>Uganda</strong>" in params["html_body"]
    [attachment] = params["attachments"]
    assert (attachment.name, attachment.content, attachment.mimetype) == ("report.pdf", PDF, "application/pdf")
    headers = params["extra_headers"]
    assert headers["In-Reply-To"] == first.outgoing_message_id
    assert headers["References"].split() == [thread.root_message_id, first.outgoing_message_id]
    assert headers["List-Id"].endswith(f"<{thread.discussion.slug}.{settings.CLEARINGHOUSE_REPLY_DOMAIN}>")
    assert ONE_CLICK.match(headers["List-Unsubscribe"])
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["Precedence"] == "list"
    [reply_to] = params["reply_to"]
    assert reply_to.addr_spec.startswith("reply+")
    # The visible sender is the author's name; no envelope sender, which Postmark, SendGrid
    # and Brevo refuse (AnymailUnsupportedFeature): bounces come back through their webhooks.
    sender = params["from"]
    assert str(answer.author) in sender.display_name
    assert "envelope_sender" not in params
    assert not {"From", "To", "Subject", "Reply-To", "Content-Type", "MIME-Version"} & set(headers)


class _Postmark(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, json.loads(body)))
        answer = json.dumps({"To": json.loads(body)["To"], "SubmittedAt": "2026-12-06T23:00:00Z",
                             "MessageID": "b7bc2f4a-e38e-4336-af7d-e6c392c2f817", "ErrorCode": 0,
                             "Message": "OK"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def postmark(settings):
    _Postmark.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Postmark)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token",
                        "POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/"}
    try:
        yield _Postmark.received
    finally:
        server.shutdown()
        server.server_close()


def test_a_queued_notice_reaches_postmark_with_its_body_and_headers(postmark):
    message = EmailMultiAlternatives(
        subject="Your record was published", body="Your record «Kenya NBSAP» is public.",
        from_email="Clearing-house <no-reply@example.org>", to=["someone@example.org"],
        headers={"Auto-Submitted": "auto-generated", "Message-ID": "<notice-1@reply.example.org>"})
    message.attach_alternative("<p>Your record <em>Kenya NBSAP</em> is public.</p>", "text/html")
    record = email_queue(message)
    from clearinghouse.alerts.tasks import email_send_task

    assert email_send_task.call(record.pk) == "sent"
    [(path, data)] = postmark
    assert path == "/email"
    assert data["To"] == "someone@example.org"
    assert data["From"] == "Clearing-house <no-reply@example.org>"
    assert data["Subject"] == "Your record was published"
    assert data["TextBody"].strip() == "Your record «Kenya NBSAP» is public."
    assert data["HtmlBody"] == "<p>Your record <em>Kenya NBSAP</em> is public.</p>"
    headers = {h["Name"]: h["Value"] for h in data["Headers"]}
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["Message-ID"] == "<notice-1@reply.example.org>"


def test_forum_post_mail_reaches_postmark_without_an_unsupported_feature(postmark, run_on_commit):
    _thread, _first, answer, reader = _answer_with_attachment(run_on_commit)

    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT, attempts=1).count() == 2
    assert {d["To"] for _p, d in postmark} == {reader.email}
    data = next(d for _p, d in postmark if "Uganda" in d["TextBody"])
    assert [(a["Name"], a["ContentType"]) for a in data["Attachments"]] == [("report.pdf", "application/pdf")]
    headers = {h["Name"]: h["Value"] for h in data["Headers"]}
    assert headers["Message-ID"] == answer.outgoing_message_id
    assert ONE_CLICK.match(headers["List-Unsubscribe"])
    assert data["ReplyTo"].startswith("reply+")
