"""API authentication: a personal token (Bearer) or the browser session; anonymous reads."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from ninja.security import HttpBearer

from clearinghouse.accounts.models import ApiToken


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request, token):
        try:
            record = ApiToken.objects.select_related("user").get(
                key_hash=ApiToken.hash_key(token), revoked_at__isnull=True
            )
        except ApiToken.DoesNotExist:
            return None
        if not record.user.is_active:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.user = record.user
        return record.user


class SessionOrAnonymous:
    """Falls back to the session user, or anonymous: reads are public, writes check permissions."""

    openapi_type = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or request.method not in ("GET", "HEAD", "OPTIONS"):
            # Writes need a token: a session cookie alone would open the API to cross-site requests.
            request.user = AnonymousUser()
            return request.user
        return user
