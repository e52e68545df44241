"""Role × action matrix for official notifications, calls and submissions (permissions.py and the services)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from clearinghouse.accounts import services as account_services
from clearinghouse.accounts.models import Organisation
from clearinghouse.notifications import permissions as perms
from clearinghouse.notifications import services
from tests import factories as f

from . import factories as nf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    staff = nf.Staff()
    call = nf.open_call(staff, codes=("cbd-nfp", "iplc"))
    iplc = Organisation.objects.create(name="Il Ngwesi Community Trust", kind=Organisation.Kind.IPLC, country_id="KE")
    admin, member = f.UserFactory(), f.UserFactory()
    account_services.membership_grant(actor=staff.drafter, user=admin, organisation=iplc, role="administrator")
    account_services.membership_grant(actor=staff.drafter, user=member, organisation=iplc, role="member")
    return {
        "call": call, "staff": staff, "iplc": iplc,
        "users": {
            "anonymous": None,
            "registered": f.UserFactory(),
            "fp.ke": f.focal_point("KE"),
            "au.ke": f.authorised_user("KE"),
            "fp.ma": f.focal_point("MA"),
            "moderator": f.moderator(),
            "secretariat": staff.drafter,
            "approver": staff.approver,
            "iplc.admin": admin,
            "iplc.member": member,
        },
    }


def _user(world, key):
    from django.contrib.auth.models import AnonymousUser

    return world["users"][key] or AnonymousUser()


DRAFTERS = {"secretariat", "approver"}


@pytest.mark.parametrize("key", ["anonymous", "registered", "fp.ke", "au.ke", "moderator", "secretariat",
                                 "iplc.admin"])
def test_only_secretariat_staff_draft(world, key):
    user = _user(world, key)
    assert perms.can_draft_notification(user) == (key in DRAFTERS)
    if key not in DRAFTERS:
        with pytest.raises(PermissionDenied):
            nf.draft(type("S", (), {"drafter": user})())


@pytest.mark.parametrize("key, may", [("secretariat", False), ("approver", True), ("fp.ke", False),
                                      ("moderator", False), ("registered", False)])
def test_a_second_secretariat_user_approves(world, key, may):
    staff = world["staff"]
    n = nf.draft(staff)
    services.notification_request_approval(actor=staff.drafter, notification=n)
    user = _user(world, key)
    assert perms.can_approve_notification(user, n) == may
    if may:
        services.notification_approve(actor=user, notification=n)
        assert n.status == "approved"
    else:
        with pytest.raises(PermissionDenied):
            services.notification_approve(actor=user, notification=n)
        n.refresh_from_db()
        assert n.status == "pending"


# (user, submitting for) -> (may prepare, may submit)
SUBMIT = [
    ("fp.ke", "KE", True, True),
    ("au.ke", "KE", True, False),
    ("fp.ma", "KE", False, False),
    ("fp.ke", "MA", False, False),
    ("registered", "KE", False, False),
    ("secretariat", "KE", False, False),
    ("iplc.admin", "iplc", True, True),
    ("iplc.member", "iplc", True, False),
    ("fp.ke", "iplc", False, False),
]


@pytest.mark.parametrize("key, target, prepare, submit", SUBMIT)
def test_who_prepares_and_who_submits(world, key, target, prepare, submit):
    user, call = _user(world, key), world["call"]
    who = {"organisation": world["iplc"]} if target == "iplc" else {"country": target}
    assert perms.can_prepare_submission(user, call, **who) == prepare
    assert perms.can_submit_for(user, call, **who) == submit
    if not prepare:
        with pytest.raises(PermissionDenied):
            services.submission_save(actor=user, call=call, text="Our views", **who)
        return
    s = services.submission_save(actor=user, call=call, text="Our views", **who)
    if submit:
        s = services.submission_submit(actor=user, submission=s)
        assert s.status == "submitted" and s.number.startswith("SUB-")
    else:
        with pytest.raises(PermissionDenied, match="prepare"):
            services.submission_submit(actor=user, submission=s)
        s.refresh_from_db()
        assert s.status == "draft" and s.text == "Our views"


@pytest.mark.parametrize("key, sees_draft, sees_submitted", [
    ("fp.ke", True, True), ("au.ke", True, True), ("fp.ma", False, False), ("registered", False, False),
    ("anonymous", False, False), ("secretariat", False, True), ("iplc.admin", False, False)])
def test_nobody_sees_another_countrys_unpublished_submission(world, key, sees_draft, sees_submitted):
    call, users = world["call"], world["users"]
    s = services.submission_save(actor=users["au.ke"], call=call, country="KE", text="Kenya's draft")
    user = _user(world, key)
    assert perms.can_view_submission(user, s) == sees_draft
    s = services.submission_submit(actor=users["fp.ke"], submission=s)
    assert perms.can_view_submission(user, s) == sees_submitted
    s.consent_publish = True
    s.save()
    services.submission_publish(actor=users["secretariat"], submission=s)
    assert perms.can_view_submission(user, s)  # published: everyone


@pytest.mark.parametrize("key", ["anonymous", "registered", "fp.ke", "au.ke", "moderator", "secretariat"])
def test_only_the_secretariat_tracks_closes_and_reminds(world, key):
    user, call = _user(world, key), world["call"]
    staff = key == "secretariat"
    assert perms.can_track_call(user, call) == staff
    assert perms.can_close_call(user, call) == staff
    if not staff and key != "anonymous":
        with pytest.raises(PermissionDenied):
            services.call_reminders_send(actor=user, call=call)
        with pytest.raises(PermissionDenied):
            services.call_close(actor=user, call=call)


def test_unpublished_notifications_are_for_the_staff_only(world):
    n = nf.draft(world["staff"])
    assert not perms.can_view_notification(world["users"]["fp.ke"], n)
    assert perms.can_view_notification(world["users"]["approver"], n)
