"""The signed-in person's own account. Nothing here shows another person's email."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.security import django_auth

from clearinghouse.api.auth import ApiKeyAuth

from . import selectors

router = Router(tags=["accounts"])


class RoleOut(Schema):
    role: str
    role_label: str
    country: str | None
    convention: str | None


class MeOut(Schema):
    email: str
    display_name: str
    country: str | None
    organisation: str | None
    languages: list[str]
    preferred_language: str
    timezone: str
    roles: list[RoleOut]


class AccountErrorOut(Schema):
    detail: str


@router.get("/me", response={200: MeOut, 401: AccountErrorOut}, auth=[ApiKeyAuth(), django_auth],
            summary="The account the token (or session) belongs to, with its roles")
def me(request):
    user = request.auth if getattr(request.auth, "is_authenticated", False) else request.user
    roles = [RoleOut(role=r.role, role_label=str(r.get_role_display()), country=r.country_id,
                     convention=r.convention_id) for r in selectors.roles_of(user)]
    return MeOut(
        email=user.email, display_name=user.display_name, country=user.country_id,
        organisation=str(user.organisation) if user.organisation_id else (user.organisation_name or None),
        languages=list(user.languages or []), preferred_language=user.preferred_language,
        timezone=user.timezone, roles=roles,
    )
