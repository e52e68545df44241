"""The real round trip: a post leaves by SMTP, a person answers from a mail client,
the answer comes back through the built-in SMTP receiver and appears once in the thread."""

from __future__ import annotations

import email.policy
import email.utils
import smtplib
from email.message import EmailMessage

import pytest
from django.conf import settings

from clearinghouse.forums import services
from clearinghouse.forums.models import InboundMessage, Post, Watch
from clearinghouse.forums.smtpd import receiver_start
from tests.factories import UserFactory, focal_point

from .helpers import joined, make_discussion, make_thread
from .smtp_helpers import Sink, free_port, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def vocabularies():
    """Transactional tests empty every table after them, the vocabularies too: load them again."""
    from clearinghouse.core.models import Country
    from clearinghouse.core.vocab import load_vocabularies

    if not Country.objects.exists():
        load_vocabularies()


@pytest.fixture
def smtp_out(settings):
    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        yield sink


@pytest.fixture
def receiver():
    port = free_port()
    controller = receiver_start("127.0.0.1", port)
    yield controller
    controller.stop()


def client_reply(received, *, sender: str, text: str, signature: str = "Maria Pérez\nMinistry of Environment") -> bytes:
    """What a mail client sends when a person presses Reply and types above the quote."""
    original = received.get_body(preferencelist=("plain",)).get_content()
    quoted = "\n".join("> " + line for line in original.splitlines())
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = received["Reply-To"]
    reply["Subject"] = "Re: " + received["Subject"]
    reply["Message-ID"] = email.utils.make_msgid(domain="mail.example.org")
    reply["In-Reply-To"] = received["Message-ID"].strip()
    reply["References"] = " ".join(received.get("References", "").split() + [received["Message-ID"].strip()])
    reply["Date"] = email.utils.formatdate(localtime=True)
    reply.set_content(
        f"{text}\n\n-- \n{signature}\n\n"
        f"On Mon, 26 May 2014 at 10:02, {received['From']} wrote:\n{quoted}\n"
    )
    return reply.as_bytes(policy=email.policy.SMTP)


def smtp_send(port: int, raw: bytes, *, sender: str, to: str) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail(sender, [to], raw)


def test_post_by_web_reply_by_email_appears_once_in_the_right_thread(smtp_out, receiver):
    discussion = make_discussion()
    thread = make_thread(discussion)
    make_thread(discussion, title="Resource mobilisation")  # another thread: the reply must not go there
    author = joined(focal_point("KE"), discussion)
    watcher = joined(UserFactory(email="maria@example.org"), discussion)
    services.watch_set(actor=watcher, level=Watch.Level.EMAIL, thread=thread)

    first = services.post_create(actor=author, thread=thread,
                                 body="Kenya has integrated biosafety into its NBSAP since 2015.")

    messages = wait_for(lambda: smtp_out.handler.parsed())
    assert len(messages) == 1
    received = messages[0]
    assert received["To"] == watcher.email
    assert received["Subject"] == f"[{discussion.title}] {thread.title}"
    assert received["Message-ID"].strip() == first.outgoing_message_id
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    reply_to = received["Reply-To"]
    assert reply_to.startswith("reply+") and reply_to.endswith("@" + settings.CLEARINGHOUSE_REPLY_DOMAIN)

    raw = client_reply(received, sender=f"Maria Pérez <{watcher.email}>",
                       text="Hello all,\n\nMexico did the same through its national biosafety commission.")
    smtp_send(receiver.port, raw, sender=watcher.email, to=reply_to)

    posted = wait_for(lambda: Post.objects.filter(thread=thread, author=watcher).first())
    assert posted is not None, list(InboundMessage.objects.values("status", "error"))
    assert posted.body == "Hello all,\n\nMexico did the same through its national biosafety commission."
    assert posted.parent_id == first.pk
    assert posted.via == Post.Via.EMAIL
    assert "wrote:" not in posted.body and "Maria Pérez" not in posted.body

    # The mail server retries the same message: still one post.
    smtp_send(receiver.port, raw, sender=watcher.email, to=reply_to)
    assert wait_for(lambda: InboundMessage.objects.filter(status=InboundMessage.Status.DUPLICATE).exists())
    assert Post.objects.filter(thread=thread, author=watcher).count() == 1
    assert Post.objects.filter(author=watcher).count() == 1


def test_receiver_refuses_mail_for_other_domains(receiver):
    with smtplib.SMTP("127.0.0.1", receiver.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.sendmail("a@example.org", ["someone@example.com"], b"Subject: x\r\n\r\nhello\r\n")
    assert InboundMessage.objects.count() == 0
