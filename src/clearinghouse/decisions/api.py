"""Decisions in the API: list with filters, and one decision by id or symbol."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from clearinghouse.forums.api import BoundedPagination
from clearinghouse.knowledge.api import ErrorOut

from . import selectors
from .models import Decision

router = Router(tags=["decisions"])
DbId = Annotated[int, Field(ge=1, le=2**63 - 1)]  # a larger id is a 422, not a database overflow


class DecisionOut(Schema):
    id: int
    symbol: str
    convention: str
    number: str
    kind: str
    status: str
    meeting: str
    meeting_symbol: str
    adopted_on: dt.date
    title: str
    long_title: str
    summary: str
    text: str
    language: str
    translations: dict
    official_url: str
    themes: list[str]
    targets: list[str]
    updated: dt.datetime
    url: str

    @staticmethod
    def resolve_convention(obj):
        return obj.convention_id

    @staticmethod
    def resolve_meeting(obj):
        return obj.meeting_title

    @staticmethod
    def resolve_official_url(obj):
        return obj.url

    @staticmethod
    def resolve_themes(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_targets(obj):
        return [t.code for t in obj.targets.all()]

    @staticmethod
    def resolve_updated(obj):
        return obj.updated_at

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


@router.get("/", response=list[DecisionOut], summary="List decisions and resolutions")
@paginate(BoundedPagination)
def list_decisions(request, q: str = "", convention: str = "", kind: str = "", status: str = "",
                   theme: str = "", target: str = ""):
    """Filter by words or symbol (`q`), convention code (a convention includes its protocols), type
    (decision, resolution, recommendation), status, theme slug and target code (e.g. `GBF-3`)."""
    return selectors.decision_list(q=q[:200], convention=convention, kind=kind, status=status, topic=theme,
                                   target=target)


@router.get("/{decision_id}", response={200: DecisionOut, 404: ErrorOut}, summary="One decision")
def get_decision(request, decision_id: DbId):
    return get_object_or_404(Decision.objects.select_related("convention").prefetch_related("topics", "targets"),
                             pk=decision_id)
