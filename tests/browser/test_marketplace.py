"""The marketplace in a real browser: a French need gets an English offer with readable reasons,
an introduction is asked for and accepted (contacts only then), and a collaboration with
milestones is agreed."""

from __future__ import annotations

import pytest

from clearinghouse.matchmaking import services
from tests.factories import authorised_user, focal_point

from .conftest import login, logout

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_introduction_and_collaboration_end_to_end(page, site):
    fp = focal_point("MA", email="fp.ma@example.org", display_name="Fatima Zahra")
    provider = authorised_user("KE", email="wanjiru@example.org", display_name="Wanjiru Kamau")
    services.offer_create(actor=provider, country="KE", data={
        "title": "Training in waterbird counts and wetland monitoring",
        "description": "Two-week field training on waterbird counts and wetland bird monitoring.",
        "support_text": "training", "targets": ["3"]})

    login(page, site, fp.email, PASSWORD)
    page.goto(f"{site}/marketplace/needs/new/")
    page.get_by_label("Title").fill("Formation au suivi des oiseaux d'eau dans les zones humides")
    page.get_by_label("Description").fill("Nous cherchons une formation aux comptages d'oiseaux d'eau "
                                          "dans les zones humides.")
    page.get_by_label("Written in").select_option("fr")
    page.get_by_label("Country").select_option("MA")
    page.get_by_role("button", name="Post").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "CHM-NEED-MA-" in main
    assert "Training in waterbird counts" in main
    assert "offer in English, need in French" in main
    assert provider.email not in main

    page.get_by_label("Message (your email is shared only if they accept)").fill("Bonjour, parlons-en.")
    page.get_by_role("button", name="Ask to be put in touch").click()
    page.wait_for_load_state()
    assert "Request sent" in page.inner_text("main")
    assert provider.email not in page.inner_text("main")
    logout(page)

    login(page, site, provider.email, PASSWORD)
    page.goto(f"{site}/marketplace/introductions/")
    page.get_by_role("link", name="Waiting for your answer").click()
    assert fp.email not in page.inner_text("main")
    page.get_by_role("button", name="Accept and share contacts").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert fp.email in main and "Bonjour, parlons-en." in main

    page.get_by_role("link", name="Agree a way forward").click()
    page.get_by_label("Objectives").fill("Train four rangers in waterbird counts.")
    page.get_by_role("button", name="Start the collaboration").click()
    page.wait_for_load_state()
    page.locator("input[name=title]").fill("Field training at Lake Naivasha")
    page.locator("input[name=due_date]").fill("2030-03-15")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_load_state()
    assert "Field training at Lake Naivasha" in page.inner_text("main")
    page.get_by_role("button", name="Mark done").click()
    page.wait_for_load_state()
    assert "✓" in page.locator("tr.milestone").inner_text()
    assert not page.js_errors
