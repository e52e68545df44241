"""Writes to decisions: the secretariat records what governing bodies adopted."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clearinghouse.core.text import clean_line, clean_text
from clearinghouse.core.validators import clean_web_url
from clearinghouse.search.services import index_later

from .models import Decision
from .permissions import can_edit_decisions

FIELDS = ("symbol", "convention_id", "number", "kind", "status", "meeting_title", "meeting_symbol", "adopted_on",
          "title", "long_title", "summary", "text", "url", "language", "translations", "supersedes_id")


def _clean(data: dict, instance: Decision | None) -> dict:
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for name in ("symbol", "number", "meeting_title", "meeting_symbol", "title", "long_title"):
        if name in data:
            out[name] = clean_line(data[name] or "")
    for name in ("summary", "text"):
        if name in data:
            out[name] = clean_text(data[name] or "")
    for name in ("symbol", "number", "meeting_title", "title"):
        if name in out and not out[name] or (instance is None and not data.get(name)):
            errors.setdefault(name, []).append(_("This field is required."))
    if "url" in data:
        try:
            out["url"] = clean_web_url(data["url"] or "")
        except ValidationError as exc:
            errors["url"] = list(exc.messages)
    if "kind" in data:
        if data["kind"] not in Decision.Kind.values:
            errors["kind"] = [_("Choose a type from the list.")]
        out["kind"] = data["kind"]
    if "status" in data:
        if data["status"] not in Decision.Status.values:
            errors["status"] = [_("Choose a status from the list.")]
        out["status"] = data["status"]
    if "adopted_on" in data:
        if not isinstance(data["adopted_on"], dt.date):
            errors["adopted_on"] = [_("Enter a valid date.")]
        out["adopted_on"] = data["adopted_on"]
    elif instance is None:
        errors["adopted_on"] = [_("This field is required.")]
    for name in ("convention_id", "language", "translations", "supersedes_id"):
        if name in data:
            out[name] = data[name]
    if instance is None and not data.get("convention_id"):
        errors["convention"] = [_("This field is required.")]
    symbol = out.get("symbol")
    existing = symbol and Decision.objects.filter(symbol__iexact=symbol).exclude(pk=getattr(instance, "pk", None)).first()
    if existing:
        errors["symbol"] = [_("A decision with the symbol %(symbol)s already exists.") % {"symbol": existing.symbol}]
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def decision_create(*, actor, topics=(), targets=(), **data) -> Decision:
    if not can_edit_decisions(actor):
        raise PermissionDenied(_("Only the secretariat records decisions."))
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    decision = Decision(**_clean(data, None))
    decision.full_clean(exclude=["topics", "targets"])
    decision.save()
    decision.topics.set(topics)
    decision.targets.set(targets)
    index_later("decision", decision.pk)
    return decision


@transaction.atomic
def decision_update(*, actor, decision: Decision, topics=None, targets=None, **data) -> Decision:
    if not can_edit_decisions(actor):
        raise PermissionDenied(_("Only the secretariat records decisions."))
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in _clean(data, decision).items():
        setattr(decision, name, value)
    decision.full_clean(exclude=["topics", "targets"])
    decision.save()
    if topics is not None:
        decision.topics.set(topics)
    if targets is not None:
        decision.targets.set(targets)
    index_later("decision", decision.pk)
    return decision
