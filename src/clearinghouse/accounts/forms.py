"""Forms of the account pages. They parse and show errors; the services decide."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from clearinghouse.alerts import services as notify
from clearinghouse.core.models import Convention, Country

from .models import Organisation, User


def apply_errors(form: forms.Form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form's fields (or at the top when no field matches)."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [("", _("Use my browser's time zone")), ("UTC", "UTC"), *((z, z.replace("_", " ")) for z in names)]


def country_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(Country.objects.all(), required=required, label=_("Country"),
                                  empty_label=_("— choose —"))


class SignupForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=150,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Email address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               help_text=_("At least 10 characters; not a common password."),
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_confirm = forms.CharField(label=_("Password again"), strip=False,
                                       widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    country = country_field()
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    languages = forms.MultipleChoiceField(label=_("Languages you work in"), required=False,
                                          choices=settings.CONTENT_LANGUAGES, widget=forms.CheckboxSelectMultiple)
    preferred_language = forms.ChoiceField(label=_("Language of the site and its emails"),
                                           choices=settings.LANGUAGES)

    def __init__(self, *args, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        if invitation is not None:
            self.fields["email"].initial = invitation.email
            self.fields["email"].disabled = True
            self.fields["country"].initial = invitation.country_id

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_confirm") and data["password"] != data["password_confirm"]:
            self.add_error("password_confirm", _("The two passwords differ."))
        return data


class EmailLoginForm(AuthenticationForm):
    """Log in by email address; says plainly when the address still needs confirming."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The email address or the password is not right. Both are checked as typed, "
                           "except that the email address may be in any case."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})

    def clean(self):
        try:
            return super().clean()
        except ValidationError as exc:
            email = (self.cleaned_data.get("username") or "").strip()
            password = self.cleaned_data.get("password") or ""
            user = User.objects.filter(email__iexact=email, is_active=False,
                                       email_confirmed_at__isnull=True).first()
            if user is not None and user.check_password(password):
                raise ValidationError(format_html(
                    '{} <a href="{}">{}</a>',
                    _("Your email address is not confirmed yet: open the link we sent you."),
                    reverse("accounts:confirm-resend"), _("Send me a new link"),
                ), code="unconfirmed")
            raise exc


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the mail goes out through our mail service, in the person's language."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        from . import services

        user = context["user"]
        if not services.account_mail_allowed("password-reset", user, services.PASSWORD_RESET_MAILS_PER_HOUR):
            return  # asking again and again must not flood the mailbox; the page says the same either way
        url = settings.SITE_URL + reverse("accounts:password_reset_confirm",
                                          kwargs={"uidb64": context["uid"], "token": context["token"]})
        notify.email_send(to=to_email, template="accounts/email/password_reset",
                          language=notify.user_language(user),
                          context={"user": user, "url": url, "minutes": settings.PASSWORD_RESET_TIMEOUT // 60})


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    organisation = forms.ModelChoiceField(Organisation.objects.none(), required=False, label=_("Organisation"),
                                          empty_label=_("— not in the list —"),
                                          help_text=_("The organisations that approved you as a member. To join "
                                                      "another one, ask on the “My organisations” page."))
    organisation_name = forms.CharField(label=_("Organisation, if not in the list"), max_length=255,
                                        required=False)
    country = country_field()
    languages = forms.MultipleChoiceField(label=_("Languages you work in"), required=False,
                                          choices=settings.CONTENT_LANGUAGES, widget=forms.CheckboxSelectMultiple)
    expertise = forms.CharField(label=_("Expertise"), required=False,
                                help_text=_("A few lines on what you know and work on; others see it on your "
                                            "contributions."),
                                widget=forms.Textarea(attrs={"rows": 4}))
    timezone = forms.ChoiceField(label=_("Time zone"), required=False, choices=(),
                                 help_text=_("Dates and meeting times are shown in this time zone."))
    preferred_language = forms.ChoiceField(label=_("Language of the site and its emails"),
                                           choices=settings.LANGUAGES)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices()
        if user is not None:  # only organisations that approved this person; membership is never self-declared
            self.fields["organisation"].queryset = Organisation.objects.filter(
                memberships__user=user, memberships__state="approved")

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {name: getattr(user, name) for name in (
            "display_name", "organisation", "organisation_name", "country", "languages", "expertise", "timezone",
            "preferred_language",
        )}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person"))
    convention = forms.ModelChoiceField(Convention.objects.all(), required=False, label=_("Convention"),
                                        empty_label=_("All conventions"),
                                        help_text=_("Limit the role to one convention, or leave it for all."))
    message = forms.CharField(label=_("Personal message"), required=False, max_length=5000,
                              help_text=_("Sent with the invitation."), widget=forms.Textarea(attrs={"rows": 4}))


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100,
                           help_text=_("What will use it, e.g. “national database sync”."))


class MembershipRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.all(), label=_("Organisation"),
                                          empty_label=_("— choose —"),
                                          help_text=_("Its administrators (or the secretariat) decide."))
    message = forms.CharField(label=_("Message to its administrators"), required=False, max_length=2000,
                              help_text=_("Who you are and why you ask to join."),
                              widget=forms.Textarea(attrs={"rows": 3}))
