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

