"""Administration of accounts for the secretariat. Changes to roles, invitations and
tokens go through the same services as the site."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clearinghouse.core.errors import Conflict

from . import permissions as perms
from . import services
from .models import ApiToken, Invitation, Organisation, RoleAssignment, User


class RoleInline(admin.TabularInline):
    """The person's roles, read-only here: add one with “Role assignments → Add”, remove with its action."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("role", "country", "convention", "granted_by", "created_at", "revoked_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [RoleInline]
    list_display = ("email", "display_name", "country", "organisation", "is_active", "email_confirmed_at",
                    "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff", "is_superuser", ("email_confirmed_at", admin.EmptyFieldListFilter),
                   "roles__role", "preferred_language")
    search_fields = ("email", "display_name", "organisation__name", "organisation_name")
    ordering = ("-date_joined",)
    list_select_related = ("country", "organisation")
    autocomplete_fields = ("country", "organisation")
    readonly_fields = ("last_login", "date_joined", "email_confirmed_at", "mail_disabled_at")
    fieldsets = (
        (None, {"fields": ("email", "username", "password")}),
        (_("Profile"), {"fields": ("display_name", "organisation", "organisation_name", "country", "languages",
                                   "expertise", "timezone", "preferred_language")}),
        (_("Status"), {"fields": ("is_active", "email_confirmed_at", "mail_disabled_at", "last_login",
                                  "date_joined")}),
        (_("Administration site"), {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "username", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "country", "website")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ("user", "role", "country", "convention")

    request = None  # set by the admin

    def clean(self):
        data = super().clean()
        role, country = data.get("role"), data.get("country")
        if role in services.SCOPED_BY_COUNTRY and country is None:
            self.add_error("country", _("This role is given for a country: choose one."))
        elif self.request is not None and role and not perms.can_assign_role(
            self.request.user, role, country.pk if country else None
        ):
            raise ValidationError(_("You cannot give this role."))
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    form = RoleAssignmentForm
    list_display = ("user", "role", "country", "convention", "granted_by", "created_at", "revoked_at")
    list_filter = ("role", ("revoked_at", admin.EmptyFieldListFilter), "convention", "country__region")
    search_fields = ("user__email", "user__display_name", "country__name", "country__code")
    list_select_related = ("user", "country", "convention", "granted_by")
    autocomplete_fields = ("user", "country", "convention")
    actions = ["revoke_roles"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # a role is never edited: remove it and give another
            return ("user", "role", "country", "convention", "granted_by", "revoked_at", "revoked_by")
        return ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def has_delete_permission(self, request, obj=None):
        return False  # roles are revoked, keeping who had them and when

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            created = services.role_assign(actor=request.user, user=obj.user, role=obj.role,
                                           country=obj.country, convention=obj.convention)
        except (PermissionDenied, ValidationError, Conflict) as exc:
            self.message_user(request, str(getattr(exc, "message", exc)), messages.ERROR)
            return
        obj.pk = created.pk
        obj.created_at = created.created_at

    @admin.action(description=_("Remove the selected roles"))
    def revoke_roles(self, request, queryset):
        done = 0
        for assignment in queryset.filter(revoked_at__isnull=True):
            try:
                services.role_revoke(actor=request.user, assignment=assignment)
                done += 1
            except (PermissionDenied, Conflict) as exc:
                self.message_user(request, f"{assignment}: {getattr(exc, 'message', exc)}", messages.WARNING)
        self.message_user(request, ngettext("%d role removed.", "%d roles removed.", done) % done)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "country", "convention", "role", "invited_by", "created_at", "expires_at",
                    "accepted_at", "cancelled_at")
    list_filter = ("role", ("accepted_at", admin.EmptyFieldListFilter), ("cancelled_at", admin.EmptyFieldListFilter),
                   "country__region")
    search_fields = ("email", "country__name", "invited_by__email", "invited_by__display_name")
    list_select_related = ("country", "convention", "invited_by")
    readonly_fields = ("email", "role", "country", "convention", "invited_by", "message", "expires_at",
                       "accepted_at", "accepted_by", "cancelled_at", "created_at")
    fields = readonly_fields
    actions = ["cancel_invitations"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the country's “authorised users” page

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Withdraw the selected invitations"))
    def cancel_invitations(self, request, queryset):
        done = 0
        for invitation in queryset:
            try:
                services.invitation_cancel(actor=request.user, invitation=invitation)
                done += 1
            except (PermissionDenied, Conflict) as exc:
                self.message_user(request, f"{invitation.email}: {getattr(exc, 'message', exc)}", messages.WARNING)
        self.message_user(request, ngettext("%d invitation withdrawn.", "%d invitations withdrawn.", done) % done)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "prefix", "user__email")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at")
    fields = readonly_fields
    actions = ["revoke_tokens"]

    def has_add_permission(self, request):
        return False  # made by their owner on the site, who alone sees the key

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_tokens(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                services.api_token_revoke(actor=request.user, token=token)
                done += 1
            except PermissionDenied as exc:
                self.message_user(request, f"{token.name}: {exc}", messages.WARNING)
        self.message_user(request, ngettext("%d token revoked.", "%d tokens revoked.", done) % done)
