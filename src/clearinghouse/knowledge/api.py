"""Records API at /api/v1/records/. Thin: parse, call the services, map their errors to HTTP answers.

Reads are public (published revisions, as the site shows them); writes need a personal token.
Schemas are explicit: no owner address or internal field leaves the server.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from clearinghouse.api.errors import service_error as _error
from clearinghouse.api.errors import writer_required as _writer
from clearinghouse.core.errors import Conflict

from . import permissions as perms
from . import selectors, services
from .models import Record, RecordKind, RecordRevision

router = Router(tags=["records"])


class ErrorOut(Schema):
    detail: str | list[dict] = Field(description="A message; for a malformed request, the list of problems")
    errors: dict[str, list[str]] = Field(default_factory=dict)


class RecordSummaryOut(Schema):
    id: str = Field(description="Permanent id of the published revision, e.g. CHM-GP-KE-00042-2")
    base_id: str
    kind: str
    country: str | None
    revision: int
    title: str
    summary: str
    language: str
    url: str
    published_at: dt.datetime | None


class RecordOut(RecordSummaryOut):
    body: str
    translations: dict[str, dict[str, str]]
    countries: list[str]
    regions: list[str]
    targets: list[str]
    conventions: list[str]
    topics: list[str]
    ecosystems: list[str]
    support_types: list[str]
    start_date: str | None
    end_date: str | None
    link: str
    contact: str
    details: dict
    visibility: str
    consent_statement: str
    attachments: list[dict]


class RecordPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[RecordSummaryOut]


class DraftOut(Schema):
    base_id: str
    id: str
    kind: str
    country: str | None
    status: str
    revision: int
    title: str
    draft_url: str


class RecordIn(Schema):
    kind: str = Field(description="good-practice, capacity-building, tool, expert, organisation, news, "
                                  "traditional-knowledge")
    country: str | None = Field(None, description="ISO code of the country you contribute for; empty for none")
    title: str
    summary: str = ""
    body: str = Field("", description="Markdown")
    language: str = "en"
    translations: dict[str, dict[str, str]] = Field(default_factory=dict)
    countries: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list, description="e.g. GBF-3, AICHI-11")
    conventions: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    ecosystems: list[str] = Field(default_factory=list)
    support_types: list[str] = Field(default_factory=list)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    url: str = ""
    contact: str = ""
    details: dict = Field(default_factory=dict, description="Fields of the record's type; references: [ids]")
    visibility: str = "public"
    consent_statement: str = ""


class RecordPatch(Schema):
    title: str | None = None
    summary: str | None = None
    body: str | None = None
    language: str | None = None
    translations: dict[str, dict[str, str]] | None = None
    countries: list[str] | None = None
    regions: list[str] | None = None
    targets: list[str] | None = None
    conventions: list[str] | None = None
    topics: list[str] | None = None
    ecosystems: list[str] | None = None
    support_types: list[str] | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    url: str | None = None
    contact: str | None = None
    details: dict | None = None
    visibility: str | None = None
    consent_statement: str | None = None


class ActionIn(Schema):
    comment: str = ""


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _summary(record: Record, rev: RecordRevision) -> dict:
    d = rev.data
    return {
        "id": f"{record.base_id}-{rev.revision}", "base_id": record.base_id, "kind": record.kind,
        "country": record.country_id, "revision": rev.revision, "title": d.get("title") or "",
        "summary": d.get("summary") or "", "language": d.get("language") or "en",
        "url": settings.SITE_URL + record.get_absolute_url(), "published_at": rev.published_at,
    }


def _full(record: Record, rev: RecordRevision) -> dict:
    d = rev.data
    out = _summary(record, rev)
    out.update({key: d.get(key) or [] for key in ("countries", "regions", "targets", "conventions", "topics",
                                                   "ecosystems", "support_types")})
    out.update({
        "body": d.get("body") or "", "translations": d.get("translations") or {},
        "start_date": d.get("start_date"), "end_date": d.get("end_date"), "link": d.get("url") or "",
        "contact": d.get("contact") or "", "details": d.get("details") or {},
        "visibility": d.get("visibility") or "public", "consent_statement": d.get("consent_statement") or "",
        "attachments": [{"name": a.get("name"), "size": a.get("size"), "type": a.get("type"),
                         "url": settings.SITE_URL + f"{record.get_absolute_url()}files/{a.get('id')}/"}
                        for a in d.get("attachments") or []],
    })
    return out


def _draft(record: Record) -> dict:
    return {"base_id": record.base_id, "id": record.public_id, "kind": record.kind, "country": record.country_id,
            "status": record.status, "revision": record.revision, "title": record.title,
            "draft_url": settings.SITE_URL + f"{record.get_absolute_url()}draft/"}






def _editable(identifier: str):
    record, _pinned = selectors.record_by_identifier(identifier)
    return record


@router.get("/", response=RecordPageOut, summary="Published records")
def record_list(request, type: str | None = None, country: str | None = None, target: str | None = None,  # noqa: A002
                page: int = 1):
    kind = type if type in RecordKind.values else None
    result = selectors.published_page(user=request.user, kind=kind, country=country, target=target, page=page,
                                      per_page=settings.NINJA_PAGINATION_PER_PAGE)
    results = []
    for item in result.items:
        record, data = item["record"], item["data"]
        rev = RecordRevision(record=record, revision=record.revision, data=data, published_at=record.published_at)
        results.append(_summary(record, rev))
    return {"count": result.paginator.count, "page": result.number, "pages": result.paginator.num_pages,
            "results": results}


@router.get("/{identifier}", response={200: RecordOut, **ERRORS}, summary="A published record (or a pinned revision)")
def record_retrieve(request, identifier: str):
    record, pinned = selectors.record_by_identifier(identifier)
    if record is None or record.revision == 0 or not perms.can_view_record(request.user, record):
        return Status(404, {"detail": _("No record has this id.")})
    rev = selectors.revision_get(record, pinned or record.revision)
    if rev is None:
        return Status(404, {"detail": _("This record has no such revision.")})
    services.record_access_log(actor=request.user, record=record, channel="api", revision=rev.revision)
    return Status(200, _full(record, rev))


@router.post("/", response={201: DraftOut, **ERRORS}, summary="Create a draft")
def record_create(request, payload: RecordIn):
    if (denied := _writer(request)) is not None:
        return denied
    data = payload.dict()
    kind, country = data.pop("kind"), data.pop("country") or None
    try:
        record = services.record_create(actor=request.user, kind=kind, country=country, data=data)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(201, _draft(record))


@router.patch("/{identifier}", response={200: DraftOut, **ERRORS}, summary="Change the working copy")
def record_update(request, identifier: str, payload: RecordPatch):
    if (denied := _writer(request)) is not None:
        return denied
    record = _editable(identifier)
    if record is None or not perms.can_view_draft(request.user, record):
        return Status(404, {"detail": _("No record has this id.")})
    try:
        # null leaves a field as it is, except the dates, which null clears (the other fields cannot be null).
        data = {k: v for k, v in payload.dict(exclude_unset=True).items()
                if v is not None or k in ("start_date", "end_date")}
        record = services.record_update(actor=request.user, record=record, data=data)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, _draft(record))


@router.post("/{identifier}/submit", response={200: DraftOut, **ERRORS}, summary="Submit for publishing")
def record_submit(request, identifier: str, payload: ActionIn | None = None):
    if (denied := _writer(request)) is not None:
        return denied
    record = _editable(identifier)
    if record is None or not perms.can_view_draft(request.user, record):
        return Status(404, {"detail": _("No record has this id.")})
    try:
        record = services.record_submit(actor=request.user, record=record,
                                        comment=payload.comment if payload else "")
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, _draft(record))


@router.post("/{identifier}/publish", response={200: DraftOut, **ERRORS},
             summary="Publish (focal point of the country or secretariat)")
def record_publish(request, identifier: str, payload: ActionIn | None = None):
    if (denied := _writer(request)) is not None:
        return denied
    record = _editable(identifier)
    if record is None or not perms.can_view_draft(request.user, record):
        return Status(404, {"detail": _("No record has this id.")})
    try:
        record = services.record_publish(actor=request.user, record=record,
                                         comment=payload.comment if payload else "")
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, _draft(record))
