"""Role × action matrix for the marketplace."""

import pytest
from django.contrib.auth.models import AnonymousUser

from clearinghouse.matchmaking import permissions as perms
from clearinghouse.matchmaking import services
from tests.factories import UserFactory, authorised_user, focal_point, secretariat

from .conftest import make_need, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = authorised_user("MA")
    need = make_need(owner=owner)
    offer = make_offer()
    return {
        "need": need, "offer": offer,
        "users": {
            "anonymous": AnonymousUser(), "owner": owner, "fp_same_country": focal_point("MA"),
            "au_same_country": authorised_user("MA"), "fp_other_country": focal_point("BR"),
            "secretariat": secretariat(), "registered": UserFactory(), "offer_owner": offer.owner,
        },
    }


EXPECTED_EDIT = {"anonymous": False, "owner": True, "fp_same_country": True, "au_same_country": False,
                 "fp_other_country": False, "secretariat": True, "registered": False, "offer_owner": False}


@pytest.mark.parametrize("role", EXPECTED_EDIT)
@pytest.mark.parametrize("action", ["edit", "withdraw", "renew"])
def test_only_owner_or_their_focal_point_edits_a_need(world, role, action):
    user = world["users"][role]
    assert perms.POST_ACTIONS[action](user, world["need"]) is EXPECTED_EDIT[role]


@pytest.mark.parametrize("role", EXPECTED_EDIT)
def test_everyone_views_a_public_need(world, role):
    assert perms.can_view_post(world["users"][role], world["need"])


@pytest.mark.parametrize("role,expected", [("owner", True), ("offer_owner", True), ("fp_same_country", True),
                                           ("registered", False), ("anonymous", False), ("au_same_country", False)])
def test_who_can_ask_for_an_introduction(world, role, expected):
    assert perms.can_request_introduction(world["users"][role], world["need"], world["offer"]) is expected


def test_contacts_never_before_acceptance(world):
    u = world["users"]
    intro = services.introduction_request(actor=u["owner"], need=world["need"], offer=world["offer"])
    for role in u:
        assert not perms.can_see_contacts(u[role], intro)
    assert perms.can_decide_introduction(u["offer_owner"], intro)
    assert not perms.can_decide_introduction(u["owner"], intro)
    assert not perms.can_view_introduction(u["secretariat"], intro)
    services.introduction_accept(actor=u["offer_owner"], introduction=intro)
    intro.refresh_from_db()
    seen = {role for role in u if perms.can_see_contacts(u[role], intro)}
    assert seen == {"owner", "offer_owner"}


def test_collaboration_parties_only(world):
    u = world["users"]
    intro = services.introduction_request(actor=u["owner"], need=world["need"], offer=world["offer"])
    services.introduction_accept(actor=u["offer_owner"], introduction=intro)
    collab = services.collaboration_create(actor=u["owner"], introduction=intro, data={"title": "T"})
    allowed = {role for role in u if perms.can_edit_collaboration(u[role], collab)}
    assert allowed == {"owner", "offer_owner", "secretariat"}
    assert not perms.can_view_public_summary(u["anonymous"], collab)
    for party in collab.parties.all():
        services.collaboration_consent_public(actor=party.user, collaboration=collab)
    assert perms.can_view_public_summary(u["anonymous"], collab)


def test_workshop_permissions(world):
    u = world["users"]
    assert not perms.can_open_workshop(u["registered"])
    assert perms.can_open_workshop(u["fp_same_country"])
    from django.utils import timezone

    ws = services.workshop_open(actor=u["fp_same_country"], data={"title": "W", "starts_on": timezone.localdate()})
    assert perms.can_manage_workshop(u["fp_same_country"], ws)
    assert not perms.can_view_workshop(u["registered"], ws)
    assert not perms.can_post_to_workshop(u["registered"], ws)
    services.workshop_join(actor=u["registered"], code=ws.join_code)
    assert perms.can_post_to_workshop(u["registered"], ws)
    assert not perms.can_manage_workshop(u["registered"], ws)
