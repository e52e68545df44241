"""Attachments: which non-body MIME parts the reader gets as files, and under what name."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
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


#: Detached signatures of signed mail: the signed text is the body, the signature is no file for the reader.
SIGNATURE_TYPES = frozenset(
    {"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"}
)
_SIGNATURE_NAMES = ("signature.asc", "openpgp_signature.asc", "smime.p7s")
_CID_IMG_RE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?\s*cid:([^"'\s>]+)[^>]*>""", re.I)
_OUTLOOK_IMAGE_RE = re.compile(r"^image\d{3}\.(png|jpe?g|gif)$", re.I)
_TOKEN = "\u2063cidimg{}\u2063"


def is_signature_part(ctype: str, name: str | None) -> bool:
    """A PGP/MIME ``signature.asc`` or S/MIME ``smime.p7s`` part (never an attachment)."""
    return ctype in SIGNATURE_TYPES or (
        (name or "").lower() in _SIGNATURE_NAMES and ctype in ("application/octet-stream", "text/plain")
    )


def _norm_cid(cid: str) -> str:
    return cid.strip().strip("<>").lower()


def drop_signature_images(
    attachments: list[Attachment], html: str, body_of: Callable[[str], str]
) -> list[Attachment]:
    """Leave out the inline images that the HTML shows outside the new text (signature logos, quoted images).

    Each ``<img src="cid:…">`` of ``html`` is replaced by a token, and ``body_of`` (the reply splitter
    applied to that HTML) says which tokens are in the new text: an image shown there is the writer's
    (a pasted chart) and stays an attachment; one shown only in the signature or the quote is not.
    Outlook's ``image001.png``-style inline parts that the HTML does not show at all are left out too.
    """
    if not html or not any(a.content_id for a in attachments):
        return attachments
    cids: list[str] = []

    def swap(m: re.Match[str]) -> str:
        cids.append(_norm_cid(m.group(1)))
        return f"<span>{_TOKEN.format(len(cids) - 1)}</span>"

    tokenised = _CID_IMG_RE.sub(swap, html)
    if not cids:
        shown_in_body: set[str] = set()
    else:
        body = body_of(tokenised)
        shown_in_body = {cid for i, cid in enumerate(cids) if _TOKEN.format(i) in body}
    referenced = set(cids)
    kept = []
    for att in attachments:
        cid = _norm_cid(att.content_id) if att.content_id else None
        if cid and cid in referenced and cid not in shown_in_body:
            continue
        if cid and cid not in referenced and att.inline and _OUTLOOK_IMAGE_RE.match(att.name):
            continue
        kept.append(att)
    return kept


def strip_tokens(text: str) -> str:
    """Remove image tokens from text (used when a tokenised HTML was rendered)."""
    return re.sub("\u2063cidimg\\d+\u2063", "", text)
