"""MIME decoding: charsets (declared, wrong or missing), RFC 2047 headers, transfer encodings,
format=flowed, and the walk over the MIME tree that collects text bodies and non-body parts."""

from __future__ import annotations

import codecs
import email
import email.header
import email.utils
import re
from email.message import Message
from typing import Any

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

_FALLBACK_CHARSETS = ("cp1252", "cp1251", "koi8-r", "cp1256", "gb18030", "big5hkscs", "cp932", "cp949")


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
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
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
    if (cs and cs.startswith("iso2022")) or (not cs and b"\x1b$" in data):
        # 7-bit ISO-2022 (Japanese mail's classic charset) reads as ASCII: decode it first
        try:
            return data.decode(cs or "iso2022_jp")
        except (UnicodeDecodeError, LookupError):
            pass
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
