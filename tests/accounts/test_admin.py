"""The secretariat's administration pages for accounts, vocabularies and mail."""

import pytest
from django.urls import reverse

from clearinghouse.accounts import services
from clearinghouse.accounts.models import Role, RoleAssignment, User
from clearinghouse.alerts.models import OutboundEmail
from tests.factories import UserFactory, focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(email="admin@example.org", username="admin", password="x" * 12)
    client.force_login(admin)
    return client


def test_changelists_and_forms_open(admin_client):
    fp = focal_point("KE")
    services.invitation_create(actor=fp, email="new@example.org", country="KE")
    services.api_token_create(actor=fp, name="sync")
    for model in ("accounts/user", "accounts/organisation", "accounts/roleassignment", "accounts/invitation",
                  "accounts/apitoken", "core/country", "core/convention", "core/target", "core/region",
                  "core/supporttype", "core/ecosystem", "core/topic", "alerts/notice",
                  "alerts/outboundemail"):
        r = admin_client.get(f"/admin/{model}/")
        assert r.status_code == 200, model
    assert admin_client.get(reverse("admin:accounts_user_change", args=[fp.pk])).status_code == 200
    assert admin_client.get(reverse("admin:accounts_roleassignment_add")).status_code == 200


def test_role_added_in_admin_goes_through_the_service_and_can_be_revoked(admin_client):
    person = UserFactory()
    r = admin_client.post(reverse("admin:accounts_roleassignment_add"),
                          {"user": person.pk, "role": Role.FOCAL_POINT, "country": "KE", "convention": "CBD"})
    assert r.status_code == 302
    assignment = RoleAssignment.objects.get(user=person)
    assert person.notices.filter(verb="role-granted").exists()
    r = admin_client.post(reverse("admin:accounts_roleassignment_add"),
                          {"user": person.pk, "role": Role.AUTHORISED_USER})
    assert r.status_code == 200 and "choose one" in r.content.decode()
    admin_client.post(reverse("admin:accounts_roleassignment_changelist"),
                      {"action": "revoke_roles", "_selected_action": [assignment.pk]})
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None


def test_retry_sends_a_failed_mail_again(admin_client, run_on_commit, mailoutbox):
    record = OutboundEmail.objects.create(
        to="someone@example.org", subject="Hello", status=OutboundEmail.Status.FAILED, attempts=5,
        raw=b"From: a@example.org\r\nTo: someone@example.org\r\nSubject: Hello\r\n\r\nBody\r\n")
    with run_on_commit():
        admin_client.post(reverse("admin:alerts_outboundemail_changelist"),
                          {"action": "retry", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.status == OutboundEmail.Status.SENT
    assert len(mailoutbox) == 1
