"""Inbound mail: one service behind three doors.

* the built-in SMTP receiver (:mod:`clearinghouse.forums.smtpd`),
* provider webhooks through django-anymail (:func:`anymail_inbound_received`),
* ``clearinghouse mail ingest FILE|-`` (:func:`ingest_main`).

Each door calls :func:`inbound_receive`, which stores the raw bytes first (an
:class:`InboundMessage` row) and processes them in a task: nothing accepted is ever lost.
:func:`inbound_process` parses the mail (``forums.mailparse``), drops auto-replies, counts
bounces, checks the signed reply key and that the sender owns it, de-duplicates by
Message-ID and posts the new text as the right person to the right thread. Mail that
cannot be posted gets a polite, localised answer; mail that fails is kept for the
moderators to re-process.
"""

from __future__ import annotations

import argparse
import email.utils
import logging
import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clearinghouse.core.errors import Conflict

from .keys import KeyError_, reply_key_read
from .mailparse import KIND_AUTO_REPLY, KIND_BOUNCE, ParsedMail, parse_message
from .models import InboundMessage, MailBounce, Post

log = logging.getLogger(__name__)

HARD_BOUNCE_LIMIT = 3
MAX_ATTEMPTS = 5


def inbound_receive(raw: bytes, *, transport: str, envelope_to: list[str] | None = None,
                    defer: bool = True) -> InboundMessage:
    """Store a mail durably, then process it (in a task after commit, or now with ``defer=False``)."""
    from .tasks import inbound_process_task

    with transaction.atomic():
        record = InboundMessage.objects.create(raw=bytes(raw), transport=transport[:16],
                                               envelope_to=list(envelope_to or []))
        if defer:
            transaction.on_commit(lambda: inbound_process_task.enqueue(record.pk))
    if not defer:
        record = inbound_process(record.pk)
    return record


def inbound_receive_many(items: list[tuple[bytes, list[str]]], *, transport: str) -> list[int]:
    """Store several mails in one transaction with one processing task (the SMTP receiver's group commit).

    The rows and their task are committed together: once this returns, every mail is
    durable and will be processed.
    """
    from .tasks import inbound_process_batch_task

    with transaction.atomic():
        records = InboundMessage.objects.bulk_create(
            [InboundMessage(raw=bytes(raw), transport=transport[:16], envelope_to=list(rcpts or []))
             for raw, rcpts in items]
        )
        ids = [r.pk for r in records]
        inbound_process_batch_task.enqueue(ids)
    return ids


def _addr(value: str | None) -> str:
    return (email.utils.parseaddr(value or "")[1] or "").strip().lower()


def _language_for(user, parsed: ParsedMail) -> str:
    from clearinghouse.notifications.services import user_language

    if user is not None and getattr(user, "preferred_language", ""):
        return user_language(user)
    lang = parsed.language or settings.LANGUAGE_CODE
    lang = "zh-hans" if lang == "zh" else lang
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _answer(record: InboundMessage, parsed: ParsedMail, reason: str, *, user=None, thread=None) -> None:
    """Tell the sender, politely and in their language, why their mail was not posted."""
    from clearinghouse.notifications.services import email_queue

    from .outgoing import rejection_message

    to = _addr(parsed.from_addr)
    if not to or to.split("@")[-1] == settings.CLEARINGHOUSE_REPLY_DOMAIN.lower():
        return  # never answer ourselves
    if MailBounce.objects.filter(address=to, hard_count__gte=HARD_BOUNCE_LIMIT).exists():
        return
    language = _language_for(user, parsed)
    with translation.override(language):
        text = str(reason)
    msg = rejection_message(to=to, reason=text, language=language, original_subject=parsed.subject,
                            original_message_id=parsed.message_id or "", thread=thread)
    email_queue(msg)


def _reject(record: InboundMessage, parsed: ParsedMail, reason_code: str, message: str, *, user=None,
            thread=None) -> InboundMessage:
    record.status = InboundMessage.Status.REJECTED
    record.error = reason_code
    record.thread = thread
    _answer(record, parsed, message, user=user, thread=thread)
    return record


def _count_bounce(parsed: ParsedMail) -> None:
    from clearinghouse.accounts.models import User

    now = timezone.now()
    for info in parsed.bounces or []:
        address = _addr(info.recipient)
        if not address:
            continue
        bounce, _created = MailBounce.objects.get_or_create(address=address)
        if info.hard:
            bounce.hard_count += 1
        else:
            bounce.soft_count += 1
        bounce.last_status = (info.status or "")[:20]
        bounce.last_at = now
        bounce.save()
        if bounce.hard_count >= HARD_BOUNCE_LIMIT:
            User.objects.filter(email__iexact=address, mail_disabled_at__isnull=True).update(mail_disabled_at=now)


def _reply_key(parsed: ParsedMail, envelope_to: list[str]) -> str | None:
    if parsed.reply_key:
        return parsed.reply_key
    import re

    domain = re.escape(settings.CLEARINGHOUSE_REPLY_DOMAIN)
    for rcpt in envelope_to or []:
        m = re.search(rf"reply\+([A-Za-z0-9._=-]+)@{domain}", rcpt or "", re.I)
        if m:
            return m.group(1)
    return None


def inbound_process(inbound_id: int) -> InboundMessage:
    """Process one stored mail. Safe to call again (moderators re-process failures)."""
    record = InboundMessage.objects.get(pk=inbound_id)
    if record.status in (InboundMessage.Status.POSTED, InboundMessage.Status.DUPLICATE):
        return record
    record.attempts += 1
    record.error = ""
    try:
        parsed = parse_message(bytes(record.raw))
        record.from_addr = (parsed.from_addr or "")[:320]
        record.subject = (parsed.subject or "")[:500]
        record.message_id = (parsed.message_id or "")[:255]
        record = _process(record, parsed)
    except Exception as exc:  # noqa: BLE001 - kept for the moderators, never lost
        log.exception("inbound mail %s failed", record.pk)
        record.status = InboundMessage.Status.FAILED
        record.error = f"{type(exc).__name__}: {exc}"[:2000]
    record.processed_at = timezone.now()
    record.save(update_fields=["from_addr", "subject", "message_id", "reply_key", "status", "error", "post",
                               "thread", "attempts", "processed_at", "updated_at"])
    return record


def _process(record: InboundMessage, parsed: ParsedMail) -> InboundMessage:
    from clearinghouse.accounts.models import User

    from . import services

    if parsed.kind == KIND_AUTO_REPLY:
        record.status = InboundMessage.Status.AUTO_REPLY
        log.info("dropped automatic reply %s from %s", record.message_id, record.from_addr)
        return record
    if parsed.kind == KIND_BOUNCE:
        _count_bounce(parsed)
        record.status = InboundMessage.Status.BOUNCE
        return record

    key = _reply_key(parsed, record.envelope_to)
    record.reply_key = (key or "")[:200]
    if record.message_id and Post.objects.filter(message_id=record.message_id).exists():
        record.status = InboundMessage.Status.DUPLICATE
        return record
    if not key:
        return _reject(record, parsed, "no_key", _(
            "We could not tell which discussion your message answers. Please reply to a notification mail "
            "from the discussion, or post on the website."))
    try:
        reply_key = reply_key_read(key)
    except KeyError_ as exc:
        if exc.reason == "expired":
            post = services.thread_for_key_post(_key_post_id(key))
            return _reject(record, parsed, "expired_key", _(
                "The address you replied to has expired, so your message was not posted. Please reply to a more "
                "recent notification, or post on the website."), thread=post.thread if post else None)
        return _reject(record, parsed, "forged_key", _(
            "The reply address of your message is not valid, so it was not posted. Please reply to a "
            "notification mail from the discussion without changing its reply address."))
    user = User.objects.filter(pk=reply_key.user_id, is_active=True).order_by().first()
    post = services.thread_for_key_post(reply_key.post_id)
    if user is None or post is None:
        return _reject(record, parsed, "unknown_target", _(
            "The post or the person this reply address was made for no longer exists, so your message was not "
            "posted."))
    thread = post.thread
    record.thread = thread
    if _addr(parsed.from_addr) != (user.email or "").lower():
        return _reject(record, parsed, "foreign_sender", _(
            "This reply address was sent to another person, so your message was not posted. Please answer from "
            "your own notification mails, or post on the website."), thread=thread)
    body = (parsed.body or "").strip()
    attachments, dropped = _usable_attachments(parsed)
    if dropped:
        record.error = "attachments left out: " + ", ".join(dropped)
    try:
        new_post = services.post_create(
            actor=user, thread=thread, body=body, parent=post, via=Post.Via.EMAIL,
            message_id=record.message_id or None, in_reply_to=parsed.in_reply_to or "",
            attachments=attachments, language=parsed.language or "",
        )
    except Conflict as exc:
        return _reject(record, parsed, "closed", exc.message, user=user, thread=thread)
    except PermissionDenied as exc:
        return _reject(record, parsed, "not_allowed", str(exc) or _("You cannot post in this discussion."),
                       user=user, thread=thread)
    except ValidationError as exc:
        text = " ".join(str(m) for messages in exc.message_dict.values() for m in messages) if hasattr(
            exc, "error_dict") else " ".join(exc.messages)
        return _reject(record, parsed, "invalid", text, user=user, thread=thread)
    except IntegrityError:
        record.status = InboundMessage.Status.DUPLICATE
        return record
    record.status = InboundMessage.Status.POSTED
    record.post = new_post
    return record


def _usable_attachments(parsed: ParsedMail) -> tuple[list, list[str]]:
    """Attachments that fit the type and size rules; inline images of signatures are left out."""
    from pathlib import Path

    from .services import _max_attachment_bytes

    allowed = settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES
    keep, dropped = [], []
    for a in parsed.attachments:
        if a.inline and a.content_id:
            continue
        if Path(a.name or "").suffix.lower() not in allowed or a.size > _max_attachment_bytes():
            dropped.append(a.name or "?")
            continue
        keep.append(a)
    return keep[:10], dropped


def _key_post_id(key: str) -> int:
    try:
        return int(key.lower().split(".")[0], 36)
    except (ValueError, IndexError):
        return 0


def inbound_reprocess(*, actor, inbound: InboundMessage) -> InboundMessage:
    """A moderator runs a stored mail through the pipeline again."""
    from . import permissions as perms

    if not perms.can_view_inbound(actor):
        raise PermissionDenied(_("Only moderators can re-process mail."))
    if inbound.status == InboundMessage.Status.POSTED:
        raise Conflict(_("This mail has already been posted."))
    inbound.status = InboundMessage.Status.RECEIVED
    inbound.save(update_fields=["status", "updated_at"])
    return inbound_process(inbound.pk)


# --- door (b): provider webhooks through django-anymail --------------------------


def anymail_inbound_received(sender, event, esp_name, **kwargs) -> None:
    """``anymail.signals.inbound`` receiver: the provider's parsed message, stored raw."""
    message = event.message
    raw = message.as_bytes() if message is not None else b""
    recipient = getattr(message, "envelope_recipient", None) if message is not None else None
    envelope = [str(recipient)] if recipient else []
    inbound_receive(raw, transport=f"anymail:{esp_name}"[:16], envelope_to=envelope)


# --- door (c): the command --------------------------------------------------------


def ingest_main(argv: list[str] | None = None) -> int:
    """``clearinghouse mail ingest FILE|-``: store and process one mail now; print the outcome."""
    import json

    parser = argparse.ArgumentParser(prog="clearinghouse mail ingest",
                                     description="Store one inbound mail and post it, as the SMTP receiver would.")
    parser.add_argument("file", help="an .eml file, or - for standard input")
    parser.add_argument("--to", action="append", default=[], help="envelope recipient (repeatable)")
    args = parser.parse_args(argv)
    raw = sys.stdin.buffer.read() if args.file == "-" else open(args.file, "rb").read()  # noqa: SIM115
    record = inbound_receive(raw, transport="cli", envelope_to=args.to, defer=False)
    out = {"id": record.pk, "status": record.status, "error": record.error,
           "post": record.post.get_absolute_url() if record.post_id else None}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0 if record.status in (InboundMessage.Status.POSTED, InboundMessage.Status.DUPLICATE,
                                  InboundMessage.Status.AUTO_REPLY, InboundMessage.Status.BOUNCE) else 1
