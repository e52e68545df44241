"""Tokens in the links the platform mails (the pattern of Django's password-reset tokens).

Nothing is stored: a token is an HMAC over the account's state, so it dies by itself when that state changes.
The email-confirmation token hashes the id, the password hash, the address and whether it is confirmed, with a
timestamp: it works once (confirming changes the state), not after a password change, and for
``EMAIL_CONFIRMATION_TIMEOUT`` seconds. Password-reset links use Django's generator (id, password hash, last
login, address), which works once, dies with a login or a password change, and lives
``PASSWORD_RESET_TIMEOUT`` seconds.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

VALID, EXPIRED, INVALID = "valid", "expired", "invalid"


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "clearinghouse.accounts.tokens.EmailConfirmationTokenGenerator"

    @property
    def timeout(self) -> int:
        return settings.EMAIL_CONFIRMATION_TIMEOUT

    def _make_hash_value(self, user, timestamp) -> str:
        confirmed = "1" if user.email_confirmed_at else "0"
        return f"{user.pk}|{user.password}|{(user.email or '').strip().lower()}|{confirmed}|{timestamp}"

    def state(self, user, token: str) -> str:
        """VALID, EXPIRED (signed by us, too old) or INVALID (not ours, or the account changed since)."""
        if not (user and token):
            return INVALID
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return INVALID
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return INVALID
        if self._num_seconds(self._now()) - ts > self.timeout:
            return EXPIRED
        return VALID

    def check_token(self, user, token) -> bool:
        return self.state(user, token) == VALID

    def was_valid_before_confirming(self, user, token: str) -> bool:
        """True when the token was made for this account before it was confirmed, nothing else having
        changed since (the link of a mail that has done its work)."""
        before = copy.copy(user)
        before.email_confirmed_at = None
        return self.state(before, token) in (VALID, EXPIRED)


email_confirmation_tokens = EmailConfirmationTokenGenerator()


def confirmation_link_token(user) -> str:
    """One URL segment naming the account and carrying its token: ``<uid base64>.<timestamp>-<hmac>``."""
    return f"{urlsafe_base64_encode(force_bytes(user.pk))}.{email_confirmation_tokens.make_token(user)}"


def split_confirmation_link_token(value: str) -> tuple[str | None, str]:
    """The user id and token of a link segment (None when it names nobody)."""
    uidb64, _sep, token = (value or "").partition(".")
    try:
        uid = force_str(urlsafe_base64_decode(uidb64))
    except (TypeError, ValueError, OverflowError):
        return None, token
    return (uid if uid.isdigit() else None), token
