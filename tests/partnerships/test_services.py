"""Joining, leaving, contact through the platform, activities, overlap review, work programme, digest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clearinghouse.alerts.models import Notice
from clearinghouse.core.errors import Conflict
from clearinghouse.partnerships import selectors, services
from clearinghouse.partnerships.models import Member, OverlapSuggestion
from tests.factories import OrganisationFactory, UserFactory, member_of

from .conftest import mail_text
from .factories import activity_data, gov_member, make_activity, make_partnership, org_member

pytestmark = pytest.mark.django_db


def test_a_request_waits_for_a_coordinator_who_is_told(run_on_commit):
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    org = OrganisationFactory(name="Blue Ventures")
    person = member_of(org)
    m = services.member_request(actor=person, partnership=p, organisation=org, levels=["local", "national"],
                                countries=["MG"], elements=["marine_coastal"])
    assert m.state == Member.State.REQUESTED
    assert Notice.objects.filter(user=coordinator, text__contains="Blue Ventures").exists()
    with pytest.raises(Conflict):
        services.member_request(actor=person, partnership=p, organisation=org, levels=["local"])
    services.member_decide(actor=coordinator, member=m, accept=True)
    m.refresh_from_db()
    assert m.state == Member.State.ACTIVE and m.joined_at
    assert Notice.objects.filter(user=person, verb="partnership-join-decided").exists()
    with pytest.raises(Conflict):
        services.member_decide(actor=coordinator, member=m, accept=False)


def test_automatic_acceptance_and_leaving_then_joining_again():
    p = make_partnership(auto_accept=True)
    m, person = org_member(p)
    assert m.state == Member.State.ACTIVE and m.decided_by is None
    services.member_leave(actor=person, member=m)
    m.refresh_from_db()
    assert m.state == Member.State.LEFT
    again = services.member_request(actor=person, partnership=p, organisation=m.organisation, levels=["global"])
    assert again.state == Member.State.ACTIVE  # no cut-off date for joining


def test_joining_needs_levels_and_known_countries():
    p = make_partnership()
    org = OrganisationFactory()
    person = member_of(org)
    with pytest.raises(ValidationError) as exc:
        services.member_request(actor=person, partnership=p, organisation=org, levels=[])
    assert "levels" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.member_request(actor=person, partnership=p, organisation=org, levels=["local"], countries=["XX"])
    assert "XX" in str(exc.value.message_dict["countries"])
    with pytest.raises(PermissionDenied):
        services.member_request(actor=UserFactory(), partnership=p, organisation=org, levels=["local"])


def test_contact_goes_through_the_platform_without_showing_the_address(run_on_commit):
    p = make_partnership()
    m, person = org_member(p)
    sender = UserFactory(email="sender@example.org")
    mail.outbox.clear()
    with run_on_commit():
        services.member_contact(actor=sender, member=m, subject="Joint patrols", body="Shall we coordinate?")
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == [person.email] and "sender@example.org" in msg.message()["Reply-To"]
    assert "Shall we coordinate?" in mail_text(msg) and "sender@example.org" not in mail_text(msg)
    with pytest.raises(ValidationError):
        services.member_contact(actor=sender, member=m, subject="", body="x")


def test_activity_validation_names_each_field():
    p = make_partnership()
    m, person = org_member(p)
    with pytest.raises(ValidationError) as exc:
        services.activity_create(actor=person, member=m, data=activity_data(
            countries=["ZZ"], start="2026-05", end="2025-01", elements=["nowhere"], support_types=["magic"],
            budget="12abc", currency="dollars"))
    errors = exc.value.message_dict
    assert {"countries", "end", "elements", "support_types", "budget", "currency"} <= set(errors)
    assert "before the start" in errors["end"][0]


def test_a_member_registers_only_for_itself():
    p = make_partnership()
    m, person = org_member(p)
    other, _ = org_member(p)
    with pytest.raises(PermissionDenied):
        services.activity_create(actor=person, member=other, data=activity_data())


def test_a_duplicate_in_another_language_is_found_when_registered(run_on_commit):
    p = make_partnership()
    m, person = org_member(p)
    g, fp = gov_member(p, "KE")
    with run_on_commit():
        a = make_activity(m, person)
        b = make_activity(g, fp, title="Formation des gardes du parc de Shimba Hills", language="fr",
                          description="Les gardes du parc sont formés et équipés.", start="2025-02",
                          budget="93000", currency="EUR")
    s = OverlapSuggestion.objects.get(partnership=p)
    assert {s.a_id, s.b_id} == {a.pk, b.pk} and s.kind == "duplicate"
    assert any(r["code"] == "budget_close" for r in s.reasons)


def _suggestion(p, kind):
    m, person = org_member(p)
    g, fp = gov_member(p, "KE")
    a = make_activity(m, person)
    b = make_activity(g, fp, title="Ranger patrols in Shimba Hills", start="2025-06")
    s = OverlapSuggestion.objects.filter(a__in=[a, b], b__in=[a, b]).first()
    if s is None:
        s = OverlapSuggestion.objects.create(partnership=p, a=a, b=b, kind=kind, score=0.8, reasons=[])
    else:
        OverlapSuggestion.objects.filter(pk=s.pk).update(kind=kind)
        s.refresh_from_db()
    return s, person, fp


def test_confirming_an_overlap_tells_both_partners(run_on_commit):
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    s, person, fp = _suggestion(p, "overlap")
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        services.overlap_decide(actor=person, suggestion=s, decision="confirm")
    with run_on_commit():
        services.overlap_decide(actor=coordinator, suggestion=s, decision="confirm")
    for user in (person, fp):
        assert Notice.objects.filter(user=user, verb="partnership-overlap-confirmed").exists()
    assert {m.to[0] for m in mail.outbox} == {person.email, fp.email}
    with pytest.raises(Conflict):
        services.overlap_decide(actor=coordinator, suggestion=s, decision="dismiss")


def test_a_confirmed_duplicate_counts_once_in_the_gaps():
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    s, _person, _fp = _suggestion(p, "duplicate")
    before = selectors.gap_matrix(p)["cells"][("protected_areas", "KE")]
    assert len(before.activities) == 2
    services.overlap_decide(actor=coordinator, suggestion=s, decision="confirm")
    after = selectors.gap_matrix(p)["cells"][("protected_areas", "KE")]
    assert len(after.activities) == 1


def test_merge_withdraws_the_copy_and_keeps_its_language():
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    s, _person, _fp = _suggestion(p, "duplicate")
    with pytest.raises(Conflict):
        OverlapSuggestion.objects.filter(pk=s.pk).update(kind="overlap")
        s.refresh_from_db()
        services.overlap_decide(actor=coordinator, suggestion=s, decision="merge")
    OverlapSuggestion.objects.filter(pk=s.pk).update(kind="duplicate")
    s.refresh_from_db()
    services.overlap_decide(actor=coordinator, suggestion=s, decision="merge")
    s.a.refresh_from_db()
    s.b.refresh_from_db()
    copy = s.b if s.b.duplicate_of_id else s.a
    assert copy.withdrawn_at is not None and copy.duplicate_of_id in (s.a_id, s.b_id)


def test_work_item_progress_is_checked():
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    m, person = org_member(p)
    item = services.work_item_create(actor=coordinator, partnership=p, data={
        "title": "Harmonised reporting", "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2027, 12, 31),
        "lead": m})
    services.work_item_progress(actor=person, item=item, progress=40, status="in_progress", note="Pilot done")
    item.refresh_from_db()
    assert item.progress == 40
    with pytest.raises(ValidationError):
        services.work_item_progress(actor=person, item=item, progress=140, status="in_progress")
    with pytest.raises(ValidationError):
        services.work_item_create(actor=coordinator, partnership=p, data={
            "title": "Backwards", "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2024, 1, 1)})


def test_the_digest_goes_once_in_the_readers_language(run_on_commit):
    p = make_partnership(auto_accept=True)
    m, person = org_member(p)
    person.preferred_language = "fr"
    person.save()
    services.digest_subscribe(actor=person, partnership=p)
    make_activity(m, person, title="Nouvelle activité de formation")
    mail.outbox.clear()
    later = timezone.now() + dt.timedelta(days=8)
    with run_on_commit():
        assert services.digests_send(now=later) == 1
    assert len(mail.outbox) == 1
    assert "Nouvelle activité de formation" in mail_text(mail.outbox[0])
    with run_on_commit():
        assert services.digests_send(now=later) == 0  # nothing twice


def test_unmatched_needs_are_those_without_current_support():
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    m, person = org_member(p)
    make_activity(m, person, start="2025-01", end=f"{timezone.now().year + 1}-12")
    covered = services.need_create(actor=coordinator, partnership=p, data={
        "country": "KE", "title": "Ranger training", "elements": ["protected_areas"],
        "support_types": ["training"]})
    missing = services.need_create(actor=coordinator, partnership=p, data={
        "country": "TD", "title": "Patrol equipment", "elements": ["protected_areas"]})
    from clearinghouse.partnerships.models import PartnershipNeed

    PartnershipNeed.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    u = selectors.needs_unmatched(p, months=6)
    assert list(u["needs"]) == [missing]
    assert covered not in list(u["needs"])
