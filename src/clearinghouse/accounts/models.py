"""Users, organisations, roles with their scope, invitations and API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clearinghouse.core.models import Convention, Country, TimeStampedModel
from clearinghouse.core.validators import validate_web_url


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        NGO = "ngo", _("Non-governmental organisation")
        IPLC = "iplc", _("Indigenous peoples and local communities")
        ACADEMIC = "academic", _("Academic or research institution")
        PRIVATE = "private", _("Private sector")
        SECRETARIAT = "secretariat", _("Convention secretariat")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT)
    website = models.URLField(_("website"), blank=True, validators=[validate_web_url])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class ClearinghouseUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    organisation_name = models.CharField(
        _("organisation (as written)"), max_length=255, blank=True,
        help_text=_("Free text when the organisation is not in the directory yet"),
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    mail_disabled_at = models.DateTimeField(null=True, blank=True)

    objects = ClearinghouseUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.email

    @property
    def name(self) -> str:
        return str(self)


class Role(models.TextChoices):
    FOCAL_POINT = "focal_point", _("National focal point")
    AUTHORISED_USER = "authorised_user", _("National authorised user")
    SECRETARIAT = "secretariat", _("Secretariat")
    MODERATOR = "moderator", _("Moderator")
    PARTNER = "partner", _("Partner")


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleAssignment(TimeStampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT)
    convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), null=True, blank=True, on_delete=models.PROTECT
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "country", "convention"],
                condition=Q(revoked_at__isnull=True),
                name="role_assignment_unique_active",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        scope = " / ".join(str(x) for x in (self.country_id, self.convention_id) if x)
        return f"{self.get_role_display()} {scope}".strip()


class Invitation(TimeStampedModel):
    """A focal point invites an authorised user for their country."""

    email = models.EmailField(_("email"))
    role = models.CharField(max_length=24, choices=Role.choices, default=Role.AUTHORISED_USER)
    country = models.ForeignKey(Country, on_delete=models.PROTECT)
    convention = models.ForeignKey(Convention, null=True, blank=True, on_delete=models.PROTECT)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent")
    message = models.TextField(_("message"), blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and self.expires_at > timezone.now()


class ApiToken(TimeStampedModel):
    """Personal API token. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class OrganisationMembership(TimeStampedModel):
    """Membership of an organisation is granted, never self-declared (as CKAN's organisation members).

    A person asks to join (``requested``); an administrator of the organisation or the secretariat approves
    or declines; an approved membership can be revoked. Approved membership of a community is what lets a
    person read the community's restricted records; a person's ``User.organisation`` may only name an
    organisation they are an approved member of.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", pgettext_lazy("membership", "Revoked")  # not the token's "Revoked" (gender in es/fr)

    class MemberRole(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMINISTRATOR = "administrator", _("Administrator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REQUESTED,
                             db_index=True)
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    message = models.TextField(_("message"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation membership")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.organisation} ({self.get_state_display()})"
