"""Signed tokens carried by notification mails.

A **reply key** is the local part ``reply+KEY@REPLY_DOMAIN`` of the Reply-To address of
each mail: it names the post being answered and the recipient, carries an expiry day and
an HMAC (SECRET_KEY) over the three. It is compact, lower-case (some mail systems fold
case) and matches ``[A-Za-z0-9._=-]+``. Nothing is stored: the key proves itself.

An **unsubscribe token** (RFC 8058 one-click) names a person and what they watch.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_EPOCH = dt.date(2020, 1, 1)


def _b36(n: int) -> str:
    if n < 0:
        raise ValueError("negative")
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _ALPHABET[r] + out
        if not n:
            return out


def _sig(payload: str) -> str:
    mac = hmac.new(
        hashlib.sha256(b"clearinghouse.forums.reply-key:" + settings.SECRET_KEY.encode()).digest(),
        payload.encode(), hashlib.sha256,
    ).digest()
    return base64.b32encode(mac[:13]).decode().rstrip("=").lower()  # 104 bits, 21 chars


class KeyError_(Exception):
    """The reply key is not valid: ``reason`` is ``malformed``, ``forged`` or ``expired``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ReplyKey:
    post_id: int
    user_id: int
    expires_on: dt.date


def reply_key_make(*, post_id: int, user_id: int, days: int | None = None, today: dt.date | None = None) -> str:
    days = days if days is not None else int(getattr(settings, "CLEARINGHOUSE_REPLY_KEY_DAYS", 365))
    expires = (today or timezone.now().date()) + dt.timedelta(days=days)
    payload = f"{_b36(post_id)}.{_b36(user_id)}.{_b36((expires - _EPOCH).days)}"
    return f"{payload}.{_sig(payload)}"


def reply_key_read(key: str, *, today: dt.date | None = None) -> ReplyKey:
    """Check a key's signature and expiry; raise :class:`KeyError_` when it is not good."""
    parts = (key or "").strip().lower().split(".")
    if len(parts) != 4 or not all(parts):
        raise KeyError_("malformed")
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_sig(payload), parts[3]):
        raise KeyError_("forged")
    try:
        post_id, user_id, day = (int(p, 36) for p in parts[:3])
    except ValueError as exc:
        raise KeyError_("malformed") from exc
    expires = _EPOCH + dt.timedelta(days=day)
    if expires < (today or timezone.now().date()):
        raise KeyError_("expired")
    return ReplyKey(post_id=post_id, user_id=user_id, expires_on=expires)


def reply_address(key: str) -> str:
    return f"reply+{key}@{settings.CLEARINGHOUSE_REPLY_DOMAIN}"


_UNSUB_SALT = "clearinghouse.forums.unsubscribe"


def unsubscribe_token(*, user_id: int, discussion_id: int | None = None, thread_id: int | None = None) -> str:
    target = ("t", thread_id) if thread_id else ("d", discussion_id)
    return signing.dumps([user_id, target[0], target[1]], salt=_UNSUB_SALT, compress=False)


def unsubscribe_read(token: str) -> tuple[int, str, int]:
    """``(user_id, "t"|"d", target_id)``; raises ``signing.BadSignature``."""
    user_id, kind, target = signing.loads(token, salt=_UNSUB_SALT)
    if kind not in ("t", "d"):
        raise signing.BadSignature("bad target")
    return int(user_id), kind, int(target)


# --- the mailto: half of List-Unsubscribe (RFC 2369/8058) ----------------------------
# ``unsubscribe+KEY@REPLY_DOMAIN``: a mail to it mutes what the signed token names. Like a
# reply key it is lower-case and fits ``[a-z0-9.]+`` (mail systems fold case and quote less).


def unsubscribe_key_make(*, user_id: int, discussion_id: int | None = None, thread_id: int | None = None) -> str:
    kind, target = ("t", thread_id) if thread_id else ("d", discussion_id)
    payload = f"u.{_b36(user_id)}.{kind}{_b36(int(target or 0))}"
    return f"{payload}.{_sig(payload)}"


def unsubscribe_key_read(key: str) -> tuple[int, str, int]:
    """``(user_id, "t"|"d", target_id)`` of a mail unsubscribe key; raises :class:`KeyError_`."""
    parts = (key or "").strip().lower().split(".")
    if len(parts) != 4 or parts[0] != "u" or not all(parts) or parts[2][0] not in "td":
        raise KeyError_("malformed")
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_sig(payload), parts[3]):
        raise KeyError_("forged")
    try:
        return int(parts[1], 36), parts[2][0], int(parts[2][1:], 36)
    except ValueError as exc:
        raise KeyError_("malformed") from exc


def unsubscribe_address(key: str) -> str:
    return f"unsubscribe+{key}@{settings.CLEARINGHOUSE_REPLY_DOMAIN}"
