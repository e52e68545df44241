"""Reads of accounts, roles, invitations and tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken, Invitation, Role, RoleAssignment


def roles_of(user) -> QuerySet[RoleAssignment]:
    return (RoleAssignment.objects.active().filter(user=user)
            .select_related("country", "convention").order_by("role", "country_id", "convention_id"))


def authorised_users_of(country) -> QuerySet[RoleAssignment]:
    """Active authorised-user roles of a country, with the people holding them."""
    return (RoleAssignment.objects.active().filter(role=Role.AUTHORISED_USER, country=country)
            .select_related("user", "user__organisation", "convention", "granted_by")
            .order_by("user__display_name", "user__email"))


def invitations_open_for(country) -> QuerySet[Invitation]:
    return (Invitation.objects.filter(country=country, accepted_at__isnull=True, cancelled_at__isnull=True,
                                      expires_at__gt=timezone.now())
            .select_related("invited_by", "convention").order_by("-created_at"))


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def memberships_of(user):
    from .models import OrganisationMembership

    return (OrganisationMembership.objects.filter(user=user).select_related("organisation", "decided_by")
            .order_by("state", "organisation__name"))


def organisation_memberships(organisation, *, states=("requested", "approved")):
    from .models import OrganisationMembership

    return (OrganisationMembership.objects.filter(organisation=organisation, state__in=states)
            .select_related("user", "decided_by").order_by("state", "-requested_at"))


def organisations_managed_by(user):
    """Organisations whose members this person manages as an administrator."""
    from .models import Organisation

    return Organisation.objects.filter(memberships__user=user, memberships__state="approved",
                                       memberships__role="administrator").order_by("name")
