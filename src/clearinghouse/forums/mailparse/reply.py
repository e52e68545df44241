"""Split a plain-text reply into the new text and what was removed (quotes, signatures)."""

from __future__ import annotations

import re

from .quotes import _attribution_at, _hard_cut, _is_attribution
from .signatures import _trim_signature
from .text import _is_quote_line, _tidy

_RULE_ONLY_RE = re.compile(r"^\s*([-_=~*—–]{2,}|—)\s*$")


#: Where an attribution glued to the end of a text line may begin ("reply On Wed, … wrote:").
_GLUED_START_RE = re.compile(r"\s(?=(?:On|Le|El|Em|Am|Il|Op|Den|På)\s.{0,80}\d)")


_PGP_SIGNATURE_RE = re.compile(
    r"^-----BEGIN PGP SIGNATURE-----$.*?^-----END PGP SIGNATURE-----$\n?", re.M | re.S
)


def _unarmor(text: str) -> str:
    """The signed text of an inline PGP (clear-signed) message: no armor lines, no signature block."""
    text = _PGP_SIGNATURE_RE.sub("", text)
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "-----BEGIN PGP SIGNED MESSAGE-----":
            i += 1
            while i < len(lines) and lines[i].strip():  # "Hash: SHA256" armor headers up to the blank line
                i += 1
            continue
        ln = lines[i]
        out.append(ln[2:] if ln.startswith("- -") else ln)  # dash-escaped lines (RFC 4880 7.1)
        i += 1
    return "\n".join(out)


def _unglue_attributions(lines: list[str]) -> list[str]:
    """Put an attribution that a client glued to the end of a text line on its own line.

    Only when a ``>`` quote follows the line and the tail is an attribution on its own.
    """
    out: list[str] = []
    n = len(lines)
    for i, ln in enumerate(lines):
        if not ln.endswith((":", "：")):  # an attribution ends with a colon
            out.append(ln)
            continue
        nxt = next((lines[k] for k in range(i + 1, min(n, i + 3)) if lines[k].strip()), "")
        if ln.strip() and not _is_quote_line(ln) and _is_quote_line(nxt) and len(ln) <= 400:
            for m in _GLUED_START_RE.finditer(ln):
                head, tail = ln[: m.start()].rstrip(), ln[m.end() :]
                if head.strip() and _is_attribution(tail.strip(), strict=True):
                    out.extend([head, tail])
                    break
            else:
                out.append(ln)
            continue
        out.append(ln)
    return out


def split_reply(text: str, sender_name: str | None = None) -> tuple[str, str]:
    """Split a plain-text reply into ``(new_text, removed_text)``.

    See the module docstring for the rules. Never returns an empty ``new_text`` when the
    mail has text: it falls back to the unstripped top part, then to the whole text.
    ``sender_name`` (the ``From`` display name) lets a sign-off that is only the sender's name be removed.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\u1427", "")  # ᐧ: Gmail tracker mark
    if "-----BEGIN PGP SIGNED MESSAGE-----" in text:
        text = _unarmor(text)
    lines = _unglue_attributions([ln.rstrip() for ln in text.split("\n")])
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
    kept, sig = _trim_signature(body_lines, sender_name)
    while kept and (not kept[-1].strip() or _RULE_ONLY_RE.match(kept[-1])):
        sig.insert(0, kept.pop())  # a separator left alone at the end ("--", "___") is no text
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
