"""Inbound mail: keys, senders, duplicates, auto-replies, bounces, closed discussions."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from email.message import EmailMessage

import pytest
from django.conf import settings
from django.core import mail

from clearinghouse.forums import services
from clearinghouse.forums.inbound import inbound_process, inbound_receive, inbound_reprocess
from clearinghouse.forums.keys import reply_address, reply_key_make
from clearinghouse.forums.models import InboundMessage, MailBounce, Post
from tests.factories import UserFactory, focal_point

from .helpers import close_now, joined, make_discussion, make_thread, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point("KE"), discussion)
    replier = joined(UserFactory(email="ana@example.org", preferred_language="es"), discussion)
    post = services.post_create(actor=author, thread=thread, body="How did you fund your biosafety framework?")
    mail.outbox.clear()
    return discussion, thread, post, replier


@pytest.fixture
def receive(django_capture_on_commit_callbacks):
    """Receive a mail and run what happens after commit (the answer mail), as the site would."""
    def run(raw: bytes, transport: str = "smtp"):
        with django_capture_on_commit_callbacks(execute=True):
            return inbound_receive(raw, transport=transport, defer=False)
    return run


def reply_mail(*, to: str, sender: str, body: str = "We used GEF funds.\n\nOn Tue, Ana wrote:\n> How did you fund",
               message_id: str | None = None, headers: dict | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = "Re: [Discussion] Thread"
    msg["Message-ID"] = message_id or email.utils.make_msgid(domain="example.org")
    msg["Date"] = email.utils.formatdate()
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    return msg.as_bytes(policy=email.policy.SMTP)


def test_valid_reply_is_posted_without_the_quote(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    record = receive(reply_mail(to=reply_address(key), sender=replier.email), "cli")
    assert record.status == InboundMessage.Status.POSTED
    assert record.post.body == "We used GEF funds."
    assert record.post.thread == thread and record.post.parent == post


def test_forged_key_is_answered_politely_and_never_posted(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    forged = key[:-3] + ("aaa" if not key.endswith("aaa") else "bbb")
    record = receive(reply_mail(to=reply_address(forged), sender=replier.email), "cli")
    assert record.status == InboundMessage.Status.REJECTED and record.error == "forged_key"
    assert not Post.objects.filter(author=replier).exists()
    assert len(mail.outbox) == 1
    answer, text = sent(mail.outbox[0])
    assert answer["To"] == replier.email
    assert answer["Auto-Submitted"] == "auto-replied"
    assert "no es válida" in text or "not valid" in text


def test_key_for_another_post_id_is_forged(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    parts = key.split(".")
    tampered = ".".join([parts[0], "1", parts[2], parts[3]])  # someone else's user id, same signature
    record = receive(reply_mail(to=reply_address(tampered), sender=replier.email), "cli")
    assert record.status == InboundMessage.Status.REJECTED and record.error == "forged_key"


def test_expired_key_is_refused(setup, receive):
    _d, thread, post, replier = setup
    old = dt.date.today() - dt.timedelta(days=400)
    key = reply_key_make(post_id=post.pk, user_id=replier.pk, days=365, today=old)
    record = receive(reply_mail(to=reply_address(key), sender=replier.email), "cli")
    assert record.status == InboundMessage.Status.REJECTED and record.error == "expired_key"
    assert not Post.objects.filter(author=replier).exists()
    text = sent(mail.outbox[0])[1]
    assert "expired" in text or "caducado" in text or "expir" in text


def test_key_used_by_another_sender_is_refused(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    record = receive(reply_mail(to=reply_address(key), sender="mallory@example.net"), "cli")
    assert record.status == InboundMessage.Status.REJECTED and record.error == "foreign_sender"
    assert not Post.objects.filter(thread=thread).exclude(pk=post.pk).exists()
    assert mail.outbox == []  # a stranger's (perhaps forged) From is never answered: see test_backscatter


def test_same_message_id_is_posted_once(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    raw = reply_mail(to=reply_address(key), sender=replier.email, message_id="<same-1@example.org>")
    first = receive(raw, "smtp")
    second = receive(raw, "anymail")
    assert first.status == InboundMessage.Status.POSTED
    assert second.status == InboundMessage.Status.DUPLICATE
    assert Post.objects.filter(author=replier).count() == 1


def test_auto_reply_is_dropped_silently(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    raw = reply_mail(to=reply_address(key), sender=replier.email, body="I am out of the office until June.",
                     headers={"Auto-Submitted": "auto-replied"})
    record = receive(raw, "smtp")
    assert record.status == InboundMessage.Status.AUTO_REPLY
    assert not Post.objects.filter(author=replier).exists()
    assert mail.outbox == []


def dsn(recipient: str, status: str = "5.1.1") -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        f"To: bounces@{settings.CLEARINGHOUSE_REPLY_DOMAIN}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: {email.utils.make_msgid()}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "--B--\r\n"
    ).encode()


def test_three_hard_bounces_disable_mail(setup, receive):
    _d, thread, post, replier = setup
    for i in range(3):
        record = receive(dsn(replier.email), "smtp")
        assert record.status == InboundMessage.Status.BOUNCE
        replier.refresh_from_db()
        assert (replier.mail_disabled_at is not None) == (i == 2)
    assert MailBounce.objects.get(address=replier.email).hard_count == 3
    assert mail.outbox == []


def test_soft_bounce_counts_but_does_not_disable(setup, receive):
    _d, thread, post, replier = setup
    for _i in range(4):
        receive(dsn(replier.email, status="4.2.2"), "smtp")
    replier.refresh_from_db()
    assert replier.mail_disabled_at is None
    assert MailBounce.objects.get(address=replier.email).soft_count == 4


def test_reply_to_a_closed_discussion_says_it_is_closed(setup, receive):
    discussion, thread, post, replier = setup
    close_now(discussion)
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    record = receive(reply_mail(to=reply_address(key), sender=replier.email), "smtp")
    assert record.status == InboundMessage.Status.REJECTED and record.error == "closed"
    assert not Post.objects.filter(author=replier).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [replier.email]
    text = sent(mail.outbox[0])[1]
    # The whole answer in Ana's language, the reason included (it is raised by the posting service).
    assert "Este debate está cerrado" in text and "This discussion is closed" not in text


def test_failure_is_kept_and_can_be_reprocessed(setup, monkeypatch, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    from clearinghouse.forums import inbound

    def broken(*a, **k):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(inbound, "parse_message", broken)
    record = receive(reply_mail(to=reply_address(key), sender=replier.email), "smtp")
    assert record.status == InboundMessage.Status.FAILED and "hiccup" in record.error
    monkeypatch.undo()
    moderator = post.thread.discussion.moderators.first()
    record = inbound_reprocess(actor=moderator, inbound=record)
    assert record.status == InboundMessage.Status.POSTED
    assert record.attempts == 2
    assert inbound_process(record.pk).status == InboundMessage.Status.POSTED  # idempotent


def test_html_only_reply_with_attachment(setup, receive):
    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    msg = EmailMessage()
    msg["From"] = replier.email
    msg["To"] = reply_address(key)
    msg["Subject"] = "Re: x"
    msg["Message-ID"] = email.utils.make_msgid()
    msg.set_content("<html><body><p>Our <b>national report</b> is attached.</p>"
                    "<div class='gmail_quote'>On Mon, X wrote:<blockquote>old</blockquote></div></body></html>",
                    subtype="html")
    msg.add_attachment(b"%PDF-1.4 report", maintype="application", subtype="pdf", filename="report.pdf")
    record = receive(msg.as_bytes(policy=email.policy.SMTP), "smtp")
    assert record.status == InboundMessage.Status.POSTED
    assert "national report" in record.post.body and "old" not in record.post.body
    assert record.post.attachments.get().name == "report.pdf"


def test_provider_webhook_door_uses_the_same_service(setup, django_capture_on_commit_callbacks):
    from anymail.inbound import AnymailInboundMessage
    from anymail.signals import AnymailInboundEvent, inbound

    _d, thread, post, replier = setup
    key = reply_key_make(post_id=post.pk, user_id=replier.pk)
    message = AnymailInboundMessage.parse_raw_mime_bytes(reply_mail(to=reply_address(key), sender=replier.email))
    event = AnymailInboundEvent(event_type="inbound", message=message)
    with django_capture_on_commit_callbacks(execute=True):
        inbound.send(sender=object, event=event, esp_name="Postmark")
    record = InboundMessage.objects.get()
    assert record.transport == "anymail:Postmark"
    assert record.status == InboundMessage.Status.POSTED
    assert record.post.body == "We used GEF funds."
