"""Reading the mails the site sent (stored bytes, as they leave)."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass


@dataclass
class Sent:
    to: list[str]
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]]


def sent(message) -> Sent:
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    plain = parsed.get_body(preferencelist=("plain",))
    return Sent(list(message.to), str(parsed["Subject"]), plain.get_content() if plain else "",
                [(p.get_filename(), p.get_payload(decode=True), p.get_content_type()) for p in parsed.iter_attachments()])


def outbox() -> list[Sent]:
    from django.core import mail

    return [sent(m) for m in mail.outbox]
