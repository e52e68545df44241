"""API documentation that is a page of the site: readable without JavaScript, on a phone, in the
site's languages and with a screen reader.

``ReadableDocs`` (django-ninja's docs renderer, chosen in ``urls.py``) lists every operation
server-side from the OpenAPI schema, grouped by tag, with its parameters, body and answers, and
links the schema (``/api/v1/openapi.json``). Swagger UI, served by the site from the ninja
package, stays available as an optional interactive explorer on its own page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from ninja.openapi.docs import DocsBase, Swagger

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict) -> str:
    ref = schema.get("$ref") or (schema.get("items") or {}).get("$ref") or ""
    name = ref.rsplit("/", 1)[-1]
    if name and schema.get("type") == "array":
        return f"[{name}]"
    return name or schema.get("type", "")


def operations_by_tag(schema: dict) -> list[dict]:
    """The schema's operations in order, grouped by their first tag (a plain structure for a template)."""
    groups: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [{
                "name": p.get("name"), "where": p.get("in"), "required": p.get("required", False),
                "type": _ref_name(p.get("schema") or {}), "description": p.get("description", ""),
            } for p in op.get("parameters", [])]
            body = ((op.get("requestBody") or {}).get("content") or {})
            body_types = [f"{ctype}: {_ref_name(spec.get('schema') or {})}" for ctype, spec in body.items()]
            responses = [{"code": code, "description": r.get("description", "")}
                         for code, r in sorted((op.get("responses") or {}).items(), key=lambda kv: str(kv[0]))]
            security = op.get("security")
            groups.setdefault((op.get("tags") or ["api"])[0], []).append({
                "id": op.get("operationId") or f"{method}-{path}",
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "parameters": params, "body": body_types,
                "responses": responses,
                "token": bool(security) and {} not in security,
                "token_optional": bool(security) and {} in security,
            })
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


class ReadableDocs(DocsBase):
    """The docs as a server-rendered page of the site (``api/docs.html``)."""

    template = "api/docs.html"

    def __init__(self):
        # Building the schema takes a while and it only changes with the code: kept per language.
        self._cache: dict[tuple, tuple[dict, list[dict]]] = {}

    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        key = (translation.get_language(), tuple(sorted(kwargs.items())))
        if key not in self._cache:
            schema = api.get_openapi_schema(path_params=kwargs)
            self._cache[key] = (schema.get("info", {}), operations_by_tag(schema))
        info, groups = self._cache[key]
        return render(request, self.template, {
            "api": api, "info": info, "groups": groups, "openapi_url": self.get_openapi_url(api, kwargs),
        })


class Explorer(Swagger):
    """Swagger UI from the ninja package (no CDN), in a page that carries the site's language."""

    template = "api/explorer.html"
