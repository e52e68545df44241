"""The walk over the MIME tree: text bodies (plain and HTML), delivery reports, and the other parts,
which :mod:`.attachments` turns into attachments; and the choice of the HTML body over a stub plain part."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message

from .attachments import attachment_from_part, is_signature_part
from .mime import _filename, _part_text
from .model import Attachment

_STUB_RE = re.compile(
    r"(this (is a )?(multi-?part )?message (is )?in (mime|html) format|"
    r"your (e-?mail )?(client|reader|program) does not support html|"
    r"to view this (message|email),? (please )?(use|enable|open)|"
    r"this email requires an html|view (this|the) (e-?mail|message) in (a|your) (web )?browser|"
    r"^\s*\[?(html|no text)\]?\s*$)",
    re.I,
)


@dataclass
class _Walk:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    dsn: list[Message] = field(default_factory=list)
    mdn: bool = False


def _walk(part: Message, acc: _Walk, depth: int = 0, in_report: bool = False) -> None:
    if depth > 40:
        return
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "text/plain"
    try:
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    except Exception:
        disposition = ""
    if ctype == "message/delivery-status":
        acc.dsn.append(part)
        return
    if ctype == "message/disposition-notification":
        acc.mdn = True
        return
    if part.is_multipart() and ctype.startswith("multipart/"):
        try:
            children = part.get_payload()
        except Exception:
            children = []
        if not isinstance(children, list):
            children = []
        is_report = ctype == "multipart/report"
        for child in children:
            if isinstance(child, Message):
                _walk(child, acc, depth + 1, in_report or is_report)
        return
    name = _filename(part)
    if in_report and (ctype in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers")):
        return  # the returned original of a bounce is not an attachment
    is_text_body = ctype in ("text/plain", "text/html") and disposition != "attachment" and not name
    if is_text_body:
        text = _part_text(part)
        (acc.plain if ctype == "text/plain" else acc.html).append(text)
        return
    if ctype.startswith("multipart/"):
        if depth == 0 and isinstance(part.get_payload(), str):
            # a multipart message whose boundary never comes: its text is the body
            acc.plain.append(_part_text(part))
        return
    if is_signature_part(ctype, name):
        return  # PGP/MIME or S/MIME signature: the signed text is the body
    acc.attachments.append(attachment_from_part(part, ctype, disposition, name, len(acc.attachments) + 1))


def _is_stub(plain: str, html_text: str) -> bool:
    p = plain.strip()
    if not p:
        return True
    if len(p) < 400 and _STUB_RE.search(p) and len(html_text.strip()) > len(p):
        return True
    return False
