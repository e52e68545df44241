"""Login throttling through the real login forms (the site's and the admin's), with django-axes on.

Failures are counted per account (from every address) and per account from one address, each with its own
limit; nothing is counted per address alone, so the people behind one address (a ministry, a workshop venue)
are never locked out together.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from clearinghouse.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the factories' password
VENUE = "192.0.2.10"
HOME = "198.51.100.7"


@pytest.fixture(autouse=True)
def _throttling_on(settings):
    """tests/conftest.py turns axes off for every other test: turn it on with the production settings."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    # A fast hasher: these tests make dozens of logins, and what they test does not depend on the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client, email, password, ip=VENUE, url=None, **extra):
    client.logout()
    return client.post(
        url or reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip, **extra
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def fail(client, email, times, ip=VENUE):
    for _ in range(times):
        r = login(client, email, "wrong password", ip=ip)
        assert not logged_in(r)
    return r


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client):
    user = UserFactory(email="amina@example.org")
    for _ in range(4):
        r = login(client, user.email, "wrong password")
        assert r.status_code == 200 and "not right" in r.content.decode()
    r = login(client, user.email, "wrong password")
    assert r.status_code == 429
    r = login(client, user.email, PASSWORD)
    assert r.status_code == 429 and not r.wsgi_request.user.is_authenticated
    body = r.content.decode()
    assert "Too many failed attempts for this account" in body
    minutes = int(re.search(r"Try again in (\d+) minutes?", body).group(1))
    assert 14 <= minutes <= 15
    assert reverse("accounts:password_reset") in body


def test_the_lock_cannot_be_dodged_by_changing_the_case_or_spacing_of_the_address(client):
    user = UserFactory(email="amina@example.org")
    for variant in (
        "Amina@example.org",
        "AMINA@EXAMPLE.ORG",
        " amina@example.org",
        "amina@Example.org ",
        "aMina@example.org",
    ):
        login(client, variant, "wrong password")
    assert login(client, user.email, PASSWORD).status_code == 429


def test_other_accounts_behind_the_same_address_still_log_in(client):
    amina = UserFactory(email="amina@example.org")
    juma = UserFactory(email="juma@example.org")
    fail(client, amina.email, 5)
    assert login(client, amina.email, PASSWORD).status_code == 429
    assert logged_in(login(client, juma.email, PASSWORD))
    # ... and even a colleague's typo does not lock the others.
    fail(client, "someone.else@example.org", 7)
    assert logged_in(login(client, juma.email, PASSWORD))


def test_the_owner_still_logs_in_from_another_address_until_the_account_limit(client):
    amina = UserFactory(email="amina@example.org")
    fail(client, amina.email, 5, ip=VENUE)
    assert logged_in(login(client, amina.email, PASSWORD, ip=HOME))


def test_many_addresses_together_lock_the_account_everywhere(client):
    amina = UserFactory(email="amina@example.org")
    for i in range(20):
        login(client, amina.email, "wrong password", ip=f"203.0.113.{i + 1}")
    r = login(client, amina.email, PASSWORD, ip=HOME)
    assert r.status_code == 429 and "Too many failed attempts for this account" in r.content.decode()


def test_the_lock_ends_after_the_cool_off_and_a_success_clears_the_count(client):
    from axes.models import AccessAttempt

    amina = UserFactory(email="amina@example.org")
    fail(client, amina.email, 5)
    assert login(client, amina.email, PASSWORD).status_code == 429
    # Trying during the lock does not extend it: 15 minutes after the fifth failure it is over.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert logged_in(login(client, amina.email, PASSWORD))
    assert not AccessAttempt.objects.exists()


def test_a_password_reset_lifts_the_lock(client, run_on_commit, mails):
    amina = UserFactory(email="amina@example.org")
    fail(client, amina.email, 5)
    with run_on_commit():
        client.post(reverse("accounts:password_reset"), {"email": amina.email})
    from .conftest import link_in

    r = client.get(link_in(mails[-1], "/accounts/password/reset/"), follow=True)
    new = "a brand new and long passphrase"
    r = client.post(r.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert r.status_code == 302
    assert logged_in(login(client, amina.email, new))


def test_the_lock_page_is_localised(client):
    UserFactory(email="amina@example.org", preferred_language="fr")
    fail(client, "amina@example.org", 5)
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    r = login(client, "amina@example.org", PASSWORD)
    assert r.status_code == 429 and 'lang="fr"' in r.content.decode()


def test_the_admin_login_is_locked_too(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    admin_login = reverse("admin:login")
    for _ in range(5):
        r = login(client, admin.email, "wrong password", url=admin_login)
        assert not logged_in(r)
    r = login(client, admin.email, PASSWORD, url=admin_login)
    assert r.status_code == 429 and not r.wsgi_request.user.is_authenticated
    # and failures on the admin form count for the site's form (one account, one count).
    assert login(client, admin.email, PASSWORD).status_code == 429


def test_a_very_long_address_is_counted_not_crashed(client):
    r = login(client, "x" * 400 + "@example.org", "wrong password")
    assert r.status_code == 200


def test_the_api_accepts_no_password_so_it_is_no_way_around_the_lock(client):
    import base64

    amina = UserFactory(email="amina@example.org")
    fail(client, amina.email, 5)
    basic = base64.b64encode(f"{amina.email}:{PASSWORD}".encode()).decode()
    r = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Basic {basic}", REMOTE_ADDR=VENUE)
    assert r.status_code == 401
    r = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {PASSWORD}", REMOTE_ADDR=VENUE)
    assert r.status_code == 401
    assert User.objects.get(pk=amina.pk).last_login is None


def test_behind_a_trusted_reverse_proxy_the_address_it_saw_counts(client, settings):
    """With CLEARINGHOUSE_PROXY_COUNT=1 (nginx in front) REMOTE_ADDR is the proxy's: the client's address is
    the last X-Forwarded-For entry, which the client cannot forge (what it sends is put to the left)."""
    settings.CLEARINGHOUSE_PROXY_COUNT = 1
    amina = UserFactory(email="amina@example.org")
    for i in range(5):
        login(
            client, amina.email, "wrong password", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, {VENUE}"
        )  # a forged left part changes nothing
    assert login(client, amina.email, PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=VENUE).status_code == 429
    assert logged_in(login(client, amina.email, PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=HOME))


def test_the_confirmation_link_logs_in_with_the_throttle_on(client, run_on_commit, mails):
    from .conftest import link_in

    with run_on_commit():
        client.post(
            reverse("accounts:signup"),
            {
                "display_name": "Amina Diallo",
                "email": "amina@example.org",
                "password": "a long and unusual passphrase",
                "password_confirm": "a long and unusual passphrase",
                "preferred_language": "en",
            },
            REMOTE_ADDR=VENUE,
        )
    r = client.get(link_in(mails[0], "/accounts/confirm/"), REMOTE_ADDR=VENUE)
    assert r.status_code == 302 and r.wsgi_request.user.is_authenticated
