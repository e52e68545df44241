"""One text normaliser for everything people type or upload, applied at the service boundary.

- ``clean_text``: Unicode NFC; NUL and the other control characters removed (newline and tab kept,
  CR LF and lone CR become a newline). PostgreSQL refuses NUL in text; the others hide text or break exports.
- ``clean_title``: ``clean_text`` on one line, trimmed of whitespace and zero-width characters; a title that is
  empty (or only zero-width characters) is refused with a clear, localised message.
- ``clean_filename``: no path, no control characters and no bidirectional overrides (U+202A-U+202E,
  U+2066-U+2069), which make ``invoice_fdp.exe`` read as ``invoice_exe.pdf``.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
# C0 except tab and newline, DEL, C1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile(r"[\n\t\u2028\u2029]+")
_BLANK = re.compile(rf"[\s{ZERO_WIDTH}]+")


def clean_text(value) -> str:
    """Text safe to store: NFC, newlines normalised, control characters (NUL included) removed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def is_blank(value) -> bool:
    """True for text that holds nothing a reader can see: whitespace and zero-width characters only."""
    return not _BLANK.sub("", clean_text(value))


def clean_line(value) -> str:
    """One line of text, trimmed; "" when nothing visible is left (a service then says what is missing)."""
    text = _LINE_BREAKS.sub(" ", clean_text(value)).strip().strip(ZERO_WIDTH).strip()
    return "" if is_blank(text) else text


def clean_title(value, *, field: str = "title") -> str:
    """``clean_line``, refusing a title that is empty or only invisible characters."""
    text = clean_line(value)
    if not text:
        raise ValidationError({field: [_("Give a title: this one is empty or holds only invisible characters.")]})
    return text


def clean_filename(name, *, default: str = "file") -> str:
    """A file name to show and store: no directories, control characters or bidirectional overrides."""
    text = _BIDI.sub("", clean_text(name))
    text = _LINE_BREAKS.sub(" ", text).replace("\\", "/").rsplit("/", 1)[-1].strip(" ." + ZERO_WIDTH)
    return text or default
