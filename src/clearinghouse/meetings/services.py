"""Writes for meetings: every page, API endpoint, demo and factory calls these.

Keyword-only, the acting user as ``actor``; permission refused with ``PermissionDenied``, bad input with
``ValidationError({field: [message]})`` (translated), a state that forbids the action with ``Conflict``.
Mail leaves after commit (alerts.services stores it and a task sends it).

Seats: a registration locks the row that holds the seats (the session, or the meeting for a whole-meeting
registration) with ``SELECT ... FOR UPDATE`` (PostgreSQL) or inside SQLite's ``BEGIN IMMEDIATE`` transaction,
counts the confirmed registrations and is confirmed or put on the waiting list; a cancellation frees the seat
and, in the same transaction, gives it to the first person waiting, who is told.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clearinghouse.alerts import services as alerts
from clearinghouse.core.errors import Conflict
from clearinghouse.core.files import check_upload
from clearinghouse.core.text import clean_line, clean_text
from clearinghouse.core.validators import clean_web_url
from clearinghouse.search.services import index_later

from . import calendars
from . import permissions as perms
from .models import (
    AgendaItem,
    CalendarKey,
    Document,
    DocumentFile,
    DocumentVersion,
    Meeting,
    Nomination,
    Registration,
    Session,
)
from .timezones import instant, is_zone

log = logging.getLogger(__name__)

LANGUAGES = {code for code, _name in settings.CONTENT_LANGUAGES}


# --- meetings ----------------------------------------------------------------------------------------------------

def _check_zone(name: str, field: str = "timezone") -> str:
    name = (name or "").strip()
    if not is_zone(name):
        raise ValidationError({field: [_("“%(zone)s” is not a time zone we know. Use an IANA name such as "
                                         "America/New_York or Africa/Nairobi.") % {"zone": name[:64]}]})
    return name


def _unique_slug(title: str, starts_on: dt.date) -> str:
    base = (slugify(f"{starts_on:%Y-%m} {title}")[:100] or f"meeting-{starts_on:%Y-%m}").strip("-")
    slug, n = base, 1
    while Meeting.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


MEETING_FIELDS = ("title", "description", "symbol", "kind", "status", "organisers", "funders", "margins_of",
                  "online", "venue", "city", "country", "starts_on", "ends_on", "timezone", "registration",
                  "capacity", "questions", "nominations", "discussion", "language", "translations")


def _clean_meeting(data: dict, meeting: Meeting | None = None) -> dict:
    errors: dict[str, list] = {}
    out = {k: v for k, v in data.items() if k in MEETING_FIELDS}
    for key in ("title", "symbol", "organisers", "funders", "margins_of", "venue", "city"):
        if key in out:
            out[key] = clean_line(out[key] or "")
    if "description" in out:
        out["description"] = clean_text(out["description"] or "")
    if not (out.get("title") if "title" in out else (meeting and meeting.title)):
        errors.setdefault("title", []).append(_("Give the meeting a title."))
    starts = out.get("starts_on", meeting.starts_on if meeting else None)
    ends = out.get("ends_on", meeting.ends_on if meeting else None) or starts
    if "starts_on" in out or meeting is None:
        if not starts:
            errors.setdefault("starts_on", []).append(_("Give the first day of the meeting."))
    if starts and ends and ends < starts:
        errors.setdefault("ends_on", []).append(_("The last day is before the first day."))
    out["ends_on"] = ends
    if "timezone" in out or meeting is None:
        try:
            out["timezone"] = _check_zone(out.get("timezone") or "UTC")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if "kind" in out and out["kind"] not in Meeting.Kind.values:
        errors.setdefault("kind", []).append(_("Choose a type of meeting."))
    if "status" in out and out["status"] not in Meeting.Status.values:
        errors.setdefault("status", []).append(_("Choose a status."))
    symbol = out.get("symbol")
    if symbol:
        clash = Meeting.objects.filter(symbol=symbol)
        if meeting is not None:
            clash = clash.exclude(pk=meeting.pk)
        if clash.exists():
            errors.setdefault("symbol", []).append(
                _("The symbol %(symbol)s is already used by another meeting.") % {"symbol": symbol})
    if "questions" in out:
        out["questions"] = _clean_questions(out["questions"] or [])
    if isinstance(out.get("country"), str):
        from clearinghouse.core.models import Country

        code = out["country"]
        out["country"] = Country.objects.filter(pk=code.upper()).first() if code else None
        if code and out["country"] is None:
            errors.setdefault("country", []).append(_("Choose a country from the list."))
    online = out.get("online", meeting.online if meeting else False)
    if not online and meeting is None and not (out.get("city") or out.get("venue")):
        errors.setdefault("city", []).append(_("Give the city (or say the meeting is online)."))
    if errors:
        raise ValidationError(errors)
    return out


def _clean_questions(questions) -> list[dict]:
    """Organiser-chosen questions: ``[{"key": "q1", "label": "...", "required": bool}]`` (a list of labels is
    accepted too, one question per non-empty line)."""
    if isinstance(questions, str):
        questions = [line for line in questions.splitlines() if line.strip()]
    out = []
    for i, q in enumerate(questions[:20], start=1):
        if isinstance(q, str):
            label, required = q.strip(), False
            if label.endswith("*"):
                label, required = label[:-1].strip(), True
        else:
            label, required = str(q.get("label", "")).strip(), bool(q.get("required"))
        if label:
            out.append({"key": f"q{i}", "label": clean_line(label)[:300], "required": required})
    return out


@transaction.atomic
def meeting_create(*, actor, conventions=(), managers=(), **data) -> Meeting:
    if not perms.can_create_meeting(actor):
        raise PermissionDenied(_("Only the secretariat creates meetings."))
    data = _clean_meeting(data)
    meeting = Meeting(created_by=actor, slug=_unique_slug(data["title"], data["starts_on"]), **data)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:  # two forms raced for the same symbol
        raise ValidationError({"symbol": [_("The symbol %(symbol)s is already used by another meeting.")
                                          % {"symbol": data.get("symbol", "")}]}) from exc
    if conventions:
        meeting.conventions.set(conventions)
    meeting.managers.set([actor, *managers])
    index_later("meeting", meeting.pk)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, conventions=None, managers=None, **data) -> Meeting:
    if not perms.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the meeting's organisers change it."))
    data = _clean_meeting(data, meeting)
    changed = False
    for key, value in data.items():
        if getattr(meeting, key) != value:
            setattr(meeting, key, value)
            changed = True
    if changed:
        meeting.sequence = F("sequence") + 1
        meeting.save()
        meeting.refresh_from_db()
    if conventions is not None:
        meeting.conventions.set(conventions)
    if managers is not None:
        meeting.managers.set(managers)
    index_later("meeting", meeting.pk)
    return meeting


def meeting_set_status(*, actor, meeting: Meeting, status: str) -> Meeting:
    return meeting_update(actor=actor, meeting=meeting, status=status)


def agenda_item_add(*, actor, meeting: Meeting, number: str, title: str, translations: dict | None = None,
                    language: str = "en") -> AgendaItem:
    if not perms.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    number, title = clean_line(number)[:12], clean_line(title)
    if not number or not title:
        raise ValidationError({"title": [_("Give the item's number and title.")]})
    if meeting.agenda_items.filter(number=number).exists():
        raise ValidationError({"number": [_("Item %(n)s is already on the agenda.") % {"n": number}]})
    item = AgendaItem.objects.create(meeting=meeting, number=number, title=title, language=language,
                                     translations=translations or {}, position=meeting.agenda_items.count() + 1)
    index_later("meeting", meeting.pk)  # the search finds a meeting by its agenda, sessions and documents
    return item


# --- sessions ----------------------------------------------------------------------------------------------------

def _session_times(starts_at, ends_at, zone: str) -> tuple[dt.datetime, dt.datetime]:
    errors: dict[str, list] = {}
    start = end = None
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value is None:
            errors.setdefault(field, []).append(_("Give the date and time."))
            continue
        try:
            parsed = instant(value, zone)
        except ValueError as exc:
            errors.setdefault(field, []).append(str(exc))
            continue
        if field == "starts_at":
            start = parsed
        else:
            end = parsed
    if start and end and end <= start:
        errors.setdefault("ends_at", []).append(_("The session ends before it starts."))
    if errors:
        raise ValidationError(errors)
    return start, end


@transaction.atomic
def session_create(*, actor, meeting: Meeting, title: str = "", starts_at, ends_at, timezone: str = "",
                   join_url: str = "", capacity: int | None = None, translations: dict | None = None) -> Session:
    """Add a session. Naive ``starts_at``/``ends_at`` are wall-clock times in ``timezone`` (the organiser's)."""
    if not perms.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the meeting's organisers add sessions."))
    zone = _check_zone(timezone or meeting.timezone)
    start, end = _session_times(starts_at, ends_at, zone)
    url = ""
    if join_url:
        try:
            url = clean_web_url(join_url)
        except ValidationError as exc:
            raise ValidationError({"join_url": exc.messages}) from exc
    session = Session.objects.create(meeting=meeting, title=clean_line(title) or meeting.title, starts_at=start,
                                     ends_at=end, timezone=zone, join_url=url, capacity=capacity,
                                     language=meeting.language, translations=translations or {})
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    index_later("meeting", meeting.pk)
    return session


@transaction.atomic
def session_update(*, actor, session: Session, **data) -> Session:
    """Change a session (time, zone, link, seats, title); its calendar SEQUENCE goes up and registered people
    are told when the time changes."""
    meeting = session.meeting
    if not perms.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    zone = _check_zone(data.get("timezone") or session.timezone)
    old = (session.starts_at, session.ends_at)
    if "starts_at" in data or "ends_at" in data or zone != session.timezone:
        start, end = _session_times(data.get("starts_at", session.starts_at.astimezone(session.zone).replace(
            tzinfo=None)), data.get("ends_at", session.ends_at.astimezone(session.zone).replace(tzinfo=None)), zone)
        session.starts_at, session.ends_at, session.timezone = start, end, zone
    if "title" in data:
        session.title = clean_line(data["title"]) or session.title
    if "join_url" in data:
        session.join_url = clean_web_url(data["join_url"]) if data["join_url"] else ""
    if "capacity" in data:
        session.capacity = data["capacity"]
    session.sequence += 1
    session.save()
    if (session.starts_at, session.ends_at) != old:
        _tell_registered(session, "session_changed")
    if "capacity" in data:
        _fill_from_waiting_list(meeting, session)
    if "title" in data:
        index_later("meeting", meeting.pk)
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session) -> Session:
    if not perms.can_manage_meeting(actor, session.meeting):
        raise PermissionDenied
    if session.is_cancelled:
        raise Conflict(_("This session is already cancelled."))
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.save(update_fields=["status", "sequence", "updated_at"])
    _tell_registered(session, "session_cancelled")
    return session


def _tell_registered(session: Session, template: str) -> None:
    regs = Registration.objects.filter(target__in=[f"s{session.pk}", f"m{session.meeting_id}"],
                                       status=Registration.Status.CONFIRMED).select_related("user")
    ics = calendars.session_ics(session, join_url=True)
    for reg in regs:
        alerts.email_to_user(reg.user, template=f"meetings/email/{template}",
                             context=_mail_context(session.meeting, session),
                             attachments=[("session.ics", ics, "text/calendar")])


# --- documents ---------------------------------------------------------------------------------------------------

def _clean_files(files: dict) -> list[tuple[str, object, str]]:
    """``{language: uploaded file}`` checked (content, not name); nothing is stored unless all pass."""
    errors: list[str] = []
    out = []
    for lang, upload in files.items():
        if upload is None:
            continue
        if lang not in LANGUAGES:
            errors.append(_("“%(lang)s” is not a language of the site.") % {"lang": lang})
            continue
        try:
            content_type = check_upload(name=upload.name, content=upload,
                                        declared_type=getattr(upload, "content_type", "") or "")
        except ValidationError as exc:
            errors.append(_("%(language)s file: %(error)s") % {"language": lang, "error": " ".join(exc.messages)})
            continue
        out.append((lang, upload, content_type))
    if errors:
        raise ValidationError({"files": errors})
    if not out:
        raise ValidationError({"files": [_("Add the document's file in at least one language.")]})
    return out


def _store_version(document: Document, files: list, *, actor, note: str) -> DocumentVersion:
    last = document.versions.order_by("-number").first()
    now = timezone.now()
    if last:
        DocumentVersion.objects.filter(document=document, superseded_at__isnull=True).update(superseded_at=now)
    version = DocumentVersion.objects.create(document=document, number=(last.number + 1) if last else 1,
                                             note=clean_line(note or ""), created_by=actor)
    for lang, upload, content_type in files:
        upload.seek(0)
        DocumentFile.objects.create(version=version, language=lang, file=upload, name=upload.name[:255],
                                    content_type=content_type, size=getattr(upload, "size", 0) or 0)
    return version


@transaction.atomic
def document_create(*, actor, meeting: Meeting, symbol: str, title: str, kind: str = Document.Kind.WORKING,
                    agenda_item: AgendaItem | None = None, files: dict, note: str = "", language: str = "en",
                    translations: dict | None = None) -> Document:
    """A document with its official symbol and its first version (one file per language)."""
    if not perms.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the meeting's organisers add documents."))
    symbol, title = clean_line(symbol or "").strip(), clean_line(title or "")
    errors: dict[str, list] = {}
    if not symbol:
        errors["symbol"] = [_("Give the document's official symbol.")]
    elif Document.objects.filter(symbol__iexact=symbol).exists():
        errors["symbol"] = [_("The symbol %(symbol)s is already used by another document.") % {"symbol": symbol}]
    if not title:
        errors["title"] = [_("Give the document's title.")]
    if kind not in Document.Kind.values:
        errors["kind"] = [_("Choose the type of document.")]
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = [_("This agenda item belongs to another meeting.")]
    try:
        checked = _clean_files(files)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            document = Document.objects.create(meeting=meeting, symbol=symbol, title=title, kind=kind,
                                               agenda_item=agenda_item, language=language,
                                               translations=translations or {})
    except IntegrityError as exc:
        raise ValidationError({"symbol": [_("The symbol %(symbol)s is already used by another document.")
                                          % {"symbol": symbol}]}) from exc
    _store_version(document, checked, actor=actor, note=note)
    index_later("meeting", meeting.pk)
    return document


@transaction.atomic
def document_version_add(*, actor, document: Document, files: dict, note: str = "") -> DocumentVersion:
    """A new version: the previous one is kept, marked superseded."""
    if not perms.can_manage_meeting(actor, document.meeting):
        raise PermissionDenied
    checked = _clean_files(files)
    Document.objects.select_for_update().filter(pk=document.pk).first()
    return _store_version(document, checked, actor=actor, note=note)


# --- registration ------------------------------------------------------------------------------------------------

def _target(meeting: Meeting, session: Session | None) -> str:
    return f"s{session.pk}" if session is not None else f"m{meeting.pk}"


def _capacity(meeting: Meeting, session: Session | None) -> int | None:
    return session.capacity if session is not None else meeting.capacity


def _lock(meeting: Meeting, session: Session | None):
    """Lock the row that holds the seats (PostgreSQL: FOR UPDATE; SQLite: the IMMEDIATE transaction's lock)."""
    if session is not None:
        return Session.objects.select_for_update().get(pk=session.pk)
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _clean_answers(meeting: Meeting, answers: dict | None) -> dict:
    answers = answers or {}
    out, errors = {}, {}
    for q in meeting.questions or []:
        value = clean_text(str(answers.get(q["key"], "") or ""))[:2000]
        if q.get("required") and not value:
            errors[q["key"]] = [_("Please answer: %(question)s") % {"question": q["label"]}]
        if value:
            out[q["key"]] = value
    if errors:
        raise ValidationError(errors)
    return out


def registration_create(*, actor, meeting: Meeting, session: Session | None = None,
                        answers: dict | None = None) -> Registration:
    """Register ``actor``: confirmed while seats are left, else on the waiting list (``status`` says which)."""
    if session is not None and session.meeting_id != meeting.pk:
        raise ValidationError({"session": [_("This session belongs to another meeting.")]})
    if not perms.is_confirmed_user(actor):
        raise PermissionDenied(_("Log in with a confirmed account to register."))
    if not perms.registration_open(meeting, session):
        raise Conflict(_("Registration is closed for this meeting."))
    if session is not None and session.ends_at <= timezone.now():
        raise Conflict(_("This session is over."))
    clean = _clean_answers(meeting, answers)
    target = _target(meeting, session)
    with transaction.atomic():
        _lock(meeting, session)
        if Registration.objects.filter(user=actor, target=target).exclude(status="cancelled").exists():
            raise Conflict(_("You are already registered."))
        capacity = _capacity(meeting, session)
        taken = Registration.objects.filter(target=target, status=Registration.Status.CONFIRMED).count()
        full = capacity is not None and taken >= capacity
        now = timezone.now()
        reg = Registration.objects.create(
            meeting=meeting, session=session, target=target, user=actor, answers=clean,
            status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            confirmed_at=None if full else now)
        reg.meeting, reg.session = meeting, session
        _registration_mail(reg, "registration_waiting" if full else "registration_confirmed")
    return reg


def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancel; a freed seat goes to the first person waiting, who is told."""
    if not perms.can_cancel_registration(actor, registration):
        raise PermissionDenied(_("You cannot cancel this registration."))
    meeting, session = registration.meeting, registration.session
    with transaction.atomic():
        _lock(meeting, session)
        reg = Registration.objects.get(pk=registration.pk)
        if reg.status == Registration.Status.CANCELLED:
            raise Conflict(_("This registration is already cancelled."))
        reg.status, reg.cancelled_at = Registration.Status.CANCELLED, timezone.now()
        reg.save(update_fields=["status", "cancelled_at"])
        _fill_from_waiting_list(meeting, session)
    return reg


def _fill_from_waiting_list(meeting: Meeting, session: Session | None) -> list[Registration]:
    """Give free seats to the people waiting, first come first served (call with the seats' row locked)."""
    target = _target(meeting, session)
    capacity = _capacity(meeting, session)
    taken = Registration.objects.filter(target=target, status=Registration.Status.CONFIRMED).count()
    free = None if capacity is None else max(capacity - taken, 0)
    waiting = Registration.objects.filter(target=target, status=Registration.Status.WAITING).order_by(
        "created_at", "id").select_related("user")
    if free is not None:
        waiting = waiting[:free]
    promoted = []
    for reg in waiting:
        reg.status, reg.confirmed_at = Registration.Status.CONFIRMED, timezone.now()
        reg.save(update_fields=["status", "confirmed_at"])
        reg.meeting, reg.session = meeting, session
        _registration_mail(reg, "registration_promoted")
        promoted.append(reg)
    return promoted


def registration_mark_attendance(*, actor, registration: Registration, attended: bool | None) -> Registration:
    if not perms.can_mark_attendance(actor, registration.meeting):
        raise PermissionDenied
    if registration.status != Registration.Status.CONFIRMED:
        raise Conflict(_("Only confirmed participants can be marked present."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


def _mail_context(meeting: Meeting, session: Session | None, reg: Registration | None = None) -> dict:
    sessions = [session] if session is not None else list(meeting.sessions.exclude(status="cancelled"))
    return {"meeting": meeting, "session": session, "sessions": sessions, "registration": reg,
            "meeting_url": settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()}


def _registration_ics(reg: Registration) -> bytes:
    if reg.session is not None:
        return calendars.session_ics(reg.session, join_url=True)
    return calendars.meeting_ics(reg.meeting, join_urls=True)


def _registration_mail(reg: Registration, template: str) -> None:
    attachments = []
    if reg.status == Registration.Status.CONFIRMED:
        attachments = [("meeting.ics", _registration_ics(reg), "text/calendar")]
    alerts.email_to_user(reg.user, template=f"meetings/email/{template}",
                         context=_mail_context(reg.meeting, reg.session, reg), attachments=attachments)


def reminders_send(*, now: dt.datetime | None = None, within: dt.timedelta = dt.timedelta(hours=24),
                   chunk: int = 200) -> int:
    """Remind the confirmed participants of each session starting within ``within`` (once per registration),
    with the calendar file and the joining link. Returns how many mails were queued."""
    now = now or timezone.now()
    sessions = list(Session.objects.filter(starts_at__gt=now, starts_at__lte=now + within,
                                           status=Session.Status.SCHEDULED)
                    .exclude(meeting__status__in=["cancelled", "held"]).select_related("meeting"))
    sent = 0
    for session in sessions:
        meeting = session.meeting
        ics = calendars.session_ics(session, join_url=True)
        context = _mail_context(meeting, session)
        regs = (Registration.objects.filter(target__in=[f"s{session.pk}", f"m{meeting.pk}"],
                                            status=Registration.Status.CONFIRMED, reminded_at__isnull=True)
                .select_related("user").order_by("id"))
        if session.meeting.registration == "meeting":
            # one reminder per person for a whole-meeting registration: before its first session still to come
            first = meeting.sessions.filter(starts_at__gt=now, status="scheduled").order_by("starts_at").first()
            if first is not None and first.pk != session.pk:
                continue
        batch: list = []
        ids: list[int] = []
        for reg in regs.iterator(chunk_size=1000):
            if reg.user.mail_disabled_at:
                continue
            batch.append(alerts.email_compose(
                to=reg.user.email, template="meetings/email/reminder", context={"user": reg.user, **context},
                language=alerts.user_language(reg.user), attachments=[("session.ics", ics, "text/calendar")]))
            ids.append(reg.pk)
            if len(batch) >= chunk:
                sent += _send_batch(batch, ids, now)
                batch, ids = [], []
        if batch:
            sent += _send_batch(batch, ids, now)
    return sent


def _send_batch(batch: list, ids: list[int], now) -> int:
    with transaction.atomic():
        Registration.objects.filter(pk__in=ids).update(reminded_at=now)
        alerts.email_send_many(batch)
    return len(batch)


# --- nominations -------------------------------------------------------------------------------------------------

def nomination_create(*, actor, meeting: Meeting, country: str, name: str, email: str, position: str = "",
                      funding_requested: bool = False, justification: str = "") -> Nomination:
    """A focal point nominates a participant for its own country (with or without a request for support)."""
    if not perms.can_nominate(actor, meeting, country):
        raise PermissionDenied(_("Only a national focal point nominates participants, for its own country."))
    name, email = clean_line(name or ""), (email or "").strip().lower()
    errors: dict[str, list] = {}
    if not name:
        errors["name"] = [_("Give the nominee's name.")]
    from django.core.validators import validate_email

    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Give the nominee's email address.")]
    if funding_requested and not clean_text(justification or ""):
        errors["justification"] = [_("Say why financial support is needed.")]
    if not errors and Nomination.objects.filter(meeting=meeting, email=email).exists():
        errors["email"] = [_("This person is already nominated for this meeting.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        nomination = Nomination.objects.create(
            meeting=meeting, country_id=country, nominated_by=actor, name=name, email=email,
            position=clean_line(position or ""), funding_requested=bool(funding_requested),
            justification=clean_text(justification or ""))
    return nomination


def nomination_decide(*, actor, nomination: Nomination, status: str) -> Nomination:
    """The secretariat accepts, declines or waitlists; the nominee (and the focal point) are told."""
    if not perms.can_decide_nomination(actor, nomination):
        raise PermissionDenied(_("Only the secretariat decides on nominations."))
    if status not in (Nomination.Status.ACCEPTED, Nomination.Status.DECLINED, Nomination.Status.WAITLISTED):
        raise ValidationError({"status": [_("Choose accept, decline or waiting list.")]})
    with transaction.atomic():
        nomination.status, nomination.decided_by, nomination.decided_at = status, actor, timezone.now()
        nomination.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        context = {"nomination": nomination, **_mail_context(nomination.meeting, None)}
        from clearinghouse.accounts.models import User

        nominee = User.objects.filter(email__iexact=nomination.email).first()
        if nominee is not None:
            alerts.email_to_user(nominee, template="meetings/email/nomination_decided", context=context)
        else:
            alerts.email_send(to=nomination.email, template="meetings/email/nomination_decided",
                              context={"user": None, **context},
                              language=alerts.user_language(nomination.nominated_by))
        alerts.notice_create(user=nomination.nominated_by, verb="meetings.nomination",
                             text=_("%(name)s: %(status)s") % {"name": nomination.name,
                                                               "status": nomination.get_status_display()},
                             url=nomination.meeting.get_absolute_url())
    return nomination


# --- personal calendar -------------------------------------------------------------------------------------------

def calendar_key_get(*, actor) -> CalendarKey:
    if not perms.can_use_personal_calendar(actor):
        raise PermissionDenied
    key, _created = CalendarKey.objects.get_or_create(user=actor, defaults={"key": CalendarKey.new_key()})
    return key


def calendar_key_reset(*, actor) -> CalendarKey:
    """A new secret address: the old one stops working at once."""
    if not perms.can_use_personal_calendar(actor):
        raise PermissionDenied
    key, _created = CalendarKey.objects.update_or_create(user=actor, defaults={"key": CalendarKey.new_key()})
    return key
