"""Logging in: the email backend, and the login throttle (django-axes) configured for it.

Failed logins are counted per account from every address and per account from one address, each with its own
limit (``LOGIN_ACCOUNT_FAILURE_LIMIT``, ``AXES_FAILURE_LIMIT``); never per address alone, so the people behind
one address (a ministry, a workshop venue) are not locked out together. While an account is locked even the
right password is refused, on the site's form and on the admin's alike (both go through ``authenticate``).
"""

from __future__ import annotations

import datetime as dt

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Sum
from django.utils import timezone

USERNAME_MAX = 255  # AccessAttempt.username


class EmailBackend(ModelBackend):
    """Log in with the email address, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request, username=(username or kwargs.get("email") or "").strip(), password=password
        )


def login_username(request, credentials: dict | None = None) -> str | None:
    """The account a login attempt is for, as the throttle counts it (``AXES_USERNAME_CALLABLE``).

    The address is compared case-insensitively and trimmed, as the backend does, so that "Amina@…" and
    " amina@…" count against the same account."""
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    elif request is not None:
        data = getattr(request, "data", None) or request.POST
        value = data.get("username") or data.get("email")
    value = (value or "").strip().lower()[:USERNAME_MAX]
    return value or None


def client_ip(request) -> str | None:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``): ``REMOTE_ADDR``, or, behind
    ``CLEARINGHOUSE_PROXY_COUNT`` trusted reverse proxies, the address the outermost of them saw."""
    count = getattr(settings, "CLEARINGHOUSE_PROXY_COUNT", 0)
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count][:45]
    return request.META.get("REMOTE_ADDR")


def _limit_for(filter_kwargs: dict, request, credentials) -> int:
    if set(filter_kwargs) == {"username"}:
        return settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    return get_failure_limit(request, credentials)


class LoginThrottle(AxesDatabaseHandler):
    """The axes database handler, with a limit per kind of count (``AXES_HANDLER``)."""

    def _counts(self, request, credentials):
        """[(limit, attempts of the cool-off window)] per lockout parameter set."""
        username = get_client_username(request, credentials)
        sets = get_client_parameters(
            username, request.axes_ip_address, request.axes_user_agent, request, credentials
        )
        attempts = self.get_user_attempts(request, credentials)
        return [(_limit_for(kw, request, credentials), qs) for kw, qs in zip(sets, attempts, strict=True)]

    def get_failures(self, request, credentials=None) -> int:
        """Axes compares this with ``AXES_FAILURE_LIMIT``: any count at its own limit reads as that limit."""
        limit = get_failure_limit(request, credentials)
        worst = 0
        for own_limit, attempts in self._counts(request, credentials):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, limit if failures >= own_limit else min(failures, limit - 1))
        return worst

    def locked_until(self, request, credentials=None) -> dt.datetime | None:
        """When the lock on this attempt ends: the moment enough failures leave the cool-off window."""
        cool_off = get_cool_off(request)
        if cool_off is None:
            return None
        until = None
        for own_limit, attempts in self._counts(request, credentials):
            total = 0
            for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
                "attempt_time", "failures_since_start"
            ):
                total += failures
                if total >= own_limit:
                    end = attempt_time + cool_off
                    until = end if until is None else max(until, end)
                    break
        return until if until is not None and until > timezone.now() else None
