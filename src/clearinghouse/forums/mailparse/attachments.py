"""Attachments: which non-body MIME parts the reader gets as files, and under what name."""

from __future__ import annotations

import mimetypes
from email.message import Message

from .mime import _decode_header, _part_payload
from .model import Attachment


def attachment_from_part(
    part: Message, ctype: str, disposition: str, name: str | None, number: int
) -> Attachment:
    """Build the :class:`Attachment` of one non-body part (``number`` names an unnamed one)."""
    if ctype == "message/rfc822":
        try:
            inner = part.get_payload()
            if isinstance(inner, list) and inner:
                inner_msg = inner[0]
                data = inner_msg.as_bytes() if isinstance(inner_msg, Message) else b""
                if not name and isinstance(inner_msg, Message):
                    subj = _decode_header(inner_msg.get("Subject"))
                    name = (subj or "message")[:80] + ".eml"
            else:
                data = _part_payload(part)
        except Exception:
            data = _part_payload(part)
    else:
        data = _part_payload(part)
    if not name:
        ext = mimetypes.guess_extension(ctype) or ".bin"
        name = f"attachment-{number}{ext}"
    cid = part.get("Content-ID")
    return Attachment(
        name=name,
        content_type=ctype,
        size=len(data),
        data=data,
        content_id=str(cid).strip("<> ") if cid else None,
        inline=disposition == "inline",
    )
