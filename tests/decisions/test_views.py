import pytest
from django.urls import reverse

from tests.decisions.factories import make_decision

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_convention_and_words(client, django_assert_max_num_queries):
    make_decision(symbol="CMS Resolution 12.21", convention_id="CMS", number="12.21",
                  title="Climate change and migratory species")
    make_decision(title="Invasive alien species")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("decisions:list"), {"convention": "CMS"}).content.decode()
    assert "CMS Resolution 12.21" in page and "Invasive alien species" not in page
    page = client.get(reverse("decisions:list"), {"q": "invasive"}).content.decode()
    assert "Invasive alien species" in page and "12.21" not in page


def test_the_page_shows_the_decision_in_the_readers_language(client):
    decision = make_decision(title="Protected areas", translations={"fr": {"title": "Aires protégées"}})
    page = client.get(decision.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Aires protégées" in page and 'lang="fr"' in page
    assert client.get(reverse("decisions:detail", args=[decision.pk + 1000])).status_code == 404


def test_the_api_lists_and_filters(client):
    make_decision(symbol="Ramsar Resolution X.24", convention_id="RAMSAR", number="X.24", title="Climate change and wetlands")
    make_decision()
    data = client.get("/api/v1/decisions/", {"convention": "RAMSAR"}).json()
    assert data["count"] == 1 and data["items"][0]["symbol"] == "Ramsar Resolution X.24"
    detail = client.get(f"/api/v1/decisions/{data['items'][0]['id']}").json()
    assert detail["convention"] == "RAMSAR" and detail["url"].startswith("/decisions/")
