"""The parser's result types, the message kinds and the reply marker lines of outgoing mail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------------------
# Marker line placed in outgoing notification mails, above the quoted post.
# --------------------------------------------------------------------------------------

REPLY_MARKER = "##- Please type your reply above this line -##"
REPLY_MARKER_AR = "##- يرجى كتابة ردك فوق هذا السطر -##"
REPLY_MARKER_ES = "##- Por favor, escriba su respuesta encima de esta línea -##"
REPLY_MARKER_FR = "##- Veuillez écrire votre réponse au-dessus de cette ligne -##"
REPLY_MARKER_RU = "##- Пожалуйста, введите ответ над этой строкой -##"
REPLY_MARKER_ZH = "##- 请在此行上方输入您的回复 -##"
#: The marker per language code (English is the default).
REPLY_MARKERS: dict[str, str] = {
    "en": REPLY_MARKER,
    "ar": REPLY_MARKER_AR,
    "es": REPLY_MARKER_ES,
    "fr": REPLY_MARKER_FR,
    "ru": REPLY_MARKER_RU,
    "zh": REPLY_MARKER_ZH,
}

KIND_REPLY = "reply"
KIND_AUTO_REPLY = "auto_reply"
KIND_BOUNCE = "bounce"

#: Headers searched for the ``reply+KEY@`` address, in order.
REPLY_KEY_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
_REPLY_KEY_RE = re.compile(r"(?<![A-Za-z0-9._%+-])reply\+([A-Za-z0-9._=-]+)@([A-Za-z0-9.-]+)", re.I)


@dataclass
class Attachment:
    """One attached (or inline, non-body) MIME part."""

    name: str
    content_type: str
    size: int
    data: bytes = field(default=b"", repr=False)
    content_id: str | None = None
    inline: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON-safe description (no bytes)."""
        return {"name": self.name, "type": self.content_type, "size": self.size}


@dataclass
class BounceInfo:
    """Delivery failure details for one recipient of a bounced message."""

    recipient: str | None
    status: str | None
    action: str | None
    diagnostic: str | None
    hard: bool

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON-safe description."""
        return {
            "recipient": self.recipient,
            "status": self.status,
            "action": self.action,
            "diagnostic": self.diagnostic,
            "hard": self.hard,
        }


@dataclass
class ParsedMail:
    """The result of :func:`parse_message`."""

    from_addr: str | None = None
    from_name: str | None = None
    subject: str = ""
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    reply_key: str | None = None
    reply_domain: str | None = None
    kind: str = KIND_REPLY
    kind_reason: str | None = None
    body: str = ""
    quoted: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    language: str | None = None
    bounces: list[BounceInfo] = field(default_factory=list)
    body_source: str = "text/plain"
    errors: list[str] = field(default_factory=list)

    @property
    def bounce(self) -> BounceInfo | None:
        """The first bounce record (``None`` unless ``kind == "bounce"``)."""
        return self.bounces[0] if self.bounces else None

    @property
    def is_hard_bounce(self) -> bool:
        """True when this is a bounce and its (first) failure is permanent (5.x.x)."""
        return self.kind == KIND_BOUNCE and bool(self.bounces) and self.bounces[0].hard

    @property
    def bounce_recipient(self) -> str | None:
        """Address that failed, if known."""
        return self.bounces[0].recipient if self.bounces else None

    @property
    def bounce_status(self) -> str | None:
        """Enhanced status code (e.g. ``5.1.1``), if known."""
        return self.bounces[0].status if self.bounces else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON-safe summary with exactly the documented keys."""
        return {
            "from": self.from_addr,
            "subject": self.subject,
            "message_id": self.message_id,
            "in_reply_to": self.in_reply_to,
            "references": list(self.references),
            "reply_key": self.reply_key,
            "kind": self.kind,
            "body": self.body,
            "quoted": self.quoted,
            "attachments": [a.as_dict() for a in self.attachments],
            "language": self.language,
        }

    def bounce_dict(self) -> list[dict[str, Any]]:
        """Bounce records as JSON-safe dicts."""
        return [b.as_dict() for b in self.bounces]
