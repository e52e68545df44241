"""Pages of the meetings. Each view parses, checks permission, calls one service (or selector) and renders."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.forms import apply_errors
from clearinghouse.accounts.permissions import acting_countries, focal_point_countries
from clearinghouse.core.errors import Conflict
from clearinghouse.core.exports import table_response
from clearinghouse.core.files import serve_file
from clearinghouse.core.idempotency import created, idempotent
from clearinghouse.core.models import Convention

from . import calendars, selectors, services
from . import permissions as perms
from .forms import (
    AgendaItemForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    NominationForm,
    RegistrationForm,
    SessionForm,
    VersionForm,
    files_of,
)
from .models import CalendarKey, DocumentFile, Meeting, Nomination, Registration, Session
from .timezones import session_time, viewer_zone_for, zone_abbreviation

ICS = "text/calendar; charset=utf-8"
ZONE_NAMES = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


def _meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("country", "discussion", "partnership", "task_force"),
                             slug=slug)


def _session(meeting: Meeting, pk: int) -> Session:
    session = get_object_or_404(Session, pk=pk, meeting=meeting)
    session.meeting = meeting
    return session


def _ics(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS)
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _error(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        messages.error(request, " ".join(exc.messages))
    elif isinstance(exc, Conflict):
        messages.error(request, str(exc.message))
    else:
        messages.error(request, str(exc) or _("You cannot do this."))


# --- lists and feeds ---------------------------------------------------------------------------------------------

def index(request):
    convention = request.GET.get("convention") or None
    when = request.GET.get("when") or "upcoming"
    if when not in ("upcoming", "past", "all"):
        when = "upcoming"
    qs = selectors.meetings_public(convention=convention, when="" if when == "all" else when)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "meetings/index.html", {
        "page": page, "when": when, "convention": convention,
        "conventions": Convention.objects.filter(parent__isnull=True),
        "can_create": perms.can_create_meeting(request.user),
    })


def calendar_feed(request, convention: str | None = None):
    if convention and not Convention.objects.filter(code=convention).exists():
        raise Http404
    meetings = selectors.meetings_for_feed(convention=convention)
    name = _("Meetings") + (f" ({convention})" if convention else "")
    response = _ics(calendars.feed_ics(meetings, name=name), "meetings.ics", attachment=False)
    response["Cache-Control"] = "public, max-age=900"
    return response


def personal_feed(request, key: str):
    row = CalendarKey.objects.select_related("user").filter(key=key).first()
    if row is None or not row.user.is_active:
        raise Http404
    meetings, join, only = selectors.registrations_for_feed(row.user)
    response = _ics(calendars.feed_ics(meetings, name=_("My meetings"), join_urls_for=join, sessions_only=only),
                    "my-meetings.ics", attachment=False)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def my_meetings(request):
    if request.method == "POST":
        services.calendar_key_reset(actor=request.user)
        messages.success(request, _("Your calendar has a new secret address; the old one no longer works."))
        return redirect("meetings:mine")
    key = services.calendar_key_get(actor=request.user)
    regs = (Registration.objects.filter(user=request.user).exclude(status="cancelled")
            .select_related("meeting", "session").order_by("-meeting__starts_on", "session__starts_at")[:200])
    feed = request.build_absolute_uri(reverse("meetings:personal-feed", args=[key.key]))
    return render(request, "meetings/mine.html", {"registrations": regs, "feed_url": feed})


# --- the meeting page --------------------------------------------------------------------------------------------

def detail(request, slug):
    meeting = _meeting(slug)
    user = request.user
    viewer = viewer_zone_for(request)
    mine = selectors.user_registrations(user, meeting)
    organiser = perms.is_organiser(user, meeting)
    confirmed_targets = {t for t, r in mine.items() if r.status == "confirmed"}
    sessions = []
    for s in selectors.meeting_sessions(meeting):
        t = session_time(s.starts_at, s.ends_at, s.timezone, viewer.name)
        reg = mine.get(f"s{s.pk}")
        sessions.append({
            "session": s, "time": t, "viewer_abbr": zone_abbreviation(t.start),
            "original_abbr": zone_abbreviation(t.original_start), "registration": reg,
            "position": selectors.waiting_position(reg) if reg and reg.status == "waiting" else None,
            "open": perms.registration_open(meeting, s) and s.ends_at > timezone.now(),
            "can_register": reg is None and perms.can_register(user, meeting, s) and s.ends_at > timezone.now(),
            "join_url": s.join_url if s.join_url and (organiser or f"s{s.pk}" in confirmed_targets
                                                       or f"m{meeting.pk}" in confirmed_targets) else "",
            "full": s.capacity is not None and s.confirmed >= s.capacity,
        })
    meeting_reg = mine.get(f"m{meeting.pk}")
    counts = selectors.registration_counts(meeting) if meeting.registration == "meeting" else {}
    countries = focal_point_countries(user) if meeting.nominations else set()
    partnership_links = [{"label": label, "url": p.get_absolute_url(), "title": p.tr("name"),
                          "language": p.shown_language()}
                         for label, p in ((_("Partnership"), meeting.partnership), (_("Task force"), meeting.task_force))
                         if p is not None]
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "partnership_links": partnership_links, "sessions": sessions, "viewer": viewer,
        "documents": selectors.meeting_documents(meeting, get_language()),
        "agenda": list(meeting.agenda_items.all()),
        "conventions": list(meeting.conventions.all()),
        "meeting_registration": meeting_reg,
        "meeting_position": selectors.waiting_position(meeting_reg) if meeting_reg and meeting_reg.status == "waiting"
        else None,
        "can_register_meeting": meeting_reg is None and perms.can_register(user, meeting),
        "meeting_full": meeting.capacity is not None and counts.get("confirmed", 0) >= meeting.capacity,
        "can_manage": organiser, "can_nominate": any(perms.can_nominate(user, meeting, c) for c in countries),
        "can_decide": perms.can_view_nominations(user, meeting) and meeting.nominations,
        "registration_form": RegistrationForm(meeting=meeting) if meeting.questions else None,
    })


def meeting_ics(request, slug):
    meeting = _meeting(slug)
    return _ics(calendars.meeting_ics(meeting), f"{meeting.slug}.ics")


def session_ics(request, slug, pk):
    meeting = _meeting(slug)
    session = _session(meeting, pk)
    join = perms.can_see_join_link(request.user, session) if request.user.is_authenticated else False
    return _ics(calendars.session_ics(session, join_url=join), f"{meeting.slug}-{session.pk}.ics")


# --- organiser forms ---------------------------------------------------------------------------------------------

def _meeting_data(form) -> dict:
    data = dict(form.cleaned_data)
    conventions = data.pop("conventions", [])
    data["ends_on"] = data.get("ends_on") or data.get("starts_on")
    data["questions"] = data.get("questions") or ""
    return {"conventions": conventions, **data}


@login_required
@idempotent("meetings.meeting_create")
def meeting_create(request):
    if not perms.can_create_meeting(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **_meeting_data(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            created(request, meeting)
            messages.success(request, _("The meeting is created. Add its sessions, agenda and documents."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "heading": _("New meeting"), "zone_names": ZONE_NAMES,
                                                  "submit_label": _("Create the meeting")})


@login_required
def meeting_edit(request, slug):
    meeting = _meeting(slug)
    if not perms.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    initial = {f: getattr(meeting, f) for f in MeetingForm.base_fields if hasattr(meeting, f) and f != "conventions"}
    initial["conventions"] = list(meeting.conventions.all())
    initial["questions"] = "\n".join(q["label"] + (" *" if q.get("required") else "") for q in meeting.questions)
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **_meeting_data(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "heading": _("Edit the meeting"),
                                                  "zone_names": ZONE_NAMES, "submit_label": _("Save")})


@login_required
@idempotent("meetings.session_create")
def session_create(request, slug):
    meeting = _meeting(slug)
    if not perms.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    form = SessionForm(request.POST or None, initial={"timezone": meeting.timezone})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            created(request, session, url=meeting.get_absolute_url())
            messages.success(request, _("The session is added."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "heading": _("New session"),
                                                  "zone_names": ZONE_NAMES, "submit_label": _("Add the session")})


@login_required
def session_edit(request, slug, pk):
    meeting = _meeting(slug)
    session = _session(meeting, pk)
    if not perms.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            services.session_cancel(actor=request.user, session=session)
        except Conflict as exc:
            _error(request, exc)
        else:
            messages.success(request, _("The session is cancelled; registered people are told."))
        return redirect(meeting)
    zone = session.zone
    form = SessionForm(request.POST or None, initial={
        "title": session.title, "timezone": session.timezone, "join_url": session.join_url,
        "capacity": session.capacity, "starts_at": session.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": session.ends_at.astimezone(zone).replace(tzinfo=None)})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The session is saved; its calendar entry is updated."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "session": session,
                                                  "heading": _("Edit the session"), "zone_names": ZONE_NAMES,
                                                  "submit_label": _("Save")})


@login_required
@idempotent("meetings.agenda_item_create")
def agenda_item_create(request, slug):
    meeting = _meeting(slug)
    if not perms.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            created(request, item, url=meeting.get_absolute_url())
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "heading": _("New agenda item"),
                                                  "submit_label": _("Add the item")})


@login_required
@idempotent("meetings.document_create")
def document_create(request, slug):
    meeting = _meeting(slug)
    if not perms.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("file_")}
        try:
            document = services.document_create(actor=request.user, meeting=meeting, files=files_of(form), **data)
        except ValidationError as exc:
            apply_errors(form, exc, aliases={"files": "file_en"})
        else:
            created(request, document, url=meeting.get_absolute_url() + "#documents")
            messages.success(request, _("The document is added."))
            return redirect(meeting.get_absolute_url() + "#documents")
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "heading": _("New document"),
                                                  "submit_label": _("Add the document")})


@login_required
@idempotent("meetings.document_version_create")
def document_version_create(request, slug, pk):
    meeting = _meeting(slug)
    document = get_object_or_404(meeting.documents, pk=pk)
    if not perms.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    form = VersionForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_add(actor=request.user, document=document, files=files_of(form),
                                                    note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc, aliases={"files": "file_en"})
        else:
            created(request, version, url=meeting.get_absolute_url() + "#documents")
            messages.success(request, _("The new version is the current one; the previous one is kept."))
            return redirect(meeting.get_absolute_url() + "#documents")
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "document": document,
                                                  "heading": _("New version of %(symbol)s") % {"symbol": document.symbol},
                                                  "submit_label": _("Add the version")})


def document_file(request, slug, pk):
    f = get_object_or_404(DocumentFile.objects.select_related("version__document__meeting"), pk=pk,
                          version__document__meeting__slug=slug)
    return serve_file(f.file, name=f.name, content_type=f.content_type)


# --- registration ------------------------------------------------------------------------------------------------

@login_required
@idempotent("meetings.registration_create")
def register(request, slug, pk=None):
    meeting = _meeting(slug)
    session = _session(meeting, pk) if pk is not None else None
    form = RegistrationForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            reg = services.registration_create(actor=request.user, meeting=meeting, session=session,
                                               answers=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except (Conflict, PermissionDenied) as exc:
            _error(request, exc)
            return redirect(meeting)
        else:
            created(request, reg, url=meeting.get_absolute_url())
            if reg.status == "waiting":
                messages.warning(request, _("All seats are taken: you are on the waiting list, number %(n)s. "
                                            "If a seat is freed, it is yours and we will tell you by email.")
                                 % {"n": selectors.waiting_position(reg)})
            else:
                messages.success(request, _("You are registered. A confirmation with the calendar file and the "
                                            "joining link is on its way to your mailbox."))
            return redirect(meeting)
    return render(request, "meetings/register.html", {"form": form, "meeting": meeting, "session": session})


@login_required
@require_POST
def registration_cancel(request, pk):
    reg = get_object_or_404(Registration.objects.select_related("meeting", "session"), pk=pk)
    try:
        services.registration_cancel(actor=request.user, registration=reg)
    except (Conflict, PermissionDenied) as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled; your seat goes to the first person waiting."))
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else reg.meeting.get_absolute_url())


@login_required
def participants(request, slug):
    meeting = _meeting(slug)
    if not perms.can_view_participants(request.user, meeting):
        raise PermissionDenied(_("Only the meeting's organisers see the participant list."))
    regs = selectors.participants(meeting)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(meeting, regs, fmt)
    page = Paginator(regs, 200).get_page(request.GET.get("page"))
    return render(request, "meetings/participants.html", {"meeting": meeting, "page": page,
                                                          "questions": meeting.questions or []})


def _export_rows(meeting, regs):
    questions = meeting.questions or []
    yield [_("Name"), _("Email"), _("Country"), _("Organisation"), _("Session"), _("Status"), _("Registered"),
           _("Attended"), *[q["label"] for q in questions]]
    for r in regs.iterator(chunk_size=1000):
        yield [r.user.name, r.user.email, r.user.country.name if r.user.country_id else "",
               r.user.organisation_name or "", r.session.title if r.session_id else _("Whole meeting"),
               r.get_status_display(), r.created_at.strftime("%Y-%m-%d %H:%M UTC"),
               "" if r.attended is None else (_("yes") if r.attended else _("no")),
               *[r.answers.get(q["key"], "") for q in questions]]


def _export(meeting, regs, fmt):
    rows = _export_rows(meeting, regs)
    return table_response(fmt, f"{meeting.slug}-participants", next(rows), rows)


@login_required
@require_POST
def attendance(request, pk):
    reg = get_object_or_404(Registration.objects.select_related("meeting"), pk=pk)
    value = {"yes": True, "no": False}.get(request.POST.get("attended"))
    try:
        services.registration_mark_attendance(actor=request.user, registration=reg, attended=value)
    except (Conflict, PermissionDenied) as exc:
        _error(request, exc)
    return redirect(reverse("meetings:participants", args=[reg.meeting.slug]) + f"#r{reg.pk}")


# --- nominations -------------------------------------------------------------------------------------------------

@login_required
@idempotent("meetings.nomination_create")
def nominate(request, slug):
    meeting = _meeting(slug)
    countries = {c for c in focal_point_countries(request.user) if perms.can_nominate(request.user, meeting, c)}
    if not countries:
        raise PermissionDenied(_("Only a national focal point nominates participants, for its own country."))
    form = NominationForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["country"] = data["country"].code
        try:
            nomination = services.nomination_create(actor=request.user, meeting=meeting, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            back = reverse("meetings:nominate", args=[meeting.slug])
            created(request, nomination, url=back)
            messages.success(request, _("The nomination is sent to the secretariat."))
            return redirect(back)
    mine = Nomination.objects.filter(meeting=meeting, country_id__in=acting_countries(request.user)).select_related(
        "country")
    return render(request, "meetings/nominate.html", {"form": form, "meeting": meeting, "nominations": mine})


@login_required
def nominations(request, slug):
    meeting = _meeting(slug)
    if not perms.can_view_nominations(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST":
        nomination = get_object_or_404(Nomination, pk=request.POST.get("nomination"), meeting=meeting)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.nomination_decide(actor=request.user, nomination=nomination,
                                           status=form.cleaned_data["status"])
            except (ValidationError, PermissionDenied) as exc:
                _error(request, exc)
            else:
                messages.success(request, _("Decision saved; the nominee is told."))
        return redirect("meetings:nominations", slug=meeting.slug)
    rows = Nomination.objects.filter(meeting=meeting).select_related("country", "nominated_by")
    return render(request, "meetings/nominations.html", {"meeting": meeting, "nominations": rows,
                                                         "choices": DecisionForm.base_fields["status"].choices})
