"""Partnerships API at /api/v1/partnerships/: partnerships, members, activities, gaps and overlaps, through the
same selectors and services as the pages. Reads are public (public activities only); writes need a token."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from clearinghouse.api.errors import service_error as _error
from clearinghouse.api.errors import writer_required as _writer
from clearinghouse.core.errors import Conflict

from . import permissions as perms
from . import reasons, selectors, services
from .engine.gaps import ANY_ELEMENT
from .models import Member, OverlapSuggestion, Partnership

router = Router(tags=["partnerships"])
PAGE_SIZE = 50


class PartnershipsErrorOut(Schema):
    detail: str | list[dict] = Field(description="A message; for a malformed request, the list of problems")
    errors: dict[str, list[str]] | None = None


DbId = Annotated[int, Field(ge=1, le=2**63 - 1)]
ERRORS = {401: PartnershipsErrorOut, 403: PartnershipsErrorOut, 404: PartnershipsErrorOut,
          409: PartnershipsErrorOut, 422: PartnershipsErrorOut}


class ElementOut(Schema):
    code: str
    name: str


class PartnershipOut(Schema):
    slug: str
    kind: str
    name: str
    acronym: str
    purpose: str
    governance: str
    terms: str
    language: str
    targets: list[str]
    elements: list[ElementOut]
    auto_accept: bool
    is_open: bool
    url: str


class MemberOut(Schema):
    id: int
    name: str
    kind: str
    organisation_kind: str | None
    countries: list[str]
    levels: list[str]
    elements: list[str]
    joined_at: dt.datetime | None


class MemberPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[MemberOut]


class ActivityOut(Schema):
    id: str
    title: str
    description: str
    language: str
    member: int
    member_name: str
    elements: list[str]
    countries: list[str]
    subnational: str
    level: str
    support_types: list[str]
    start: str
    end: str
    budget: float | None
    currency: str
    status: str
    iati_identifier: str
    duplicate_of: str | None
    url: str
    created_at: dt.datetime


class ActivityPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ActivityOut]


class ActivityIn(Schema):
    member: DbId
    title: str
    description: str = ""
    language: str = "en"
    elements: list[str]
    countries: list[str]
    subnational: str = ""
    level: str = "national"
    support_types: list[str]
    start: str = Field(description="YYYY-MM")
    end: str = Field(description="YYYY-MM")
    budget: float | None = None
    currency: str = ""
    beneficiaries: str = ""
    partners_involved: str = ""
    status: str = "ongoing"
    links: list[str] = []
    iati_identifier: str = ""
    is_public: bool = True


class CellOut(Schema):
    element: str
    place: str
    activities: int
    partners: int
    needs: int
    gap: bool


class GapsOut(Schema):
    geo: str
    support: str | None
    year: int | None
    activities: int
    needs: int
    cells: list[CellOut]


class OverlapOut(Schema):
    id: int
    a: str
    b: str
    kind: str
    score: float
    state: str
    reasons: list[str]
    codes: list[dict]


class OverlapDecisionIn(Schema):
    decision: str = Field(description="confirm, dismiss or merge")
    note: str = ""


def _p(slug: str) -> Partnership | None:
    return Partnership.objects.filter(slug=slug).prefetch_related("elements", "targets").first()


NOT_FOUND = Status(404, {"detail": "Nothing has this id."})


def _partnership_out(p: Partnership) -> dict:
    return {"slug": p.slug, "kind": p.kind, "name": p.name, "acronym": p.acronym, "purpose": p.purpose,
            "governance": p.governance, "terms": p.terms, "language": p.language,
            "targets": [t.code for t in p.targets.all()],
            "elements": [{"code": e.code, "name": e.local_name()} for e in p.elements.all()],
            "auto_accept": p.auto_accept, "is_open": p.is_open, "url": p.get_absolute_url()}


def _activity_out(a) -> dict:
    return {"id": a.public_id, "title": a.title, "description": a.description, "language": a.language,
            "member": a.member_id, "member_name": a.member.display_name(),
            "elements": [e.code for e in a.elements.all()], "countries": [c.code for c in a.countries.all()],
            "subnational": a.subnational, "level": a.level, "support_types": [s.code for s in a.support_types.all()],
            "start": a.start.strftime("%Y-%m"), "end": a.end.strftime("%Y-%m"),
            "budget": float(a.budget) if a.budget is not None else None, "currency": a.currency, "status": a.status,
            "iati_identifier": a.iati_identifier,
            "duplicate_of": a.duplicate_of.public_id if a.duplicate_of_id else None,
            "url": a.get_absolute_url(), "created_at": a.created_at}


@router.get("/", response=list[PartnershipOut], summary="Partnerships and task forces")
def partnership_list(request):
    return [_partnership_out(p) for p in Partnership.objects.prefetch_related("elements", "targets")[:200]]


@router.get("/{slug}", response={200: PartnershipOut, **ERRORS}, summary="One partnership")
def partnership_retrieve(request, slug: str):
    p = _p(slug)
    return Status(200, _partnership_out(p)) if p else NOT_FOUND


@router.get("/{slug}/members", response={200: MemberPageOut, **ERRORS}, summary="Member directory")
def member_list(request, slug: str, kind: str = "", country: str = "", level: str = "", element: str = "",
                page: int = 1):
    p = _p(slug)
    if p is None:
        return NOT_FOUND
    pager = Paginator(selectors.members_directory(p, kind=kind, country=country, level=level, element=element),
                      PAGE_SIZE)
    pg = pager.get_page(page)
    return Status(200, {"count": pager.count, "page": pg.number, "pages": pager.num_pages, "results": [
        {"id": m.pk, "name": m.display_name(), "kind": m.kind,
         "organisation_kind": m.organisation.kind if m.organisation_id else None,
         "countries": [c.code for c in m.countries.all()], "levels": m.levels,
         "elements": [e.code for e in m.elements.all()], "joined_at": m.joined_at} for m in pg]})


@router.get("/{slug}/activities", response={200: ActivityPageOut, **ERRORS}, summary="Activities")
def activity_list(request, slug: str, country: str = "", element: str = "", support: str = "", q: str = "",
                  page: int = 1):
    p = _p(slug)
    if p is None:
        return NOT_FOUND
    qs = selectors.activities_list(p, request.user, country=country, element=element, support=support, q=q)
    pager = Paginator(qs.select_related("duplicate_of"), PAGE_SIZE)
    pg = pager.get_page(page)
    return Status(200, {"count": pager.count, "page": pg.number, "pages": pager.num_pages,
                        "results": [_activity_out(a) for a in pg]})


@router.post("/{slug}/activities", response={201: ActivityOut, **ERRORS}, summary="Register an activity")
def activity_create(request, slug: str, payload: ActivityIn):
    denied = _writer(request)
    if denied:
        return denied
    p = _p(slug)
    if p is None:
        return NOT_FOUND
    member = Member.objects.filter(partnership=p, pk=payload.member).first()
    if member is None:
        return Status(404, {"detail": _("No such member in this partnership.")})
    data = payload.dict()
    try:
        a = services.activity_create(actor=request.user, member=member, data=data)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(201, _activity_out(a))


@router.get("/{slug}/gaps", response={200: GapsOut, **ERRORS}, summary="Coverage matrix (element x place)")
def gaps(request, slug: str, geo: str = "country", support: str = "", year: int | None = None):
    p = _p(slug)
    if p is None:
        return NOT_FOUND
    geo = "region" if geo == "region" else "country"
    m = selectors.gap_matrix(p, request.user, geo=geo, support=support, year=year)
    cells = [{"element": e, "place": pl, "activities": len(c.activities), "partners": len(c.partners),
              "needs": len(c.needs), "gap": c.is_gap} for (e, pl), c in sorted(m["cells"].items())]
    return Status(200, {"geo": geo, "support": support or None, "year": year, "activities": m["n_activities"],
                        "needs": m["n_needs"], "cells": cells})


@router.get("/{slug}/overlaps", response={200: list[OverlapOut], **ERRORS},
            summary="Suggested duplicates and overlaps (coordinators)")
def overlap_list(request, slug: str, state: str = "open"):
    p = _p(slug)
    if p is None:
        return NOT_FOUND
    if not perms.can_review_overlaps(request.user, p):
        return Status(403, {"detail": _("Only the coordinators review overlaps.")})
    if state not in OverlapSuggestion.State.values:
        state = "open"
    return Status(200, [{"id": s.pk, "a": s.a.public_id, "b": s.b.public_id, "kind": s.kind, "score": s.score,
                         "state": s.state, "reasons": reasons.texts(s.reasons), "codes": s.reasons}
                        for s in selectors.overlap_queue(p, state=state)[:200]])


@router.post("/{slug}/overlaps/{pk}/decision", response={200: OverlapOut, **ERRORS},
             summary="Confirm, dismiss or merge a suggestion")
def overlap_decide(request, slug: str, pk: DbId, payload: OverlapDecisionIn):
    denied = _writer(request)
    if denied:
        return denied
    s = OverlapSuggestion.objects.filter(partnership__slug=slug, pk=pk).select_related("a", "b").first()
    if s is None:
        return NOT_FOUND
    try:
        s = services.overlap_decide(actor=request.user, suggestion=s, decision=payload.decision, note=payload.note)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, {"id": s.pk, "a": s.a.public_id, "b": s.b.public_id, "kind": s.kind, "score": s.score,
                        "state": s.state, "reasons": reasons.texts(s.reasons), "codes": s.reasons})


__all__ = ["router", "ANY_ELEMENT"]
