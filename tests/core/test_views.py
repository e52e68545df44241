"""Home, countries, country profile and the development outbox."""

import pytest
from django.conf import settings
from django.urls import reverse

from clearinghouse.knowledge import services as knowledge
from tests.factories import UserFactory, authorised_user, focal_point, make_record

pytestmark = pytest.mark.django_db


def test_home_has_search_stats_latest_records_and_targets(client):
    make_record(country="KE", publish=True, title="Mangrove nurseries run by fishers")
    r = client.get(reverse("core:home"))
    body = r.content.decode()
    assert r.status_code == 200
    assert 'role="search"' in body and 'name="q"' in body
    assert "Mangrove nurseries run by fishers" in body
    assert f'href="{reverse("portal:target", args=["GBF-3"])}"' in body  # each target has its page
    assert "Conserve 30% of land, waters and seas" in body
    for name in ("knowledge:list", "matchmaking:home", "forums:list"):
        assert f'href="{reverse(name)}"' in body


def test_home_shows_the_published_title_not_a_later_draft(client):
    record = make_record(country="KE", publish=True, title="Published title")
    knowledge.record_update(actor=record.owner, record=record, data={"title": "Unpublished new title"})
    body = client.get(reverse("core:home")).content.decode()
    assert "Published title" in body and "Unpublished new title" not in body


def test_countries_grouped_by_un_region(client):
    make_record(country="KE", publish=True)
    r = client.get(reverse("core:countries"))
    body = r.content.decode()
    assert r.status_code == 200
    assert body.index('id="region-AF"') < body.index("Kenya</a>") < body.index('id="region-AP"')
    assert 'href="/countries/KE/"' in body and "Latin America and the Caribbean" in body


def test_country_profile_lists_focal_points_and_records_within_budget(client, django_assert_max_num_queries):
    fp = focal_point("KE", convention="CBD", display_name="Grace Mwangi")
    for i in range(5):
        make_record(country="KE", publish=True, publisher=fp, title=f"Practice {i}")
    with django_assert_max_num_queries(10):
        r = client.get(reverse("core:country", kwargs={"code": "ke"}))
    body = r.content.decode()
    assert r.status_code == 200
    assert "Grace Mwangi" in body and "CBD" in body
    assert all(f"Practice {i}" in body for i in range(5))
    assert fp.email not in body  # no addresses on public pages


def test_country_page_links_focal_points_to_their_authorised_users(client):
    fp = focal_point("KE")
    client.force_login(fp)
    assert reverse("accounts:country-users", kwargs={"code": "KE"}) in client.get("/countries/KE/").content.decode()
    client.force_login(authorised_user("KE"))
    assert reverse("accounts:country-users", kwargs={"code": "KE"}) not in client.get(
        "/countries/KE/").content.decode()


def test_unknown_country_is_404(client):
    assert client.get("/countries/QQ/").status_code == 404


def test_outbox_lists_mails_and_shows_one_with_links(client, settings, tmp_path, run_on_commit):
    from clearinghouse.accounts import services

    settings.DEBUG = True
    settings.EMAIL_BACKEND = "clearinghouse.alerts.outbox.OutboxBackend"
    settings.CLEARINGHOUSE_OUTBOX_DIR = tmp_path / "outbox"
    with run_on_commit():
        services.user_signup(email="new@example.org", password="a long and unusual passphrase",
                             display_name="New Person")
    client.force_login(UserFactory(is_staff=True))
    r = client.get(reverse("core:outbox"))
    body = r.content.decode()
    assert r.status_code == 200 and "Confirm your email address" in body and "new@example.org" in body
    name = next((tmp_path / "outbox").glob("*.eml")).name
    r = client.get(reverse("core:outbox-message", kwargs={"name": name}))
    assert r.status_code == 200 and '<a href="http' in r.content.decode()
    settings.DEBUG = False
    assert client.get(reverse("core:outbox")).status_code == 404


def test_outbox_is_for_staff_only(client, settings, tmp_path, run_on_commit):
    """The outbox holds every mail the site sent, confirmation and password-reset links included."""
    from clearinghouse.accounts import services

    settings.DEBUG = True
    settings.EMAIL_BACKEND = "clearinghouse.alerts.outbox.OutboxBackend"
    settings.CLEARINGHOUSE_OUTBOX_DIR = tmp_path / "outbox"
    with run_on_commit():
        services.user_signup(email="new@example.org", password="a long and unusual passphrase",
                             display_name="New Person")
    name = next((tmp_path / "outbox").glob("*.eml")).name
    pages = [reverse("core:outbox"), reverse("core:outbox-message", kwargs={"name": name}),
             reverse("core:outbox-message", kwargs={"name": name}) + "?raw=1"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 302 and reverse("accounts:login") in r.url, url
    client.force_login(UserFactory())
    for url in pages:
        r = client.get(url)
        assert r.status_code == 403 and "/accounts/confirm/" not in r.content.decode(), url
    client.force_login(UserFactory(is_staff=True))
    assert all(client.get(url).status_code == 200 for url in pages)


@pytest.mark.parametrize("name,kwargs", [
    ("core:home", {}), ("core:countries", {}), ("core:country", {"code": "KE"}),
])
def test_core_pages_in_arabic_are_right_to_left(client, name, kwargs):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    r = client.get(reverse(name, kwargs=kwargs))
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.content.decode()


def test_country_page_shows_open_needs_when_the_marketplace_exists(client):
    services = pytest.importorskip("clearinghouse.matchmaking.services")
    member = authorised_user("KE")
    services.need_create(actor=member, country="KE", data={
        "title": "Training in mangrove mapping", "description": "Our rangers need drone mapping skills.",
        "support_types": ["training"],
    })
    body = client.get("/countries/KE/").content.decode()
    assert "Training in mangrove mapping" in body
