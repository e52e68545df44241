"""A coordinator opens the overlap queue, confirms an overlap, and both partners are notified (in the app and by
e-mail); the partner sees the notice and the other activity."""

from __future__ import annotations

import pytest
from django.core import mail

from clearinghouse.alerts.models import Notice
from clearinghouse.partnerships.models import OverlapSuggestion
from tests.factories import UserFactory
from tests.partnerships.factories import activity_data, gov_member, make_partnership, org_member

from .conftest import axe_violations, login, logout

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_coordinator_confirms_an_overlap_and_both_partners_hear(page, site):
    from clearinghouse.partnerships import services

    coordinator = UserFactory(email="coordinator@example.org", display_name="Coordinator")
    p = make_partnership(coordinator=coordinator, slug="target-3")
    ngo, ngo_person = org_member(p, user=UserFactory(email="ngo@example.org"))
    gov, fp = gov_member(p, "KE")
    a = services.activity_create(actor=ngo_person, member=ngo, data=activity_data(
        title="Ranger training and patrol equipment for Shimba Hills", start="2025-01", end="2027-06",
        budget="300000"))
    b = services.activity_create(actor=fp, member=gov, data=activity_data(
        title="Formation des gardes et patrouilles à Shimba Hills", language="fr", start="2025-09", end="2026-12",
        description="Les gardes du parc de Shimba Hills sont formés et reçoivent des radios.", budget="90000"))
    s = OverlapSuggestion.objects.filter(partnership=p).first()  # found by the detector when they were registered
    assert s is not None and {s.a_id, s.b_id} == {a.pk, b.pk}
    if s.kind != "overlap":  # the budgets differ and the starts are 8 months apart: an overlap, not a duplicate
        pytest.fail(f"expected an overlap, got {s.kind}")
    mail.outbox.clear()

    login(page, site, coordinator.email, PASSWORD)
    page.goto(f"{site}/partnerships/target-3/")
    page.get_by_role("link", name="Overlaps to review").first.click()
    main = page.inner_text("main")
    assert "Ranger training and patrol equipment for Shimba Hills" in main
    assert "Formation des gardes" in main and "same kind of support" in main
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm the overlap and tell both partners").click()
    page.wait_for_load_state()
    assert "both partners were told" in page.inner_text("main")
    assert "Nothing to review here." in page.inner_text("main")
    s.refresh_from_db()
    assert s.state == "confirmed"

    for person in (ngo_person, fp):
        assert Notice.objects.filter(user=person, verb="partnership-overlap-confirmed").exists()
    assert {m.to[0] for m in mail.outbox} == {ngo_person.email, fp.email}
    logout(page)

    login(page, site, ngo_person.email, PASSWORD)
    notice = Notice.objects.get(user=ngo_person, verb="partnership-overlap-confirmed")
    page.goto(notice.url)
    assert "Formation des gardes" in page.inner_text("main")
    assert page.js_errors == []
