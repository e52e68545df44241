"""One function per record action, called by every entry point (pages, API, admin, commands)."""

from __future__ import annotations

from clearinghouse.accounts.permissions import (
    acting_countries,
    can_manage_memberships,
    is_focal_point,
    is_member_of,
    is_secretariat,
)

from .models import Record, RecordKind, Status, Visibility


def _confirmed(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.email_confirmed_at or user.is_superuser))


def can_create_record(user, *, kind: str, country: str | None) -> bool:
    if not _confirmed(user):
        return False
    if country:
        return country in acting_countries(user) or is_secretariat(user)
    # Without a country: the secretariat, or anyone for their own expert/organisation profile and news.
    return is_secretariat(user) or kind in (RecordKind.EXPERT, RecordKind.ORGANISATION, RecordKind.GOOD_PRACTICE,
                                            RecordKind.TOOL, RecordKind.CAPACITY_BUILDING,
                                            RecordKind.TRADITIONAL_KNOWLEDGE)


def _acts_for(user, record: Record) -> bool:
    return bool(record.country_id) and record.country_id in acting_countries(user)


def can_publish_record(user, record: Record) -> bool:
    if not _confirmed(user) or record.status == Status.ARCHIVED:
        return False
    if is_secretariat(user):
        return True
    return bool(record.country_id) and is_focal_point(user, record.country_id)


def can_edit_record(user, record: Record) -> bool:
    if not _confirmed(user) or record.status == Status.ARCHIVED:
        return False
    return record.owner_id == user.pk or _acts_for(user, record) or is_secretariat(user)


def can_break_lock(user, record: Record) -> bool:
    """Take over editing from someone whose edit lease still runs: the record's publishers (focal point of its
    country, or the secretariat)."""
    return can_publish_record(user, record)


def can_submit_record(user, record: Record) -> bool:
    return can_edit_record(user, record) and record.status == Status.DRAFT


def can_return_record(user, record: Record) -> bool:
    return can_publish_record(user, record) and record.status == Status.SUBMITTED


def can_archive_record(user, record: Record) -> bool:
    """Take a record out of view (nothing is deleted). A published record: its publishers;
    a draft that was never published: also the people who may edit it (to discard it)."""
    if record.revision > 0:
        return can_publish_record(user, record)
    return can_edit_record(user, record) or can_publish_record(user, record)


def can_restore_record(user, record: Record) -> bool:
    if not (_confirmed(user) and record.status == Status.ARCHIVED):
        return False
    if is_secretariat(user) or (bool(record.country_id) and is_focal_point(user, record.country_id)):
        return True
    # A discarded draft can be taken back by those who could edit it.
    return record.revision == 0 and (record.owner_id == user.pk or _acts_for(user, record))


def can_view_draft(user, record: Record) -> bool:
    """See the working copy, its history and review comments."""
    if not (user and user.is_authenticated):
        return False
    return (record.owner_id == user.pk or _acts_for(user, record) or is_secretariat(user)
            or can_publish_record(user, record))


def can_comment_record(user, record: Record) -> bool:
    return can_view_draft(user, record)


def can_share_record(user, record: Record) -> bool:
    return can_edit_record(user, record)


def can_view_record(user, record: Record) -> bool:
    """See the published record (its latest published revision).

    Decided from what was published (``live_*``, set only by the publish service), never from the working
    copy: a draft changed to "public" exposes nothing until it is published."""
    if can_view_draft(user, record):
        return True
    if record.revision == 0 or record.status == Status.ARCHIVED:
        return False
    if record.live_visibility == Visibility.PUBLIC:
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    if record.live_visibility == Visibility.REGISTERED:
        return True
    # Restricted (traditional knowledge): the people the community approved as members, and the people the
    # record names. Membership is granted by the community, never declared by the person.
    if record.live_community_id and is_member_of(user, record.live_community_id):
        return True
    if record.live_restricted_to.filter(pk=user.pk).exists():
        return True
    # An address named before its owner had an account: it counts once the account is confirmed.
    return bool(user.email_confirmed_at) and record.pending_readers.filter(
        live=True, email=(user.email or "").lower()).exists()


def is_restricted(record: Record) -> bool:
    """Views of this record are logged for its community."""
    return record.live_visibility == Visibility.RESTRICTED or (
        record.revision == 0 and record.visibility == Visibility.RESTRICTED)


def can_view_access_log(user, organisation) -> bool:
    """Who read a community's restricted records: its administrators and the secretariat."""
    return bool(organisation) and can_manage_memberships(user, organisation)


RECORD_ACTIONS = {
    "create": None,  # needs kind and country, see can_create_record
    "view": can_view_record,
    "view_draft": can_view_draft,
    "edit": can_edit_record,
    "submit": can_submit_record,
    "publish": can_publish_record,
    "return": can_return_record,
    "archive": can_archive_record,
    "restore": can_restore_record,
    "comment": can_comment_record,
    "share": can_share_record,
    "break_lock": can_break_lock,
}
