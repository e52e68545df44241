"""``/api/informea/v1/``: the service document, ``$metadata``, and each entity set (read-only)."""

from __future__ import annotations

import json
import re

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from . import odata
from .entities import entity_sets

_KEY = re.compile(r"^\('([^'()]{1,80})'\)(?:/([A-Za-z]+))?$")
_QUERY_OPTIONS = {"$format", "$top", "$skip", "$orderby", "$inlinecount", "$expand", "$filter", "$select",
                  "$skiptoken"}


def _error(exc: odata.ODataError) -> JsonResponse:
    body = {"error": {"code": exc.code, "message": {"lang": "en-US", "value": exc.message}}}
    return JsonResponse(body, status=exc.status, json_dumps_params={"ensure_ascii": False})


def _json(data) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json;charset=utf-8")
    response["DataServiceVersion"] = "2.0"
    return response


def _base(request) -> str:
    return request.build_absolute_uri("/api/informea/v1/")


def _check_format(request) -> None:
    fmt = request.GET.get("$format", "json")
    if fmt not in ("json", "application/json"):
        raise odata.ODataError("Only $format=json is served.", status=415, code="UnsupportedMediaType")
    unknown = [k for k in request.GET if k.startswith("$") and k not in _QUERY_OPTIONS]
    if unknown:
        raise odata.ODataError(f"Unknown query option {unknown[0]}.")


@require_GET
def service(request):
    try:
        _check_format(request)
    except odata.ODataError as exc:
        return _error(exc)
    return _json({"d": {"EntitySets": [es.name for es in entity_sets()]}})


@require_GET
def metadata(request):
    response = HttpResponse(odata.metadata_xml(entity_sets()), content_type="application/xml;charset=utf-8")
    response["DataServiceVersion"] = "2.0"
    return response


def _expand(request, entity_set) -> set[str]:
    names = {n.strip() for n in request.GET.get("$expand", "").split(",") if n.strip()}
    for name in names:
        if entity_set.nav(name) is None:
            raise odata.ODataError(f"Cannot expand '{name}' on {entity_set.name}.")
    return names


@require_GET
def collection(request, name: str, rest: str = ""):
    try:
        _check_format(request)
        entity_set = next((es for es in entity_sets() if es.name == name), None)
        if entity_set is None:
            raise odata.ODataError(f"Resource not found for the segment '{name}'.", status=404, code="NotFound")
        base = _base(request)
        if rest:
            return _one(request, entity_set, rest, base)
        qs = entity_set.queryset()
        if request.GET.get("$filter"):
            qs = odata.apply_filter(qs, entity_set, request.GET["$filter"])
        if request.GET.get("$orderby"):
            qs = odata.apply_orderby(qs, entity_set, request.GET["$orderby"])
        top = odata.int_option(request.GET, "$top", odata.DEFAULT_TOP, odata.MAX_TOP)
        skip = odata.int_option(request.GET, "$skip", 0)
        inline = request.GET.get("$inlinecount", "none")
        if inline not in ("allpages", "none"):
            raise odata.ODataError("$inlinecount must be allpages or none.")
        expand = _expand(request, entity_set)
        rows = list(qs[skip:skip + top])
        data: dict = {"results": [odata.entity_json(obj, entity_set, base, expand) for obj in rows]}
        if inline == "allpages":
            data["__count"] = str(qs.count())
        if len(rows) == top:
            data["__next"] = request.build_absolute_uri(
                f"/api/informea/v1/{name}?" + _with(request, "$skip", str(skip + top)))
        return _json({"d": data})
    except odata.ODataError as exc:
        return _error(exc)


def _with(request, key: str, value: str) -> str:
    params = request.GET.copy()
    params[key] = value
    return params.urlencode()


def _one(request, entity_set, rest: str, base: str):
    match = _KEY.match(rest)
    if not match:
        raise odata.ODataError("Bad key segment.")
    key, nav_name = match.groups()
    pk = key.rpartition("-")[2]  # keys look like "<kind>-<pk>"
    if not pk.isdigit():
        raise odata.ODataError(f"Resource not found for the key '{key}'.", status=404, code="NotFound")
    obj = entity_set.queryset().filter(pk=int(pk)).first()
    if obj is None or entity_set.key(obj) != key:
        raise odata.ODataError(f"Resource not found for the key '{key}'.", status=404, code="NotFound")
    if nav_name:
        nav = entity_set.nav(nav_name)
        if nav is None:
            raise odata.ODataError(f"Resource not found for the segment '{nav_name}'.", status=404,
                                   code="NotFound")
        rows = odata.entity_json(obj, entity_set, base, {nav_name})[nav_name]["results"]
        return _json({"d": {"results": rows}})
    return _json({"d": odata.entity_json(obj, entity_set, base, _expand(request, entity_set))})
