"""Who may do what in partnerships. One function per action; every page, API endpoint and service calls them.

Acting for a member: an organisation is acted for by its approved members and administrators
(``accounts.OrganisationMembership``, never self-declared); a government by its national focal point.
"""

from __future__ import annotations

from clearinghouse.accounts import permissions as ap

from .models import Activity, Member, OverlapSuggestion, Partnership, WorkItem


def is_coordinator(user, partnership: Partnership) -> bool:
    """A coordinator named on the partnership, or the secretariat."""
    if not ap.is_confirmed(user):
        return False
    if ap.is_secretariat(user):
        return True
    cache = getattr(user, "_coordinated_cache", None)
    if cache is None:
        cache = set(user.coordinated_partnerships.values_list("pk", flat=True))
        user._coordinated_cache = cache
    return partnership.pk in cache


def can_create_partnership(user) -> bool:
    return ap.is_confirmed(user) and ap.is_secretariat(user)


def can_manage_partnership(user, partnership: Partnership) -> bool:
    """Edit the partnership's text, elements, coordinators; the work programme."""
    return is_coordinator(user, partnership)


def can_act_for_organisation(user, organisation_id: int | None) -> bool:
    return ap.is_member_of(user, organisation_id)


def can_act_for_government(user, country_code: str | None) -> bool:
    return bool(country_code) and ap.is_confirmed(user) and ap.is_focal_point(user, country_code)


def can_act_for_party(user, member: Member) -> bool:
    """The person speaks for the organisation or government behind ``member`` (whatever its state)."""
    if member.kind == Member.Kind.GOVERNMENT:
        return can_act_for_government(user, member.government_id)
    return can_act_for_organisation(user, member.organisation_id)


def can_request_join(user, partnership: Partnership, *, organisation=None, government: str | None = None) -> bool:
    if not ap.is_confirmed(user) or not partnership.is_open:
        return False
    if organisation is not None:
        return can_act_for_organisation(user, organisation.pk)
    if government:
        return can_act_for_government(user, government)
    return bool(ap.member_organisation_ids(user) or ap.focal_point_countries(user))


def can_decide_member(user, member: Member) -> bool:
    return member.state == Member.State.REQUESTED and is_coordinator(user, member.partnership)


def can_leave(user, member: Member) -> bool:
    if member.state not in (Member.State.ACTIVE, Member.State.REQUESTED):
        return False
    return can_act_for_party(user, member) or is_coordinator(user, member.partnership)


def can_act_for_member(user, member: Member) -> bool:
    return member.state == Member.State.ACTIVE and can_act_for_party(user, member)


def can_register_activity(user, member: Member) -> bool:
    """Only members register activities, and only for themselves."""
    return can_act_for_member(user, member)


def can_edit_activity(user, activity: Activity) -> bool:
    return (activity.withdrawn_at is None
            and (can_act_for_member(user, activity.member) or is_coordinator(user, activity.partnership)))


def can_view_activity(user, activity: Activity) -> bool:
    if activity.is_public and activity.withdrawn_at is None:
        return True
    return can_act_for_party(user, activity.member) or is_coordinator(user, activity.partnership)


def can_review_overlaps(user, partnership: Partnership) -> bool:
    return is_coordinator(user, partnership)


def can_decide_overlap(user, suggestion: OverlapSuggestion) -> bool:
    return suggestion.state == OverlapSuggestion.State.OPEN and is_coordinator(user, suggestion.partnership)


def can_contact_member(user, member: Member) -> bool:
    """Write to a member through the platform: any confirmed person, not to themselves."""
    return ap.is_confirmed(user) and member.state == Member.State.ACTIVE and not can_act_for_party(user, member)


def can_register_need(user, partnership: Partnership, country: str | None) -> bool:
    """A country's focal point or authorised user states its needs; coordinators may record them too."""
    if not ap.is_confirmed(user) or not country:
        return False
    return country in ap.acting_countries(user) or is_coordinator(user, partnership)


def can_update_work_item(user, item: WorkItem) -> bool:
    """Report progress: the coordinators and whoever acts for the item's lead."""
    if is_coordinator(user, item.partnership):
        return True
    return item.lead_id is not None and can_act_for_member(user, item.lead)


def can_subscribe_digest(user, partnership: Partnership) -> bool:
    """Members' people (and coordinators) may ask for the digest."""
    if not ap.is_confirmed(user):
        return False
    return is_coordinator(user, partnership) or any(
        can_act_for_member(user, m) for m in partnership.members.filter(state=Member.State.ACTIVE)
        .filter(_acting_filter(user)))


def _acting_filter(user):
    from django.db.models import Q

    return (Q(kind=Member.Kind.ORGANISATION, organisation_id__in=ap.member_organisation_ids(user))
            | Q(kind=Member.Kind.GOVERNMENT, government_id__in=ap.focal_point_countries(user)))


def acting_members(user, partnership: Partnership):
    """The active members of ``partnership`` the user may act for."""
    if not ap.is_confirmed(user):
        return Member.objects.none()
    return partnership.members.filter(state=Member.State.ACTIVE).filter(_acting_filter(user))


ACTIONS = {
    "create_partnership": can_create_partnership,
    "manage_partnership": can_manage_partnership,
    "request_join": can_request_join,
    "decide_member": can_decide_member,
    "leave": can_leave,
    "register_activity": can_register_activity,
    "edit_activity": can_edit_activity,
    "view_activity": can_view_activity,
    "review_overlaps": can_review_overlaps,
    "decide_overlap": can_decide_overlap,
    "contact_member": can_contact_member,
    "register_need": can_register_need,
    "update_work_item": can_update_work_item,
    "subscribe_digest": can_subscribe_digest,
}
