"""The account pages as a person uses them."""

import pytest
from django.urls import reverse

from clearinghouse.accounts.models import ApiToken, Invitation, Role, RoleAssignment, User
from tests.factories import UserFactory, authorised_user, focal_point, make_record

from .conftest import link_in

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def test_sign_up_confirm_and_log_in(client, run_on_commit, mails):
    with run_on_commit():
        r = client.post(reverse("accounts:signup"), {
            "display_name": "Amina Diallo", "email": "Amina@Example.org", "password": PASSWORD,
            "password_confirm": PASSWORD, "country": "SN", "languages": ["fr"], "preferred_language": "fr",
        })
    assert r.status_code == 302 and r.url == reverse("accounts:signup-done")
    assert "amina@example.org" in client.get(r.url).content.decode()
    assert len(mails) == 1
    # Not confirmed yet: logging in says so, with a way to get a new link.
    r = client.post(reverse("accounts:login"), {"username": "amina@example.org", "password": PASSWORD})
    assert r.status_code == 200 and "not confirmed yet" in r.content.decode()
    assert reverse("accounts:confirm-resend") in r.content.decode()
    # The link in the mail confirms and logs in.
    r = client.get(link_in(mails[0], "/accounts/confirm/"))
    assert r.status_code == 302 and r.url == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    r = client.post(reverse("accounts:login"), {"username": "AMINA@example.ORG", "password": PASSWORD})
    assert r.status_code == 302
    assert r.wsgi_request.user.email == "amina@example.org"


def test_sign_up_errors_are_listed_at_the_top_and_nothing_is_saved(client):
    r = client.post(reverse("accounts:signup"), {
        "display_name": "A", "email": "a@example.org", "password": "short", "password_confirm": "other",
        "preferred_language": "en",
    })
    body = r.content.decode()
    assert r.status_code == 200 and 'class="error-summary"' in body
    assert 'href="#id_password_confirm"' in body
    assert not User.objects.exists()


def test_duplicate_sign_up_shows_the_same_page_as_a_new_one(client, run_on_commit, mails):
    UserFactory(email="amina@example.org")
    with run_on_commit():
        r = client.post(reverse("accounts:signup"), {
            "display_name": "Someone", "email": "amina@example.org", "password": PASSWORD,
            "password_confirm": PASSWORD, "preferred_language": "en",
        })
    assert r.status_code == 302 and r.url == reverse("accounts:signup-done")
    assert "already have an account" in mails[0].subject


def test_expired_or_broken_confirmation_link_explains_and_offers_a_new_one(client):
    r = client.get(reverse("accounts:confirm", kwargs={"token": "garbage:token"}))
    body = r.content.decode()
    assert r.status_code == 400 and "not valid" in body
    assert reverse("accounts:confirm-resend") in body


def test_expired_confirmation_link_page(client, settings):
    import datetime as dt

    from django.utils import timezone
    from freezegun import freeze_time

    from clearinghouse.accounts import services

    user = UserFactory(is_active=False, email_confirmed_at=None)
    url = reverse("accounts:confirm", kwargs={"token": services.confirmation_token(user)})
    with freeze_time(timezone.now() + dt.timedelta(seconds=settings.EMAIL_CONFIRMATION_TIMEOUT + 60)):
        r = client.get(url)
    assert r.status_code == 400 and "This confirmation link has expired" in r.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_confirmation_link_logs_in_once_then_only_says_already_confirmed(client, run_on_commit, mails):
    with run_on_commit():
        client.post(reverse("accounts:signup"), {
            "display_name": "Amina Diallo", "email": "amina@example.org", "password": PASSWORD,
            "password_confirm": PASSWORD, "preferred_language": "en",
        })
    link = link_in(mails[0], "/accounts/confirm/")
    r = client.get(link)
    assert r.status_code == 302 and r.wsgi_request.user.is_authenticated
    client.post(reverse("accounts:logout"))
    # The same link again (a forwarded mail, a shared computer): no login, only a pointer to the login page.
    r = client.get(link)
    body = r.content.decode()
    assert r.status_code == 200 and not r.wsgi_request.user.is_authenticated
    assert "already confirmed" in body and reverse("accounts:login") in body
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_confirmation_link_is_dead_after_a_password_change(client):
    from clearinghouse.accounts import services

    user = UserFactory(is_active=False, email_confirmed_at=None)
    url = reverse("accounts:confirm", kwargs={"token": services.confirmation_token(user)})
    user.set_password("someone else chose this")
    user.save()
    r = client.get(url)
    assert r.status_code == 400 and not r.wsgi_request.user.is_authenticated
    assert reverse("accounts:confirm-resend") in r.content.decode()


def test_password_reset_link_lives_hours_not_days(client, run_on_commit, mails, settings):
    import datetime as dt

    from django.utils import timezone
    from freezegun import freeze_time

    UserFactory(email="reset@example.org")
    with run_on_commit():
        client.post(reverse("accounts:password_reset"), {"email": "reset@example.org"})
    link = link_in(mails[0], "/accounts/password/reset/")
    with freeze_time(timezone.now() + dt.timedelta(hours=3)):
        r = client.get(link, follow=True)
    assert "new_password1" not in r.content.decode() and "not valid any more" in r.content.decode()
    assert settings.PASSWORD_RESET_TIMEOUT <= 2 * 3600


def test_password_reset_mails_are_limited_to_a_few_an_hour(client, run_on_commit, mails):
    UserFactory(email="reset@example.org")
    with run_on_commit():
        for _ in range(6):
            r = client.post(reverse("accounts:password_reset"), {"email": "reset@example.org"})
            assert r.status_code == 302  # the page says the same: nothing tells the limit was reached
    assert len(mails) == 3


def test_password_reset_link_works_once(client, run_on_commit, mails):
    user = UserFactory(email="reset@example.org")
    with run_on_commit():
        client.post(reverse("accounts:password_reset"), {"email": "reset@example.org"})
    link = link_in(mails[0], "/accounts/password/reset/")
    r = client.get(link, follow=True)
    assert client.post(r.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 302
    r = client.get(link, follow=True)
    assert "new_password1" not in r.content.decode() and "not valid any more" in r.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_resend_does_not_reveal_whether_an_address_exists(client, run_on_commit, mails):
    UserFactory(email="waiting@example.org", is_active=False, email_confirmed_at=None)
    with run_on_commit():
        a = client.post(reverse("accounts:confirm-resend"), {"email": "waiting@example.org"})
        b = client.post(reverse("accounts:confirm-resend"), {"email": "nobody@example.org"})
    assert a.status_code == b.status_code == 302 and a.url == b.url
    assert [m.to for m in mails] == [["waiting@example.org"]]


def test_password_reset_mail_and_new_password(client, run_on_commit, mails):
    user = UserFactory(email="reset@example.org")
    with run_on_commit():
        r = client.post(reverse("accounts:password_reset"), {"email": "RESET@example.org"})
    assert r.status_code == 302 and len(mails) == 1
    r = client.get(link_in(mails[0], "/accounts/password/reset/"), follow=True)
    assert r.status_code == 200 and "new_password1" in r.content.decode()
    r = client.post(r.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_profile_edit(client):
    user = UserFactory()
    client.force_login(user)
    r = client.post(reverse("accounts:profile"), {
        "display_name": "Dr Ana Pérez", "organisation_name": "Instituto Humboldt", "country": "CO",
        "languages": ["es", "en"], "expertise": "Páramo restoration", "timezone": "America/Bogota",
        "preferred_language": "es",
    })
    assert r.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.timezone, user.preferred_language) == ("Dr Ana Pérez", "America/Bogota", "es")
    r = client.post(reverse("accounts:profile"), {"display_name": "", "timezone": "Nowhere/Land",
                                                   "preferred_language": "es"})
    assert r.status_code == 200 and 'href="#id_timezone"' in r.content.decode()


def test_focal_point_invites_and_removes_an_authorised_user(client, run_on_commit, mails):
    fp = focal_point("KE")
    client.force_login(fp)
    page = reverse("accounts:country-users", kwargs={"code": "KE"})
    with run_on_commit():
        r = client.post(page, {"email": "wanjiru@example.org", "message": "Karibu"})
    assert r.status_code == 302
    assert "wanjiru@example.org" in client.get(page).content.decode()
    accept = link_in(mails[-1], "/accounts/invitations/")

    # A new person creates an account from the invitation and gets the role.
    client.logout()
    r = client.get(accept)
    assert r.status_code == 200 and "Karibu" in r.content.decode()
    r = client.post(accept, {"display_name": "Wanjiru K.", "password": PASSWORD, "password_confirm": PASSWORD,
                             "preferred_language": "en"})
    assert r.status_code == 302
    person = User.objects.get(email="wanjiru@example.org")
    assignment = RoleAssignment.objects.active().get(user=person, role=Role.AUTHORISED_USER, country="KE")

    # The focal point removes them, after a confirmation page.
    client.force_login(fp)
    remove = reverse("accounts:role-remove", kwargs={"pk": assignment.pk})
    assert "Wanjiru K." in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not RoleAssignment.objects.active().filter(user=person).exists()


def test_existing_user_accepts_an_invitation_when_logged_in(client):
    from clearinghouse.accounts import services

    person = UserFactory(email="juma@example.org")
    invitation = services.invitation_create(actor=focal_point("TZ"), email="juma@example.org", country="TZ")
    client.force_login(person)
    url = reverse("accounts:invitation", kwargs={"token": services.invitation_token(invitation)})
    assert "Accept" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert RoleAssignment.objects.active().filter(user=person, country="TZ").exists()


def test_authorised_user_and_other_focal_point_cannot_manage_kenya(client):
    for user in (authorised_user("KE"), focal_point("TZ")):
        client.force_login(user)
        page = reverse("accounts:country-users", kwargs={"code": "KE"})
        assert client.get(page).status_code == 403
        assert client.post(page, {"email": "x@example.org"}).status_code == 403
    assert not Invitation.objects.exists()
    member = authorised_user("KE")
    assignment = RoleAssignment.objects.get(user=member)
    client.force_login(focal_point("TZ"))
    assert client.post(reverse("accounts:role-remove", kwargs={"pk": assignment.pk})).status_code == 403


def test_api_tokens_page_shows_the_key_once_and_revokes(client):
    user = UserFactory()
    client.force_login(user)
    r = client.post(reverse("accounts:tokens"), {"name": "national database sync"})
    body = r.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.prefix in body and "shown only this once" in body
    assert r["Cache-Control"] == "no-store"
    assert "shown only this once" not in client.get(reverse("accounts:tokens")).content.decode()
    r = client.post(reverse("accounts:token-revoke", kwargs={"pk": token.pk}))
    assert r.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_dashboard_shows_roles_and_review_queue_within_a_query_budget(client, django_assert_max_num_queries):
    fp = focal_point("KE")
    client.force_login(fp)
    with django_assert_max_num_queries(14):
        r = client.get(reverse("accounts:dashboard"))
    body = r.content.decode()
    assert r.status_code == 200 and "National focal point" in body
    assert reverse("knowledge:review-queue") in body
    assert reverse("accounts:country-users", kwargs={"code": "KE"}) in body


def test_pages_need_login(client):
    for name in ("accounts:dashboard", "accounts:profile", "accounts:tokens"):
        r = client.get(reverse(name))
        assert r.status_code == 302 and reverse("accounts:login") in r.url


def test_every_account_page_renders_in_arabic_right_to_left(client):
    from django.conf import settings

    from clearinghouse.accounts import services

    fp = focal_point("KE")
    invitation = services.invitation_create(actor=fp, email="new@example.org", country="KE")
    member = authorised_user("KE")
    assignment = RoleAssignment.objects.get(user=member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    anonymous = [reverse(n) for n in ("accounts:login", "accounts:signup", "accounts:signup-done",
                                      "accounts:confirm-resend", "accounts:password_reset",
                                      "accounts:password_reset_done", "accounts:password_reset_complete")]
    anonymous.append(reverse("accounts:invitation", kwargs={"token": services.invitation_token(invitation)}))
    for url in anonymous:
        r = client.get(url)
        assert r.status_code == 200, url
        assert 'dir="rtl"' in r.content.decode(), url
    client.force_login(fp)
    for url in [reverse(n) for n in ("accounts:dashboard", "accounts:profile", "accounts:tokens",
                                     "accounts:password_change", "accounts:password_change_done")] + [
            reverse("accounts:country-users", kwargs={"code": "KE"}),
            reverse("accounts:role-remove", kwargs={"pk": assignment.pk})]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert 'dir="rtl"' in r.content.decode(), url


def test_dashboard_lists_drafts_and_records_to_review_within_budget(client, django_assert_max_num_queries):
    from clearinghouse.knowledge import services as knowledge

    fp = focal_point("KE")
    member = authorised_user("KE")
    for i in range(4):
        record = make_record(owner=member, country="KE", title=f"Draft practice {i}")
        if i % 2:
            knowledge.record_submit(actor=member, record=record)
    client.force_login(fp)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Draft practice 1" in body and "Draft practice 3" in body
    client.force_login(member)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("accounts:dashboard")).content.decode()
    assert all(f"Draft practice {i}" in body for i in range(4))
