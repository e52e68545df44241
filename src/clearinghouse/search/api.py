"""GET /api/v1/search/: the search of the site, as JSON (same selector, same visibility)."""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema

from . import selectors

router = Router(tags=["search"])


class HitOut(Schema):
    public_id: str
    kind: str
    kind_label: str
    title: str
    title_html: str
    snippet_html: str
    url: str
    country: str
    country_label: str
    language: str
    shown_language: str
    published_at: dt.datetime | None
    matched_by: str


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SearchOut(Schema):
    query: str
    mode: str
    sort: str
    page: int
    pages: int
    per_page: int
    total: int
    fallback: bool
    capped: bool
    approximate: bool = False
    filters: dict[str, list[str]]
    hits: list[HitOut]
    facets: list[FacetOut]


class SearchIn(Schema):
    q: str = ""
    type: list[str] = []
    country: list[str] = []
    region: list[str] = []
    target: list[str] = []
    convention: list[str] = []
    language: list[str] = []
    support: list[str] = []
    sort: str = "relevance"
    mode: str = "hybrid"
    page: int = 1
    per_page: int = selectors.PER_PAGE


@router.get("/", response=SearchOut, summary="Search records in any language",
            description=(
                "All words must match, else any of them (`fallback` is then true). "
                "Facet parameters may repeat (OR within a facet, AND across facets). "
                "`mode`: hybrid (words and meaning), keyword, semantic. `sort`: relevance, newest, title. "
                "`title_html` and `snippet_html` are escaped HTML whose only tags are `<mark>`. "
                "When very many records match, `approximate` is true: `total` and the facet counts are "
                "then estimates (rounded) from a sample of the matches."
            ))
def search(request, params: Query[SearchIn]):
    filters = {name: getattr(params, name) for name in selectors.FACETS if getattr(params, name)}
    results = selectors.search(query=params.q, filters=filters, sort=params.sort, page=params.page,
                               user=request.user, mode=params.mode, per_page=params.per_page)
    return SearchOut(
        query=results.query, mode=results.mode, sort=results.sort, page=results.page, pages=results.pages,
        per_page=results.per_page, total=results.total, fallback=results.fallback, capped=results.capped,
        approximate=results.approximate,
        filters=results.filters,
        hits=[HitOut(**{k: getattr(h, k) for k in HitOut.model_fields}) for h in results.hits],
        facets=[FacetOut(name=f.name, label=f.label, values=[FacetValueOut(**vars(v)) for v in f.values])
                for f in results.facets],
    )
