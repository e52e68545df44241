"""Validation shared by every app: web addresses.

A link a person enters is shown to others as ``<a href>``. Only ``http``/``https`` (and ``mailto`` where an
address is meant) may be stored: ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and the rest are refused
in any case and however they are disguised (leading spaces or control characters, tabs or newlines inside
the scheme, which browsers strip before reading it). The same function backs the model fields (admin and
model forms), the services (pages, API, imports, commands) and the kind-specific link fields of records.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

WEB_SCHEMES = ("http", "https")

_url_validator = URLValidator(schemes=list(WEB_SCHEMES))


def _has_hidden_characters(value: str) -> bool:
    """Control, format (zero-width, bidi overrides) or whitespace characters: a browser may drop them."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch.isspace() for ch in value)


def clean_web_url(value, *, allow_mailto: bool = False) -> str:
    """The address trimmed of surrounding spaces, or ``""``; raise ``ValidationError`` with a localised message."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("Enter a web address starting with http:// or https://."), code="invalid")
    value = value.strip()
    if not value:
        return ""
    message = (_("Enter a web address starting with http:// or https://, or a mailto: address.") if allow_mailto
               else _("Enter a web address starting with http:// or https://."))
    if _has_hidden_characters(value):
        raise ValidationError(message, code="invalid")
    scheme, sep, rest = value.partition(":")
    scheme = scheme.lower()
    if not sep:
        raise ValidationError(message, code="invalid")
    if allow_mailto and scheme == "mailto":
        address = rest.split("?", 1)[0]
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(message, code="invalid") from None
        return value
    if scheme not in WEB_SCHEMES:
        raise ValidationError(message, code="invalid")
    try:
        _url_validator(value)
    except ValidationError:
        raise ValidationError(message, code="invalid") from None
    return value


def validate_web_url(value) -> None:
    """A model-field validator (admin, model forms, ``full_clean``): http(s) only."""
    clean_web_url(value)


def is_safe_web_url(value) -> bool:
    """For rendering: links stored before this check existed are shown as text, not as links."""
    try:
        return bool(clean_web_url(value))
    except ValidationError:
        return False
