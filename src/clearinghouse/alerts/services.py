"""What the platform tells a user: in-app notices and email, from one place.

Mail is rendered in the recipient's language, stored as an OutboundEmail and
sent by a task after the transaction commits; a failed send is retried.
"""

from __future__ import annotations

import email as email_lib
import email.message
import email.policy
import logging
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.utils import translation

from clearinghouse.core import queue

from .models import Notice, OutboundEmail

log = logging.getLogger(__name__)


def bounce_address() -> str:
    """Envelope sender of every mail the platform sends: delivery failures come back to the receiver."""
    return f"bounces@{settings.CLEARINGHOUSE_REPLY_DOMAIN}"


def user_language(user) -> str:
    lang = getattr(user, "preferred_language", "") or ""
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def email_compose(
    *,
    to: str,
    template: str,
    context: dict,
    language: str | None = None,
    headers: dict | None = None,
    reply_to: Iterable[str] | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    message_id: str | None = None,
) -> EmailMultiAlternatives:
    """Render ``alerts/email/<template>.subject.txt`` and ``.txt`` (and ``.html`` if present)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}.subject.txt", ctx).split())
        body = render_to_string(f"{template}.txt", ctx)
        try:
            html = render_to_string(f"{template}.html", ctx)
        except Exception:  # noqa: BLE001 - no HTML part for this template
            html = None
    msg = EmailMultiAlternatives(subject=subject, body=body, to=[to], reply_to=list(reply_to or []),
                                 headers=dict(headers or {}))
    msg.extra_headers.setdefault("Message-ID", message_id or make_msgid(domain=settings.CLEARINGHOUSE_REPLY_DOMAIN))
    if html:
        msg.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        msg.attach(name, content, mimetype)
    return msg


def email_queue(message: EmailMultiAlternatives) -> OutboundEmail:
    """Store a composed message and send it in a task once the current transaction commits."""
    record = OutboundEmail.objects.create(
        to=message.to[0],
        subject=message.subject[:500],
        message_id=message.extra_headers.get("Message-ID", ""),
        raw=message.message().as_bytes(),
    )
    queue.enqueue_on_commit("alerts.email_send", record.pk)
    return record


def email_send(*, to: str, template: str, context: dict, language: str | None = None, **kwargs) -> OutboundEmail:
    return email_queue(email_compose(to=to, template=template, context=context, language=language, **kwargs))


def email_to_user(user, *, template: str, context: dict, **kwargs) -> OutboundEmail | None:
    if getattr(user, "mail_disabled_at", None):
        log.info("mail to %s skipped: disabled after bounces", user.email)
        return None
    return email_send(to=user.email, template=template, context={"user": user, **context},
                      language=user_language(user), **kwargs)


def notice_create(*, user, verb: str, text: str, url: str = "", email_template: str | None = None,
                  email_context: dict | None = None) -> Notice:
    notice = Notice.objects.create(user=user, verb=verb, text=text[:500], url=url)
    if email_template:
        email_to_user(user, template=email_template, context={"notice": notice, **(email_context or {})})
    return notice


def notices_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    from django.utils import timezone

    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


class RawMIME(email_lib.message.EmailMessage):
    """A message already rendered to bytes: its headers can be read, and it leaves exactly as stored.

    Parsing a stored message and generating it again would re-fold its headers (turning a long
    ``List-Unsubscribe`` URL into RFC 2047 words that one-click unsubscribe cannot read), so
    ``as_bytes``/``as_string`` return the stored bytes, with the line ending the backend asks for
    (SMTP asks for CRLF, the outbox for LF). Every Django backend sends it as it is.
    """

    _raw: bytes | None = None

    @classmethod
    def from_bytes(cls, raw: bytes) -> RawMIME:
        message = email_lib.message_from_bytes(bytes(raw), _class=cls, policy=email_lib.policy.SMTP)
        message._raw = bytes(raw)
        return message

    def as_bytes(self, unixfrom: bool = False, policy=None, linesep: str = "\n") -> bytes:  # noqa: ARG002
        if self._raw is None:
            return super().as_bytes(unixfrom=unixfrom, policy=policy)
        normal = self._raw.replace(b"\r\n", b"\n")
        return normal if linesep == "\n" else normal.replace(b"\n", linesep.encode())

    def __bytes__(self) -> bytes:
        return self.as_bytes()

    def as_string(self, unixfrom: bool = False, maxheaderlen: int | None = None, policy=None,  # noqa: ARG002
                  linesep: str = "\n") -> str:
        if self._raw is None:
            return super().as_string(unixfrom=unixfrom, maxheaderlen=maxheaderlen, policy=policy)
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")


class RawEmail(EmailMessage):
    """A Django message around bytes already rendered (a stamped forum mail, a stored mail to retry)."""

    def __init__(self, raw: bytes, *, to: str, from_email: str | None = None, subject: str = "",
                 message_id: str = ""):
        super().__init__(subject=subject, from_email=from_email or settings.DEFAULT_FROM_EMAIL, to=[to])
        self.raw = bytes(raw)
        if message_id:
            self.extra_headers["Message-ID"] = message_id

    def message(self, policy=None):  # noqa: ARG002 - Django's signature
        return RawMIME.from_bytes(self.raw)

    def recipients(self):
        return list(self.to)


#: anymail backends that send ``message().as_bytes()`` (SES v2 posts it as ``Content.Raw``); every
#: other anymail backend (Postmark, SendGrid, Mailgun, Brevo...) posts the message's fields to an HTTP API.
ANYMAIL_MIME_BACKENDS = frozenset({"anymail.backends.amazon_ses"})

#: Headers a message's fields carry already (or the provider writes itself); every other header is
#: passed on as an extra header: Message-ID, In-Reply-To, References, List-*, Auto-Submitted, Precedence...
_FIELD_HEADERS = frozenset({"from", "to", "cc", "bcc", "reply-to", "subject", "date", "mime-version"})


def backend_sends_mime(connection) -> bool:
    """Does this mail backend send a message's MIME bytes (``message().as_bytes()``)?

    Django's backends (SMTP, file, console, memory), the development outbox and anymail's Amazon
    SES backend do; other anymail backends read the message's fields (body, alternatives,
    attachments, extra_headers), which a stored message (`RawEmail`) only has in its bytes.
    """
    module = type(connection).__module__
    return not module.startswith("anymail.") or module in ANYMAIL_MIME_BACKENDS


def _unfold(value) -> str:
    return re.sub(r"\r?\n(?=[ \t])", "", str(value)).strip()


def email_from_mime(raw: bytes, *, to: list[str], cc: list[str] = (), bcc: list[str] = ()) -> EmailMultiAlternatives:
    """The fields of a rendered message: text body, HTML alternative, attachments, sender, Reply-To and
    the other headers as ``extra_headers``, for a backend that posts fields rather than bytes.

    The sender is the message's ``From`` (the envelope sender stays behind: most providers refuse
    one and report bounces through their webhooks).
    """
    parsed = email_lib.message_from_bytes(bytes(raw), policy=email_lib.policy.default)
    plain, html = parsed.get_body(preferencelist=("plain",)), parsed.get_body(preferencelist=("html",))
    message = EmailMultiAlternatives(
        subject=_unfold(parsed.get("Subject", "")),
        body=plain.get_content() if plain is not None else (html.get_content() if html is not None else ""),
        from_email=_unfold(parsed["From"]) if parsed["From"] else settings.DEFAULT_FROM_EMAIL,
        to=list(to), cc=list(cc), bcc=list(bcc),
        reply_to=[str(address) for address in parsed["Reply-To"].addresses] if parsed["Reply-To"] else [],
        headers={name: _unfold(value) for name, value in parsed.items()
                 if name.lower() not in _FIELD_HEADERS and not name.lower().startswith("content-")},
    )
    if plain is None and html is not None:
        message.content_subtype = "html"
    elif html is not None:
        message.attach_alternative(html.get_content(), "text/html")
    for part in parsed.iter_attachments():
        message.attach(part.get_filename() or "attachment", part.get_payload(decode=True), part.get_content_type())
    return message


def message_for_backend(message: EmailMessage, connection) -> EmailMessage:
    """The one place that decides how a message leaves: as its bytes through a backend that sends
    MIME, else as fields parsed from those same bytes (so every backend sends what was stored)."""
    if backend_sends_mime(connection):
        return message
    raw = message.raw if isinstance(message, RawEmail) else message.message().as_bytes()
    return email_from_mime(raw, to=list(message.to), cc=list(message.cc), bcc=list(message.bcc))


def send_raw(record: OutboundEmail) -> None:
    """Send a stored message through the configured Django email backend: byte for byte when the
    backend sends MIME, else as the fields of those bytes (`message_for_backend`)."""
    from django.core.mail import get_connection

    message = RawEmail(bytes(record.raw), to=record.to, subject=record.subject, message_id=record.message_id,
                       from_email=bounce_address())
    connection = get_connection(fail_silently=False)
    connection.send_messages([message_for_backend(message, connection)])


def email_send_many(messages: list[EmailMultiAlternatives]) -> list[OutboundEmail]:
    """Store and send many composed messages at once (for fan-out inside a task).

    The messages are stored in one bulk insert and sent over one connection of the
    configured backend; a message that fails stays queued and is retried by
    ``email_send_task``, so none is lost.
    """
    from django.core.mail import get_connection
    from django.utils import timezone

    if not messages:
        return []
    records = OutboundEmail.objects.bulk_create(
        [
            OutboundEmail(to=m.to[0], subject=m.subject[:500], message_id=m.extra_headers.get("Message-ID", ""),
                          raw=m.message().as_bytes(), attempts=1)
            for m in messages
        ],
        batch_size=500,
    )
    sent_ids: list[int] = []
    failed: list[tuple[OutboundEmail, str]] = []
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - no connection: every message is retried
        failed = [(r, f"{type(exc).__name__}: {exc}") for r in records]
    else:
        try:
            for message, record in zip(messages, records, strict=True):
                message.connection = connection
                try:
                    connection.send_messages([message_for_backend(message, connection)])
                    sent_ids.append(record.pk)
                except Exception as exc:  # noqa: BLE001 - retried one by one below
                    failed.append((record, f"{type(exc).__name__}: {exc}"))
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - the messages are sent; a failed QUIT does not matter
                log.debug("closing the mail connection failed", exc_info=True)
    if sent_ids:
        OutboundEmail.objects.filter(pk__in=sent_ids).update(status=OutboundEmail.Status.SENT, sent_at=timezone.now())
    for record, error in failed:
        OutboundEmail.objects.filter(pk=record.pk).update(last_error=error)
        log.warning("mail %s to %s failed, retrying: %s", record.pk, record.to, error)
        queue.enqueue_on_commit("alerts.email_send", record.pk)
    return records
