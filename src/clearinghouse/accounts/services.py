"""Every change to accounts, roles, invitations and API tokens goes through these
functions: pages, the API, admin actions, demo data and test factories alike."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clearinghouse.alerts import services as notify
from clearinghouse.core.errors import Conflict
from clearinghouse.core.models import Convention, Country

from . import permissions as perms
from . import tokens
from .models import ApiToken, Invitation, Organisation, Role, RoleAssignment, User

log = logging.getLogger(__name__)

INVITE_SALT = "clearinghouse.accounts.invitation"
CONFIRMATION_MAILS_PER_HOUR = 3  # per account: the first link and two more
PASSWORD_RESET_MAILS_PER_HOUR = 3
TOKEN_PREFIX = "chk_"

PROFILE_FIELDS = (
    "display_name", "organisation", "organisation_name", "country", "languages", "expertise", "timezone",
    "preferred_language",
)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _content_languages(values: Iterable[str] | None) -> list[str]:
    allowed = dict(settings.CONTENT_LANGUAGES)
    out = []
    for v in values or []:
        if v not in allowed:
            raise ValidationError({"languages": [_("“%(lang)s” is not a language we know.") % {"lang": v}]})
        if v not in out:
            out.append(v)
    return out


def _ui_language(value: str | None) -> str:
    if not value:
        return ""
    if value not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": [_("Choose one of the languages of the site.")]})
    return value


def _country(value) -> Country | None:
    if value in (None, ""):
        return None
    if isinstance(value, Country):
        return value
    try:
        return Country.objects.get(pk=str(value).upper())
    except Country.DoesNotExist:
        raise ValidationError({"country": [_("Unknown country.")]})


def _convention(value) -> Convention | None:
    if value in (None, ""):
        return None
    if isinstance(value, Convention):
        return value
    try:
        return Convention.objects.get(pk=str(value))
    except Convention.DoesNotExist:
        raise ValidationError({"convention": [_("Unknown convention.")]})


# --- sign-up and email confirmation -----------------------------------------


def confirmation_token(user: User) -> str:
    """The token of a confirmation link: it names the account and works once, for
    ``EMAIL_CONFIRMATION_TIMEOUT`` seconds, and not after a password change (accounts/tokens.py)."""
    return tokens.confirmation_link_token(user)


def account_mail_allowed(kind: str, user: User, per_hour: int) -> bool:
    """At most ``per_hour`` mails of a kind to an account each hour (asking again must not flood a mailbox).
    An atomic counter in the database (core.ratelimit), so it holds across processes and parallel requests."""
    from clearinghouse.core.ratelimit import rate_take

    return rate_take(f"accounts-mail:{kind}:{user.pk}", limit=per_hour, seconds=3600)


def _send_confirmation(user: User) -> None:
    if not account_mail_allowed("confirm", user, CONFIRMATION_MAILS_PER_HOUR):
        log.info("confirmation mail to account %s not sent: %s already this hour", user.pk,
                 CONFIRMATION_MAILS_PER_HOUR)
        return
    url = _absolute(reverse("accounts:confirm", kwargs={"token": confirmation_token(user)}))
    notify.email_to_user(user, template="accounts/email/confirm", context={
        "url": url, "hours": settings.EMAIL_CONFIRMATION_TIMEOUT // 3600,
    })


def _send_already_registered(user: User) -> None:
    notify.email_to_user(user, template="accounts/email/already_registered", context={
        "login_url": _absolute(reverse("accounts:login")),
        "reset_url": _absolute(reverse("accounts:password_reset")),
    })


@transaction.atomic
def user_signup(
    *,
    email: str,
    password: str,
    display_name: str,
    country=None,
    organisation=None,
    languages: Iterable[str] | None = None,
    preferred_language: str = "",
    invitation_token: str | None = None,
) -> User | None:
    """Create an account that stays inactive until its address is confirmed.

    When the address already has an account, nothing is created and the owner of
    the address is told so by mail: the page shown is the same either way, so a
    sign-up never reveals whether an address is registered. Returns the new user,
    or None when the address was already registered.

    With the token of an open invitation sent to the same address, the address is
    proven already: the account is active at once and the invitation accepted.
    """
    email = normalise_email(email)
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid email address.")]
    display_name = (display_name or "").strip()
    if not display_name:
        errors["display_name"] = [_("Tell us your name.")]
    invitation = None
    if invitation_token:
        invitation = invitation_from_token(invitation_token)
        if normalise_email(invitation.email) != email:
            errors["email"] = [_("This invitation was sent to another address.")]
    probe = User(email=email, display_name=display_name)
    try:
        validate_password(password, user=probe)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    org_instance = None  # a new account is a member of nothing: membership is asked for and granted
    org_name = (organisation.name if isinstance(organisation, Organisation) else (organisation or "")).strip()
    try:
        country_obj = _country(country)
        langs = _content_languages(languages)
        ui_lang = _ui_language(preferred_language) or (translation.get_language() or "")
        if ui_lang not in dict(settings.LANGUAGES):
            ui_lang = ""
    except ValidationError as exc:
        for k, v in exc.message_dict.items():
            errors.setdefault(k, []).extend(v)
    if errors:
        raise ValidationError(errors)

    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if invitation is not None:
            raise ValidationError({"email": [_("You already have an account: log in to accept the invitation.")]})
        if existing.is_active or existing.email_confirmed_at:
            _send_already_registered(existing)
        else:
            _send_confirmation(existing)  # asked again before confirming: a fresh link
        return None

    user = User(
        email=email,
        username=email if len(email) <= 150 else uuid.uuid4().hex,
        display_name=display_name,
        country=country_obj,
        organisation=org_instance,
        organisation_name=org_name[:255],
        languages=langs,
        preferred_language=ui_lang,
        is_active=False,
    )
    user.set_password(password)
    if invitation is not None:
        user.is_active = True
        user.email_confirmed_at = timezone.now()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address, signed up a moment ago in another request
        return None
    if invitation is not None:
        invitation_accept(actor=user, token=invitation_token)
    else:
        _send_confirmation(user)
    return user


def user_email_confirm(*, token: str) -> User:
    """Confirm the address and activate the account a confirmation link names.

    Works once: the token hashes the confirmed state, so a link that has done its work (or one made before
    a password change, or older than ``EMAIL_CONFIRMATION_TIMEOUT``) is refused with a ValidationError whose
    code says why: "confirmed" (say so and point to the login page), "expired" or "invalid"."""
    invalid = ValidationError(_("This confirmation link is not valid. Check that you copied all of it, "
                                "or ask for a new one below."), code="invalid")
    uid, key = tokens.split_confirmation_link_token(token)
    user = User.objects.filter(pk=uid).first() if uid else None
    if user is None:
        raise invalid
    state = tokens.email_confirmation_tokens.state(user, key)
    if state == tokens.EXPIRED:
        raise ValidationError(_("This confirmation link has expired. Ask for a new one below."), code="expired")
    if state != tokens.VALID:
        if user.email_confirmed_at is not None and tokens.email_confirmation_tokens.was_valid_before_confirming(
            user, key
        ):
            raise ValidationError(_("Your email address is already confirmed: please log in."), code="confirmed")
        raise invalid
    # One conditional update: two clicks at once cannot both be the first use.
    now = timezone.now()
    if not User.objects.filter(pk=user.pk, email_confirmed_at__isnull=True).update(email_confirmed_at=now,
                                                                                    is_active=True):
        raise ValidationError(_("Your email address is already confirmed: please log in."), code="confirmed")
    user.email_confirmed_at, user.is_active = now, True
    return user


def user_confirmation_resend(*, email: str) -> None:
    """Send a new confirmation link if the address has an account awaiting confirmation.

    Says nothing either way, so the page cannot be used to test addresses."""
    user = User.objects.filter(email__iexact=normalise_email(email), email_confirmed_at__isnull=True).first()
    if user is not None:
        _send_confirmation(user)


def user_profile_update(*, actor, user: User, **fields) -> User:
    if not perms.can_update_profile(actor, user):
        raise PermissionDenied(_("You cannot change this profile."))
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    if "display_name" in fields:
        fields["display_name"] = (fields["display_name"] or "").strip()
        if not fields["display_name"]:
            raise ValidationError({"display_name": [_("Tell us your name.")]})
    if "country" in fields:
        fields["country"] = _country(fields["country"])
    if "languages" in fields:
        fields["languages"] = _content_languages(fields["languages"])
    if "preferred_language" in fields:
        fields["preferred_language"] = _ui_language(fields["preferred_language"])
    if "timezone" in fields and fields["timezone"]:
        import zoneinfo

        if fields["timezone"] not in zoneinfo.available_timezones():
            raise ValidationError({"timezone": [_("Choose a time zone from the list.")]})
    if "organisation" in fields and fields["organisation"] is not None and not isinstance(
        fields["organisation"], Organisation
    ):
        fields["organisation"] = Organisation.objects.filter(pk=fields["organisation"]).first()
    if fields.get("organisation") is not None and not perms.is_member_of(user, fields["organisation"].pk):
        # Membership is granted, never declared: a person names only an organisation that approved them.
        raise ValidationError({"organisation": [
            _("You are not a member of %(org)s yet. Ask to join it: its administrators decide.")
            % {"org": fields["organisation"]}]})
    for name, value in fields.items():
        setattr(user, name, value if value is not None or name in ("organisation", "country") else "")
    user.save(update_fields=[*fields.keys()])
    return user


# --- roles ------------------------------------------------------------------

SCOPED_BY_COUNTRY = (Role.FOCAL_POINT, Role.AUTHORISED_USER)


@transaction.atomic
def role_assign(*, actor, user: User, role: str, country=None, convention=None) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    country_obj = _country(country)
    convention_obj = _convention(convention)
    if role in SCOPED_BY_COUNTRY and country_obj is None:
        raise ValidationError({"country": [_("This role is given for a country: choose one.")]})
    if not perms.can_assign_role(actor, role, country_obj.pk if country_obj else None):
        raise PermissionDenied(_("You cannot give this role."))
    exists = RoleAssignment.objects.active().filter(
        user=user, role=role, country=country_obj, convention=convention_obj
    ).exists()
    if exists:
        raise Conflict(_("%(person)s already has this role.") % {"person": user})
    assignment = RoleAssignment.objects.create(
        user=user, role=role, country=country_obj, convention=convention_obj,
        granted_by=actor if getattr(actor, "pk", None) else None,
    )
    perms.clear_role_cache(user)
    with translation.override(notify.user_language(user)):
        text = _("You are now %(role)s%(scope)s.") % {
            "role": assignment.get_role_display(),
            "scope": f" ({country_obj})" if country_obj else "",
        }
    notify.notice_create(user=user, verb="role-granted", text=text, url=reverse("accounts:dashboard"))
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> RoleAssignment:
    assignment = RoleAssignment.objects.select_for_update(of=("self",)).select_related("user", "country").get(pk=assignment.pk)
    if assignment.revoked_at is not None:
        raise Conflict(_("This role was already removed."))
    if not perms.can_remove_role(actor, assignment):
        raise PermissionDenied(_("You cannot remove this role."))
    assignment.revoked_at = timezone.now()
    assignment.revoked_by = actor
    assignment.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    perms.clear_role_cache(assignment.user)
    with translation.override(notify.user_language(assignment.user)):
        text = _("You are no longer %(role)s%(scope)s.") % {
            "role": assignment.get_role_display(),
            "scope": f" ({assignment.country})" if assignment.country_id else "",
        }
    notify.notice_create(user=assignment.user, verb="role-revoked", text=text, url=reverse("accounts:dashboard"))
    return assignment


# --- invitations --------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.Signer(salt=INVITE_SALT).sign(str(invitation.uid))


def invitation_from_token(token: str) -> Invitation:
    """The open invitation a link names, or a ValidationError saying why it cannot be used."""
    try:
        uid = signing.Signer(salt=INVITE_SALT).unsign(token)
        invitation = Invitation.objects.select_related("country", "convention", "invited_by").get(uid=uid)
    except (signing.BadSignature, Invitation.DoesNotExist, ValidationError, ValueError):
        raise ValidationError(_("This invitation link is not valid. Check that you copied all of it."),
                              code="invalid")
    if invitation.cancelled_at:
        raise ValidationError(_("This invitation was withdrawn. Ask the focal point for a new one."),
                              code="cancelled")
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."), code="accepted")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired. Ask the focal point for a new one."),
                              code="expired")
    return invitation


@transaction.atomic
def invitation_create(*, actor, email: str, country, convention=None, message: str = "") -> Invitation:
    """A focal point (or the secretariat) invites a person to act as authorised user for the country."""
    country_obj = _country(country)
    if country_obj is None:
        raise ValidationError({"country": [_("Choose the country.")]})
    if not perms.can_invite_authorised_user(actor, country_obj.pk):
        raise PermissionDenied(_("Only a focal point of %(country)s can invite its authorised users.")
                               % {"country": country_obj})
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter a valid email address.")]})
    convention_obj = _convention(convention)
    if RoleAssignment.objects.active().filter(
        user__email__iexact=email, role=Role.AUTHORISED_USER, country=country_obj
    ).exists():
        raise ValidationError({"email": [_("This person is already an authorised user of %(country)s.")
                                         % {"country": country_obj}]})
    if Invitation.objects.filter(
        email__iexact=email, country=country_obj, accepted_at__isnull=True, cancelled_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError({"email": [_("This address already has an open invitation for %(country)s.")
                                         % {"country": country_obj}]})
    invitation = Invitation.objects.create(
        email=email, role=Role.AUTHORISED_USER, country=country_obj, convention=convention_obj,
        invited_by=actor, message=(message or "").strip()[:5000],
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS),
    )
    existing = User.objects.filter(email__iexact=email).first()
    language = notify.user_language(existing) if existing else (translation.get_language() or None)
    notify.email_send(to=email, template="accounts/email/invitation", language=language, context={
        "invitation": invitation,
        "inviter": actor,
        "url": _absolute(reverse("accounts:invitation", kwargs={"token": invitation_token(invitation)})),
        "days": settings.INVITATION_DAYS,
    })
    return invitation


@transaction.atomic
def invitation_accept(*, actor, token: str) -> RoleAssignment:
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("country", "invited_by").get(pk=invitation.pk)
    if not perms.can_accept_invitation(actor, invitation):
        raise PermissionDenied(_("This invitation was sent to %(email)s: log in with that address to accept it.")
                               % {"email": invitation.email})
    assignment = RoleAssignment.objects.active().filter(
        user=actor, role=invitation.role, country=invitation.country, convention=invitation.convention
    ).first()
    if assignment is None:
        assignment = RoleAssignment.objects.create(
            user=actor, role=invitation.role, country=invitation.country, convention=invitation.convention,
            granted_by=invitation.invited_by,
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    perms.clear_role_cache(actor)
    inviter = invitation.invited_by
    with translation.override(notify.user_language(inviter)):
        text = _("%(person)s accepted your invitation to act for %(country)s.") % {
            "person": actor, "country": invitation.country,
        }
    notify.notice_create(user=inviter, verb="invitation-accepted", text=text,
                         url=reverse("accounts:country-users", kwargs={"code": invitation.country_id}))
    return assignment


@transaction.atomic
def invitation_cancel(*, actor, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.cancelled_at:
        raise Conflict(_("This invitation is no longer open."))
    if not perms.can_cancel_invitation(actor, invitation):
        raise PermissionDenied(_("You cannot withdraw this invitation."))
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at", "updated_at"])
    return invitation


# --- API tokens ---------------------------------------------------------------


def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """Make a personal API token. Returns the token and its key; only a hash of the key is kept."""
    if not perms.can_manage_tokens(actor):
        raise PermissionDenied(_("Confirm your email address before making API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, e.g. the script that will use it.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("Keep the name under 100 characters.")]})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, prefix=key[:12], key_hash=ApiToken.hash_key(key))
    return token, key


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if not perms.can_revoke_token(actor, token):
        raise PermissionDenied(_("You cannot revoke this token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


# --- organisation memberships ---------------------------------------------------
# Granted, never self-declared (CKAN's organisation members): a person asks, the organisation's
# administrators or the secretariat approve or decline; they can also grant it directly.


def _membership_managers(organisation: Organisation) -> list[User]:
    from .models import OrganisationMembership

    admins = list(User.objects.filter(
        is_active=True, memberships__organisation=organisation,
        memberships__state=OrganisationMembership.State.APPROVED,
        memberships__role=OrganisationMembership.MemberRole.ADMINISTRATOR))
    if admins:
        return admins
    return list(User.objects.filter(is_active=True, roles__role=Role.SECRETARIAT,
                                    roles__revoked_at__isnull=True).distinct())


def _membership_notice(user: User, verb: str, text_fn, url: str) -> None:
    with translation.override(notify.user_language(user)):
        text = text_fn()
    notify.notice_create(user=user, verb=verb, text=text, url=url)


def _organisation_obj(organisation) -> Organisation:
    if isinstance(organisation, Organisation):
        return organisation
    found = Organisation.objects.filter(pk=organisation).first() if str(organisation or "").isdigit() else None
    if found is None:
        raise ValidationError({"organisation": [_("Choose an organisation from the directory.")]})
    return found


@transaction.atomic
def membership_request(*, actor, organisation, message: str = ""):
    """Ask to join an organisation. Its administrators (or, when it has none, the secretariat) are told."""
    from .models import OrganisationMembership

    organisation = _organisation_obj(organisation)
    if not perms.can_request_membership(actor, organisation):
        if perms.is_member_of(actor, organisation.pk):
            raise Conflict(_("You are already a member of %(org)s.") % {"org": organisation})
        raise PermissionDenied(_("Confirm your email address before asking to join an organisation."))
    message = (message or "").strip()[:2000]
    membership, created = OrganisationMembership.objects.select_for_update().get_or_create(
        user=actor, organisation=organisation, defaults={"message": message})
    if not created:
        if membership.state == OrganisationMembership.State.REQUESTED:
            raise Conflict(_("Your request to join %(org)s is already waiting for a decision.") % {"org": organisation})
        membership.state = OrganisationMembership.State.REQUESTED
        membership.role = OrganisationMembership.MemberRole.MEMBER
        membership.message = message
        membership.requested_at = timezone.now()
        membership.decided_by, membership.decided_at = None, None
        membership.save()
    url = reverse("accounts:organisation-members", kwargs={"pk": organisation.pk})
    for manager in _membership_managers(organisation):
        if manager.pk != actor.pk:
            _membership_notice(manager, "membership-requested", lambda: _(
                "%(person)s asks to join %(org)s") % {"person": actor, "org": organisation}, url)
    return membership


def _decide(actor, membership, state: str):
    from .models import OrganisationMembership

    membership = (OrganisationMembership.objects.select_for_update(of=("self",))
                  .select_related("user", "organisation").get(pk=membership.pk))
    if membership.state != OrganisationMembership.State.REQUESTED:
        raise Conflict(_("This request was already decided."))
    if not perms.can_decide_membership(actor, membership):
        raise PermissionDenied(_("Only an administrator of %(org)s or the secretariat can decide this request.")
                               % {"org": membership.organisation})
    membership.state = state
    membership.decided_by, membership.decided_at = actor, timezone.now()
    membership.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    perms.clear_membership_cache(membership.user)
    return membership


@transaction.atomic
def membership_approve(*, actor, membership):
    from .models import OrganisationMembership

    membership = _decide(actor, membership, OrganisationMembership.State.APPROVED)
    org = membership.organisation
    _membership_notice(membership.user, "membership-approved",
                       lambda: _("You are now a member of %(org)s.") % {"org": org}, reverse("accounts:memberships"))
    return membership


@transaction.atomic
def membership_decline(*, actor, membership):
    from .models import OrganisationMembership

    membership = _decide(actor, membership, OrganisationMembership.State.DECLINED)
    org = membership.organisation
    _membership_notice(membership.user, "membership-declined",
                       lambda: _("Your request to join %(org)s was declined.") % {"org": org},
                       reverse("accounts:memberships"))
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership):
    """End an approved membership (an administrator, the secretariat, or the member leaving)."""
    from .models import OrganisationMembership

    membership = (OrganisationMembership.objects.select_for_update(of=("self",))
                  .select_related("user", "organisation").get(pk=membership.pk))
    if membership.state != OrganisationMembership.State.APPROVED:
        raise Conflict(_("This membership is not active."))
    if not perms.can_revoke_membership(actor, membership):
        raise PermissionDenied(_("You cannot end this membership."))
    membership.state = OrganisationMembership.State.REVOKED
    membership.decided_by, membership.decided_at = actor, timezone.now()
    membership.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    User.objects.filter(pk=membership.user_id, organisation=membership.organisation).update(organisation=None)
    perms.clear_membership_cache(membership.user)
    if actor.pk != membership.user_id:
        org = membership.organisation
        _membership_notice(membership.user, "membership-revoked",
                           lambda: _("You are no longer a member of %(org)s.") % {"org": org},
                           reverse("accounts:memberships"))
    return membership


@transaction.atomic
def membership_grant(*, actor, user: User, organisation, role: str = "member"):
    """Make a person a member (or administrator) directly: the organisation's administrators, the
    secretariat, an accepted invitation, the demo loader."""
    from .models import OrganisationMembership

    organisation = _organisation_obj(organisation)
    if role not in OrganisationMembership.MemberRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    if not perms.can_grant_membership(actor, organisation):
        raise PermissionDenied(_("Only an administrator of %(org)s or the secretariat can add its members.")
                               % {"org": organisation})
    membership, _created = OrganisationMembership.objects.select_for_update().get_or_create(
        user=user, organisation=organisation)
    membership.state = OrganisationMembership.State.APPROVED
    membership.role = role
    membership.decided_by, membership.decided_at = actor, timezone.now()
    membership.save()
    perms.clear_membership_cache(user)
    _membership_notice(user, "membership-approved",
                       lambda: _("You are now a member of %(org)s.") % {"org": organisation},
                       reverse("accounts:memberships"))
    return membership
