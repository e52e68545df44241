"""Who may do what: every role against every meeting action (and the pages enforce it)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from clearinghouse.meetings import permissions as perms
from tests.factories import authorised_user, focal_point, moderator, partner, secretariat

from .factories import make_meeting, person

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "registered", "focal_point_ke", "authorised_user_ke", "focal_point_br", "partner",
         "moderator", "organiser", "secretariat"]


@pytest.fixture
def people():
    return {"anonymous": AnonymousUser(), "registered": person(), "focal_point_ke": focal_point("KE"),
            "authorised_user_ke": authorised_user("KE"), "focal_point_br": focal_point("BR"), "partner": partner(),
            "moderator": moderator(), "organiser": person(), "secretariat": secretariat()}


@pytest.fixture
def meeting(people):
    meeting = make_meeting(nominations=True, managers=[people["organiser"]])
    return meeting


EXPECTED = {  # action: roles allowed
    "manage": {"organiser", "secretariat"},
    "participants": {"organiser", "secretariat"},
    "attendance": {"organiser", "secretariat"},
    "nominations": {"secretariat"},
    "nominate_ke": {"focal_point_ke"},
    "nominate_br": {"focal_point_br"},
    "create": {"secretariat"},
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_matrix(people, meeting, action):
    allowed = set()
    for role in ROLES:
        user = people[role]
        if action == "create":
            ok = perms.can_create_meeting(user)
        elif action.startswith("nominate_"):
            ok = perms.can_nominate(user, meeting, action[-2:].upper())
        else:
            ok = perms.MEETING_ACTIONS[action](user, meeting)
        if ok:
            allowed.add(role)
    assert allowed == EXPECTED[action]


def test_no_nomination_when_the_meeting_takes_none(people):
    meeting = make_meeting(nominations=False)
    assert not perms.can_nominate(people["focal_point_ke"], meeting, "KE")


@pytest.mark.parametrize("role,status", [("registered", 403), ("focal_point_ke", 403), ("organiser", 200),
                                         ("secretariat", 200)])
def test_participant_list_page(client, people, meeting, role, status):
    client.force_login(people[role])
    assert client.get(reverse("meetings:participants", args=[meeting.slug])).status_code == status
    assert client.get(reverse("meetings:participants", args=[meeting.slug]) + "?format=csv").status_code == status


@pytest.mark.parametrize("role,status", [("registered", 403), ("authorised_user_ke", 403), ("focal_point_ke", 200),
                                         ("organiser", 403)])
def test_nominate_page(client, people, meeting, role, status):
    client.force_login(people[role])
    assert client.get(reverse("meetings:nominate", args=[meeting.slug])).status_code == status


def test_a_focal_point_cannot_post_for_another_country(client, people, meeting):
    client.force_login(people["focal_point_ke"])
    response = client.post(reverse("meetings:nominate", args=[meeting.slug]),
                           {"country": "BR", "name": "X", "email": "x@example.org"})
    assert response.status_code == 200 and meeting.nomination_set.count() == 0


def test_anonymous_is_sent_to_log_in_for_organiser_pages(client, meeting):
    for name in ("participants", "session-create", "document-create", "edit"):
        response = client.get(reverse(f"meetings:{name}", args=[meeting.slug]))
        assert response.status_code == 302 and "/login" in response["Location"]
