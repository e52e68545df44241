"""Account pages: they parse, check permission (through the services), call and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clearinghouse.core.errors import Conflict
from clearinghouse.core.idempotency import created, idempotent
from clearinghouse.core.models import Country

from . import permissions as perms
from . import selectors, services
from .forms import (
    ApiTokenForm,
    EmailLoginForm,
    InvitationForm,
    LocalisedPasswordResetForm,
    MembershipRequestForm,
    ProfileForm,
    ResendConfirmationForm,
    SignupForm,
    apply_errors,
)
from .models import ApiToken, Invitation, Organisation, OrganisationMembership, RoleAssignment

BACKEND = "clearinghouse.accounts.backends.EmailBackend"

login_view = auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=EmailLoginForm, redirect_authenticated_user=True
)
logout_view = auth_views.LogoutView.as_view()

password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html", form_class=LocalisedPasswordResetForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset page; a new password also lifts a login lock on the account (the lock page offers it)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        from axes.handlers.proxy import AxesProxyHandler

        from .backends import login_username

        AxesProxyHandler.reset_attempts(username=login_username(None, {"username": form.user.email}))
        return response


password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")


def locked_out(request, response=None, credentials=None):
    """What a locked login attempt gets (``AXES_LOCKOUT_CALLABLE``): 429 and when to try again."""
    import math

    from axes.handlers.proxy import AxesProxyHandler
    from django.utils import timezone

    until = None
    handler = AxesProxyHandler.get_implementation()
    if hasattr(handler, "locked_until"):
        until = handler.locked_until(request, credentials)
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60)) if until else None
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


def _nav_context(user) -> dict:
    """What the account side-navigation needs: the countries the person is focal point of."""
    codes = perms.focal_point_countries(user)
    return {"fp_countries": sorted(Country.objects.filter(pk__in=codes), key=lambda c: c.local_name()) if codes else [],
            "managed_organisations": list(selectors.organisations_managed_by(user)) if user.is_authenticated else []}


def _signup_kwargs(data: dict) -> dict:
    return {
        "email": data.get("email", ""),
        "password": data.get("password", ""),
        "display_name": data.get("display_name", ""),
        "country": data.get("country"),
        "organisation": data.get("organisation", ""),
        "languages": data.get("languages") or [],
        "preferred_language": data.get("preferred_language", ""),
    }


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignupForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_signup(**_signup_kwargs(form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            request.session["signup_email"] = services.normalise_email(form.cleaned_data["email"])
            return redirect("accounts:signup-done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    """“Check your email”: the same page whether the address was new or not."""
    return render(request, "accounts/signup_done.html", {"email": request.session.get("signup_email", "")})


def confirm(request, token):
    """The link of the confirmation mail. Its first use confirms the address and logs the person in (the
    link proves they hold the mailbox; Django's post_reset_login does the same after a password reset);
    after that it only says the address is confirmed and points to the login page."""
    try:
        user = services.user_email_confirm(token=token)
    except ValidationError as exc:
        if exc.code == "confirmed":
            return render(request, "accounts/confirm_already.html", {"error": exc.messages[0]})
        return render(request, "accounts/confirm_failed.html", {
            "error": exc.messages[0], "form": ResendConfirmationForm(),
        }, status=400)
    if not request.user.is_authenticated:
        login(request, user, backend=BACKEND)
        messages.success(request, _("Thank you: your email address is confirmed and you are logged in."))
    else:
        messages.success(request, _("Thank you: the email address is confirmed."))
    return redirect("accounts:dashboard")


@require_http_methods(["GET", "POST"])
def confirm_resend(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_confirmation_resend(email=form.cleaned_data["email"])
        request.session["signup_email"] = services.normalise_email(form.cleaned_data["email"])
        return redirect("accounts:signup-done")
    return render(request, "accounts/confirm_resend.html", {"form": form})


@login_required
def dashboard(request):
    """“My clearing-house”: my roles, drafts, what waits for my review, my notices."""
    from clearinghouse.alerts.models import Notice
    from clearinghouse.knowledge.selectors import drafts_for, review_queue_for

    user = request.user
    roles = list(selectors.roles_of(user))
    review = review_queue_for(user)
    context = {
        "roles": roles,
        "drafts": list(drafts_for(user)[:10]),
        "review": list(review[:5]),
        "review_count": review.count(),
        "notices": list(Notice.objects.filter(user=user)[:5]),
        "fp_countries": sorted({r.country for r in roles if r.role == "focal_point" and r.country_id},
                               key=lambda c: c.local_name()),
        "is_secretariat": perms.is_secretariat(user),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(user), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(actor=user, user=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            if user.preferred_language:
                from django.conf import settings

                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language,
                                    samesite="Lax", max_age=365 * 24 * 3600)
            return response
    return render(request, "accounts/profile.html", {"form": form, **_nav_context(user)})


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("accounts.invitation_create")
def country_users(request, code):
    """For focal points: the authorised users of their country; invite and remove."""
    country = get_object_or_404(Country, pk=code.upper())
    if not perms.can_view_authorised_users(request.user, country.pk):
        raise PermissionDenied(_("Only a focal point of %(country)s can see this page.") % {"country": country})
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(actor=request.user, country=country, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            created(request, url=reverse("accounts:country-users", kwargs={"code": country.pk}))
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("accounts:country-users", code=country.pk)
    return render(request, "accounts/country_users.html", {
        "country": country,
        "assignments": list(selectors.authorised_users_of(country)),
        "invitations": list(selectors.invitations_open_for(country)),
        "form": form,
    })


@login_required
@require_http_methods(["GET", "POST"])
def role_remove(request, pk):
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "country"), pk=pk)
    if not perms.can_remove_role(request.user, assignment):
        raise PermissionDenied(_("You cannot remove this role."))
    back = (reverse("accounts:country-users", kwargs={"code": assignment.country_id})
            if assignment.country_id else reverse("accounts:dashboard"))
    if request.method == "POST":
        try:
            services.role_revoke(actor=request.user, assignment=assignment)
        except Conflict as exc:
            messages.warning(request, exc.message)
        else:
            messages.success(request, _("%(person)s is no longer %(role)s.") % {
                "person": assignment.user, "role": assignment.get_role_display()})
        return redirect(back)
    return render(request, "accounts/role_remove.html", {"assignment": assignment, "back": back})


@login_required
@require_POST
def invitation_cancel(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_cancel(actor=request.user, invitation=invitation)
    except Conflict as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect("accounts:country-users", code=invitation.country_id)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The page an invitation link opens: accept (signed in), log in, or create an account."""
    try:
        invite = services.invitation_from_token(token)
    except ValidationError as exc:
        return render(request, "accounts/invitation_invalid.html", {"error": exc.messages[0]}, status=400)
    user = request.user
    signup_form = None
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(actor=user, token=token)
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("You are now an authorised user of %(country)s.")
                                 % {"country": invite.country})
                return redirect("accounts:dashboard")
    else:
        signup_form = SignupForm(request.POST or None, invitation=invite,
                                 initial={"preferred_language": request.LANGUAGE_CODE})
        if request.method == "POST" and signup_form.is_valid():
            try:
                new_user = services.user_signup(**{**_signup_kwargs(signup_form.cleaned_data),
                                                   "email": invite.email}, invitation_token=token)
            except ValidationError as exc:
                apply_errors(signup_form, exc)
            else:
                if new_user is not None:
                    login(request, new_user, backend=BACKEND)
                    messages.success(request, _("Welcome. You are now an authorised user of %(country)s.")
                                     % {"country": invite.country})
                    return redirect("accounts:dashboard")
    return render(request, "accounts/invitation.html", {
        "invitation": invite,
        "signup_form": signup_form,
        "email_matches": user.is_authenticated and user.email.lower() == invite.email.lower(),
        "login_url": reverse("accounts:login") + "?next=" + request.path,
    })


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("accounts.api_token_create")
def tokens(request):
    if not perms.can_manage_tokens(request.user):
        raise PermissionDenied(_("Confirm your email address before making API tokens."))
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            created(request, _token, url=reverse("accounts:tokens"))
            form = ApiTokenForm()
    response = render(request, "accounts/tokens.html", {
        "form": form, "tokens": list(selectors.tokens_of(request.user)), "new_key": new_key,
        **_nav_context(request.user),
    })
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("accounts:tokens")


# --- organisation memberships ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def memberships(request):
    """My organisations: the ones that approved me, my open requests, and a form to ask to join another."""
    form = MembershipRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(actor=request.user, organisation=form.cleaned_data["organisation"],
                                        message=form.cleaned_data["message"])
        except ValidationError as exc:
            apply_errors(form, exc)
        except (Conflict, PermissionDenied) as exc:
            form.add_error("organisation", str(exc))
        else:
            messages.success(request, _("Your request to join %(org)s is sent to its administrators.")
                             % {"org": form.cleaned_data["organisation"]})
            return redirect("accounts:memberships")
    return render(request, "accounts/memberships.html", {
        "form": form, "memberships": list(selectors.memberships_of(request.user)),
        **_nav_context(request.user),
    })


@login_required
@require_GET
def organisation_members(request, pk):
    """For an organisation's administrators and the secretariat: requests to decide, and the members."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not perms.can_manage_memberships(request.user, organisation):
        raise PermissionDenied(_("Only an administrator of %(org)s or the secretariat can see this page.")
                               % {"org": organisation})
    rows = list(selectors.organisation_memberships(organisation))
    return render(request, "accounts/organisation_members.html", {
        "organisation": organisation,
        "requests": [m for m in rows if m.state == OrganisationMembership.State.REQUESTED],
        "members": [m for m in rows if m.state == OrganisationMembership.State.APPROVED],
        **_nav_context(request.user),
    })


MEMBERSHIP_SERVICES = {
    "approve": (services.membership_approve, _lazy("%(person)s is now a member of %(org)s.")),
    "decline": (services.membership_decline, _lazy("The request of %(person)s is declined.")),
    "revoke": (services.membership_revoke, _lazy("%(person)s is no longer a member of %(org)s.")),
}


@login_required
@require_POST
def membership_action(request, pk, action):
    membership = get_object_or_404(OrganisationMembership.objects.select_related("user", "organisation"), pk=pk)
    if action not in MEMBERSHIP_SERVICES:
        raise Http404
    service, done = MEMBERSHIP_SERVICES[action]
    try:
        service(actor=request.user, membership=membership)
    except Conflict as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(request, str(done) % {"person": membership.user, "org": membership.organisation})
    if perms.can_manage_memberships(request.user, membership.organisation):
        return redirect("accounts:organisation-members", pk=membership.organisation_id)
    return redirect("accounts:memberships")
