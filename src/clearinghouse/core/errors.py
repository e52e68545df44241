"""Errors the services raise. Views turn them into form errors or messages, the API into 4xx answers."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "ValidationError", "Conflict"]


class Conflict(Exception):
    """The action cannot happen in the object's present state (e.g. a draft locked by someone else)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
