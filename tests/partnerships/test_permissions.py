"""Who may do what: every role against every action (only members register activities for themselves; only
coordinators accept members and resolve overlaps; the public sees public activities only)."""

from __future__ import annotations

import datetime as dt

import pytest

from clearinghouse.partnerships import permissions as perms
from clearinghouse.partnerships import services
from clearinghouse.partnerships.models import Member, OverlapSuggestion
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    authorised_user,
    focal_point,
    member_of,
    secretariat,
)

from .factories import activity_data, gov_member, make_partnership, org_member

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "user", "member_person", "other_org_person", "gov_focal_point", "coordinator",
         "secretariat", "authorised_user_KE"]


@pytest.fixture
def world():
    from django.contrib.auth.models import AnonymousUser

    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    m, person = org_member(p)
    g, fp = gov_member(p, "TZ")
    private = services.activity_create(actor=person, member=m, data=activity_data(is_public=False))
    other = services.activity_create(actor=fp, member=g, data=activity_data(title="Other", countries=["TZ"]))
    s = OverlapSuggestion.objects.create(partnership=p, a=private, b=other, kind="overlap", score=0.7, reasons=[])
    pending_org = OrganisationFactory()
    pending = services.member_request(actor=member_of(pending_org), partnership=p, organisation=pending_org,
                                      levels=["local"])
    item = services.work_item_create(actor=coordinator, partnership=p, data={
        "title": "Item", "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2026, 1, 1), "lead": m})
    other_org = OrganisationFactory()
    users = {"anonymous": AnonymousUser(), "user": UserFactory(), "member_person": person,
             "other_org_person": member_of(other_org), "gov_focal_point": fp, "coordinator": coordinator,
             "secretariat": secretariat(), "authorised_user_KE": authorised_user("KE")}
    return {"p": p, "m": m, "private": private, "s": s, "pending": pending, "item": item, "other_org": other_org,
            "users": users}


ACTIONS = {
    "manage_partnership": (lambda w, u: perms.can_manage_partnership(u, w["p"]), {"coordinator", "secretariat"}),
    "join_for_other_org": (lambda w, u: perms.can_request_join(u, w["p"], organisation=w["other_org"]),
                           {"other_org_person"}),
    "decide_member": (lambda w, u: perms.can_decide_member(u, w["pending"]), {"coordinator", "secretariat"}),
    "leave": (lambda w, u: perms.can_leave(u, w["m"]), {"member_person", "coordinator", "secretariat"}),
    "register_activity": (lambda w, u: perms.can_register_activity(u, w["m"]), {"member_person"}),
    "edit_activity": (lambda w, u: perms.can_edit_activity(u, w["private"]),
                      {"member_person", "coordinator", "secretariat"}),
    "view_private_activity": (lambda w, u: perms.can_view_activity(u, w["private"]),
                              {"member_person", "coordinator", "secretariat"}),
    "review_overlaps": (lambda w, u: perms.can_review_overlaps(u, w["p"]), {"coordinator", "secretariat"}),
    "decide_overlap": (lambda w, u: perms.can_decide_overlap(u, w["s"]), {"coordinator", "secretariat"}),
    "contact_member": (lambda w, u: perms.can_contact_member(u, w["m"]),
                       {"user", "other_org_person", "gov_focal_point", "coordinator", "secretariat",
                        "authorised_user_KE"}),
    "register_need_KE": (lambda w, u: perms.can_register_need(u, w["p"], "KE"),
                         {"coordinator", "secretariat", "authorised_user_KE"}),
    "update_work_item": (lambda w, u: perms.can_update_work_item(u, w["item"]),
                         {"member_person", "coordinator", "secretariat"}),
    "subscribe_digest": (lambda w, u: perms.can_subscribe_digest(u, w["p"]),
                         {"member_person", "gov_focal_point", "coordinator", "secretariat"}),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_matrix(world, action):
    check, allowed = ACTIONS[action]
    got = {role for role in ROLES if check(world, world["users"][role])}
    assert got == allowed


def test_every_permission_function_is_in_the_matrix():
    assert set(perms.ACTIONS) - {"create_partnership", "request_join", "view_activity"} <= {
        a.replace("_KE", "").replace("_for_other_org", "").replace("view_private_activity", "view_activity")
        .replace("join", "request_join") for a in ACTIONS} | {"register_need"}


def test_a_government_is_joined_only_by_its_focal_point(world):
    p = world["p"]
    assert perms.can_request_join(focal_point("BR"), p, government="BR")
    assert not perms.can_request_join(authorised_user("BR"), p, government="BR")
    assert not perms.can_request_join(focal_point("BR"), p, government="AR")


def test_a_requested_membership_is_not_yet_acting(world):
    pending = world["pending"]
    person = pending.requested_by
    assert pending.state == Member.State.REQUESTED
    assert not perms.can_register_activity(person, pending)
    assert perms.can_leave(person, pending)  # withdraw the request


def test_a_revoked_organisation_membership_stops_acting(world):
    from clearinghouse.accounts import services as account_services
    from clearinghouse.accounts.models import OrganisationMembership
    from clearinghouse.accounts.permissions import clear_membership_cache

    person, m = world["users"]["member_person"], world["m"]
    ms = OrganisationMembership.objects.get(user=person, organisation=m.organisation)
    account_services.membership_revoke(actor=secretariat(), membership=ms)
    clear_membership_cache(person)
    assert not perms.can_register_activity(person, m)
