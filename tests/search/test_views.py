"""The search page and the API, as people and programs use them."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_page_shows_results_facets_and_highlights(published, client):
    published(title="Wetland birds census", countries=["KE"], summary="Volunteers count wetland birds.")
    published(title="Desert locust control", countries=["TZ"])
    page = client.get("/search/", {"q": "wetland"}).content.decode()
    assert "<mark>Wetland</mark> birds census" in page
    assert "Desert locust" not in page
    assert "1 result" in page
    assert 'href="?q=wetland&amp;country=KE"' in page  # a facet is a plain link
    assert 'hx-target="#search-page"' in page and 'hx-push-url="true"' in page


def test_facet_link_filters_without_javascript(published, client):
    published(title="Wetland birds census", countries=["KE"])
    published(title="Wetland plan", countries=["TZ"])
    page = client.get("/search/?q=wetland&country=TZ&mode=keyword").content.decode()
    assert "<mark>Wetland</mark> plan" in page and "birds census" not in page
    assert 'class="on" aria-current="true"' in page
    assert "Clear all filters" in page


def test_htmx_request_gets_the_results_fragment(published, client):
    published(title="Wetland birds census")
    response = client.get("/search/", {"q": "wetland"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-page")
    html = response.content.decode()
    assert "Wetland" in html and "<html" not in html


def test_no_results_page_helps(client, db):
    page = client.get("/search/", {"q": "zzzunknownword", "mode": "keyword"}).content.decode()
    assert "Nothing found for “zzzunknownword”" in page
    assert "Search by meaning too" in page


def test_page_query_budget(published, client, django_assert_max_num_queries):
    for i in range(25):
        published(title=f"Wetland survey {i}", countries=["KE", "TZ"], targets=["GBF-3"], conventions=["RAMSAR"],
                  support_types=["training"])
    client.force_login(UserFactory())
    client.get("/search/", {"q": "wetland"})  # embedder and vector matrix loaded once per process
    from django.db import connection

    # PostgreSQL adds 7: the read-only transaction's savepoint and its two SET LOCAL settings; 1 when the
    # query has words not seen before in this process (the server parses them, in one query); and 2 for
    # its matches among one document in 500, then in 50, from which a common word's counts are estimated.
    budget = 18 + (7 if connection.vendor == "postgresql" else 0)
    with django_assert_max_num_queries(budget):
        response = client.get("/search/", {"q": "wetland survey", "country": "KE", "target": "GBF-3", "page": 2})
    assert response.status_code == 200
    assert "<mark>Wetland</mark> <mark>survey</mark>" in response.content.decode()


def test_api_returns_the_same_results(published, client):
    published(title="Wetland birds census", countries=["KE"], summary="<b>Birds</b> of the wetland.")
    published(title="Wetland plan", countries=["TZ"], visibility="registered")
    data = client.get("/api/v1/search/", {"q": "wetland", "country": ["KE", "TZ"], "mode": "keyword"}).json()
    assert data["total"] == 1 and data["fallback"] is False
    hit = data["hits"][0]
    assert hit["title"] == "Wetland birds census" and hit["public_id"].startswith("CHM-GP-KE-")
    assert "<b>" not in hit["snippet_html"]
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in data["facets"]}
    assert facets["country"] == {"KE": 1, "TZ": 0}  # a selected value stays listed
    assert data["filters"] == {"country": ["KE", "TZ"]}


def test_api_shows_registered_records_to_signed_in_users(published, client):
    published(title="Wetland plan", visibility="registered")
    assert client.get("/api/v1/search/", {"q": "wetland"}).json()["total"] == 0
    client.force_login(UserFactory())
    assert client.get("/api/v1/search/", {"q": "wetland"}).json()["total"] == 1
