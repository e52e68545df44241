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
    "break_lock": ("draft",   [F,   F,  F,   F,   T,   F,   T,   F,   F,   F]),
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


# --- restricted traditional knowledge (hardening issue, items 1, 2 and 11) ------------------------------------

from django.urls import reverse  # noqa: E402

from clearinghouse.accounts.models import Organisation  # noqa: E402
from clearinghouse.knowledge import selectors  # noqa: E402
from clearinghouse.search import selectors as search_selectors  # noqa: E402

SECRET = "Kuumba rain signs of the elders"


def _tk(community, *, publish=True, **data):
    data.setdefault("visibility", "restricted")
    data.setdefault("title", SECRET)
    data.setdefault("summary", "Signs the elders read before the long rains.")
    data.setdefault("details", {"holders": "Elders' council"})
    return f.make_record(kind="traditional-knowledge", community=community.pk, publish=publish, **data)


def _sees(client, user, record) -> dict[str, bool]:
    """What a visitor gets of the record through each door: page, revision, diff, API, list, search."""
    client.logout()
    if user is not None:
        client.force_login(user)
    api = client.get(f"/api/v1/records/{record.base_id}")
    listed = client.get(reverse("knowledge:list"))
    found = client.get(reverse("search:search"), {"q": "Kuumba"})
    return {
        "page": client.get(record.get_absolute_url()).status_code == 200,
        "revision": client.get(reverse("knowledge:revision", args=[record.base_id, 1])).status_code == 200,
        "diff": client.get(reverse("knowledge:diff", args=[record.base_id]) + "?from=1&to=1").status_code == 200,
        "api": api.status_code == 200,
        "list": SECRET in listed.content.decode(),
        "search": record.base_id in found.content.decode(),
    }


NOTHING = dict.fromkeys(["page", "revision", "diff", "api", "list", "search"], False)


@pytest.fixture
def community(db):
    return f.OrganisationFactory(kind=Organisation.Kind.IPLC, name="Elders' council of Kuumba")


def test_choosing_a_community_in_the_profile_form_grants_nothing(client, community):
    """Item 1: a new account picked the IPLC community in its profile and read its restricted records."""
    record = _tk(community)
    stranger = f.UserFactory()
    client.force_login(stranger)
    response = client.post(reverse("accounts:profile"), {
        "display_name": "Curious", "organisation": community.pk, "preferred_language": "en"})
    stranger.refresh_from_db()
    assert stranger.organisation_id is None
    assert response.status_code == 200  # the form answers with an error, nothing saved
    assert not perms.can_view_record(stranger, record)
    assert not client.get(record.get_absolute_url()).status_code == 200
    assert client.get(f"/api/v1/records/{record.base_id}").status_code == 404


def test_setting_user_organisation_directly_grants_nothing(community):
    """Access follows the granted membership, not the organisation a profile names."""
    record = _tk(community)
    declared = f.UserFactory(organisation=community)
    assert not perms.can_view_record(declared, record)
    assert not selectors.published(declared).filter(pk=record.pk).exists()


def test_approved_members_and_named_people_see_restricted_records_others_do_not(client, community):
    named = f.UserFactory()
    record = _tk(community, restricted_to=[named.email])
    member = f.member_of(community)
    for user in (member, named):
        assert perms.can_view_record(user, record) and selectors.published(user).filter(pk=record.pk).exists()
    for user in (None, f.UserFactory(), f.authorised_user("BR"), f.focal_point("BR")):
        seen = _sees(client, user, record)
        assert seen == NOTHING, seen
    seen = _sees(client, member, record)
    assert seen["page"] and seen["revision"] and seen["diff"] and seen["api"] and seen["list"]


def test_a_requested_or_revoked_membership_grants_nothing(community):
    from clearinghouse.accounts import services as account_services

    record = _tk(community)
    asker = f.UserFactory()
    membership = account_services.membership_request(actor=asker, organisation=community)
    assert not perms.can_view_record(asker, record)
    account_services.membership_approve(actor=f.secretariat(), membership=membership)
    asker = type(asker).objects.get(pk=asker.pk)  # a new request reads the memberships afresh
    assert perms.can_view_record(asker, record)
    account_services.membership_revoke(actor=f.secretariat(), membership=membership)
    asker = type(asker).objects.get(pk=asker.pk)
    assert not perms.can_view_record(asker, record)


# Item 2: each field that governs access, changed in the draft, takes effect only when published.
DRAFT_CHANGES = {
    "visibility": lambda community, other: {"visibility": "public"},
    "community": lambda community, other: {"community": other.pk},
    "restricted_to": lambda community, other: {"restricted_to": ["outsider@example.org"]},
}


@pytest.mark.parametrize("field", sorted(DRAFT_CHANGES))
def test_a_draft_change_of_who_may_see_it_exposes_nothing_until_published(client, community, field):
    other_org = f.OrganisationFactory(kind=Organisation.Kind.IPLC)
    outsider = f.UserFactory(email="outsider@example.org")
    if field == "community":
        f.member_of(other_org, outsider)
    record = _tk(community)
    fp = f.focal_point("KE")
    record = services.record_update(actor=fp, record=record, data=DRAFT_CHANGES[field](community, other_org))
    for user in (None, outsider):
        assert _sees(client, user, record) == NOTHING, (field, user)
        assert not perms.can_view_record(user or AnonymousUser(), record)
    api = client.get(f"/api/v1/records/{record.base_id}", HTTP_AUTHORIZATION="")
    assert api.status_code == 404
    # Once published, the change applies.
    with_fp = services.record_publish(actor=fp, record=record)
    viewer = AnonymousUser() if field == "visibility" else type(outsider).objects.get(pk=outsider.pk)
    assert perms.can_view_record(viewer, with_fp)


@pytest.mark.django_db
def test_draft_made_restricted_keeps_the_published_revision_public_until_published(client):
    """The other direction: restricting a public record in the draft does not hide, nor log, the published one."""
    community = f.OrganisationFactory(kind=Organisation.Kind.IPLC)
    record = f.make_record(kind="traditional-knowledge", title=SECRET, publish=True,
                           details={"holders": "Elders"})
    record = services.record_update(actor=record.owner, record=record,
                                    data={"visibility": "restricted", "community": community.pk})
    assert perms.can_view_record(AnonymousUser(), record)
    assert client.get(f"/api/v1/records/{record.base_id}").json()["visibility"] == "public"


def test_archiving_takes_a_restricted_record_out_of_view_for_members(community):
    record = _tk(community)
    member = f.member_of(community)
    services.record_archive(actor=f.focal_point("KE"), record=record)
    record.refresh_from_db()
    assert not perms.can_view_record(member, record)
    assert not selectors.published(member).filter(pk=record.pk).exists()


def test_search_never_shows_restricted_records_or_their_facets(django_capture_on_commit_callbacks, community):
    with django_capture_on_commit_callbacks(execute=True):
        _tk(community, countries=["KE", "TZ"])
    for user in (AnonymousUser(), f.UserFactory(), f.member_of(f.OrganisationFactory())):
        results = search_selectors.search(query="Kuumba", mode="keyword", user=user)
        assert results.total == 0 and not results.hits
        everything = search_selectors.search(query="", mode="keyword", user=user)
        assert all(h.title != SECRET for h in everything.hits)
        facets = getattr(everything, "facets", {}) or {}
        assert "TZ" not in str(facets)
    assert search_selectors.search(query="Kuumba", mode="keyword", user=f.secretariat()).total == 1


def test_every_view_of_a_restricted_record_is_logged_for_the_community(client, community):
    from clearinghouse.knowledge.models import RecordAccess

    record = _tk(community)
    member = f.member_of(community)
    client.force_login(member)
    client.get(record.get_absolute_url())
    client.get(reverse("knowledge:revision", args=[record.base_id, 1]))
    client.get(reverse("knowledge:diff", args=[record.base_id]) + "?from=1&to=1")
    client.get(f"/api/v1/records/{record.base_id}")
    log = list(RecordAccess.objects.filter(record=record).values_list("user_id", "channel", "community_id"))
    assert sorted(c for _u, c, _o in log) == ["api", "diff", "page", "revision"]
    assert {u for u, _c, _o in log} == {member.pk} and {o for _u, _c, o in log} == {community.pk}
    # A public record's views are not logged.
    public = f.make_record(publish=True)
    client.get(public.get_absolute_url())
    assert not RecordAccess.objects.filter(record=public).exists()
    # The community's administrators see the log; members and strangers do not.
    url = reverse("knowledge:community-access-log", args=[community.pk])
    assert client.get(url).status_code == 403
    admin = f.member_of(community, role="administrator")
    client.force_login(admin)
    page = client.get(url)
    assert page.status_code == 200 and member.email in page.content.decode() and record.base_id in page.content.decode()
    client.force_login(f.UserFactory())
    assert client.get(url).status_code == 403


def test_the_people_field_answers_the_same_for_unknown_addresses(community):
    """Item 11: 'No account has the address ...' told a contributor who is registered."""
    known = f.UserFactory(email="known@example.org")
    owner = f.authorised_user("KE")
    record = f.make_record(owner=owner, kind="traditional-knowledge", visibility="restricted",
                           community=community.pk, details={"holders": "Elders"},
                           restricted_to=["known@example.org", "Nobody.Yet@example.org"])
    assert list(record.restricted_to.all()) == [known]
    # The unknown address is held, shown back to the contributor like the known one ...
    from clearinghouse.knowledge.forms import RecordForm

    form = RecordForm(kind=record.kind, record=record)
    assert set(form.initial["restricted_to"].split()) == {"known@example.org", "nobody.yet@example.org"}
    # ... and counts once someone confirms an account with it, after publication.
    record = services.record_publish(actor=f.focal_point("KE"), record=record)
    later = f.UserFactory(email="nobody.yet@example.org")
    assert perms.can_view_record(later, record)
    assert selectors.published(later).filter(pk=record.pk).exists()
    unconfirmed = type(later).objects.get(pk=later.pk)
    unconfirmed.email_confirmed_at = None
    assert not perms.can_view_record(unconfirmed, record)
