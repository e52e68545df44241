"""Sign-up, confirmation, roles, invitations and tokens through the services."""

import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from clearinghouse.accounts import services
from clearinghouse.accounts.models import ApiToken, Invitation, Role, RoleAssignment, User
from clearinghouse.accounts.permissions import acting_countries, clear_role_cache
from clearinghouse.core.errors import Conflict
from tests.factories import UserFactory, authorised_user, focal_point, secretariat

from .conftest import link_in, mail_text

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def signup(**kw):
    data = {"email": "amina@example.org", "password": PASSWORD, "display_name": "Amina Diallo",
            "country": "SN", "organisation": "Ministère de l'Environnement", "languages": ["fr", "en"],
            "preferred_language": "fr"}
    data.update(kw)
    return services.user_signup(**data)


def test_signup_makes_an_inactive_account_and_mails_a_confirmation_link(run_on_commit, mails):
    with run_on_commit():
        user = signup()
    assert not user.is_active and user.email_confirmed_at is None
    assert user.organisation_name == "Ministère de l'Environnement" and user.country_id == "SN"
    assert len(mails) == 1 and mails[0].to == ["amina@example.org"]
    assert user.preferred_language == "fr"  # mails to them are rendered in French
    path = link_in(mails[0], "/accounts/confirm/")
    token = path.rstrip("/").rsplit("/", 1)[1]
    confirmed = services.user_email_confirm(token=token)
    assert confirmed.pk == user.pk and confirmed.is_active and confirmed.email_confirmed_at


def test_signup_rejects_bad_input_with_messages_per_field():
    with pytest.raises(ValidationError) as exc:
        signup(email="not-an-address", password="short", display_name=" ")
    assert set(exc.value.message_dict) >= {"email", "password", "display_name"}
    assert not User.objects.exists()


def test_duplicate_signup_does_not_reveal_the_account_but_mails_its_owner(run_on_commit, mails):
    existing = UserFactory(email="amina@example.org", preferred_language="en")
    with run_on_commit():
        result = signup(email="AMINA@example.org", password="another passphrase entirely")
    assert result is None
    assert User.objects.filter(email__iexact="amina@example.org").count() == 1
    existing.refresh_from_db()
    assert existing.check_password("correct horse battery")  # nothing changed
    assert len(mails) == 1
    assert "already have an account" in mails[0].subject
    assert "/accounts/password/reset/" in mail_text(mails[0])


def test_signing_up_again_before_confirming_sends_a_fresh_link(run_on_commit, mails):
    with run_on_commit():
        signup()
        assert signup() is None
    assert len(mails) == 2
    assert all("/accounts/confirm/" in mail_text(m) for m in mails)


def test_expired_confirmation_link_says_so(settings):
    from freezegun import freeze_time

    user = signup()
    token = services.confirmation_token(user)
    later = timezone.now() + dt.timedelta(seconds=settings.EMAIL_CONFIRMATION_TIMEOUT, minutes=1)
    with freeze_time(later):
        with pytest.raises(ValidationError) as exc:
            services.user_email_confirm(token=token)
        assert exc.value.code == "expired"
        assert "expired" in exc.value.messages[0]
        with translation.override("fr"), pytest.raises(ValidationError):
            services.user_email_confirm(token=token)
    user.refresh_from_db()
    assert not user.is_active


def test_confirmation_link_lives_a_day_not_three():
    from freezegun import freeze_time

    user = signup()
    token = services.confirmation_token(user)
    with freeze_time(timezone.now() + dt.timedelta(hours=25)):
        with pytest.raises(ValidationError) as exc:
            services.user_email_confirm(token=token)
    assert exc.value.code == "expired"
    with freeze_time(timezone.now() + dt.timedelta(hours=23)):
        assert services.user_email_confirm(token=token).pk == user.pk


def test_confirmation_link_works_once():
    user = signup()
    token = services.confirmation_token(user)
    assert services.user_email_confirm(token=token).pk == user.pk
    with pytest.raises(ValidationError) as exc:
        services.user_email_confirm(token=token)
    assert exc.value.code == "confirmed"
    assert "already confirmed" in exc.value.messages[0]


def test_a_password_change_kills_the_confirmation_link():
    user = signup()
    token = services.confirmation_token(user)
    user.set_password("another long passphrase")
    user.save()
    with pytest.raises(ValidationError) as exc:
        services.user_email_confirm(token=token)
    assert exc.value.code == "invalid"
    user.refresh_from_db()
    assert not user.is_active and user.email_confirmed_at is None


def test_a_new_confirmation_link_can_be_asked_for_a_few_times_an_hour(run_on_commit, mails):
    from freezegun import freeze_time

    with run_on_commit():
        user = signup()
    assert len(mails) == 1
    with run_on_commit():
        for _ in range(6):
            services.user_confirmation_resend(email="AMINA@example.org")
            signup()  # signing up again before confirming also sends a link
    assert len(mails) == 3  # the first and two more: the rest is dropped, silently
    with freeze_time(timezone.now() + dt.timedelta(minutes=61)), run_on_commit():
        services.user_confirmation_resend(email="amina@example.org")
    assert len(mails) == 4
    # every link sent still works (until one is used), and confirms the same account
    path = link_in(mails[-1], "/accounts/confirm/")
    assert services.user_email_confirm(token=path.rstrip("/").rsplit("/", 1)[1]).pk == user.pk


def test_tampered_confirmation_link_is_refused():
    user = signup()
    token = services.confirmation_token(user)
    with pytest.raises(ValidationError) as exc:
        services.user_email_confirm(token=token[:-2] + "xx")
    assert exc.value.code == "invalid"
    other = signing.TimestampSigner(salt="something else").sign_object({"u": user.pk, "e": user.email})
    with pytest.raises(ValidationError):
        services.user_email_confirm(token=other)


def test_profile_update_by_self_and_not_by_others():
    user = UserFactory()
    services.user_profile_update(actor=user, user=user, display_name="Ana", timezone="America/Bogota",
                                 languages=["es"], preferred_language="es", country="CO")
    user.refresh_from_db()
    assert (user.display_name, user.timezone, user.languages, user.country_id) == ("Ana", "America/Bogota",
                                                                                   ["es"], "CO")
    with pytest.raises(ValidationError):
        services.user_profile_update(actor=user, user=user, timezone="Mars/Olympus")
    with pytest.raises(PermissionDenied):
        services.user_profile_update(actor=UserFactory(), user=user, display_name="Mallory")
    services.user_profile_update(actor=secretariat(), user=user, display_name="Ana María")


def test_focal_point_invites_user_who_accepts_and_is_later_removed(run_on_commit, mails):
    fp = focal_point("KE")
    person = UserFactory(email="wanjiru@example.org")
    with run_on_commit():
        invitation = services.invitation_create(actor=fp, email="Wanjiru@example.org", country="KE",
                                                message="Please help with the mangrove records.")
    assert mails[-1].to == ["wanjiru@example.org"]
    assert "mangrove records" in mail_text(mails[-1])
    token = link_in(mails[-1], "/accounts/invitations/").rstrip("/").rsplit("/", 1)[1]
    assignment = services.invitation_accept(actor=person, token=token)
    assert assignment.role == Role.AUTHORISED_USER and assignment.country_id == "KE"
    assert acting_countries(person) == {"KE"}
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    assert fp.notices.filter(verb="invitation-accepted").exists()
    with pytest.raises(ValidationError):  # used once
        services.invitation_accept(actor=person, token=token)
    services.role_revoke(actor=fp, assignment=assignment)
    clear_role_cache(person)
    assert acting_countries(person) == set()
    assert person.notices.filter(verb="role-revoked").exists()
    with pytest.raises(Conflict):
        services.role_revoke(actor=fp, assignment=assignment)


def test_invitation_link_lives_a_week_not_two(settings):
    """An invitation link creates an active account with a national role: a forwarded or leaked one must
    not work for long."""
    from freezegun import freeze_time

    invitation = services.invitation_create(actor=focal_point("KE"), email="wanjiru@example.org", country="KE")
    token = services.invitation_token(invitation)
    assert settings.INVITATION_DAYS == 7
    with freeze_time(timezone.now() + dt.timedelta(days=6)):
        assert services.invitation_from_token(token).pk == invitation.pk
    with freeze_time(timezone.now() + dt.timedelta(days=8)):
        with pytest.raises(ValidationError) as exc:
            services.invitation_from_token(token)
        assert exc.value.code == "expired"
        with pytest.raises(ValidationError):
            services.user_signup(email="wanjiru@example.org", password=PASSWORD, display_name="W",
                                 invitation_token=token)
    assert not User.objects.filter(email="wanjiru@example.org").exists()


def test_invitation_is_only_for_the_address_it_was_sent_to():
    fp = focal_point("KE")
    invitation = services.invitation_create(actor=fp, email="wanjiru@example.org", country="KE")
    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=UserFactory(), token=services.invitation_token(invitation))


def test_new_person_signs_up_through_an_invitation_and_is_active_at_once():
    fp = focal_point("TZ")
    invitation = services.invitation_create(actor=fp, email="juma@example.org", country="TZ")
    user = signup(email="juma@example.org", country="TZ",
                  invitation_token=services.invitation_token(invitation))
    assert user.is_active and user.email_confirmed_at
    assert acting_countries(user) == {"TZ"}


def test_authorised_user_cannot_invite_and_a_focal_point_only_for_their_country():
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=authorised_user("KE"), email="x@example.org", country="KE")
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=focal_point("KE"), email="x@example.org", country="TZ")
    assert not Invitation.objects.exists()


def test_invitation_refuses_duplicates_and_can_be_cancelled():
    fp = focal_point("KE")
    member = authorised_user("KE")
    with pytest.raises(ValidationError):
        services.invitation_create(actor=fp, email=member.email, country="KE")
    invitation = services.invitation_create(actor=fp, email="new@example.org", country="KE")
    with pytest.raises(ValidationError):
        services.invitation_create(actor=fp, email="NEW@example.org", country="KE")
    with pytest.raises(PermissionDenied):
        services.invitation_cancel(actor=focal_point("TZ"), invitation=invitation)
    services.invitation_cancel(actor=fp, invitation=invitation)
    with pytest.raises(ValidationError) as exc:
        services.invitation_from_token(services.invitation_token(invitation))
    assert exc.value.code == "cancelled"


def test_role_assign_checks_scope_and_permission():
    sec = secretariat()
    person = UserFactory()
    with pytest.raises(ValidationError):
        services.role_assign(actor=sec, user=person, role=Role.FOCAL_POINT)
    services.role_assign(actor=sec, user=person, role=Role.FOCAL_POINT, country="KE", convention="CBD")
    with pytest.raises(Conflict):
        services.role_assign(actor=sec, user=person, role=Role.FOCAL_POINT, country="KE", convention="CBD")
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=focal_point("KE"), user=UserFactory(), role=Role.FOCAL_POINT, country="KE")
    assert RoleAssignment.objects.filter(user=person).count() == 1


def test_api_token_keeps_only_a_hash_and_can_be_revoked():
    user = UserFactory()
    token, key = services.api_token_create(actor=user, name="sync")
    assert key.startswith("chk_") and len(key) > 40
    stored = ApiToken.objects.get()
    assert stored.key_hash == ApiToken.hash_key(key) and key not in (stored.key_hash, stored.prefix)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=UserFactory(), token=token)
    services.api_token_revoke(actor=user, token=token)
    assert ApiToken.objects.get().revoked_at is not None
    with pytest.raises(ValidationError):
        services.api_token_create(actor=user, name="  ")
