"""Who may do what with accounts and roles. Every entry point calls these."""

from __future__ import annotations

from .models import Role, RoleAssignment


def _roles(user) -> list[tuple[str, str | None, str | None]]:
    """Active roles of a user as (role, country, convention), cached on the user object."""
    if user is None or not user.is_authenticated:
        return []
    cache = getattr(user, "_role_cache", None)
    if cache is None:
        cache = list(RoleAssignment.objects.active().filter(user=user).values_list("role", "country_id", "convention_id"))
        user._role_cache = cache
    return cache


def clear_role_cache(user) -> None:
    if hasattr(user, "_role_cache"):
        del user._role_cache


def has_role(user, role: str, *, country: str | None = None, convention: str | None = None) -> bool:
    for r, c, conv in _roles(user):
        if r != role:
            continue
        if country is not None and c not in (None, country) and role != Role.SECRETARIAT:
            continue
        if country is not None and role in (Role.FOCAL_POINT, Role.AUTHORISED_USER) and c != country:
            continue
        if convention is not None and conv not in (None, convention):
            continue
        return True
    return False


def is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or has_role(user, Role.SECRETARIAT)))


def is_moderator(user) -> bool:
    return is_secretariat(user) or has_role(user, Role.MODERATOR)


def is_focal_point(user, country: str | None = None) -> bool:
    return has_role(user, Role.FOCAL_POINT, country=country) if country else has_role(user, Role.FOCAL_POINT)


def focal_point_countries(user) -> set[str]:
    return {c for r, c, _ in _roles(user) if r == Role.FOCAL_POINT and c}


def acting_countries(user) -> set[str]:
    """Countries a user may contribute for: as focal point or authorised user."""
    return {c for r, c, _ in _roles(user) if r in (Role.FOCAL_POINT, Role.AUTHORISED_USER) and c}


def is_partner(user) -> bool:
    return has_role(user, Role.PARTNER)


def can_invite_authorised_user(user, country: str | None) -> bool:
    if not country or not is_confirmed(user):
        return False
    return is_focal_point(user, country) or is_secretariat(user)


def can_remove_role(user, assignment: RoleAssignment) -> bool:
    if not is_confirmed(user) or assignment.revoked_at is not None:
        return False
    if is_secretariat(user):
        return True
    return assignment.role == Role.AUTHORISED_USER and is_focal_point(user, assignment.country_id)


def can_assign_role(user, role: str, country: str | None) -> bool:
    if not is_confirmed(user):
        return False
    if is_secretariat(user):
        return True
    return role == Role.AUTHORISED_USER and country is not None and is_focal_point(user, country)


# --- account actions ---------------------------------------------------------
# One function per action; every page, API endpoint and admin action calls them.


def is_confirmed(user) -> bool:
    """A signed-in, active person whose email address is confirmed (or a superuser)."""
    return bool(
        user is not None and user.is_authenticated and user.is_active
        and (getattr(user, "email_confirmed_at", None) or user.is_superuser)
    )


def can_update_profile(user, target) -> bool:
    """Edit a person's profile: themselves, or the secretariat."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return user.pk == target.pk or is_secretariat(user)


def can_view_authorised_users(user, country: str) -> bool:
    """See the list of authorised users of a country (and its open invitations)."""
    return is_confirmed(user) and can_invite_authorised_user(user, country)


def can_cancel_invitation(user, invitation) -> bool:
    if not is_confirmed(user) or not invitation.is_open:
        return False
    return is_secretariat(user) or is_focal_point(user, invitation.country_id)


def can_accept_invitation(user, invitation) -> bool:
    """Only the person the invitation was sent to, while it is open."""
    return (
        is_confirmed(user) and invitation.is_open
        and (user.email or "").strip().lower() == (invitation.email or "").strip().lower()
    )


def can_manage_tokens(user) -> bool:
    """Create and list one's own API tokens."""
    return is_confirmed(user)


def can_revoke_token(user, token) -> bool:
    return is_confirmed(user) and (token.user_id == user.pk or is_secretariat(user))



# --- organisation memberships -------------------------------------------------
# Membership is granted, never self-declared: a person asks, the organisation's administrators or the
# secretariat decide.


def _memberships(user) -> dict[int, str]:
    """Approved memberships of a user as {organisation id: member role}, cached on the user object."""
    if user is None or not user.is_authenticated:
        return {}
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        from .models import OrganisationMembership

        cache = dict(OrganisationMembership.objects.filter(
            user=user, state=OrganisationMembership.State.APPROVED).values_list("organisation_id", "role"))
        user._membership_cache = cache
    return cache


def clear_membership_cache(user) -> None:
    if hasattr(user, "_membership_cache"):
        del user._membership_cache


def member_organisation_ids(user) -> set[int]:
    """Organisations the user is an approved member of (active, confirmed accounts only)."""
    if not is_confirmed(user):
        return set()
    return set(_memberships(user))


def is_member_of(user, organisation_id: int | None) -> bool:
    return bool(organisation_id) and organisation_id in member_organisation_ids(user)


def is_organisation_admin(user, organisation_id: int | None) -> bool:
    from .models import OrganisationMembership

    return (bool(organisation_id) and is_confirmed(user)
            and _memberships(user).get(organisation_id) == OrganisationMembership.MemberRole.ADMINISTRATOR)


def can_request_membership(user, organisation) -> bool:
    """Ask to join: any confirmed person who is not already a member."""
    return is_confirmed(user) and not is_member_of(user, organisation.pk)


def can_manage_memberships(user, organisation) -> bool:
    """See who asked to join and who is a member; approve, decline, revoke, grant."""
    return is_confirmed(user) and (is_secretariat(user) or is_organisation_admin(user, organisation.pk))


def can_decide_membership(user, membership) -> bool:
    """Approve or decline a request. Nobody decides their own request, except the secretariat."""
    if membership.state != "requested" or not can_manage_memberships(user, membership.organisation):
        return False
    return membership.user_id != user.pk or is_secretariat(user)


def can_revoke_membership(user, membership) -> bool:
    """End an approved membership: the organisation's administrators, the secretariat, or the member (leave)."""
    if membership.state != "approved" or not is_confirmed(user):
        return False
    return membership.user_id == user.pk or can_manage_memberships(user, membership.organisation)


def can_grant_membership(user, organisation) -> bool:
    """Make someone a member or administrator directly: the organisation's administrators or the secretariat
    (the secretariat names a community's first administrator)."""
    return can_manage_memberships(user, organisation)


MEMBERSHIP_ACTIONS = {
    "request": can_request_membership,
    "manage": can_manage_memberships,
    "decide": can_decide_membership,
    "revoke": can_revoke_membership,
    "grant": can_grant_membership,
}
