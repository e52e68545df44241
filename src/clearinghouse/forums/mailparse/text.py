"""Small text helpers shared by the other modules: bidi controls, quote lines, blank-line tidying."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MAX_LINE_CHECK = 400  # lines longer than this are never headers/attributions/sign-offs

_BIDI_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u200b]")


def _strip_bidi(s: str) -> str:
    return _BIDI_RE.sub("", s)


def _is_quote_line(line: str) -> bool:
    return line.lstrip().startswith(">")


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


def _tidy(lines: Iterable[str]) -> str:
    return _clean_text("\n".join(lines))
