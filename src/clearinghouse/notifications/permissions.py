"""Who may do what with official notifications, calls and submissions. Every entry point calls these."""

from __future__ import annotations

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import (
    _roles,
    is_confirmed,
    is_member_of,
    is_organisation_admin,
    is_secretariat,
)

from .models import Call, Notification, Submission


def _staff(user) -> bool:
    return is_confirmed(user) and is_secretariat(user)


# --- notifications ---------------------------------------------------------------


def can_draft_notification(user) -> bool:
    """Only secretariat staff draft notifications."""
    return _staff(user)


def can_edit_notification(user, notification: Notification) -> bool:
    return _staff(user) and notification.status in (Notification.Status.DRAFT, Notification.Status.PENDING)


def can_request_approval(user, notification: Notification) -> bool:
    return _staff(user) and notification.status == Notification.Status.DRAFT


def can_approve_notification(user, notification: Notification) -> bool:
    """A second secretariat user: never the one who drafted it."""
    return (_staff(user) and notification.status == Notification.Status.PENDING
            and notification.drafted_by_id != user.pk)


def can_publish_notification(user, notification: Notification) -> bool:
    return _staff(user) and notification.status == Notification.Status.APPROVED


def can_view_notification(user, notification: Notification) -> bool:
    return notification.status == Notification.Status.PUBLISHED or _staff(user)


def can_view_deliveries(user, notification: Notification) -> bool:
    return _staff(user)


def can_manage_groups(user) -> bool:
    return _staff(user)


# --- calls -------------------------------------------------------------------------


def can_create_call(user, notification: Notification) -> bool:
    return _staff(user)


def can_edit_call(user, call: Call) -> bool:
    return _staff(user) and call.closed_at is None


def can_close_call(user, call: Call) -> bool:
    return _staff(user) and call.closed_at is None


def can_view_call(user, call: Call) -> bool:
    return can_view_notification(user, call.notification)


def can_track_call(user, call: Call) -> bool:
    """The tracker (every eligible Party and organisation with its status), reminders, acknowledgements."""
    return _staff(user)


def _country_roles(user, call: Call, roles: tuple[str, ...]) -> set[str]:
    """Countries for which ``user`` holds one of ``roles`` in the call's convention (or with no convention)."""
    convention = call.notification.convention_id
    parent = getattr(call.notification.convention, "parent_id", None)
    ok_conventions = {None, convention, parent}
    return {c for r, c, conv in _roles(user) if r in roles and c and conv in ok_conventions}


def _call_submits_as(call: Call) -> set[str]:
    return {g.submits_as for g in call.groups.all()}


def countries_user_submits_for(user, call: Call) -> set[str]:
    """Countries ``user`` may submit for: as their national focal point for the call's convention."""
    if not is_confirmed(user) or "country" not in _call_submits_as(call):
        return set()
    return _country_roles(user, call, (Role.FOCAL_POINT,))


def countries_user_prepares_for(user, call: Call) -> set[str]:
    """Countries ``user`` may prepare a submission for: focal point or authorised user."""
    if not is_confirmed(user) or "country" not in _call_submits_as(call):
        return set()
    return _country_roles(user, call, (Role.FOCAL_POINT, Role.AUTHORISED_USER))


def organisation_is_invited(call: Call, organisation) -> bool:
    from .selectors import call_organisations

    return organisation is not None and call_organisations(call).filter(pk=organisation.pk).exists()


def can_prepare_submission(user, call: Call, *, country: str | None = None, organisation=None) -> bool:
    if not is_confirmed(user) or not can_view_call(user, call):
        return False
    if country:
        return country in countries_user_prepares_for(user, call)
    if organisation is not None:
        return is_member_of(user, organisation.pk) and organisation_is_invited(call, organisation)
    return False


def can_submit_for(user, call: Call, *, country: str | None = None, organisation=None) -> bool:
    """Submit (not only prepare): the focal point for the country, the administrator of an invited organisation."""
    if not is_confirmed(user) or not can_view_call(user, call):
        return False
    if country:
        return country in countries_user_submits_for(user, call)
    if organisation is not None:
        return is_organisation_admin(user, organisation.pk) and organisation_is_invited(call, organisation)
    return False


def _submitter_kwargs(submission: Submission) -> dict:
    if submission.country_id:
        return {"country": submission.country_id}
    return {"organisation": submission.organisation}


def can_edit_submission(user, submission: Submission) -> bool:
    return (submission.status == Submission.Status.DRAFT
            and can_prepare_submission(user, submission.call, **_submitter_kwargs(submission)))


def can_submit_submission(user, submission: Submission) -> bool:
    return (submission.status == Submission.Status.DRAFT
            and can_submit_for(user, submission.call, **_submitter_kwargs(submission)))


def can_view_submission(user, submission: Submission) -> bool:
    """A published submission: everyone. Otherwise its own country's or organisation's people and the staff."""
    if submission.published_at and submission.status == Submission.Status.SUBMITTED:
        return can_view_call(user, submission.call)
    if _staff(user) and submission.status == Submission.Status.SUBMITTED:
        return True  # a draft stays the country's (or organisation's) own until it is submitted
    return can_prepare_submission(user, submission.call, **_submitter_kwargs(submission))


def can_publish_submission(user, submission: Submission) -> bool:
    return (_staff(user) and submission.status == Submission.Status.SUBMITTED and submission.consent_publish
            and submission.published_at is None)


def can_acknowledge_submission(user, submission: Submission) -> bool:
    return _staff(user) and submission.status == Submission.Status.SUBMITTED and submission.acknowledged_at is None


def can_download_compilation(user, call: Call) -> bool:
    return can_view_call(user, call)
