import pytest
from django.urls import reverse

from clearinghouse.matchmaking import services
from clearinghouse.matchmaking.models import Need
from tests.factories import focal_point

from .conftest import make_need, make_offer

pytestmark = pytest.mark.django_db


def test_marketplace_home_facets_and_budget(client, pair, django_assert_max_num_queries):
    for i in range(5):
        make_offer(title=f"Offer {i}", description=f"Wetland course {i}")
    with django_assert_max_num_queries(25):
        r = client.get(reverse("matchmaking:home") + "?kind=offer&support=training")
    assert r.status_code == 200
    assert "Training in waterbird counts" in r.text


def test_need_detail_shows_readable_reasons(client, pair, django_assert_max_num_queries):
    need, offer = pair
    with django_assert_max_num_queries(20):
        r = client.get(need.get_absolute_url())
    assert offer.title in r.text
    assert "offer in English, need in French" in r.text
    client.force_login(need.owner)
    r = client.get(need.get_absolute_url())
    assert "Ask to be put in touch" in r.text


def test_reasons_in_viewer_language(client, pair):
    need, offer = pair
    r = client.get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert "anglais" in r.text.lower() or "English" in r.text


def test_post_form_errors_link_to_fields_and_keep_text(client):
    fp = focal_point("MA")
    client.force_login(fp)
    big = "x" * 1_048_576
    r = client.post(reverse("matchmaking:need-create"), {"title": "Big need", "description": big, "language": "fr",
                                                         "country": "MA", "visibility": "public"})
    assert r.status_code == 200
    assert 'href="#id_description"' in r.text
    assert "1,048,576" in r.text
    assert big in r.text  # nothing lost
    assert not Need.objects.exists()


def test_introduction_pages_do_not_leak_contact(client, pair):
    need, offer = pair
    client.force_login(need.owner)
    r = client.post(reverse("matchmaking:introduction-request"), {"need": need.pk, "offer": offer.pk,
                                                                  "message": "Hello"}, follow=True)
    assert offer.owner.email not in r.text
    intro = need.introductions.get()
    client.force_login(offer.owner)
    r = client.get(intro.get_absolute_url())
    assert need.owner.email not in r.text
    r = client.post(intro.get_absolute_url(), {"decision": "accept", "message": "Welcome"}, follow=True)
    assert need.owner.email in r.text  # the conversation page shows the contact


def test_workshop_wall_and_table(client):
    fac = focal_point("KE")
    from django.utils import timezone

    ws = services.workshop_open(actor=fac, data={"title": "Wall", "starts_on": timezone.localdate()})
    services.need_create(actor=fac, data={"title": "Yellow sheet", "description": "Wetland training"},
                         country="KE", workshop=ws)
    client.force_login(fac)
    r = client.get(ws.get_absolute_url())
    assert "Yellow sheet" in r.text and ws.join_code in r.text
    assert client.get(reverse("matchmaking:workshop-table", args=[ws.pk])).status_code == 200
    client.force_login(focal_point("BR"))
    assert client.get(ws.get_absolute_url()).status_code == 404


def test_dashboard(client, pair):
    make_need(title="Another need", description="Data on species")
    r = client.get(reverse("matchmaking:dashboard"))
    assert r.status_code == 200 and "Open needs" in r.text


def test_matched_need_shows_its_collaboration_not_suggestions(client, pair, django_assert_max_num_queries):
    need, offer = pair
    other = make_offer(title="Wetland bird monitoring course", description="Course on waterbird counts.")
    services.suggestions_refresh_for_offer(other.pk)
    r = client.get(need.get_absolute_url())
    assert "Offers that may answer this need" in r.text and other.title in r.text
    intro = services.introduction_request(actor=need.owner, need=need, offer=offer)
    services.introduction_accept(actor=offer.owner, introduction=intro)
    collab = services.collaboration_create(actor=need.owner, introduction=intro,
                                           data={"title": "Waterbird training for Morocco"})
    need.refresh_from_db()
    assert need.status == "matched"
    with django_assert_max_num_queries(20):
        r = client.get(need.get_absolute_url())
    assert "Offers that may answer this need" not in r.text
    assert other.title not in r.text and "Ask to be put in touch" not in r.text
    assert "Waterbird training for Morocco" in r.text
    assert collab.get_absolute_url() not in r.text  # a stranger does not get the private page
    client.force_login(need.owner)
    r = client.get(need.get_absolute_url())
    assert collab.get_absolute_url() in r.text
    assert client.get(f"/api/v1/marketplace/needs/{need.public_id}/suggestions").json() == []
    for party in collab.parties.all():
        services.collaboration_consent_public(actor=party.user, collaboration=collab)
    client.logout()
    r = client.get(need.get_absolute_url())
    assert reverse("matchmaking:collaboration-public", args=[collab.pk]) in r.text


def test_closed_need_shows_no_suggestions(client, pair):
    need, offer = pair
    services.post_set_status(actor=need.owner, post=need, status="closed")
    client.force_login(need.owner)
    r = client.get(need.get_absolute_url())
    assert offer.title not in r.text and "This post is closed" in r.text
