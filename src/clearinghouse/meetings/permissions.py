"""Who may do what with meetings. Every entry point (pages, API, services) calls these."""

from __future__ import annotations

from clearinghouse.accounts.permissions import is_confirmed, is_focal_point, is_secretariat


def can_create_meeting(user) -> bool:
    return is_confirmed(user) and is_secretariat(user)


def is_organiser(user, meeting) -> bool:
    """The secretariat, or a person the meeting names among its organisers with access."""
    if not is_confirmed(user):
        return False
    if is_secretariat(user):
        return True
    cache = getattr(meeting, "_manager_ids", None)
    if cache is None:
        cache = set(meeting.managers.values_list("pk", flat=True))
        meeting._manager_ids = cache
    return user.pk in cache


def can_manage_meeting(user, meeting) -> bool:
    """Edit, add sessions, agenda items and documents."""
    return is_organiser(user, meeting)


def can_view_participants(user, meeting) -> bool:
    """The participant list, its export and attendance marking: organisers only."""
    return is_organiser(user, meeting)


def can_mark_attendance(user, meeting) -> bool:
    return is_organiser(user, meeting)


def registration_open(meeting, session=None) -> bool:
    if meeting.status in ("cancelled", "held"):
        return False
    if session is None:
        return meeting.registration == "meeting"
    return meeting.registration == "session" and not session.is_cancelled


def can_register(user, meeting, session=None) -> bool:
    return is_confirmed(user) and registration_open(meeting, session)


def can_cancel_registration(user, registration) -> bool:
    """The participant, or an organiser."""
    if registration.status == "cancelled" or not is_confirmed(user):
        return False
    return registration.user_id == user.pk or is_organiser(user, registration.meeting)


def can_nominate(user, meeting, country: str | None) -> bool:
    """Only a focal point, and only for its own country, on a meeting that takes nominations."""
    return bool(meeting.nominations and country and meeting.status not in ("cancelled", "held")
                and is_confirmed(user) and is_focal_point(user, country))


def can_view_nominations(user, meeting) -> bool:
    return is_confirmed(user) and is_secretariat(user)


def can_decide_nomination(user, nomination) -> bool:
    """The secretariat accepts, declines or waitlists."""
    return is_confirmed(user) and is_secretariat(user)


def can_see_join_link(user, session, *, registered_targets: set[str] | None = None) -> bool:
    """Joining links: registered (confirmed) participants and organisers only."""
    if not is_confirmed(user):
        return False
    if is_organiser(user, session.meeting):
        return True
    if registered_targets is None:
        from .models import Registration

        registered_targets = set(Registration.objects.filter(
            user=user, status="confirmed").values_list("target", flat=True))
    return f"s{session.pk}" in registered_targets or f"m{session.meeting_id}" in registered_targets


def can_use_personal_calendar(user) -> bool:
    return is_confirmed(user)


MEETING_ACTIONS = {
    "manage": can_manage_meeting,
    "participants": can_view_participants,
    "attendance": can_mark_attendance,
    "nominations": can_view_nominations,
}


def is_confirmed_user(user) -> bool:
    return is_confirmed(user)
