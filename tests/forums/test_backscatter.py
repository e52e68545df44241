"""Backscatter: the receiver must not be a way to mail strangers.

Rejected inbound mail is answered only to the active account that owns the From address (and, when
the mail carries a reply key, only to the key's own person), at most a few times per address per
hour, and never to bounces, automatic replies, mailing lists or null senders. Before this, 20
spoofed mails sent 20 answers to the victim and a burst of 200 sent 191.
"""

from __future__ import annotations

import email.policy
import email.utils
import smtplib
from email.message import EmailMessage

import pytest
from django.core import mail
from django.urls import reverse

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.forums import services
from clearinghouse.forums.inbound import ANSWERS_PER_HOUR, inbound_process, inbound_receive
from clearinghouse.forums.keys import reply_address, reply_key_make, unsubscribe_address, unsubscribe_key_make
from clearinghouse.forums.models import InboundMessage, Post, Watch
from clearinghouse.forums.smtpd import receiver_start
from tests.factories import UserFactory, focal_point, moderator
from tests.parallel import PARALLEL, file_database, in_parallel, vocabularies  # noqa: F401 - fixtures

from .helpers import joined, make_discussion, make_thread
from .smtp_helpers import free_port, wait_for

REPLY_DOMAIN_ADDRESS = "reply+nothing@reply.clearinghouse.localhost"


def a_mail(*, sender: str, to: str = REPLY_DOMAIN_ADDRESS, headers: dict | None = None,
           body: str = "Please add me to the discussion.") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = "Hello"
    msg["Message-ID"] = email.utils.make_msgid(domain="example.net")
    msg["Date"] = email.utils.formatdate()
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes(policy=email.policy.SMTP)


@pytest.fixture
def receive(django_capture_on_commit_callbacks):
    def run(raw: bytes, envelope_to: list[str] | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return inbound_receive(raw, transport="smtp", envelope_to=envelope_to, defer=False)
    return run


@pytest.fixture
def setup(db):
    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point("KE"), discussion)
    member = joined(UserFactory(email="ana@example.org"), discussion)
    post = services.post_create(actor=author, thread=thread, body="How did you fund your biosafety framework?")
    mail.outbox.clear()
    return discussion, thread, post, member


def answered_to(address: str) -> int:
    return sum(1 for m in mail.outbox if m.to == [address])


def test_spoofed_mail_from_a_stranger_is_never_answered(setup, receive, caplog):
    caplog.set_level("INFO", logger="clearinghouse.forums.inbound")
    for _ in range(20):
        record = receive(a_mail(sender="victim@example.com"))
        assert record.status == InboundMessage.Status.REJECTED
    assert answered_to("victim@example.com") == 0
    assert mail.outbox == []
    assert "not answered" in caplog.text and "no active account" in caplog.text


def test_a_member_is_answered_a_few_times_an_hour_then_not(setup, receive):
    _d, _t, _p, member = setup
    for _ in range(10):
        receive(a_mail(sender=member.email))
    assert answered_to(member.email) == ANSWERS_PER_HOUR
    assert InboundMessage.objects.filter(status=InboundMessage.Status.REJECTED).count() == 10


def test_a_key_is_answered_only_to_its_own_person(setup, receive):
    _d, thread, post, member = setup
    other = UserFactory(email="bob@example.org")  # a real account, but not the one the key was made for
    key = reply_key_make(post_id=post.pk, user_id=member.pk)
    record = receive(a_mail(sender=other.email, to=reply_address(key)))
    assert record.status == InboundMessage.Status.REJECTED and record.error == "foreign_sender"
    assert mail.outbox == []
    assert not Post.objects.filter(thread=thread).exclude(pk=post.pk).exists()


def test_an_inactive_account_is_not_answered(setup, receive):
    _d, _t, _p, member = setup
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    receive(a_mail(sender=member.email))
    assert mail.outbox == []


@pytest.mark.parametrize("headers", [
    {"List-Id": "<biosafety.lists.example.org>"},
    {"List-Unsubscribe": "<mailto:leave@lists.example.org>"},
    {"Precedence": "bulk"},
    {"Precedence": "junk"},
    {"Precedence": "list"},
    {"Auto-Submitted": "auto-generated"},
    {"X-Autoreply": "yes"},
    {"X-Autorespond": "yes"},
    {"Return-Path": "<>"},
], ids=lambda h: next(iter(h.items()))[0] + "=" + next(iter(h.values())))
def test_machines_and_lists_are_never_answered(setup, receive, headers):
    _d, _t, _p, member = setup
    record = receive(a_mail(sender=member.email, headers=headers))
    assert record.status != InboundMessage.Status.POSTED
    assert mail.outbox == []


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mx.example.org", "postmaster@example.org", "<>", ""])
def test_daemons_and_empty_senders_are_never_answered(setup, receive, sender):
    UserFactory(email="postmaster@example.org")  # even when an account has that address
    receive(a_mail(sender=sender) if sender else a_mail(sender="x@example.org").replace(
        b"From: x@example.org\r\n", b""))
    assert mail.outbox == []


def test_mail_to_the_unsubscribe_address_mutes_the_watch_without_an_answer(setup, receive):
    discussion, _t, _p, member = setup
    services.watch_set(actor=member, discussion=discussion, level=Watch.Level.EMAIL)
    key = unsubscribe_key_make(user_id=member.pk, discussion_id=discussion.pk)
    record = receive(a_mail(sender=member.email, to=unsubscribe_address(key), body=""))
    assert record.status == InboundMessage.Status.UNSUBSCRIBED
    assert Watch.objects.get(user=member, discussion=discussion, thread=None).level == Watch.Level.MUTED
    assert mail.outbox == []
    forged = key[:-3] + ("aaa" if not key.endswith("aaa") else "bbb")
    services.watch_set(actor=member, discussion=discussion, level=Watch.Level.EMAIL)
    refused = receive(a_mail(sender=member.email, to=unsubscribe_address(forged), body=""))
    assert (refused.status, refused.error) == (InboundMessage.Status.AUTO_REPLY, "unsubscribe key not valid")
    assert Watch.objects.get(user=member, discussion=discussion, thread=None).level == Watch.Level.EMAIL


def test_moderators_see_unsubscribe_mails_as_such_in_the_inbound_list(setup, receive, client):
    discussion, _t, _p, member = setup
    services.watch_set(actor=member, discussion=discussion, level=Watch.Level.EMAIL)
    key = unsubscribe_key_make(user_id=member.pk, discussion_id=discussion.pk)
    record = receive(a_mail(sender=member.email, to=unsubscribe_address(key), body=""))
    client.force_login(moderator())
    page = client.get(reverse("forums:inbound")).content.decode()
    row = next(r for r in page.split("<tr>") if reverse("forums:inbound-detail", args=[record.pk]) in r)
    assert "Unsubscribed by mail" in row
    # Nothing to process again: the watch is muted already.
    assert reverse("forums:inbound-reprocess", args=[record.pk]) not in row


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("file_database")
def test_a_parallel_burst_is_answered_at_most_the_hourly_number_of_times():
    discussion = make_discussion()
    member = joined(UserFactory(email="ana@example.org"), discussion)
    # Stored as the receiver stores them; processed below by parallel workers.
    ids = [InboundMessage.objects.create(raw=a_mail(sender=member.email), transport="smtp").pk
           for _ in range(PARALLEL)]

    results = in_parallel(lambda i: inbound_process(ids[i]).status)

    assert results == [InboundMessage.Status.REJECTED] * PARALLEL
    assert OutboundEmail.objects.filter(to=member.email).count() == ANSWERS_PER_HOUR


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("vocabularies")
def test_the_smtp_receiver_keeps_the_null_envelope_sender_so_it_is_never_answered(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    discussion = make_discussion()
    member = joined(UserFactory(email="ana@example.org"), discussion)
    port = free_port()
    controller = receiver_start("127.0.0.1", port)
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("", [REPLY_DOMAIN_ADDRESS], a_mail(sender=member.email))
            client.sendmail(member.email, [REPLY_DOMAIN_ADDRESS], a_mail(sender=member.email))
        done = wait_for(lambda: InboundMessage.objects.filter(processed_at__isnull=False).count() == 2)
        assert done
    finally:
        controller.stop()
    null, normal = InboundMessage.objects.order_by("pk")
    assert bytes(null.raw).startswith(b"Return-Path: <>\r\n")
    assert bytes(normal.raw).startswith(f"Return-Path: <{member.email}>\r\n".encode())
    assert null.status != InboundMessage.Status.POSTED
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [member.email]  # only the normal one
