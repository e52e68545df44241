"""The entry point: :func:`parse_message` composes MIME decoding, HTML conversion, reply splitting,
kind classification and language detection into one :class:`ParsedMail`."""

from __future__ import annotations

import email
import email.utils
import re
from collections.abc import Sequence
from email.message import Message

from .attachments import drop_signature_images
from .htmltext import _html_split, html_body_to_text
from .kinds import _ADDR_RE, _bounce_details, _classify
from .language import detect_language
from .mime import _decode_bytes, _decode_header, _header, _header_all, _msgids
from .model import _REPLY_KEY_RE, KIND_BOUNCE, REPLY_KEY_HEADERS, ParsedMail
from .parts import _is_stub, _Walk, _walk
from .reply import split_reply
from .text import _clean_text, _tidy


def _find_reply_key(msg: Message, domains: Sequence[str] | None) -> tuple[str | None, str | None]:
    wanted = {d.lower() for d in domains} if domains else None
    for name in REPLY_KEY_HEADERS:
        for value in _header_all(msg, name):
            # search the header text itself: the key is reported exactly as found
            for m in _REPLY_KEY_RE.finditer(value):
                domain = m.group(2).lower().rstrip(".")
                if wanted is None or domain in wanted:
                    return m.group(1), domain
    return None, None


def _sender(msg: Message) -> tuple[str | None, str | None]:
    for name in ("From", "Sender", "Reply-To", "Return-Path"):
        value = _header(msg, name)
        if not value:
            continue
        try:
            # parse the raw value first: a decoded display name may hold a comma ("Lima, Ana")
            raw_display, addr = email.utils.parseaddr(str(msg.get(name, "")))
            display = _decode_header(raw_display) if raw_display else ""
            if not addr or "@" not in addr:
                display, addr = email.utils.parseaddr(value)
        except Exception:
            display, addr = "", ""
        if not addr or "@" not in addr:
            m = _ADDR_RE.search(value)
            addr = m.group(0) if m else ""
        if addr and "@" in addr:
            return addr.strip().lower(), (display or None)
    return None, None


_HEADER_LINE_RE = re.compile(rb"[!-9;-~]{1,76}:[ \t]")


def parse_message(raw: bytes | str, reply_domains: Sequence[str] | None = None) -> ParsedMail:
    """Parse one inbound e-mail. Never raises.

    :param raw: the message as received (bytes; ``str`` is accepted and UTF-8 encoded).
    :param reply_domains: if given, only ``reply+KEY@`` addresses on these domains count.
    """
    result = ParsedMail()
    try:
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        if not isinstance(raw, bytes | bytearray | memoryview):
            raw = bytes(raw or b"")
        raw = bytes(raw)
        _parse_into(raw, result, reply_domains)
    except Exception as exc:  # pragma: no cover - defensive: the pieces already guard themselves
        result.errors.append(f"{type(exc).__name__}: {exc}")
        if not result.body and isinstance(raw, bytes | bytearray):
            try:
                result.body = _clean_text(_decode_bytes(bytes(raw)[-20000:], None))
            except Exception:
                result.body = ""
    return result


def _parse_into(raw: bytes, result: ParsedMail, reply_domains: Sequence[str] | None) -> None:
    if raw[:1] in (b"\n", b"\r"):
        # a stored or relayed copy that starts with a blank line: the headers follow it
        stripped = raw.lstrip(b"\r\n")
        if _HEADER_LINE_RE.match(stripped):
            raw = stripped
    try:
        msg = email.message_from_bytes(raw)
    except Exception as exc:
        result.errors.append(f"mime: {exc}")
        msg = email.message_from_string("")
    try:
        result.from_addr, result.from_name = _sender(msg)
    except Exception as exc:
        result.errors.append(f"from: {exc}")
    try:
        result.subject = _header(msg, "Subject")
        mid = _msgids(_header(msg, "Message-ID"))
        result.message_id = mid[0] if mid else None
        irt = _msgids(_header(msg, "In-Reply-To"))
        result.in_reply_to = irt[0] if irt else None
        result.references = _msgids(" ".join(_header_all(msg, "References")))
    except Exception as exc:
        result.errors.append(f"headers: {exc}")
    try:
        result.reply_key, result.reply_domain = _find_reply_key(msg, reply_domains)
    except Exception as exc:
        result.errors.append(f"reply-key: {exc}")
    walk = _Walk()
    try:
        _walk(msg, walk)
    except Exception as exc:
        result.errors.append(f"walk: {exc}")
    result.attachments = walk.attachments
    plain = next((p for p in walk.plain if p.strip()), walk.plain[0] if walk.plain else "")
    html = next((h for h in walk.html if h.strip()), "")
    body, quoted = "", ""
    try:
        html_text, html_quoted = _html_split(html) if html else ("", "")
        use_html = bool(html) and _is_stub(plain, html_text + html_quoted)
        if use_html:
            result.body_source = "text/html"
            body, quoted2 = split_reply(html_text, result.from_name)
            quoted = _tidy([quoted2, html_quoted]) if html_quoted else quoted2
            if not body and html_quoted:
                body = html_quoted
        else:
            result.body_source = "text/plain"
            body, quoted = split_reply(plain, result.from_name)
    except Exception as exc:
        result.errors.append(f"body: {exc}")
        body = _clean_text(plain) or html_body_to_text(html, drop_quotes=False)
    result.body, result.quoted = body, quoted
    try:
        from_name = result.from_name
        result.attachments = drop_signature_images(
            walk.attachments, html, lambda h: split_reply(_html_split(h)[0], from_name)[0]
        )
    except Exception as exc:
        result.errors.append(f"attachments: {exc}")
    try:
        result.kind, result.kind_reason = _classify(msg, walk, result.subject, result.from_addr)
    except Exception as exc:
        result.errors.append(f"classify: {exc}")
    if result.kind == KIND_BOUNCE:
        try:
            text_for_bounce = plain or html_body_to_text(html, drop_quotes=False)
            result.bounces = _bounce_details(msg, walk, text_for_bounce, result.subject)
        except Exception as exc:
            result.errors.append(f"bounce: {exc}")
    try:
        lang_text = result.body
        letters = sum(1 for ch in lang_text[:400] if ch.isalpha())
        if letters < 25:
            lang_text = " ".join([result.body, result.subject, result.quoted[:2000]])
        result.language = detect_language(lang_text)
    except Exception as exc:
        result.errors.append(f"language: {exc}")
