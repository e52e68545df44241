"""The API documentation is a page of the site: every operation readable without JavaScript."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_docs_list_every_operation_of_the_schema_without_javascript(client):
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.startswith("<!doctype html>\n<html lang=\"en\"")
    assert 'href="/api/v1/openapi.json"' in html
    assert "<script" not in html.split("</main>")[0]  # the content needs no script
    for path, item in schema["paths"].items():
        for method in item:
            assert f'<span class="api-method">{method.upper()}</span> <code class="api-path">{path}</code>' in html


def test_docs_speak_the_visitors_language(client):
    client.cookies["django_language"] = "ar"
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_the_footer_link_leads_to_the_docs_and_the_explorer_is_served_by_the_site(client):
    assert client.get("/api/").url == "/api/v1/docs"
    explorer = client.get("/api/v1/docs/explorer").content.decode()
    assert '<html lang="en">' in explorer
    assert "/static/ninja/swagger-ui-bundle.js" in explorer and "cdn" not in explorer.lower()
