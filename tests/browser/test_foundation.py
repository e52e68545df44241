"""The foundation flows in a real browser: sign up and confirm by email, contribute and publish a
record, find it across languages, read the site in Arabic, and accessibility checks with axe-core."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.factories import authorised_user, focal_point, make_record

from .conftest import axe_violations, login, logout, mail_text

pytestmark = pytest.mark.browser
PASSWORD = "a-long-enough-passphrase-42"


def test_sign_up_and_confirm_by_email(page, site):
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Your name").fill("Amina Diallo")
    page.get_by_label("Email address").fill("amina@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_load_state()
    assert "amina@example.org" in page.inner_text("main")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    body = mail_text(message)
    link = re.search(r"https?://\S+/accounts/confirm/\S+/", body)
    assert link, body
    page.goto(link.group(0))
    assert page.url.endswith("/accounts/me/")
    assert "your email address is confirmed" in page.inner_text("main")
    assert "Amina Diallo" in page.inner_text("header")


def test_authorised_user_submits_focal_point_publishes_and_a_french_query_finds_the_spanish_record(
    page, site
):
    author = authorised_user("CO", email="autor@example.org", password=PASSWORD)
    publisher = focal_point("CO", email="punto@example.org", password=PASSWORD)

    login(page, site, author.email, PASSWORD)
    page.goto(f"{site}/records/new/good-practice/?country=CO")
    page.locator("#id_title").fill("Restauración de manglares con comunidades pesqueras en La Guajira")
    page.locator("#id_summary").fill(
        "Las comunidades de pescadores replantan y vigilan los manglares de la costa."
    )
    page.locator("#id_body").fill(
        "Viveros comunitarios, patrullas y monitoreo de la regeneración del manglar."
    )
    page.locator("#id_language").select_option("es")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/draft/" in page.url, page.inner_text("main")
    draft_url = page.url
    page.get_by_role("button", name="Submit for publishing").click()
    page.wait_for_load_state()
    assert "Submitted" in page.inner_text("main")
    logout(page)

    login(page, site, publisher.email, PASSWORD)
    page.goto(draft_url)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_load_state()
    published = re.search(r"Published as (\S+)\.", page.inner_text("main"))
    assert published, page.inner_text("main")
    public_id = published.group(1)
    logout(page)

    # Anyone finds it with a query in French.
    page.goto(f"{site}/search/?q=restauration+des+mangroves")
    results = page.inner_text("main")
    assert "Restauración de manglares" in results, results[:2000]
    page.get_by_role("link", name=re.compile("Restauración de manglares")).first.click()
    page.wait_for_load_state()
    assert public_id in page.inner_text("main")
    assert "Las comunidades de pescadores" in page.inner_text("main")


def test_switching_to_arabic_turns_the_page_right_to_left(page, site):
    page.goto(f"{site}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "en"
    assert html.get_attribute("dir") == "ltr"
    page.locator("#lang-select").select_option("ar")
    page.locator("form.lang-switch button[type=submit]").click()
    page.wait_for_load_state()
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.goto(f"{site}/search/?q=forest")
    assert html.get_attribute("dir") == "rtl"  # the choice stays
    assert axe_violations(page) == []


@pytest.fixture
def published_record(site):
    return make_record(country="KE", publish=True, title="Community-managed mangrove restoration in Kwale")


@pytest.mark.parametrize("path", ["/", "/search/?q=mangrove", "record"])
def test_pages_have_no_serious_accessibility_violations(page, site, published_record, path):
    if path == "record":
        path = published_record.get_absolute_url()
    page.goto(site + path)
    assert page.locator("link[rel=stylesheet]").count() >= 1
    violations = axe_violations(page)
    assert violations == [], f"{path}: {violations}"


def test_pages_work_without_javascript_errors(page, site, published_record):
    for path in ("/", "/search/?q=mangrove", published_record.get_absolute_url(), "/records/"):
        response = page.goto(site + path)
        assert response.status == 200, path
    assert page.js_errors == []
