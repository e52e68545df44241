"""The search page. Every control works as a plain link or GET form; htmx swaps the
results in place when it is there."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clearinghouse.core.cache import public_page_cache

from . import selectors


def search_params(data: QueryDict) -> dict:
    """The arguments of ``selectors.search`` from query parameters (shared with the API)."""
    return {
        "query": data.get("q", ""),
        "filters": {name: data.getlist(name) for name in selectors.FACETS if data.getlist(name)},
        "sort": data.get("sort", "relevance"),
        "page": data.get("page", 1),
        "mode": data.get("mode", "hybrid"),
    }


@require_GET
@public_page_cache(timeout=120)
def index(request: HttpRequest) -> HttpResponse:
    results = selectors.search(user=request.user, **search_params(request.GET))
    keep = QueryDict(mutable=True)
    for key in ("q", "sort", "mode"):
        if request.GET.get(key):
            keep[key] = request.GET[key]
    context = {
        "results": results,
        "sorts": selectors.SORTS,
        "modes": selectors.MODES,
        "clear_filters_url": "?" + keep.urlencode(),
        "page_range": _page_range(results.page, results.pages),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == "search-page":
        return render(request, "search/_page.html", context)
    return render(request, "search/index.html", context)


def _page_range(page: int, pages: int) -> list[int | None]:
    """Page numbers to link, with None where numbers are skipped: 1 … 4 5 [6] 7 8 … 50."""
    wanted = {1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)}
    out: list[int | None] = []
    last = 0
    for n in sorted(wanted):
        if n - last > 1:
            out.append(None)
        out.append(n)
        last = n
    return out
