"""The OpenAPI page and schema: served from this site, complete, described, and with no secrets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver

from clearinghouse.api.urls import ROUTERS, api

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
SECRET_FIELDS = {"email", "password", "key_hash", "token", "key", "owner", "owner_id", "user_id", "author_id"}
# Where a secret-looking field is meant to be there, and why.
ALLOWED_FIELDS = {
    ("MeOut", "email"): "your own account (GET /accounts/me)",
    ("ContactOut", "email"): "the other party of an accepted introduction, shown only to its two parties",
}


@pytest.fixture
def schema(client) -> dict:
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        """What the page loads (scripts, images, style sheets, icons), not where its links lead."""
        for name, value in attrs:
            if value and (name == "src" or (tag == "link" and name == "href")):
                self.urls.append(value)


@pytest.mark.parametrize("path", ["/docs", "/docs/explorer"])
def test_the_docs_pages_are_served_from_this_site_without_a_cdn(client, path):
    assert client.get("/api/").url == f"{PREFIX}/docs"
    response = client.get(f"{PREFIX}{path}")
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Assets()
    parser.feed(html)
    assert parser.urls, "the page loads its style sheet and scripts from somewhere"
    for url in parser.urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not shipped"
    assert "cdn" not in html.lower()
    assert f"{PREFIX}/openapi.json" in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def _ninja_urls(resolver=None, prefix: str = "") -> set[str]:
    """Every API path the URL resolver routes to a ninja view, in OpenAPI's `{name}` form."""
    found = set()
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found |= _ninja_urls(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/v1/"):
            if getattr(entry.callback, "__qualname__", "").startswith("PathView."):  # not docs, schema
                found.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return found


def test_every_mounted_router_and_every_operation_is_in_the_schema(schema):
    mounted = {prefix.strip("/") for prefix, _router in api._routers if prefix.strip("/")}
    assert mounted == {prefix for prefix, _module in ROUTERS}, "an app's api.py failed to mount"
    registered = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = f"{PREFIX}/{prefix.strip('/')}/{path.lstrip('/')}".replace("//", "/")
                    registered.add((method.upper(), re.sub(r"\{(?:\w+:)?(\w+)\}", r"{\1}", full)))
    documented = {(method, path) for method, path, _op in _operations(schema)}
    assert registered == documented
    assert _ninja_urls() == {path for _method, path in documented}
    assert len(documented) >= 30


def test_every_operation_has_a_written_summary_and_tags(schema):
    by_id = {op["operationId"]: op for _m, _p, op in _operations(schema)}
    missing = []
    for method, path, operation in _operations(schema):
        assert operation.get("tags"), f"{method} {path} has no tags"
        name = operation["operationId"].rsplit("_api_", 1)[-1]
        generated = name.title().replace("_", " ")  # what ninja writes when nobody did
        if operation.get("summary", generated) == generated and not operation.get("description"):
            missing.append(f"{method} {path}")
    assert not missing, f"write a summary= for: {missing}"
    assert by_id


def _walk_properties(schema: dict, node, owner: str, seen: set, found: list):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[1]
            if name not in seen:
                seen.add(name)
                _walk_properties(schema, schema["components"]["schemas"][name], name, seen, found)
            return
        for prop in node.get("properties", {}):
            found.append((owner, prop))
        for key, value in node.items():
            if key != "properties":
                _walk_properties(schema, value, owner, seen, found)
            else:
                for sub in value.values():
                    _walk_properties(schema, sub, owner, seen, found)
    elif isinstance(node, list):
        for item in node:
            _walk_properties(schema, item, owner, seen, found)


def test_no_response_shows_addresses_passwords_or_token_hashes(schema):
    leaks = []
    for method, path, operation in _operations(schema):
        found: list[tuple[str, str]] = []
        for response in operation["responses"].values():
            _walk_properties(schema, response.get("content", {}), f"{method} {path}", set(), found)
        for owner, field in found:
            lowered = field.lower()
            if lowered in SECRET_FIELDS or lowered.endswith(("password", "_hash", "_secret")):
                is_token_creation = method == "POST" and path.startswith(f"{PREFIX}/accounts/") and \
                    lowered in ("token", "key")
                if (owner, field) not in ALLOWED_FIELDS and not is_token_creation:
                    leaks.append(f"{method} {path}: {owner}.{field}")
    assert not leaks, leaks


def test_schema_names_are_unique_across_apps():
    """Two apps' schemas with the same class name share one entry in the schema: the last one wins."""
    from pydantic import BaseModel

    by_name: dict[str, set] = {}

    def visit(model):
        if isinstance(model, type) and issubclass(model, BaseModel):
            if model in by_name.setdefault(model.__name__, set()):
                return
            by_name[model.__name__].add(model)
            for field in model.model_fields.values():
                for arg in _type_args(field.annotation):
                    visit(arg)

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in (operation.response_models or {}).values():
                    if model is not None and hasattr(model, "model_fields"):
                        for arg in _type_args(model.model_fields["response"].annotation):
                            visit(arg)
                for model in operation.models:
                    for field in model.model_fields.values():
                        for arg in _type_args(field.annotation):
                            visit(arg)
    clashes = {name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
               for name, models in by_name.items() if len(models) > 1}
    assert not clashes, clashes


def _type_args(annotation):
    from typing import get_args

    yield annotation
    for arg in get_args(annotation):
        yield from _type_args(arg)


def test_public_reads_declare_the_token_optional(schema):
    operation = schema["paths"][f"{PREFIX}/records/"]["get"]
    assert {} in operation.get("security", [{}])
