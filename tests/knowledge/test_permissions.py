"""Role × action matrix for knowledge records (DESIGN §3.3).

Each action is checked on a record in the state where it makes sense (you publish a
submitted record, restore an archived one ...). The record is a Kenyan good practice.
"owner" wrote it as an authorised user of Kenya and has since lost that role.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from clearinghouse.accounts.models import RoleAssignment
from clearinghouse.accounts.permissions import clear_role_cache
from clearinghouse.knowledge import permissions as perms
from clearinghouse.knowledge import services
from tests import factories as f

ROLES = ["anonymous", "registered", "au_same", "au_other", "fp_same", "fp_other", "secretariat", "moderator",
         "partner", "owner"]

T, F = True, False
# action: (state of the record, expected outcome per role in ROLES order)
MATRIX = {
    #                         anon reg au_s au_o fp_s fp_o sec  mod  part owner
    "view": ("published",     [T,   T,  T,   T,   T,   T,   T,   T,   T,   T]),
    "view_draft": ("draft",   [F,   F,  T,   F,   T,   F,   T,   F,   F,   T]),
    "edit": ("draft",         [F,   F,  T,   F,   T,   F,   T,   F,   F,   T]),
    "submit": ("draft",       [F,   F,  T,   F,   T,   F,   T,   F,   F,   T]),
    "publish": ("submitted",  [F,   F,  F,   F,   T,   F,   T,   F,   F,   F]),
    "return": ("submitted",   [F,   F,  F,   F,   T,   F,   T,   F,   F,   F]),
    "archive": ("published",  [F,   F,  F,   F,   T,   F,   T,   F,   F,   F]),
    "restore": ("archived",   [F,   F,  F,   F,   T,   F,   T,   F,   F,   F]),
    "comment": ("draft",      [F,   F,  T,   F,   T,   F,   T,   F,   F,   T]),
    "share": ("draft",        [F,   F,  T,   F,   T,   F,   T,   F,   F,   T]),
    "create": ("KE",          [F,   F,  T,   F,   T,   F,   T,   F,   F,   F]),
}


@pytest.fixture
def people(db):
    owner = f.authorised_user("KE")
    p = {
        "anonymous": AnonymousUser(),
        "registered": f.UserFactory(),
        "au_same": f.authorised_user("KE"),
        "au_other": f.authorised_user("BR"),
        "fp_same": f.focal_point("KE"),
        "fp_other": f.focal_point("BR"),
        "secretariat": f.secretariat(),
        "moderator": f.moderator(),
        "partner": f.partner(),
        "owner": owner,
    }
    return p


@pytest.fixture
def records(people):
    owner, fp = people["owner"], people["fp_same"]
    draft = f.make_record(owner=owner)
    submitted = services.record_submit(actor=owner, record=f.make_record(owner=owner))
    published = f.make_record(owner=owner, publish=True, publisher=fp)
    archived = services.record_archive(actor=fp, record=f.make_record(owner=owner, publish=True, publisher=fp))
    # The owner leaves the ministry: the role goes, the authorship stays.
    RoleAssignment.objects.filter(user=owner).update(revoked_at=timezone.now())
    clear_role_cache(owner)
    return {"draft": draft, "submitted": submitted, "published": published, "archived": archived}


def test_every_action_is_in_the_matrix():
    assert set(MATRIX) == set(perms.RECORD_ACTIONS)


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_matrix(action, people, records):
    state, expected = MATRIX[action]
    got = []
    for role in ROLES:
        user = people[role]
        if action == "create":
            got.append(perms.can_create_record(user, kind="good-practice", country=state))
        else:
            record = records[state]
            record.refresh_from_db()
            got.append(perms.RECORD_ACTIONS[action](user, record))
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_create_without_country(people):
    """Anyone confirmed may keep their own expert profile; news without a country is the secretariat's."""
    assert perms.can_create_record(people["registered"], kind="expert", country=None)
    assert not perms.can_create_record(people["registered"], kind="news", country=None)
    assert perms.can_create_record(people["secretariat"], kind="news", country=None)
    assert not perms.can_create_record(people["anonymous"], kind="expert", country=None)


def test_unconfirmed_email_cannot_act(db):
    user = f.authorised_user("KE", email_confirmed_at=None)
    assert not perms.can_create_record(user, kind="good-practice", country="KE")


def test_author_may_discard_and_take_back_a_draft_never_published(people, records):
    au = people["au_same"]
    draft = f.make_record(owner=au)
    assert perms.can_archive_record(au, draft)
    services.record_archive(actor=au, record=draft)
    draft.refresh_from_db()
    assert perms.can_restore_record(au, draft)
    assert not perms.can_edit_record(au, draft)
