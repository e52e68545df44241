"""Inbound e-mail parser for reply-by-email in the online discussions.

Pure Python (standard library only), no Django import, no database. The single entry
point is :func:`parse_message`, which turns raw RFC 5322 bytes into a :class:`ParsedMail`:

* header facts: sender address, decoded subject, Message-ID, In-Reply-To, References;
* ``reply_key``: the ``KEY`` of the first ``reply+KEY@domain`` address found in To, Cc,
  Delivered-To, X-Original-To or Envelope-To (in that order), **unverified**;
* ``kind``: ``reply``, ``auto_reply`` (RFC 3834 headers, ``Precedence: bulk|junk|list|auto_reply``,
  ``X-Auto-Response-Suppress: All`` -- a partial list such as "DR, OOF, AutoReply", which Exchange
  stamps on relayed human mail, is ignored --, vacation subjects, read receipts)
  or ``bounce`` (DSNs, MAILER-DAEMON, null Return-Path, bounce subjects), with bounce
  details (recipient, status, hard/soft) in :attr:`ParsedMail.bounces`;
* ``body``: the new text the person wrote, as plain text. Quoted history (``>`` lines, the
  client's "On … wrote:" line in any language, Outlook header blocks, "Original Message"
  separators, our own ``##- … -##`` marker and everything below it), signatures (``-- ``),
  mobile footers, sign-offs with their name block and confidentiality disclaimers are
  removed and collected in ``quoted``. Greetings are kept.

  Inline (interleaved) replies: the person's own lines are kept **in order**, each run of new
  text separated by a blank line; the quoted lines they answer go to ``quoted``.
  If stripping would leave nothing, the unstripped top part is returned instead.
* ``attachments`` (name, type, size, bytes) and ``language`` (ISO 639-1, offline detection).

The parser never raises: any input yields a :class:`ParsedMail` with what could be recovered.
"""

from __future__ import annotations

import argparse
import codecs
import email
import email.header
import email.utils
import json
import mimetypes
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from typing import IO, Any

__all__ = [
    "REPLY_MARKER",
    "REPLY_MARKERS",
    "Attachment",
    "BounceInfo",
    "ParsedMail",
    "detect_language",
    "html_body_to_text",
    "mailparse_cli",
    "parse_message",
    "split_reply",
]

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

_MAX_LINE_CHECK = 400  # lines longer than this are never headers/attributions/sign-offs


# --------------------------------------------------------------------------------------
# Data classes
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# Charsets and headers
# --------------------------------------------------------------------------------------

_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "ascii",
    "ansi_x3.4-1968": "ascii",
    "iso-8859-8-i": "iso-8859-8",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
    "unicode-1-1-utf-7": "utf-7",
    "utf8": "utf-8",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "x-user-defined": "cp1252",
    "unknown-8bit": "",
    "unknown": "",
    "default": "",
    "x-unknown": "",
    "charset": "",
}

_FALLBACK_CHARSETS = ("cp1252", "cp1251", "koi8-r", "cp1256", "gb18030", "big5hkscs", "cp932")


def _norm_charset(charset: str | None) -> str | None:
    """Map a MIME charset label to a Python codec name, or ``None`` when unknown."""
    if not charset:
        return None
    cs = str(charset).strip().strip("\"'").lower()
    cs = _CHARSET_ALIASES.get(cs, cs)
    if not cs:
        return None
    try:
        return codecs.lookup(cs).name
    except (LookupError, ValueError):
        return None


def _char_script(ch: str) -> str:
    o = ord(ch)
    if o < 128:
        return "ascii"
    if 0xC0 <= o <= 0x24F:
        return "latin"
    if 0x370 <= o <= 0x3FF:
        return "greek"
    if 0x400 <= o <= 0x52F:
        return "cyr"
    if 0x600 <= o <= 0x6FF or 0xFB50 <= o <= 0xFEFF:
        return "arab"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x30FF or 0xFF00 <= o <= 0xFFEF:
        return "cjk"
    return "other"


_WORD_RE = re.compile(r"[^\W\d_]+")


def _plausibility(text: str) -> float:
    """Score how much ``text`` looks like natural language (higher is better).

    Rewards words written in one script, penalises words mixing scripts (``cafй``), odd
    mid-word capitals (KOI8-R read as windows-1251) and control characters.
    """
    if not text:
        return 0.0
    score = 0.0
    for ch in text:
        o = ord(ch)
        if (o < 32 and ch not in "\r\n\t") or 0x80 <= o < 0xA0 or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF:
            score -= 3
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        scripts = {_char_script(ch) for ch in word}
        non_ascii = scripts - {"ascii"}
        if len(non_ascii) > 1 or ("ascii" in scripts and non_ascii - {"latin"}) or "other" in scripts:
            score -= 2 * len(word)
            continue
        high = sum(1 for ch in word if ord(ch) > 127)
        if non_ascii == {"latin"} and len(word) >= 4 and high / len(word) > 0.6:
            score -= len(word)  # "Äîáðûé": Cyrillic read as Latin-1
            continue
        score += high
        if len(word) > 1 and not word.isupper():
            score -= 1.5 * sum(1 for ch in word[1:] if ch.isupper())
        elif word.isupper() and len(word) > 3:
            score -= 1.5 * len(word)
    return score / len(text)


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode ``data`` labelled ``charset``, surviving wrong or missing labels."""
    if not data:
        return ""
    cs = _norm_charset(charset)
    if cs and cs.startswith(("utf-16", "utf-32")):
        return data.decode(cs, errors="replace")
    try:
        return data.decode("ascii")
    except UnicodeDecodeError:
        pass
    if cs not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-7", "hz", "iso2022_jp"):
        # Valid multi-byte UTF-8 is almost never a coincidence in a legacy charset.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    best: tuple[float, str] | None = None
    candidates = ([cs] if cs and cs not in ("ascii", "utf-8") else []) + [
        c for c in _FALLBACK_CHARSETS if c != cs
    ]
    for i, cand in enumerate(candidates):
        try:
            text = data.decode(cand)
        except (UnicodeDecodeError, LookupError):
            continue
        # the declared label wins unless another charset reads clearly better
        score = _plausibility(text[:20000]) + (0.08 if i == 0 and cand == cs else 0.0)
        if best is None or score > best[0]:
            best = (score, text)
    if best is not None:
        return best[1]
    return data.decode(cs or "utf-8", errors="replace")


def _fix_surrogates(text: str) -> str:
    """Re-decode raw 8-bit bytes that the email package kept as surrogate escapes."""
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeError:
            return text.encode("utf-8", "replace").decode("utf-8", "replace")
        return _decode_bytes(raw, None)
    return text


def _decode_header(value: Any) -> str:
    """Decode an RFC 2047 header value (also raw 8-bit values) to a clean one-line string."""
    if value is None:
        return ""
    try:
        chunks = email.header.decode_header(value)
    except Exception:
        chunks = [(str(value), None)]
    out: list[str] = []
    for chunk, cs in chunks:
        try:
            if isinstance(chunk, bytes):
                out.append(_decode_bytes(chunk, cs))
            else:
                out.append(_fix_surrogates(str(chunk)))
        except Exception:
            out.append(str(chunk))
    text = "".join(out)
    text = re.sub(r"[\r\n]+[ \t]*", " ", text)
    return _fix_surrogates(text).strip()


def _header_all(msg: Message, name: str) -> list[str]:
    try:
        values = msg.get_all(name) or []
    except Exception:
        return []
    out = []
    for v in values:
        try:
            out.append(_decode_header(v))
        except Exception:  # noqa: S112 - a broken header value is skipped
            continue
    return out


def _header(msg: Message, name: str) -> str:
    values = _header_all(msg, name)
    return values[0] if values else ""


_MSGID_RE = re.compile(r"<[^<>\s]+>")


def _msgids(value: str) -> list[str]:
    ids = _MSGID_RE.findall(value or "")
    if not ids and value and value.strip():
        ids = [t for t in value.split() if "@" in t]
    return ids


# --------------------------------------------------------------------------------------
# HTML to text
# --------------------------------------------------------------------------------------

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen command".split()
)
_BLOCK = frozenset(
    """address article aside blockquote center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table
    tbody thead tfoot tr ul body html title""".split()
)
_SKIP = frozenset("script style head title noscript template xml".split())


class _Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Node | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def node_id(self) -> str:
        return self.attrs.get("id", "")


class _TreeBuilder(HTMLParser):
    """A forgiving HTML tree builder on top of the standard library tokenizer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack: list[_Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if len(self.stack) > 400:
            return
        if tag == "p" and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li":
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t == "li":
                    del self.stack[i:]
                    break
                if t in ("ul", "ol"):
                    break
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID and self.stack[-1].tag == tag.lower() and len(self.stack) > 1:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse_html(html: str) -> _Node:
    builder = _TreeBuilder()
    try:
        builder.feed(html)
        builder.close()
    except Exception:  # noqa: S110 - the tokenizer is forgiving, but never trust it fully
        pass
    return builder.root


def _is_quote_node(node: _Node) -> bool:
    """Nodes holding quoted history, a quote attribution or a client signature."""
    if node.tag == "blockquote":
        return True
    classes = node.classes
    nid = node.node_id
    for c in classes:
        if c in (
            "gmail_quote",
            "gmail_quote_container",
            "gmail_attr",
            "gmail_signature",
            "moz-cite-prefix",
            "moz-signature",
            "moz-forward-container",
            "OutlookMessageHeader",
            "protonmail_quote",
            "zmail_extra",
            "ms-outlook-mobile-reference-message",
        ) or c.startswith("yahoo_quoted"):
            return True
    if nid.startswith("yahoo_quoted") or nid in (
        "AppleOriginalContents",
        "Signature",
        "ms-outlook-mobile-signature",
    ):
        return True
    return False


def _cuts_rest(node: _Node) -> bool:
    """Nodes after which (in document order) everything is quoted history."""
    nid = node.node_id
    if nid in (
        "divRplyFwdMsg",
        "appendonsend",
        "mail-editor-reference-message-container",
        "stopSpelling",
        "x_divRplyFwdMsg",
        "OLK_SRC_BODY_SECTION",
    ):
        return True
    if node.tag == "a" and node.attrs.get("name") == "_MailOriginal":
        return True
    return False


def _extract_quotes(root: _Node) -> list[_Node]:
    """Detach quoted subtrees from ``root`` and return them in document order."""
    removed: list[_Node] = []
    cut = [False]

    def walk(node: _Node) -> None:
        kept: list[_Node | str] = []
        for child in node.children:
            if cut[0]:
                if isinstance(child, _Node):
                    removed.append(child)
                elif child.strip():
                    holder = _Node("span", {}, None)
                    holder.children.append(child)
                    removed.append(holder)
                continue
            if isinstance(child, _Node):
                if _cuts_rest(child):
                    cut[0] = True
                    # an <hr> just before the Outlook reply header belongs to the quote
                    while kept and (
                        (isinstance(kept[-1], _Node) and kept[-1].tag == "hr")
                        or (isinstance(kept[-1], str) and not kept[-1].strip())
                    ):
                        kept.pop()
                    removed.append(child)
                    continue
                if _is_quote_node(child):
                    removed.append(child)
                    continue
                walk(child)
            kept.append(child)
        node.children = kept

    walk(root)
    return removed


class _TextWriter:
    """Accumulates rendered text with block-level line handling."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, s: str) -> None:
        if s:
            self.parts.append(s)

    def newline(self, count: int = 1) -> None:
        tail = "".join(self.parts[-4:])
        have = len(tail) - len(tail.rstrip("\n")) if tail.strip("\n") or self.parts else 0
        if not self.parts:
            return
        if have < count:
            self.parts.append("\n" * (count - have))

    def br(self) -> None:
        self.parts.append("\n")

    def value(self) -> str:
        return "".join(self.parts)


def _render(node: _Node, out: _TextWriter, pre: bool = False, depth: int = 0) -> None:
    if depth > 450:
        return
    for child in node.children:
        if isinstance(child, str):
            if pre:
                out.text(child)
            else:
                out.text(re.sub(r"[ \t\r\n\f]+", " ", child))
            continue
        tag = child.tag
        if tag in _SKIP or tag.startswith("o:") and not child.children:
            continue
        if tag == "br":
            out.br()
            continue
        if tag == "hr":
            out.newline(1)
            continue
        if tag == "img":
            continue
        is_p = tag == "p" and "MsoNormal" not in child.classes and "MsoPlainText" not in child.classes
        if tag in _BLOCK:
            out.newline(2 if is_p else 1)
        if tag == "li":
            out.text("- ")
        if tag in ("td", "th"):
            out.text(" ")
        _render(child, out, pre or tag == "pre", depth + 1)
        if tag in _BLOCK:
            out.newline(2 if is_p else 1)


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    blank = 0
    for ln in lines:
        if not ln:
            blank += 1
            continue
        if out and blank:
            out.append("")
        blank = 0
        out.append(ln)
    return "\n".join(out)


def _node_text(nodes: Iterable[_Node]) -> str:
    out = _TextWriter()
    for n in nodes:
        holder = _Node("div", {}, None)
        holder.children.append(n)
        _render(holder, out)
    return _clean_text(out.value())


def _html_split(html: str) -> tuple[str, str]:
    """Return ``(new_text, quoted_text)`` for an HTML body."""
    root = _parse_html(html)
    removed = _extract_quotes(root)
    out = _TextWriter()
    _render(root, out)
    return _clean_text(out.value()), _node_text(removed)


def html_body_to_text(html: str, drop_quotes: bool = True) -> str:
    """Convert an HTML mail body to readable plain text.

    With ``drop_quotes`` (the default) the quoted parts that mail clients mark up
    (``<blockquote>``, Gmail ``gmail_quote``, Outlook ``divRplyFwdMsg`` and everything after it,
    Thunderbird ``moz-cite-prefix``, Apple ``AppleOriginalContents``, Yahoo ``yahoo_quoted``)
    are left out. Never raises.
    """
    try:
        if drop_quotes:
            return _html_split(html or "")[0]
        out = _TextWriter()
        _render(_parse_html(html or ""), out)
        return _clean_text(out.value())
    except Exception:
        return _clean_text(re.sub(r"<[^>]*>", " ", html or ""))


# --------------------------------------------------------------------------------------
# MIME structure: body parts and attachments
# --------------------------------------------------------------------------------------

_STUB_RE = re.compile(
    r"(this (is a )?(multi-?part )?message (is )?in (mime|html) format|"
    r"your (e-?mail )?(client|reader|program) does not support html|"
    r"to view this (message|email),? (please )?(use|enable|open)|"
    r"this email requires an html|view (this|the) (e-?mail|message) in (a|your) (web )?browser|"
    r"^\s*\[?(html|no text)\]?\s*$)",
    re.I,
)


def _part_payload(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    try:
        raw = part.get_payload()
        if isinstance(raw, str):
            return raw.encode("utf-8", "surrogateescape")
    except Exception:  # noqa: S110 - unreadable payload counts as empty
        pass
    return b""


def _part_text(part: Message) -> str:
    data = _part_payload(part)
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = _decode_bytes(data, charset)
    try:
        ctype_params = {k.lower(): (v or "").lower() for k, v in part.get_params() or []}
    except Exception:
        ctype_params = {}
    if part.get_content_type() == "text/plain" and ctype_params.get("format") == "flowed":
        text = _unflow(text, ctype_params.get("delsp") == "yes")
    return text


def _unflow(text: str, delsp: bool) -> str:
    """Undo RFC 3676 format=flowed soft line breaks."""
    out: list[str] = []
    buf = ""
    buf_depth = -1
    for raw in text.replace("\r\n", "\n").split("\n"):
        m = re.match(r"^(>+)", raw)
        depth = len(m.group(1)) if m else 0
        line = raw[depth:]
        if line.startswith(" "):
            line = line[1:]
        if buf_depth >= 0 and depth != buf_depth:
            out.append(">" * buf_depth + (" " if buf_depth else "") + buf)
            buf, buf_depth = "", -1
        if buf_depth < 0:
            buf_depth = depth
        if line.endswith(" ") and line != "-- ":
            buf += line[:-1] if delsp else line
            continue
        buf += line
        out.append(">" * depth + (" " if depth else "") + buf)
        buf, buf_depth = "", -1
    if buf_depth >= 0:
        out.append(">" * buf_depth + (" " if buf_depth else "") + buf)
    return "\n".join(out)


def _filename(part: Message) -> str | None:
    name: Any = None
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if not name:
        try:
            name = part.get_param("name")
            if isinstance(name, tuple):
                name = email.utils.collapse_rfc2231_value(name)
        except Exception:
            name = None
    if not name:
        return None
    return _decode_header(str(name)).strip().strip('"') or None


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
        return
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
        name = f"attachment-{len(acc.attachments) + 1}{ext}"
    cid = part.get("Content-ID")
    acc.attachments.append(
        Attachment(
            name=name,
            content_type=ctype,
            size=len(data),
            data=data,
            content_id=str(cid).strip("<> ") if cid else None,
            inline=disposition == "inline",
        )
    )


def _is_stub(plain: str, html_text: str) -> bool:
    p = plain.strip()
    if not p:
        return True
    if len(p) < 400 and _STUB_RE.search(p) and len(html_text.strip()) > len(p):
        return True
    return False


# --------------------------------------------------------------------------------------
# Plain-text reply splitting
# --------------------------------------------------------------------------------------

_BIDI_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u200b]")

_MARKER_RE = re.compile(r"##-.*-##")

_ORIGINAL_RE = re.compile(
    r"^[-_=*\s]*-{2,}\s*(original message|original e-?mail|forwarded message|message d'origine|"
    r"message original|message transf[ée]r[ée]|mensaje original|mensaje reenviado|mensagem original|"
    r"mensagem encaminhada|исходное сообщение|пересылаемое сообщение|переадресованное сообщение|"
    r"原始邮件|原始郵件|转发的邮件|轉寄的郵件|邮件原文|الرسالة الأصلية|الرسالة الاصلية|"
    r"رسالة معاد توجيهها|الرسالة المعاد توجيهها|originalnachricht|urspr[üu]ngliche nachricht)"
    r"\s*-{2,}[-\s]*$|"
    r"^(begin forwarded message|d[ée]but du message (r[ée]exp[ée]di[ée]|transf[ée]r[ée])|"
    r"inicio del mensaje reenviado|in[ií]cio da mensagem reencaminhada|"
    r"начало переадресованного сообщения|转发的邮件|以下为转发的邮件)\s*[:：]?$",
    re.I,
)

_UNDERSCORES_RE = re.compile(r"^\s*[_─━—-]{15,}\s*$")

_HDR_FROM = r"from|de|von|от|від|من|发件人|發件人|寄件者|remetente|da|van|od|från|fra|lähettäjä|kimden"
_HDR_OTHER = (
    r"sent|date|to|cc|bcc|subject|reply-to|importance|envoy[ée]|envoy[ée] le|[àa]|pour|objet|copie|"
    r"enviado el|enviado|enviada em|enviada|fecha|para|asunto|sujeto|assunto|data|"
    r"отправлено|дата|кому|копия|тема|"
    r"تم الإرسال|المرسلة|أرسلت|أرسل|التاريخ|إلى|الى|نسخة|نسخة إلى|الموضوع|"
    r"发送时间|發送時間|日期|收件人|抄送|主题|主題|寄件日期|收件者|副本|主旨|"
    r"gesendet|an|betreff|datum|"
    r"verzonden|aan|onderwerp|inviato|oggetto|wysłane|wysłano|do|temat|"
    r"skickat|till|ämne|sendt|til|emne|kopi|lähetetty|vastaanottaja|aihe|gönderildi|kime|konu"
)
_HDR_FROM_RE = re.compile(rf"^\s*[*>]*\s*(?:{_HDR_FROM})\s*[*]?\s*[:：]", re.I)
_HDR_OTHER_RE = re.compile(rf"^\s*[*]*\s*(?:{_HDR_OTHER})\s*[*]?\s*[:：]", re.I)
_HDR_ONELINE_RE = re.compile(
    rf"^\s*[*]?(?:{_HDR_FROM})\s*[*]?\s*[:：].{{1,200}}?\b(?:sent|date|envoy[ée]|enviado|fecha|"
    rf"отправлено|дата|发送时间|تم الإرسال)\s*[*]?\s*[:：].{{1,200}}?(?:to|[àa]|para|кому|收件人|إلى)\s*[*]?\s*[:：]",
    re.I,
)

_WROTE_VERBS = (
    r"wrote|writes|a [ée]crit|escribi[óo]|escreveu|escribe|пишет|написал\(а\)|написала|написал|"
    r"كتب|كتبت|写道|寫道|schrieb|ha scritto|schreef|skrev|napisał\(a\)|napsal\(a\)|pisze|napisał|napisała|"
    r"kirjoitti|yazdı"
)
_WROTE_END_RE = re.compile(rf"(?:\b|\s|^)(?:{_WROTE_VERBS})\s*[:：]\s*$", re.I)
_WROTE_START_RE = re.compile(
    r"^\s*(on|le|el|em|am|il|op|den|dne|dnia|في|在|\d|\(?\w{2,4}[.,]?\s+\d|\w+,\s*\d)",
    re.I,
)
#: "Am 11.03.25 um 15:58 schrieb Name <x@y>:" / "Op … schreef …:" / "Den … skrev …:": the verb sits
#: between the date and the name, and the line ends with a colon.
_WROTE_MID_RE = re.compile(
    r"^\s*(?:am|op|den|d\.|w dniu|dnia|på|pe|ma|ti|ke|to|pá|su|la|lø|sø)\b.{0,200}?\d.{0,200}?"
    r"\s(?:schrieb|schreef|skrev|napisa[łl]\(a\)|napisa[łl]a?|kirjoitti|het volgende geschreven)\s.{1,200}[:：]\s*$",
    re.I,
)
#: Zoho / old Yahoo: "---- On Tue, 11 Mar 2025 15:58 Name <x@y> wrote ----" (colon optional).
_DASH_WRAP_RE = re.compile(r"^-{2,}\s*(.+?)\s*[:：]?\s*-{2,}$")
_GMAIL_AR_RE = re.compile(r"(تمت كتابة ما يلي بواسطة|كتب)")
_DATE_ADDR_COLON_RE = re.compile(r"^.{0,40}\d{1,4}.{0,160}(<[^<>\s]+@[^<>\s]+>|\S+@\S+\.\w+)\)?\s*[:：]\s*$")
_ZH_WROTE_RE = re.compile(r"(于|於)\s*\d{4}年.{0,40}(写道|寫道)\s*[:：]?\s*$")


def _strip_bidi(s: str) -> str:
    return _BIDI_RE.sub("", s)


def _is_quote_line(line: str) -> bool:
    return line.lstrip().startswith(">")


_STRICT_ATTR_RE = re.compile(r"@|\d{1,2}\s*[:.h时]\s*\d{2}|\d{4}|年")


def _attribution_at(lines: Sequence[str], i: int, strict: bool = False) -> int:
    """If an "On … wrote:" attribution starts at line ``i``, return how many lines it spans.

    ``strict`` (used when no ``>`` quote follows) also requires an address, a time or a year,
    so that a sentence such as "On Monday, the committee wrote:" is not taken for one.
    """
    first = _strip_bidi(lines[i]).strip()
    if not first or len(first) > _MAX_LINE_CHECK or _is_quote_line(first):
        return 0
    joined = ""
    for span in range(1, 4):
        if i + span - 1 >= len(lines):
            break
        nxt = _strip_bidi(lines[i + span - 1]).strip()
        if span > 1 and (not nxt or _is_quote_line(nxt)):
            break
        joined = (joined + " " + nxt).strip() if span > 1 else nxt
        if len(joined) > _MAX_LINE_CHECK:
            break
        wrapped = _DASH_WRAP_RE.match(joined)
        if wrapped:
            joined = wrapped.group(1).rstrip(":：").strip() + ":"
        if strict and not _STRICT_ATTR_RE.search(joined):
            continue
        if _WROTE_END_RE.search(joined) and (
            _WROTE_START_RE.search(joined) or "@" in joined or re.search(r"\d", joined)
        ):
            return span
        if _ZH_WROTE_RE.search(joined):
            return span
        if _WROTE_MID_RE.match(joined) and re.search(r"\d{1,2}[:.h]\d{2}\b|@", joined):
            return span
        if joined.startswith("في") and re.search(r"[،,]\s*كتبت?\s", joined) and joined.endswith((":", "：")):
            return span
        if "تمت كتابة ما يلي بواسطة" in joined and joined.rstrip().endswith((":", "：")):
            return span
        if _DATE_ADDR_COLON_RE.match(joined) and re.search(r"\d{1,2}[:.]\d{2}", joined):
            return span
    return 0


def _header_block_at(lines: Sequence[str], i: int) -> bool:
    """True when an Outlook-style "From: … Sent: … To: … Subject:" block starts at line ``i``."""
    line = _strip_bidi(lines[i])
    if len(line) > _MAX_LINE_CHECK * 2:
        return False
    if _HDR_ONELINE_RE.search(line):
        return True
    if not _HDR_FROM_RE.match(line):
        return False
    others = 0
    seen_blank = 0
    for j in range(i + 1, min(len(lines), i + 12)):
        nxt = _strip_bidi(lines[j]).strip().lstrip(">").strip()
        if not nxt:
            seen_blank += 1
            if seen_blank > 1 or others >= 2:
                break
            continue
        if len(nxt) < _MAX_LINE_CHECK and _HDR_OTHER_RE.match(nxt):
            others += 1
    return others >= 2


def _hard_cut(lines: Sequence[str]) -> tuple[int, str | None]:
    """Index of the first line of non-``>`` quoted history (or ``len(lines)``)."""
    n = len(lines)
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > _MAX_LINE_CHECK * 2:
            continue
        quoted = _is_quote_line(line)
        if _MARKER_RE.search(line) and not quoted:
            return i, "marker"
        if quoted:
            continue
        plain = _strip_bidi(line)
        if _ORIGINAL_RE.match(plain):
            return i, "separator"
        if _UNDERSCORES_RE.match(plain):
            for j in range(i + 1, min(n, i + 4)):
                if lines[j].strip():
                    if _header_block_at(lines, j) or _HDR_FROM_RE.match(_strip_bidi(lines[j])):
                        return i, "separator"
                    break
        if _header_block_at(lines, i):
            return i, "header"
        span = _attribution_at(lines, i)
        if span:
            # quoted with ">" below: handled by the line classifier, not a hard cut
            k = i + span
            while k < n and not lines[k].strip():
                k += 1
            if k < n and _is_quote_line(lines[k]):
                continue
            if _attribution_at(lines, i, strict=True):
                return i, "attribution"
    return n, None


_MOBILE_RE = re.compile(
    r"^\s*(sent from my\b|sent from (outlook|mail|yahoo|aol|samsung|my mobile|the mail app|proton)|"
    r"sent (from|via|with|using) .{0,40}(iphone|ipad|android|blackberry|mobile|galaxy|smartphone|tablet|phone|device)|"
    r"get outlook for (ios|android)|download outlook for|sent from yahoo mail|"
    r"envoy[ée] (de|depuis|à partir de) (mon|ma|l'application|outlook|yahoo)|"
    r"(t[ée]l[ée]charger|obtenir|t[ée]l[ée]chargez) outlook pour|"
    r"enviado (desde|de|do|a partir do|a partir de|con) (mi|meu|minha|el|o|yahoo|outlook|my)\b|"
    r"obt(ener|enga|er o|enha o) outlook para|"
    r"отправлено (с|со|из|через) |получить outlook для|скачать outlook для|"
    r"从我的.{0,30}发送|发自我的|來自我的|发自 ?outlook|从 ?outlook|获取 ?outlook|"
    r"أرسلت من|أُرسلت من|مرسل من|تم الإرسال من|أرسل من|احصل على outlook|الحصول على outlook)",
    re.I,
)

_SIGNOFFS = [
    # en
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "best wishes",
    "regards",
    "with best regards",
    "with kind regards",
    "with regards",
    "many thanks",
    "thanks",
    "thank you",
    "thanks again",
    "thanks and regards",
    "thanks & regards",
    "best",
    "cheers",
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "yours faithfully",
    "yours truly",
    "all the best",
    "respectfully",
    "yours",
    "warmly",
    "best regards,",
    "kind wishes",
    "regards from",
    "take care",
    "talk soon",
    "thanks so much",
    "thank you very much",
    "with appreciation",
    "respectfully yours",
    "v/r",
    "cordially",
    "kindest regards",
    "with thanks",
    "thank you and best regards",
    "thanks in advance",
    "looking forward to hearing from you",
    "best regards and thanks",
    # fr
    "cordialement",
    "bien cordialement",
    "très cordialement",
    "tres cordialement",
    "bien à vous",
    "salutations",
    "meilleures salutations",
    "sincères salutations",
    "salutations distinguées",
    "amicalement",
    "bien amicalement",
    "merci",
    "merci beaucoup",
    "merci d'avance",
    "avec mes remerciements",
    "respectueusement",
    "bonne journée",
    "belle journée",
    "avec mes meilleures salutations",
    "je vous prie d'agréer mes salutations distinguées",
    "sincèrement",
    "à bientôt",
    "bien à toi",
    "mes salutations",
    "amitiés",
    "bien amicalement vôtre",
    "bises",
    "bonne soirée",
    "cordialement vôtre",
    "meilleurs vœux",
    "bien sincèrement",
    # es
    "saludos",
    "saludos cordiales",
    "un saludo",
    "un cordial saludo",
    "atentamente",
    "cordialmente",
    "muchas gracias",
    "gracias",
    "un abrazo",
    "reciba un cordial saludo",
    "afectuosamente",
    "cordiales saludos",
    "saludos afectuosos",
    "un saludo cordial",
    "quedo atento",
    "quedo atenta",
    "quedo a su disposición",
    "mis mejores deseos",
    "reciban un cordial saludo",
    "hasta pronto",
    "saludos desde",
    "un fuerte abrazo",
    "besos",
    "quedo atento a sus comentarios",
    "sin otro particular",
    # pt
    "atenciosamente",
    "cumprimentos",
    "com os melhores cumprimentos",
    "melhores cumprimentos",
    "abraços",
    "um abraço",
    "obrigado",
    "obrigada",
    "muito obrigado",
    "muito obrigada",
    "saudações",
    "cordiais saudações",
    "grato",
    "grata",
    "abs",
    "abraço",
    "um grande abraço",
    "até breve",
    "saudações cordiais",
    # ru
    "с уважением",
    "с наилучшими пожеланиями",
    "всего доброго",
    "всего наилучшего",
    "спасибо",
    "заранее спасибо",
    "большое спасибо",
    "искренне ваш",
    "искренне ваша",
    "с уважением и наилучшими пожеланиями",
    "с благодарностью",
    "с приветом",
    "всего хорошего",
    "с уважением и благодарностью",
    "с наилучшими пожеланиями и уважением",
    "благодарю",
    "до встречи",
    # ar
    "مع التحية",
    "مع أطيب التحيات",
    "مع خالص التحية",
    "مع خالص التقدير",
    "مع التقدير",
    "تحياتي",
    "مع الشكر",
    "شكرا",
    "شكراً",
    "وشكرا",
    "مع فائق الاحترام",
    "أطيب التحيات",
    "وتفضلوا بقبول فائق الاحترام",
    "وتفضلوا بقبول فائق الاحترام والتقدير",
    "مع خالص الشكر",
    "مع التحيات",
    "تحياتي الحارة",
    "مع أطيب التمنيات",
    "وشكراً",
    # de
    "viele grüße",
    "viele grüsse",
    "beste grüße",
    "liebe grüße",
    "herzliche grüße",
    "freundliche grüße",
    "mit freundlichen grüßen",
    "mit freundlichen grüssen",
    "mit besten grüßen",
    "schöne grüße",
    "gruß",
    "gruss",
    "grüße",
    "lg",
    "vg",
    "mfg",
    "danke",
    "vielen dank",
    # it
    "cordiali saluti",
    "distinti saluti",
    "saluti",
    "un saluto",
    "grazie",
    "grazie mille",
    # nl
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "vriendelijke groet",
    "groeten",
    "hartelijke groet",
    "groet",
    # pl, sv, da/no, fi
    "pozdrawiam",
    "z poważaniem",
    "pozdrowienia",
    "serdecznie pozdrawiam",
    "vänliga hälsningar",
    "med vänlig hälsning",
    "hälsningar",
    "mvh",
    "med venlig hilsen",
    "med vennlig hilsen",
    "venlig hilsen",
    "hilsen",
    "ystävällisin terveisin",
    "terveisin",
    # zh
    "此致",
    "此致敬礼",
    "此致 敬礼",
    "祝好",
    "谢谢",
    "謝謝",
    "顺祝商祺",
    "顺颂商祺",
    "祝商祺",
    "敬上",
    "谨上",
    "多谢",
    "祝工作顺利",
    "顺颂时祺",
    "顺祝时祺",
    "此致敬禮",
    "谢谢！",
    "祝一切顺利",
    "致礼",
    "敬礼",
]
_SIGNOFF_SET = {s.lower() for s in _SIGNOFFS}
_SIGNOFF_PUNCT = " \t,.!;:،。！，、…-—–"


#: Families of sign-offs beyond the exact list (whole line, punctuation stripped, <= 50 chars).
_SIGNOFF_RE = re.compile(
    r"^((with |many |best |kind |warm(est)? |kindest |sincere |cordial )+(regards|wishes|thanks|greetings)"
    r"( to all| from \w+( \w+)?)?|"
    r"(bien |très |tres )?(cordialement|amicalement)( vôtre| à vous)?|(mes |meilleures |sincères |bien )?salutations( \w+)?|"
    r"(un |muchos |cordiales |afectuosos |atentos )?(saludos?|abrazos?)( cordiales| afectuosos| cordial| a todos| para todos)?|"
    r"(atenciosamente|cumprimentos|abraços?|saudações)( cordiais)?|(com os )?(melhores |cordiais )?cumprimentos|"
    r"с (уважением|наилучшими пожеланиями|благодарностью|признательностью)( и [а-яё ]+)?|"
    r"(و)?(مع|تقبلوا|تفضلوا)\s+.{0,25}(تحي|تقدير|شكر|احترام).{0,15}|(أطيب|خالص|أجمل) (ال)?(تحي|تمنيات).{0,10}|"
    r"(此致|顺颂|顺祝|祝好|祝工作顺利|祝一切顺利|祝商祺|谢谢|謝謝|多谢).{0,6}|"
    r"((viele|beste|liebe|herzliche|freundliche|schöne|sonnige) )?(grüße|grüsse|gruß|gruss)( aus \w+( \w+)?| an alle)?|"
    r"mit (freundlichen|besten|herzlichen|lieben|kollegialen) grü(ß|ss)en( aus \w+( \w+)?)?|"
    r"(cordiali|distinti|tanti|un) salut[io]|(met )?(vriendelijke|hartelijke) groet(en)?)$",
)


_GRATITUDE_RE = re.compile(
    r"^(many |with |thanks? |muchas |muito |большое |заранее )*(thanks|thank you|merci|gracias|obrigad[oa]|"
    r"спасибо|благодарю|شكرا|شكراً|وشكرا|谢谢|謝謝|多谢)",
    re.I,
)


def _signoff_line(line: str) -> bool:
    s = _strip_bidi(line).strip()
    if not s or len(s) > 80:
        return False
    low = s.lower().rstrip(_SIGNOFF_PUNCT).strip()
    if low in _SIGNOFF_SET or low.replace(" ", "") in _SIGNOFF_SET:
        return True
    if len(low) <= 50 and _SIGNOFF_RE.match(low):
        return True
    # "Best regards, Maria" / "Cordialement, Pierre Dupont"
    m = re.match(r"^(.+?)\s*[,，،]\s*(.+)$", low)
    if m and m.group(1).strip() in _SIGNOFF_SET:
        name = m.group(2).strip()
        if len(name) <= 40 and len(name.split()) <= 4:
            return not re.search(r"[?!:;]", name) and not name.endswith(".")
    return False


_DISCLAIMER_RE = re.compile(
    r"(confidentiality (notice|note|statement|warning|disclaimer)|^\W*disclaimer\b|legal disclaimer|"
    r"this (e-?mail|message|communication|transmission)\b.{0,120}\b(is|are|may be|contains?|may contain)\b.{0,40}"
    r"\b(confidential|privileged|proprietary)|"
    r"(intended|meant) (solely|only|exclusively)? ?for the (use of the )?(addressee|recipient|individual|person|named)|"
    r"intended recipient|received this (e-?mail|message|communication|transmission) in error|"
    r"please consider the environment before printing|think before you print|"
    r"avis de confidentialit[ée]|avertissement de confidentialit[ée]|clause de confidentialit[ée]|"
    r"ce (message|courriel|e-?mail)\b.{0,160}\b(confidentiel|destinataire)|"
    r"si vous avez re[çc]u ce (message|courriel|e-?mail) par erreur|exclusivement destin[ée]|"
    r"pensez [àa] l'environnement|"
    r"aviso de confidencialidad|aviso legal\s*[:：]|cl[áa]usula de confidencialidad|"
    r"este (mensaje|correo|e-?mail)\b.{0,160}\b(confidencial|destinatario)|"
    r"(ha|haya) recibido este (mensaje|correo|e-?mail) por error|antes de imprimir|"
    r"aviso de confidencialidade|esta mensagem\b.{0,160}\b(confidencial|destinat[áa]rio)|"
    r"recebeu esta mensagem por (engano|erro)|"
    r"(данное|это|настоящее) (электронное )?(сообщение|письмо)\b.{0,160}конфиденциальн|"
    r"получили (это|данное) (сообщение|письмо) по ошибке|предназначен[оа]? (исключительно|только) для|"
    r"конфиденциальная информация[.:]?\s*$|"
    r"免责声明|免責聲明|保密声明|保密聲明|(本|此)(邮件|郵件|电子邮件|電子郵件).{0,60}(保密|机密|機密|仅供|僅供|指定收件人)|"
    r"إخلاء (ال)?مسؤولية|إشعار (ال)?سرية|تنويه\s*[:：]|(هذه|هذا) (الرسالة|البريد)\b.{0,160}(سرية|سري|المرسل إليه)|"
    r"إذا (تلقيت|استلمت) هذه الرسالة (عن طريق|بطريق) الخطأ)",
    re.I | re.S,
)

_BANNER_RE = re.compile(
    r"(^\W*\[?external( e-?mail| sender| message)?\]?\W*$|"
    r"(originated|comes|came|was sent) from outside (of )?(the|your|our|this) organi[sz]ation|"
    r"do not click (on )?links or open attachments unless|"
    r"^\W*(caution|warning|attention)\W*external)",
    re.I,
)


_GREETING_LINE_RE = re.compile(r"^.{1,60}[,:،：，!！]$")


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of blank-line separated paragraphs."""
    spans = []
    start = None
    for i, ln in enumerate(lines):
        if ln.strip():
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _trim_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """Remove banners, disclaimers, ``-- `` signatures, mobile footers and sign-off blocks."""
    removed: list[str] = []
    # external-sender banners at the top
    paras = _paragraphs(lines)
    if paras:
        s, e = paras[0]
        text = "\n".join(lines[s:e])
        if len(text) < 600 and _BANNER_RE.search(text) and len(paras) > 1:
            removed.extend(lines[s:e])
            lines = lines[:s] + lines[e:]

    def content_before(idx: int) -> bool:
        """Some real content (not just a greeting line) precedes line ``idx``."""
        return any(ln.strip() and not _GREETING_LINE_RE.match(ln.strip()) for ln in lines[:idx])

    changed = True
    rounds = 0
    while changed and rounds < 12:
        changed = False
        rounds += 1
        cut = None
        for i, ln in enumerate(lines):
            s = ln.strip()
            if (
                s in ("--", "-- ", "—", "__")
                and content_before(i)
                or (len(s) <= 120 and _MOBILE_RE.search(_strip_bidi(s)))
            ):
                cut = i
                break
        if cut is None:
            for s_, e_ in _paragraphs(lines)[1:]:
                text = "\n".join(lines[s_:e_])
                if _DISCLAIMER_RE.search(_strip_bidi(text)) and content_before(s_):
                    cut = s_
                    # a separator line right above belongs to the disclaimer
                    while cut > 0 and re.fullmatch(r"\s*[-_=*~.]{3,}\s*", lines[cut - 1] or "x"):
                        cut -= 1
                    break
        if cut is None:
            # a sign-off is followed by at most 12 lines: only the last lines can hold one
            nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
            first = nonblank[-13] if len(nonblank) >= 13 else 0
            for i in range(first, len(lines)):
                ln = lines[i]
                if not _signoff_line(ln) or not content_before(i):
                    continue
                tail = [t for t in lines[i + 1 :] if t.strip()]
                if not tail and _GRATITUDE_RE.match(ln.strip()) and not ln.strip().endswith((",", "،", "，")):
                    continue  # a closing "Thank you." with no name under it is part of the message
                if len(tail) <= 12 and all(len(t.strip()) <= 120 for t in tail):
                    cut = i
                    break
        if cut is not None:
            removed = lines[cut:] + removed
            lines = lines[:cut]
            changed = True
    return lines, removed


def _tidy(lines: Iterable[str]) -> str:
    return _clean_text("\n".join(lines))


def split_reply(text: str) -> tuple[str, str]:
    """Split a plain-text reply into ``(new_text, removed_text)``.

    See the module docstring for the rules. Never returns an empty ``new_text`` when the
    mail has text: it falls back to the unstripped top part, then to the whole text.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [ln.rstrip() for ln in text.split("\n")]
    cut, _reason = _hard_cut(lines)
    top, history = lines[:cut], lines[cut:]
    n = len(top)
    is_quote = [_is_quote_line(ln) for ln in top]
    # attribution lines directly above a ">" block belong to the quote
    i = 0
    while i < n:
        if not is_quote[i] and top[i].strip():
            span = _attribution_at(top, i)
            if span:
                k = i + span
                while k < n and not top[k].strip():
                    k += 1
                if k < n and is_quote[k]:
                    for j in range(i, i + span):
                        is_quote[j] = True
                    i += span
                    continue
        i += 1
    segments: list[list[str]] = []
    removed: list[str] = []
    current: list[str] = []
    for ln, q in zip(top, is_quote, strict=True):
        if q:
            removed.append(ln)
            if any(c.strip() for c in current):
                segments.append(current)
            current = []
        else:
            current.append(ln)
    if any(c.strip() for c in current):
        segments.append(current)
    body_lines: list[str] = []
    for seg in segments:
        if body_lines:
            body_lines.append("")
        body_lines.extend(seg)
    kept, sig = _trim_signature(body_lines)
    body = _tidy(kept)
    quoted = _tidy(sig + removed + history)
    if not body:
        body = _tidy(body_lines) or _tidy(top)
        if body:
            quoted = _tidy(history) if body == _tidy(top) else _tidy(removed + history)
        else:
            body = _tidy(lines)
            quoted = ""
    return body, quoted


# --------------------------------------------------------------------------------------
# Auto-replies and bounces
# --------------------------------------------------------------------------------------

_AUTO_SUBJECT_RE = re.compile(
    r"^\s*(\[[^\]]{0,40}\]\s*)?(auto(matic|matische)?[- ]?(reply|response|antwort|respuesta|r[ée]ponse)|"
    r"auto:|autoreply|out of (the )?office|away from (the )?office|on vacation|on leave|"
    r"abwesenheitsnotiz|r[ée]ponse automatique|absence du bureau|absent\(e\)? du bureau|absent du bureau|"
    r"respuesta autom[áa]tica|fuera de la oficina|resposta autom[áa]tica|fora do escrit[óo]rio|"
    r"ausente do escrit[óo]rio|автоответ|автоматический ответ|вне офиса|нет в офисе|отпуск:|"
    r"自动回复|自動回覆|自动答复|不在办公室|外出|رد تلقائي|الرد التلقائي|رد آلي|خارج المكتب|"
    r"read:|lu\s*:|leído:|lido:|прочитано:|已读:|已读：|تمت القراءة:|"
    r"(delivery|read) receipt|risposta automatica|fuori sede)",
    re.I,
)
_AUTO_SUBJECT_ANY_RE = re.compile(
    r"(\(|\[)\s*(out of (the )?office|auto[- ]?reply|automatic reply|autoreply)\s*(\)|\])|"
    r"\bout of office\b\s*[:：]|\bis out of (the )?office\b|"
    r"^\s*(re|aw|tr|rv|fw|答复|回复|رد)\s*[:：]\s*(automatic reply|autoreply|auto-reply)",
    re.I,
)
_AUTO_HEADER_NAME_RE = re.compile(
    r"^(x-)?(auto[-_]?(response|submitted|replied|reply|generated|respond|responder)|autoreply|autorespond|"
    r"x-autoreply|holidayreply|machinegenerated|x-ms-exchange-generated-message-source|x-autogenerated|"
    r"x-auto-response-suppress|x-ms-exchange-inbox-rules-loop)",
    re.I,
)

_BOUNCE_SUBJECT_RE = re.compile(
    r"^\s*(\[[^\]]{0,40}\]\s*)?(\*{3}\s*)?(undeliver(ed|able)|delayed mail|warning: could not send|undelivered mail returned to sender|delivery status notification|"
    r"mail delivery (failed|failure|subsystem|system)|delivery (has )?failed|delivery failure|"
    r"failure notice|returned mail|returned to sender|non[- ]delivery|message not delivered|"
    r"could not be delivered|delivery notification|mail system error|"
    r"non remis|impossible de remettre|[ée]chec de (la )?(remise|livraison)|"
    r"no se puede entregar|no entregado|error de entrega|notificaci[óo]n de estado de entrega|"
    r"n[ãa]o (é possível|foi poss[ií]vel) entregar|n[ãa]o entregue|falha na entrega|"
    r"недоставлен|не доставлен|не удается доставить|невозможно доставить|возврат письма|"
    r"无法投递|未送达|退信|投递失败|无法送达|傳遞失敗|"
    r"غير قابل للتسليم|تعذر التسليم|فشل التسليم|لم يتم تسليم)",
    re.I,
)
_DAEMON_RE = re.compile(
    r"^(mailer[-_]?daemon|postmaster|mail[-_]?delivery[-_]?(system|subsystem)?|"
    r"bounces?|mdaemon|mail\.?daemon)@",
    re.I,
)


def _parse_dsn_fields(part: Message) -> list[dict[str, str]]:
    """Return the per-message/per-recipient field blocks of a message/delivery-status part."""
    blocks: list[dict[str, str]] = []
    try:
        payload = part.get_payload()
    except Exception:
        payload = None
    if isinstance(payload, list) and payload:
        for blk in payload:
            if isinstance(blk, Message):
                try:
                    blocks.append({k.lower(): _decode_header(v) for k, v in blk.items()})
                except Exception:  # noqa: S112 - skip an unreadable block
                    continue
        if any("final-recipient" in b or "original-recipient" in b for b in blocks):
            return blocks
    text = _decode_bytes(_part_payload(part), "utf-8")
    blocks = []
    cur: dict[str, str] = {}
    last = None
    for ln in text.replace("\r\n", "\n").split("\n"):
        if not ln.strip():
            if cur:
                blocks.append(cur)
            cur, last = {}, None
            continue
        if ln[:1] in " \t" and last:
            cur[last] += " " + ln.strip()
            continue
        if ":" in ln:
            k, v = ln.split(":", 1)
            last = k.strip().lower()
            cur[last] = v.strip()
    if cur:
        blocks.append(cur)
    return blocks


_STATUS_RE = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_SMTP_CODE_RE = re.compile(r"(?<!\d)([45]\d\d)[ -](?=\S)")
_ADDR_RE = re.compile(r"[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _addr_from_field(value: str) -> str | None:
    if not value:
        return None
    v = value.split(";", 1)[1] if ";" in value else value
    m = _ADDR_RE.search(v)
    return m.group(0).lower() if m else (v.strip().strip("<>").lower() or None)


def _hard_from(status: str | None, action: str | None, diagnostic: str | None, subject: str) -> bool:
    if status:
        return status.startswith("5")
    act = (action or "").lower()
    if act in ("delayed", "relayed", "delivered", "expanded"):
        return False
    if diagnostic:
        m = _SMTP_CODE_RE.search(diagnostic)
        if m:
            return m.group(1).startswith("5")
    if re.search(
        r"\(delay\)|delayed|warning|temporar|retrying|will retry|not yet been delivered", subject, re.I
    ):
        return False
    return True


def _bounce_details(msg: Message, walk: _Walk, body_text: str, subject: str) -> list[BounceInfo]:
    infos: list[BounceInfo] = []
    for part in walk.dsn:
        for blk in _parse_dsn_fields(part):
            rcpt = _addr_from_field(blk.get("final-recipient", "")) or _addr_from_field(
                blk.get("original-recipient", "")
            )
            if not rcpt:
                continue
            status_raw = blk.get("status", "")
            m = _STATUS_RE.search(status_raw)
            status = ".".join(m.groups()) if m else None
            action = (blk.get("action") or "").strip().lower() or None
            diag = blk.get("diagnostic-code") or None
            if diag and ";" in diag:
                diag = diag.split(";", 1)[1].strip()
            if not status and diag:
                m = _STATUS_RE.search(diag)
                status = ".".join(m.groups()) if m else None
            infos.append(BounceInfo(rcpt, status, action, diag, _hard_from(status, action, diag, subject)))
    if infos:
        return infos
    # Non-DSN bounces (Exim, qmail, old Exchange): read what the text says.
    failed = [a.lower() for v in _header_all(msg, "X-Failed-Recipients") for a in _ADDR_RE.findall(v)]
    text = body_text or ""
    m = _STATUS_RE.search(text)
    status = ".".join(m.groups()) if m else None
    diag = None
    for ln in text.split("\n"):
        if _SMTP_CODE_RE.search(ln) or _STATUS_RE.search(ln):
            diag = ln.strip()[:300]
            break
    if not status and diag:
        m2 = _SMTP_CODE_RE.search(diag)
        if m2:
            status = f"{m2.group(1)[0]}.0.0"
    if not failed:
        own = set()
        for h in ("From", "Return-Path", "Sender"):
            own.update(a.lower() for a in _ADDR_RE.findall(_header(msg, h)))
        for a in _ADDR_RE.findall(text):
            a = a.lower()
            if a not in own and not _DAEMON_RE.match(a):
                failed.append(a)
                break
    action = (
        "delayed"
        if re.search(r"\(delay\)|delayed|will retry|retrying", subject + " " + text[:500], re.I)
        else "failed"
    )
    rcpts = failed or [None]
    return [BounceInfo(r, status, action, diag, _hard_from(status, action, diag, subject)) for r in rcpts]


def _classify(msg: Message, walk: _Walk, subject: str, from_addr: str | None) -> tuple[str, str | None]:
    """Return ``(kind, reason)``."""
    try:
        ctype = msg.get_content_type()
        report_type = (msg.get_param("report-type") or "") if ctype == "multipart/report" else ""
    except Exception:
        ctype, report_type = "", ""
    report_type = str(report_type).lower()
    if walk.dsn or report_type == "delivery-status":
        return KIND_BOUNCE, "dsn"
    sender_addrs = [from_addr or ""]
    sender_addrs += [a for v in _header_all(msg, "Sender") for a in _ADDR_RE.findall(v)]
    if any(_DAEMON_RE.match(a or "") for a in sender_addrs) and not walk.mdn:
        return KIND_BOUNCE, "mailer-daemon"
    if _BOUNCE_SUBJECT_RE.search(subject or "") and not _AUTO_SUBJECT_RE.search(subject or ""):
        return KIND_BOUNCE, "subject"
    if walk.mdn or report_type == "disposition-notification":
        return KIND_AUTO_REPLY, "read-receipt"
    auto_submitted = _header(msg, "Auto-Submitted").strip().lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return KIND_AUTO_REPLY, "auto-submitted"
    try:
        names = [k for k in msg.keys()]
    except Exception:
        names = []
    for name in names:
        low = name.strip().lower()
        if low == "auto-submitted":
            continue
        if _AUTO_HEADER_NAME_RE.match(low):
            value = _header(msg, name).strip().lower()
            if low in ("x-autoreply", "x-autorespond", "x-autoreply-from") and value in ("no", "false", "0"):
                continue
            if low == "x-auto-response-suppress" and "all" not in re.split(r"[\s,;]+", value):
                # Exchange stamps lists such as "DR, RN, NRN, OOF, AutoReply" on relayed human mail:
                # they ask *us* not to auto-reply and say nothing about the message itself.
                continue
            return KIND_AUTO_REPLY, f"header:{low}"
    precedence = _header(msg, "Precedence").strip().lower()
    if re.search(r"bulk|junk|auto_reply|auto-reply|list", precedence):
        return KIND_AUTO_REPLY, "precedence"
    if _header(msg, "X-Precedence").strip().lower() in ("auto_reply", "bulk", "junk"):
        return KIND_AUTO_REPLY, "precedence"
    if _AUTO_SUBJECT_RE.search(subject or "") or _AUTO_SUBJECT_ANY_RE.search(subject or ""):
        return KIND_AUTO_REPLY, "subject"
    return_paths = msg.get_all("Return-Path") if hasattr(msg, "get_all") else None
    for rp in return_paths or []:
        if str(rp).strip() in ("<>", ""):
            return KIND_BOUNCE, "null-return-path"
    return KIND_REPLY, None


# --------------------------------------------------------------------------------------
# Language detection
# --------------------------------------------------------------------------------------

_STOPWORDS: dict[str, set[str]] = {
    "en": set(
        """the and of to is in that it for with as was on be are this have not but by from they
        we you at or an will would can all has there their which been more about our should
        also its if what these those i my me do does did so than them were who into any just
        how only could very agree think thanks thank please dear colleagues regards hello
        proposal meeting here your us""".split()
    ),
    "fr": set(
        """le la les des du de et est une un que qui dans pour pas sur au aux avec ce cette
        ces il elle nous vous sont ne plus par mais ou leur leurs son sa ses été être avoir
        je j'ai c'est très aussi comme tout tous bien merci chers chères collègues bonjour
        nos notre votre vos cordialement proposition réunion d'accord l'on qu'il n'est""".split()
    ),
    "es": set(
        """el la los las del de y es una un que en por con para lo al como más pero sus
        le ya este esta estos muy también está son hay nuestro nuestra nosotros gracias
        sobre entre cuando porque todos usted ustedes estimados estimadas colegas saludos
        propuesta reunión acuerdo fue ser han sido esto ello según desde hasta donde""".split()
    ),
    "pt": set(
        """o a os as do da dos das de e é um uma que em no na nos nas por com para ao à
        mais mas como também muito não são está estão foi ser tem isso este esta pelo
        pela seu sua obrigado obrigada prezados prezadas colegas proposta reunião acordo
        você vocês nós já ou ainda quando porque todos sobre entre até onde""".split()
    ),
    "de": set(
        """der die das und ist nicht ein eine zu den mit auf für von sich dem auch es an
        werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über
        so zum kann oder ich wir ihr liebe kolleginnen grüße""".split()
    ),
    "it": set(
        """il lo la gli le di e è un una che per con non sono nel della delle degli dei
        anche come più ma questo questa molto grazie cari colleghi saluti proposta""".split()
    ),
}
# words shared by several Latin languages carry no signal
_SHARED = {"de", "la", "que", "a", "e", "o", "le", "un", "una", "en", "es", "por", "para", "con", "como", "y"}
_DIACRITICS = {
    "fr": "èêàùçœëîïûâ",
    "es": "ñ¿¡",
    "pt": "ãõçâêô",
    "de": "äöüß",
}


def detect_language(text: str) -> str | None:
    """Detect the language of ``text`` (ISO 639-1) offline.

    Scripts decide Arabic (``ar``), Chinese (``zh``), Russian (``ru``), Greek, Hebrew, etc.;
    stopword counts and characteristic letters decide between Latin-script languages
    (``en``, ``fr``, ``es``, ``pt``, ``de``, ``it``). Returns ``None`` when there is no text.
    """
    if not text:
        return None
    sample = text[:20000]
    counts = {"arab": 0, "cjk": 0, "cyr": 0, "latin": 0, "kana": 0, "hangul": 0, "greek": 0, "hebrew": 0}
    for ch in sample:
        o = ord(ch)
        if o < 128:
            if ch.isalpha():
                counts["latin"] += 1
        elif 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            counts["arab"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["cjk"] += 1
        elif 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyr"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["greek"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
        elif ch.isalpha():
            counts["latin"] += 1
    total = sum(counts.values())
    if not total:
        return None
    # CJK characters carry ~3x the content of a Latin letter
    weighted = dict(counts)
    weighted["cjk"] *= 3
    weighted["kana"] *= 3
    weighted["hangul"] *= 3
    script = max(weighted, key=lambda k: weighted[k])
    if script == "arab":
        return "ar"
    if script == "cjk":
        return "ja" if counts["kana"] > counts["cjk"] * 0.2 else "zh"
    if script == "kana":
        return "ja"
    if script == "hangul":
        return "ko"
    if script == "cyr":
        low = sample.lower()
        if re.search(r"[іїєґ]", low) and len(re.findall(r"[іїєґ]", low)) > 2:
            return "uk"
        return "ru"
    if script == "greek":
        return "el"
    if script == "hebrew":
        return "he"
    words = re.findall(r"[a-zà-ÿœ']+", sample.lower())
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    for w in words:
        for lang, sw in _STOPWORDS.items():
            if w in sw:
                scores[lang] += 0.3 if w in _SHARED else 1.0
    low = sample.lower()
    for lang, chars in _DIACRITICS.items():
        scores[lang] += 0.5 * sum(low.count(c) for c in chars)
    # distinctive Portuguese/Spanish/French spellings
    scores["pt"] += 1.5 * len(re.findall(r"\b\w+(ção|ções|ões|ão|ã)\b", low))
    scores["es"] += 1.5 * len(re.findall(r"\b\w+(ción|ciones)\b", low))
    scores["fr"] += 1.0 * len(re.findall(r"\b(qu|l|d|n|j|c|s)'\w", low))
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        return "en"
    return best


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


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
            display, addr = email.utils.parseaddr(value)
        except Exception:
            display, addr = "", ""
        if not addr or "@" not in addr:
            m = _ADDR_RE.search(value)
            addr = m.group(0) if m else ""
        if addr and "@" in addr:
            return addr.strip().lower(), (display or None)
    return None, None


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
            body, quoted2 = split_reply(html_text)
            quoted = _tidy([quoted2, html_quoted]) if html_quoted else quoted2
            if not body and html_quoted:
                body = html_quoted
        else:
            result.body_source = "text/plain"
            body, quoted = split_reply(plain)
    except Exception as exc:
        result.errors.append(f"body: {exc}")
        body = _clean_text(plain) or html_body_to_text(html, drop_quotes=False)
    result.body, result.quoted = body, quoted
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
        letters = sum(1 for ch in lang_text if ch.isalpha())
        if letters < 25:
            lang_text = " ".join([result.body, result.subject, result.quoted[:2000]])
        result.language = detect_language(lang_text)
    except Exception as exc:
        result.errors.append(f"language: {exc}")


# --------------------------------------------------------------------------------------
# Command-line front end (used by ``manage.py mail`` and usable without Django)
# --------------------------------------------------------------------------------------


def build_cli_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Add the ``parse FILE|-`` sub-command to ``parser`` (or a new parser)."""
    parser = parser or argparse.ArgumentParser(prog="mail", description="Inbound e-mail tools.")
    subs = parser.add_subparsers(dest="subcommand", required=True)
    p = subs.add_parser("parse", help="Parse one RFC 5322 message and print it as JSON.")
    p.add_argument("file", help="path of the .eml file, or - for standard input")
    p.add_argument(
        "--reply-domain", action="append", default=None, help="only accept reply+KEY@ on this domain"
    )
    return parser


def read_source(path: str, stdin: IO[bytes] | None = None) -> bytes:
    """Read raw message bytes from ``path`` or, for ``-``, from ``stdin``."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    with open(path, "rb") as fh:
        return fh.read()


def parse_to_json(raw: bytes, reply_domains: Sequence[str] | None = None) -> str:
    """Parse ``raw`` and return the pretty JSON object printed by ``mail parse``."""
    return json.dumps(parse_message(raw, reply_domains).as_dict(), ensure_ascii=False, indent=2)


def mailparse_cli(
    argv: Sequence[str] | None = None,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Plain ``mail parse FILE|-`` entry point; returns the exit status."""
    out = stdout if stdout is not None else sys.stdout
    parser = build_cli_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    if args.subcommand == "parse":
        try:
            raw = read_source(args.file, stdin)
        except OSError as exc:
            print(f"mail parse: cannot read {args.file}: {exc}", file=sys.stderr)
            return 1
        out.write(parse_to_json(raw, args.reply_domain) + "\n")
        return 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(mailparse_cli())
