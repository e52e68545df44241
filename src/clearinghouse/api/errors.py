"""The one mapping from service errors to API answers, shared by every app's api.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.responses import Status

from clearinghouse.core.errors import Conflict


def service_error(exc: Exception) -> Status:
    """403 for a refused permission, 409 for a state conflict, 422 with field messages; re-raise the rest."""
    if isinstance(exc, PermissionDenied):
        return Status(403, {"detail": str(exc) or _("You cannot do this.")})
    if isinstance(exc, Conflict):
        return Status(409, {"detail": str(exc.message)})
    if isinstance(exc, ValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(422, {"detail": _("Some fields are not valid."), "errors": errors})
    raise exc


def writer_required(request) -> Status | None:
    """401 unless the request carries a token of an active user (a session alone never writes)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Status(401, {"detail": _("Writes need a personal API token: Authorization: Bearer <token>.")})
    return None
