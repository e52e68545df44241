"""Every role against every accounts action (DESIGN §3.3)."""

import inspect

import pytest
from django.contrib.auth.models import AnonymousUser

from clearinghouse.accounts import permissions as perms
from clearinghouse.accounts import services
from clearinghouse.accounts.models import Role, RoleAssignment
from tests.factories import UserFactory, authorised_user, focal_point, moderator, partner, secretariat

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "registered", "unconfirmed", "authorised_ke", "focal_point_ke", "focal_point_tz",
         "secretariat", "moderator", "partner"]


def make(role):
    return {
        "anonymous": lambda: AnonymousUser(),
        "registered": lambda: UserFactory(),
        "unconfirmed": lambda: UserFactory(is_active=False, email_confirmed_at=None),
        "authorised_ke": lambda: authorised_user("KE"),
        "focal_point_ke": lambda: focal_point("KE"),
        "focal_point_tz": lambda: focal_point("TZ"),
        "secretariat": lambda: secretariat(),
        "moderator": lambda: moderator(),
        "partner": lambda: partner(),
    }[role]()


@pytest.fixture
def objects():
    inviter = focal_point("KE")
    member = authorised_user("KE")
    other = UserFactory()
    token, _key = services.api_token_create(actor=other, name="theirs")
    return {
        "invitation": services.invitation_create(actor=inviter, email="invitee@example.org", country="KE"),
        "assignment": RoleAssignment.objects.get(user=member, role=Role.AUTHORISED_USER),
        "other": other,
        "token": token,
    }


# action -> (check, roles allowed)
ACTIONS = {
    "invite_authorised_user": (lambda u, o: perms.can_invite_authorised_user(u, "KE"),
                               {"focal_point_ke", "secretariat"}),
    "view_authorised_users": (lambda u, o: perms.can_view_authorised_users(u, "KE"),
                              {"focal_point_ke", "secretariat"}),
    "assign_authorised_user": (lambda u, o: perms.can_assign_role(u, Role.AUTHORISED_USER, "KE"),
                               {"focal_point_ke", "secretariat"}),
    "assign_focal_point": (lambda u, o: perms.can_assign_role(u, Role.FOCAL_POINT, "KE"), {"secretariat"}),
    "assign_moderator": (lambda u, o: perms.can_assign_role(u, Role.MODERATOR, None), {"secretariat"}),
    "remove_role": (lambda u, o: perms.can_remove_role(u, o["assignment"]), {"focal_point_ke", "secretariat"}),
    "cancel_invitation": (lambda u, o: perms.can_cancel_invitation(u, o["invitation"]),
                          {"focal_point_ke", "secretariat"}),
    "accept_invitation": (lambda u, o: perms.can_accept_invitation(u, o["invitation"]), set()),
    "update_profile": (lambda u, o: perms.can_update_profile(u, o["other"]), {"secretariat"}),
    "manage_tokens": (lambda u, o: perms.can_manage_tokens(u),
                      {"registered", "authorised_ke", "focal_point_ke", "focal_point_tz", "secretariat",
                       "moderator", "partner"}),
    "revoke_token": (lambda u, o: perms.can_revoke_token(u, o["token"]), {"secretariat"}),
}


@pytest.mark.parametrize("role", ROLES)
def test_matrix(role, objects):
    user = make(role)
    got = {action for action, (check, _allowed) in ACTIONS.items() if check(user, objects)}
    expected = {action for action, (_check, allowed) in ACTIONS.items() if role in allowed}
    assert got == expected


def test_the_invitee_alone_may_accept_and_a_person_may_edit_their_own_profile(objects):
    invitee = UserFactory(email="Invitee@Example.org")
    assert perms.can_accept_invitation(invitee, objects["invitation"])
    assert perms.can_update_profile(objects["other"], objects["other"])
    assert perms.can_revoke_token(objects["other"], objects["token"])


def test_every_account_permission_is_in_the_matrix():
    checked = {"can_invite_authorised_user", "can_view_authorised_users", "can_assign_role", "can_remove_role",
               "can_cancel_invitation", "can_accept_invitation", "can_update_profile", "can_manage_tokens",
               "can_revoke_token", *(fn.__name__ for fn in perms.MEMBERSHIP_ACTIONS.values())}
    defined = {name for name, fn in inspect.getmembers(perms, inspect.isfunction)
               if name.startswith("can_") and fn.__module__ == perms.__name__}
    assert defined == checked, "add the new permission to ACTIONS above"


# --- organisation memberships: granted, never self-declared ------------------------------------------------

MEMBERSHIP_ROLES = ["anonymous", "registered", "unconfirmed", "requester", "member", "org_admin", "other_org_admin",
                    "secretariat", "focal_point_ke"]
# action -> roles allowed (on the organisation, on a pending request of "requester", on an approved member)
MEMBERSHIP_MATRIX = {
    "request": {"registered", "requester", "other_org_admin", "secretariat", "focal_point_ke"},
    "manage": {"org_admin", "secretariat"},
    "decide": {"org_admin", "secretariat"},
    "revoke": {"member", "org_admin", "secretariat"},
    "grant": {"org_admin", "secretariat"},
}


@pytest.fixture
def membership_world():
    from tests.factories import OrganisationFactory, member_of

    org, other = OrganisationFactory(kind="iplc"), OrganisationFactory(kind="iplc")
    people = {role: make(role) for role in ("anonymous", "registered", "unconfirmed", "secretariat",
                                            "focal_point_ke")}
    people["requester"] = UserFactory()
    pending = services.membership_request(actor=people["requester"], organisation=org)
    people["member"] = member_of(org)
    people["org_admin"] = member_of(org, role="administrator")
    people["other_org_admin"] = member_of(other, role="administrator")
    approved = people["member"].memberships.get(organisation=org)
    return org, people, pending, approved


@pytest.mark.parametrize("action", sorted(MEMBERSHIP_MATRIX))
def test_membership_matrix(action, membership_world):
    org, people, pending, approved = membership_world
    target = {"request": org, "manage": org, "grant": org, "decide": pending, "revoke": approved}[action]
    got = {role for role in MEMBERSHIP_ROLES
           if perms.MEMBERSHIP_ACTIONS[action](type(people[role]).objects.get(pk=people[role].pk)
                                               if people[role].pk else people[role], target)}
    assert got == MEMBERSHIP_MATRIX[action]


def test_every_membership_action_is_in_the_matrix():
    assert set(MEMBERSHIP_MATRIX) == set(perms.MEMBERSHIP_ACTIONS)


def test_services_refuse_what_the_matrix_refuses(membership_world):
    from django.core.exceptions import PermissionDenied

    org, people, pending, approved = membership_world
    for role in ("registered", "member", "other_org_admin", "focal_point_ke"):
        with pytest.raises(PermissionDenied):
            services.membership_approve(actor=people[role], membership=pending)
        with pytest.raises(PermissionDenied):
            services.membership_grant(actor=people[role], user=people["registered"], organisation=org)
    with pytest.raises(PermissionDenied):  # nobody approves their own request
        services.membership_approve(actor=people["requester"], membership=pending)
