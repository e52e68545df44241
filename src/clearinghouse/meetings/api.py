"""Meetings in the API: the list, and one meeting with its sessions (instants with their offset, the organiser's
IANA zone, the calendar file) and its documents (symbols, versions, languages). Public reads."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from . import selectors
from .models import Meeting

router = Router(tags=["meetings"])


def _abs(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class MeetingOut(Schema):
    slug: str
    title: str
    description: str
    language: str
    translations: dict
    symbol: str
    kind: str
    status: str
    starts_on: dt.date
    ends_on: dt.date
    timezone: str = Field(description="The organiser's IANA time zone")
    online: bool
    venue: str
    city: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    margins_of: str
    organisers: str
    funders: str
    conventions: list[str]
    registration: str
    url: str
    ics_url: str

    @staticmethod
    def resolve_country(obj):
        return obj.country_id

    @staticmethod
    def resolve_conventions(obj):
        return [c.code for c in obj.conventions.all()]

    @staticmethod
    def resolve_url(obj):
        return _abs(obj.get_absolute_url())

    @staticmethod
    def resolve_ics_url(obj):
        return _abs(reverse("meetings:ics", args=[obj.slug]))


class SessionOut(Schema):
    id: int
    title: str
    start: dt.datetime = Field(description="ISO 8601 with the organiser's offset")
    end: dt.datetime
    timezone: str = Field(description="IANA time zone of the organiser")
    status: str
    capacity: int | None
    ics_url: str


class DocumentFileOut(Schema):
    language: str
    url: str
    content_type: str
    size: int


class DocumentOut(Schema):
    symbol: str
    title: str
    kind: str
    agenda_item: str | None
    version: int | None
    languages: list[str]
    files: list[DocumentFileOut]
    superseded_versions: list[int]


class AgendaItemOut(Schema):
    number: str
    title: str


class MeetingDetailOut(MeetingOut):
    sessions: list[SessionOut]
    agenda: list[AgendaItemOut]
    documents: list[DocumentOut]

    @staticmethod
    def resolve_sessions(obj):
        return obj.api_sessions

    @staticmethod
    def resolve_agenda(obj):
        return obj.api_agenda

    @staticmethod
    def resolve_documents(obj):
        return obj.api_documents


from clearinghouse.forums.api import BoundedPagination  # noqa: E402 - one schema name for the whole API
from clearinghouse.knowledge.api import ErrorOut  # noqa: E402 - one schema name for the whole API


@router.get("/", response={200: list[MeetingOut], 422: ErrorOut}, summary="List meetings")
@paginate(BoundedPagination)
def meeting_list(request, convention: str | None = None, when: str | None = None):
    """Meetings, newest first; ``when`` = ``upcoming`` or ``past``; ``convention`` = a code such as CBD."""
    qs = selectors.meetings_public(convention=convention, when=when if when in ("upcoming", "past") else "")
    return qs.prefetch_related(Prefetch("conventions"))


@router.get("/{slug}/", response={200: MeetingDetailOut, 404: ErrorOut}, summary="One meeting")
def meeting_get(request, slug: str):
    meeting = get_object_or_404(Meeting.objects.select_related("country").prefetch_related("conventions"), slug=slug)
    meeting.api_sessions = [{
        "id": s.pk, "title": s.title, "start": s.starts_at.astimezone(s.zone), "end": s.ends_at.astimezone(s.zone),
        "timezone": s.timezone, "status": s.status, "capacity": s.capacity,
        "ics_url": _abs(reverse("meetings:session-ics", args=[meeting.slug, s.pk])),
    } for s in meeting.sessions.all()]
    meeting.api_documents = [{
        "symbol": row.document.symbol, "title": row.document.title, "kind": row.document.kind,
        "agenda_item": row.document.agenda_item.number if row.document.agenda_item_id else None,
        "version": row.current.number if row.current else None,
        "languages": sorted(f.language for f in row.files),
        "files": [{"language": f.language, "url": _abs(reverse("meetings:file", args=[meeting.slug, f.pk])),
                   "content_type": f.content_type, "size": f.size} for f in row.files],
        "superseded_versions": [v.number for v in row.superseded],
    } for row in selectors.meeting_documents(meeting, "en")]
    meeting.api_agenda = [{"number": a.number, "title": a.title} for a in meeting.agenda_items.all()]
    return meeting
