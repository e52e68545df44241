"""Reads for meetings: bounded lists and the pieces of the meeting page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from clearinghouse.core.models import content_language

from .models import Document, DocumentFile, DocumentVersion, Meeting, Registration, Session


def meetings_public(*, convention: str | None = None, when: str = "") -> QuerySet[Meeting]:
    qs = Meeting.objects.select_related("country").prefetch_related("conventions")
    if convention:
        qs = qs.filter(conventions__code=convention)
    today = timezone.now().date()
    if when == "upcoming":
        qs = qs.filter(ends_on__gte=today).order_by("starts_on", "title")
    elif when == "past":
        qs = qs.filter(ends_on__lt=today).order_by("-starts_on", "title")
    return qs


def meetings_for_feed(*, convention: str | None = None, limit: int = 500) -> list[Meeting]:
    """The public feed: the most recent ``limit`` meetings with their sessions."""
    qs = meetings_public(convention=convention).order_by("-starts_on")[:limit]
    return list(qs.select_related(None).select_related("country").prefetch_related("sessions"))


def meeting_sessions(meeting: Meeting) -> list[Session]:
    sessions = list(meeting.sessions.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waiting"))))
    for s in sessions:
        s.meeting = meeting
    return sessions


def registration_counts(meeting: Meeting) -> dict[str, int]:
    rows = Registration.objects.filter(target=f"m{meeting.pk}").values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


def user_registrations(user, meeting: Meeting) -> dict[str, Registration]:
    """The viewer's active registrations for this meeting, by target (``m12``, ``s34``)."""
    if not user.is_authenticated:
        return {}
    regs = Registration.objects.filter(user=user, meeting=meeting).exclude(status="cancelled")
    return {r.target: r for r in regs}


def waiting_position(registration: Registration) -> int:
    return Registration.objects.filter(target=registration.target, status="waiting").filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)).count() + 1


@dataclass
class DocumentRow:
    document: Document
    current: DocumentVersion | None
    files: list[DocumentFile]  # of the current version, the viewer's language first
    superseded: list[DocumentVersion]


def meeting_documents(meeting: Meeting, lang: str | None = None) -> list[DocumentRow]:
    """Each document with its current version's files (the viewer's language first) and its superseded
    versions, in four queries whatever the number of documents."""
    lang = content_language(lang)
    docs = list(meeting.documents.select_related("agenda_item").prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number").prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.only(
                "id", "version_id", "language", "name", "content_type", "size"))))))
    rows = []
    for d in docs:
        versions = list(d.versions.all())
        current = next((v for v in versions if v.is_current), versions[0] if versions else None)
        files = sorted(current.files.all(), key=lambda f: (f.language != lang, f.language)) if current else []
        rows.append(DocumentRow(d, current, files, [v for v in versions if v is not current]))
    return rows


def participants(meeting: Meeting, *, status: str | None = None) -> QuerySet[Registration]:
    qs = (Registration.objects.filter(meeting=meeting).exclude(status="cancelled")
          .select_related("user", "user__country", "session").order_by("target", "status", "created_at", "id"))
    if status:
        qs = qs.filter(status=status)
    return qs


def registrations_for_feed(user) -> tuple[list[Meeting], set[int], dict[int, set[int]]]:
    """A person's confirmed or waiting registrations as feed input: meetings, sessions whose links they may
    see, and for each meeting the sessions they registered for (empty = the whole meeting)."""
    regs = list(Registration.objects.filter(user=user).exclude(status="cancelled").values_list(
        "meeting_id", "session_id", "status"))
    join: set[int] = set()
    only: dict[int, set[int]] = {}
    whole: set[int] = set()
    for meeting_id, session_id, status in regs:
        if session_id is None:
            whole.add(meeting_id)
        else:
            only.setdefault(meeting_id, set()).add(session_id)
            if status == "confirmed":
                join.add(session_id)
    for m in whole:
        only[m] = set()
    meetings = list(Meeting.objects.filter(pk__in=only).select_related("country").prefetch_related("sessions"))
    for meeting in meetings:
        if meeting.pk in whole:
            confirmed = any(mid == meeting.pk and sid is None and st == "confirmed" for mid, sid, st in regs)
            if confirmed:
                join.update(s.pk for s in meeting.sessions.all())
    return meetings, join, only


def upcoming_sessions(now: dt.datetime | None = None) -> QuerySet[Session]:
    return Session.objects.filter(starts_at__gte=now or timezone.now()).select_related("meeting")
