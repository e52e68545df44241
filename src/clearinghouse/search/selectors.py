# ruff: noqa: S608 - SQL is assembled from constant fragments; every value is a bound parameter.
"""Reads of the search index: one function, ``search``, behind the page and the API.

Query semantics
- Every word must match (AND); when that finds nothing, any word (OR), and the
  results say so (``fallback``). "Quoted phrases" match as phrases.
- Facets: OR within a facet, AND across facets; each facet's counts are those of
  the current query with the other facets' selections (disjunctive faceting).
- ``mode``: ``keyword`` (full text), ``semantic`` (nearest vectors, any language)
  or ``hybrid`` (default: the two rankings fused by reciprocal rank).
- Visibility: anonymous people see public documents; signed-in people also those
  for registered users; restricted ones only the secretariat (the record page
  decides for everyone else).

Bounded work per query (a million documents, where a common word matches 10% of them)
- The text matches are read once per page (``_read_matches``): every match up to
  ``CLEARINGHOUSE_SEARCH_EXACT_MAX``, else a sample. The total, the facet counts and "does
  any record have every word?" are answered from those ids. On PostgreSQL, where each read
  of the GIN index builds the bitmap of every match, the ranking reads them too: every match
  when all are known, else the sample when it holds enough matches (``_Plan.rank_candidates``).
- Otherwise ranking scores only the first ``CLEARINGHOUSE_SEARCH_RANK_WINDOW`` text matches in
  storage order (FTS5: the newest, 5,000 by default; PostgreSQL: heap order, 2,000) and
  pages through the best of those; below that many matches the ranking is exact.
- Beyond ``CLEARINGHOUSE_SEARCH_EXACT_MAX`` text matches, the total and the facet counts are
  counted over the sample and divided by the share of the documents it stands for
  (``FullTextBackend.sample``: on PostgreSQL the matches among one document in 50, a partial
  index; otherwise the first matches in storage order): estimates, rounded, flagged
  ``approximate`` and shown as "about N".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .backends import FullTextBackend, get_backend
from .backends.postgres import int_array
from .models import SearchDocument
from .text import ParsedQuery, highlight_query, parse_query

PER_PAGE = 20
MAX_PER_PAGE = 50
MAX_RESULTS = 1000  # deepest result reachable by paging: refine the query beyond it
SEMANTIC_K = 100
# The plain cosine a record needs to be found by meaning (``CLEARINGHOUSE_SEMANTIC_MIN_SCORE``). Unrelated
# queries ("football world cup results", "recette de tarte aux pommes") reach 0.21 at most on the relevance
# bench; 0.3 also dropped every record of some real queries (海草床, "seagrass beds": 0.29 at best).
SEMANTIC_MIN_SCORE = 0.25
RRF_K = 60
FACET_VALUES_SHOWN = 12
EXACT_MAX = 2000  # default of CLEARINGHOUSE_SEARCH_EXACT_MAX

SORTS = {"relevance": _("Relevance"), "newest": _("Newest"), "title": _("Title")}
MODES = {"hybrid": _("Words and meaning"), "keyword": _("Exact words"), "semantic": _("Meaning, any language")}
FACETS = {
    "type": _("Type"),
    "country": _("Country"),
    "region": _("Region"),
    "target": _("Target"),
    "convention": _("Convention"),
    "language": _("Language"),
    "support": _("Support type"),
}


@dataclass
class Hit:
    id: int
    source: str
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
    matched_by: str  # "words", "meaning" or "both"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    query: str
    mode: str
    sort: str
    page: int
    per_page: int
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    fallback: bool = False  # no result had all the words: showing those with any
    capped: bool = False  # more results than can be paged through
    approximate: bool = False  # total and facet counts estimated from a sample of the matches

    @property
    def pages(self) -> int:
        return max(1, math.ceil(min(self.total, MAX_RESULTS) / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def visibility_for(user) -> list[str]:
    if user is None or not user.is_authenticated:
        return ["public"]
    from clearinghouse.accounts.permissions import is_secretariat

    if is_secretariat(user):
        return ["public", "registered", "restricted"]
    return ["public", "registered"]


def clean_filters(filters: dict | None) -> dict[str, list[str]]:
    """Known facets only, a bounded number of short values each."""
    out: dict[str, list[str]] = {}
    for name, values in (filters or {}).items():
        if name not in FACETS:
            continue
        if isinstance(values, str):
            values = [values]
        vals = sorted({str(v).strip()[:40] for v in values if v and str(v).strip()})[:20]
        if vals:
            out[name] = vals
    return out


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def _exact_max() -> int:
    return max(1, int(getattr(settings, "CLEARINGHOUSE_SEARCH_EXACT_MAX", EXACT_MAX)))


def _rank_window(backend: FullTextBackend) -> int:
    return max(1, int(getattr(settings, "CLEARINGHOUSE_SEARCH_RANK_WINDOW", 0) or backend.rank_window))


def about(n: float) -> int:
    """An estimate rounded to two significant digits (12,345 -> 12,000): no false precision."""
    n = round(n)
    if n < 100:
        return n
    digits = len(str(n)) - 2
    return round(n, -digits)


class _Plan:
    """The SQL pieces of one search."""

    def __init__(self, backend: FullTextBackend, parsed: ParsedQuery, visibility: list[str],
                 filters: dict[str, list[str]]):
        self.backend = backend
        self.query = parsed  # the page's query; ``parsed`` is the one a ranking pass is at
        self.parsed = parsed
        self.visibility = visibility
        self.filters = filters
        self.any_word = False
        self.keyword = bool(parsed)
        self.semantic_ids: list[int] | None = None
        # Records with some of the query's words but not enough of them to match (``_some_words``): fused with
        # the ranking by meaning when few records have the words.
        self.some_ids: list[int] = []
        # The text matches, read once (``_read_matches``): the ids of every match when ``coverage`` is 1,
        # else of a sample standing for that share of the documents.
        self.matches: list[int] | None = None
        self.coverage = 1.0
        self.every_word: set[int] = set()  # ranked documents known to have every word of the query
        # Coarse scores of every ranking pass over a list of candidates (``_coarse``), by that list.
        self.coarse: dict[tuple[int, ...], _Coarse] = {}

    @property
    def approximate(self) -> bool:
        return self.matches is not None and self.coverage < 1

    @property
    def all_matches(self) -> list[int] | None:
        """The ids of every text match, when read (a superset of every ranking pass's matches: with fewer
        words required, or without the synonyms, a query matches no more documents)."""
        return self.matches if self.matches is not None and not self.approximate else None

    @property
    def rank_candidates(self) -> list[int] | None:
        """The documents a backend that ranks known ids (``ranks_among_ids``) ranks from, without reading
        the full-text index again: every match when all are known; else a sample spread over all the
        documents, when it holds at least a tenth of ``CLEARINGHOUSE_SEARCH_EXACT_MAX`` matches. It bounds
        the work as the first matches in storage order would (those are the oldest records, the sample any),
        without the index's bitmap of every match, which took 100 to 250 ms for a common word."""
        if self.matches is None or not self.approximate:
            return self.matches
        return self.matches if len(self.matches) >= max(1, _exact_max() // 10) else None

    def parsed_for_match(self) -> ParsedQuery:
        # Stop words are not terms (``analysis``): "any word" cannot match on "de", "les", "of".
        return self.parsed

    def match(self, *, scored: bool, window: int | None = None, depth: int | None = None) -> tuple[str, list]:
        parsed = self.parsed_for_match()
        return self.backend.match_sql(parsed, any_word=self.any_word, scored=scored, window=window, depth=depth)

    def where(self, *, text: bool = True, exclude_facet: str | None = None) -> tuple[str, list]:
        sql = [f"d.visibility IN ({_in(self.visibility)})"]
        params: list = list(self.visibility)
        for name, values in self.filters.items():
            if name == exclude_facet:
                continue
            sql.append("d.id IN (SELECT f.document_id FROM search_searchfacet f "
                       f"WHERE f.name = %s AND f.value IN ({_in(values)}))")
            params += [name, *values]
        if text:
            parts, text_params = [], []
            if self.keyword and self.matches is not None:
                parts.append(_ids_in(self.matches))
                text_params += _ids_params(self.matches)
            elif self.keyword:
                m_sql, m_params = self.match(scored=False)
                parts.append(f"d.id IN ({m_sql})")
                text_params += m_params
            if self.semantic_ids is not None:
                parts.append(f"d.id IN ({_in(self.semantic_ids)})" if self.semantic_ids else "1 = 0")
                text_params += self.semantic_ids
            if self.some_ids:
                parts.append(f"d.id IN ({_in(self.some_ids)})")
                text_params += self.some_ids
            if parts:
                sql.append("(" + " OR ".join(parts) + ")")
                params += text_params
        return " AND ".join(sql), params


def _ids_in(ids: list[int], column: str = "d.id") -> str:
    """``column`` among ``ids`` (one array parameter on PostgreSQL, one parameter per id elsewhere)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])"
    return f"{column} IN ({_in(ids)})" if ids else "1 = 0"


def _ids_params(ids: list[int]) -> list:
    return [int_array(ids)] if connection.vendor == "postgresql" else list(ids)


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _keyword_ranked(plan: _Plan, limit: int, offset: int = 0) -> list[int]:
    """Ids of the best keyword matches the viewer may see, in rank order: when a query of three to five
    words also matches records with all its words but one, those with every word come first, whatever
    the rank function makes of a missing word against a repeated one."""
    parsed = plan.parsed
    if plan.any_word:
        return _ranked(plan, limit, offset)
    if len(parsed.groups()) < 2:
        ids = _ranked(plan, limit, offset)
        plan.every_word.update(ids)
        return ids
    plan.parsed = replace(parsed, strict=True)
    try:
        every_word = _ranked(plan, offset + limit)
    finally:
        plan.parsed = parsed
    plan.every_word.update(every_word)
    if len(every_word) < offset + limit:  # then those with all words but one
        every_word += _ranked(plan, offset + limit - len(every_word), exclude=set(every_word))
    return every_word[offset : offset + limit]


def _most_words_first(plan: _Plan, ids: list[int], *keyword: list[int]) -> list[int]:
    """A fused ranking ordered by how much of the query each record has, each tier in its fused order:
    every word, then all words but one (queries of three to five words), then records found by meaning
    alone. Without this, the semantic ranking's first record (a "forests" record for "восстановление
    мангровых лесов", the embedder being weak in Russian) came second, above mangrove records in four
    other languages. Not after the any-word fallback, where no record has every word."""
    if plan.any_word or not plan.every_word:
        return ids
    some = {pk for ranking in keyword for pk in ranking}
    return sorted(ids, key=lambda pk: 0 if pk in plan.every_word else 1 if pk in some else 2)


def _ranked(plan: _Plan, limit: int, offset: int = 0, exclude: set[int] | None = None) -> list[int]:
    """Ids of the best matches of ``plan.parsed`` the viewer may see, in rank order, but those in ``exclude``
    (ranked already): from the matches read when the backend ranks known ids cheaply, else from the index."""
    exclude = exclude or set()
    candidates = plan.rank_candidates
    if candidates is not None and plan.backend.ranks_among_ids:
        # Rank the first ``window`` of the matches read (``_Plan.rank_candidates``) by id, without reading the
        # full-text index again; from a sample, only when it holds a page of matches of this pass (the rest of
        # ``limit`` is the depth fused with the other rankings: the sample's matches are enough there).
        ids = _ranked_among(plan, candidates, limit, offset, exclude)
        if not plan.approximate or len(ids) >= min(limit, PER_PAGE):
            return ids
        # Too few of this pass's matches in the page's sample (every word of four, when most records have
        # three): this pass's own matches, from the same partial indexes (``FullTextBackend.sample``), before
        # the full index, whose bitmap of every match took 30 to 190 ms for such a pass at a million records.
        own, coverage = plan.backend.sample(plan.parsed_for_match(), any_word=plan.any_word, limit=_exact_max())
        if own != candidates:  # the same when this pass is the page's query
            ids = _ranked_among(plan, own, limit, offset, exclude)
        if coverage >= 1 or len(ids) >= min(limit, PER_PAGE):
            return ids
    if exclude:
        return [pk for pk in _ranked_index(plan, offset + limit + len(exclude)) if pk not in exclude][offset:][:limit]
    return _ranked_index(plan, limit, offset)


def _ranked_index(plan: _Plan, limit: int, offset: int = 0) -> list[int]:
    """``_ranked`` from the full-text index.

    First the best few matches are ranked in the full-text index alone and only those
    joined to the filters (most matches are visible and unfiltered, so this is
    usually enough); when too few survive, everything is ranked after filtering."""
    window = _rank_window(plan.backend)
    w_sql, w_params = plan.where(text=False)
    wanted = offset + limit
    if not plan.filters:
        best = wanted * 3 + 50  # most matches are visible: the best few, then the viewer's
        m_sql, m_params = plan.match(scored=True, window=window, depth=best)
        rows = _fetch(
            f"SELECT m.id FROM (SELECT id, score FROM ({m_sql}) s ORDER BY score DESC, id LIMIT %s) m "
            f"{_join_first()} search_searchdocument d ON d.id = m.id WHERE {w_sql} ORDER BY m.score DESC, m.id",
            [*m_params, best, *w_params],
        )
        if len(rows) >= wanted:
            return [r[0] for r in rows[offset:wanted]]
        m_sql, m_params = plan.match(scored=True, window=window)
    else:  # filters keep a share of the matches: look further, still bounded
        m_sql, m_params = plan.match(scored=True, window=window * 8)
    rows = _fetch(
        f"SELECT m.id FROM ({m_sql}) m {_join_first()} search_searchdocument d ON d.id = m.id "
        f"WHERE {w_sql} ORDER BY m.score DESC, m.id LIMIT %s OFFSET %s",
        [*m_params, *w_params, limit, offset],
    )
    return [r[0] for r in rows]


@dataclass
class _Coarse:
    visible: list[int]  # the candidates the viewer may see, with the page's filters
    scores: dict[str, list[tuple[int, float]]]  # each pass's matches among them, best coarse score first

    @classmethod
    def of(cls, rows: list[tuple], queries: list[ParsedQuery], any_word: bool) -> _Coarse:
        """From rows ``(id, score_1, ..., score_k, ...)`` of the candidates the viewer may see (``coarse_sql``)."""
        scores = {}
        for i, parsed in enumerate(queries, start=1):
            scores[_pass_key(parsed, any_word)] = sorted(((r[0], r[i]) for r in rows if r[i] is not None),
                                                         key=lambda x: (-x[1], x[0]))
        return cls(visible=[r[0] for r in rows], scores=scores)


def _pass_key(parsed: ParsedQuery, any_word: bool) -> str:
    return f"{any_word}:{parsed!r}"


def _passes(plan: _Plan) -> list[ParsedQuery]:
    """The queries a page may rank (``_keyword_ranked``, ``_as_typed_ranked``): with the synonyms and as typed,
    each with every word required and, from three to five words, with all words but one."""
    forms = [plan.query, plan.query.without_synonyms()] if _has_synonyms(plan.query) else [plan.query]
    out: list[ParsedQuery] = []
    for parsed in forms:
        if not plan.any_word and len(parsed.groups()) > 1:
            out.append(replace(parsed, strict=True))
        out.append(parsed)
    return out


def _coarse(plan: _Plan, candidates: list[int]) -> _Coarse:
    """Every ranking pass's coarse scores over ``candidates`` (``FullTextBackend.coarse_sql``), read in one
    statement the first time a pass ranks them: the candidates' rows are read once for the whole page."""
    key = tuple(candidates)
    wanted = _pass_key(plan.parsed, plan.any_word)
    if key not in plan.coarse or wanted not in plan.coarse[key].scores:
        queries = _passes(plan)
        if plan.parsed not in queries:
            queries.append(plan.parsed)
        sql, params = plan.backend.coarse_sql(queries, any_word=plan.any_word, among=candidates,
                                              where=plan.where(text=False))
        plan.coarse[key] = _Coarse.of(_fetch(sql, params), queries, plan.any_word)
    return plan.coarse[key]


def _ranked_among(plan: _Plan, candidates: list[int], limit: int, offset: int, exclude: set[int]) -> list[int]:
    """The best of the first ``CLEARINGHOUSE_SEARCH_RANK_WINDOW`` of ``candidates`` not in ``exclude`` that the
    viewer may see and that match ``plan.parsed`` (``ranks_among_ids``): the best by the coarse score
    (``_coarse``), as many as the backend ranks finely (``rerank``), then ranked by the fine score."""
    window = set([pk for pk in candidates if pk not in exclude][: _rank_window(plan.backend)])
    coarse = _coarse(plan, candidates).scores[_pass_key(plan.parsed, plan.any_word)]
    kept = [pk for pk, _score in coarse if pk in window]
    cut = plan.backend.rerank(offset + limit, len(kept))
    best = kept if cut is None else kept[:cut]
    if not best:
        return []
    fine = dict(_fetch(*plan.backend.fine_sql(plan.parsed, any_word=plan.any_word, ids=best)))
    return sorted(best, key=lambda pk: (-fine[pk], pk))[offset : offset + limit]


def _has_synonyms(parsed: ParsedQuery) -> bool:
    return any(t.synonyms for t in parsed.terms)


def _as_typed_ranked(plan: _Plan, limit: int) -> list[int]:
    """The keyword ranking of the words as typed (without their synonyms in other languages): fused
    with the others, it puts the records in the query's own words, usually its language, first."""
    parsed = plan.parsed
    plan.parsed = parsed.without_synonyms()
    try:
        return _keyword_ranked(plan, limit)
    finally:
        plan.parsed = parsed


def _some_words(plan: _Plan, depth: int) -> list[int]:
    """For a page by words and meaning whose query's words, all of them (or all but one), are in fewer than
    ``depth`` records: the best of the records that have some of them (any one), but those. They are
    fused with the ranking by meaning, below the records with the words (``_most_words_first``): a
    record found both ways comes first among those found one way. Without them, "沿海种植红树林" (planting
    mangroves on the coast) showed its two records with every word, then what the embedder, weak on the
    query, found nearest: seagrass and coastal planning, not the mangrove records in six languages that
    have "红树林" or its equivalents."""
    if plan.any_word or len(plan.parsed.terms) < 2 or plan.all_matches is None or len(plan.all_matches) >= depth:
        return []
    matches, coverage = plan.matches, plan.coverage
    plan.any_word = True
    try:
        if plan.backend.ranks_among_ids:
            plan.matches, plan.coverage = plan.backend.sample(plan.parsed_for_match(), any_word=True,
                                                              limit=_exact_max())
        else:
            plan.matches, plan.coverage = None, 1.0
        return _ranked(plan, depth, exclude=set(matches))
    finally:
        plan.any_word, plan.matches, plan.coverage = False, matches, coverage


def _keyword_exists(plan: _Plan) -> bool:
    """Whether a record the viewer may see has the words (every word, unless ``plan.any_word``): among the
    matches already read when they say so, else from the full-text index."""
    w_sql, w_params = plan.where(text=False)
    read = plan.coarse.get(tuple(plan.matches)) if plan.matches else None
    if read is not None:  # those the viewer may see, known from the read (``_read_matches``)
        if read.visible:
            return True
    elif plan.matches:
        if _fetch(f"SELECT 1 FROM search_searchdocument d WHERE {_ids_in(plan.matches)} AND {w_sql} LIMIT 1",
                  [*_ids_params(plan.matches), *w_params]):
            return True
    if plan.all_matches is not None:
        return False
    m_sql, m_params = plan.match(scored=False)
    return bool(_fetch(f"SELECT 1 FROM ({m_sql}) m {_join_first()} search_searchdocument d ON d.id = m.id "
                       f"WHERE {w_sql} LIMIT 1", [*m_params, *w_params]))


@lru_cache(maxsize=256)
def _query_vector(model_id: str, text: str) -> bytes:
    from .embedders import get_embedder

    return get_embedder().embed([text])[0].astype(np.float32).tobytes()


def _semantic_ids(plan: _Plan, text: str) -> list[int]:
    """Documents nearest in meaning, best first, among those the viewer may see and the
    facets select; only those above ``CLEARINGHOUSE_SEMANTIC_MIN_SCORE``."""
    from .embedders import get_embedder
    from .vectors import VISIBILITY_CODES, get_index

    embedder = get_embedder()
    index = get_index(embedder.model_id, embedder.dim)
    if not len(index):
        return []
    query = np.frombuffer(_query_vector(embedder.model_id, text), dtype=np.float32)
    min_score = float(getattr(settings, "CLEARINGHOUSE_SEMANTIC_MIN_SCORE", SEMANTIC_MIN_SCORE))
    hits = index.search(query, k=SEMANTIC_K, min_score=min_score, language=plan.parsed.language,
                        allowed_visibility=tuple(VISIBILITY_CODES[v] for v in plan.visibility))
    ids = [int(i) for i in hits.ids]
    if ids and plan.filters:
        w_sql, w_params = plan.where(text=False)
        keep = {r[0] for r in _fetch(f"SELECT d.id FROM search_searchdocument d WHERE {w_sql} "
                                      f"AND d.id IN ({_in(ids)})", [*w_params, *ids])}
        ids = [i for i in ids if i in keep]
    return ids


def _read_matches(plan: _Plan, *, ranked: bool = False) -> None:
    """Read the text matches once for the whole page (``FullTextBackend.sample``): every match, or when
    there are more than ``CLEARINGHOUSE_SEARCH_EXACT_MAX``, a sample of them and the share of the documents
    it stands for. The total and the facets count over these ids, whether any record has every word is
    answered from them, and where the backend ranks known ids cheaply, the ranking reads them too: for a
    page ``ranked`` by relevance, the backend scores them for every pass in the same read when it can
    (``FullTextBackend.sample_scored``, ``_coarse``)."""
    if not (ranked and plan.backend.ranks_among_ids):
        plan.matches, plan.coverage = plan.backend.sample(plan.parsed_for_match(), any_word=plan.any_word,
                                                          limit=_exact_max())
        return
    queries = _passes(plan)
    plan.matches, plan.coverage, rows = plan.backend.sample_scored(
        plan.parsed_for_match(), any_word=plan.any_word, limit=_exact_max(), queries=queries,
        where=plan.where(text=False))
    if rows is not None:
        # The last column says whether the viewer may see the document (``sample_scored``).
        plan.coarse[tuple(plan.matches)] = _Coarse.of([r for r in rows if r[-1]], queries, plan.any_word)


def _scale(plan: _Plan, n: int) -> int:
    return about(n / plan.coverage) if plan.approximate else n


def _counted_ids(plan: _Plan) -> list[int] | None:
    """The documents the total and the facets count, when a ranking over the matches read has listed those
    the viewer may see (``_coarse``): those, and the semantic neighbours (already the viewer's). None: ask
    the database (``_Plan.where``)."""
    coarse = plan.coarse.get(tuple(plan.matches)) if plan.keyword and plan.matches is not None else None
    if coarse is None:
        return None
    return list(dict.fromkeys([*coarse.visible, *(plan.semantic_ids or []), *plan.some_ids]))


def _count(plan: _Plan) -> int:
    counted = _counted_ids(plan)
    if counted is not None:
        return _scale(plan, len(counted))
    w_sql, w_params = plan.where()
    return _scale(plan, _fetch(f"SELECT COUNT(*) FROM search_searchdocument d WHERE {w_sql}", w_params)[0][0])


def _join_first() -> str:
    """The join that keeps its left side the outer loop. SQLite may otherwise walk the documents and
    probe the full-text index once for each (a four-word query over 10,000 records took 33 s, its
    MATCH expression evaluated 10,000 times), or walk the facets of every document."""
    return "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"


def _facet_counts(plan: _Plan) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    names = list(FACETS)
    counted = _counted_ids(plan)
    if counted is not None:  # the facets alone, without reading the documents again
        rows = _fetch(f"SELECT f.name, f.value, COUNT(*) FROM search_searchfacet f "
                      f"WHERE {_ids_in(counted, 'f.document_id')} AND f.name IN ({_in(names)}) GROUP BY f.name, f.value",
                      [*_ids_params(counted), *names])
    else:
        w_sql, w_params = plan.where()
        rows = _fetch(
            f"SELECT f.name, f.value, COUNT(*) FROM (SELECT d.id FROM search_searchdocument d WHERE {w_sql}) m "
            f"{_join_first()} search_searchfacet f ON f.document_id = m.id WHERE f.name IN ({_in(names)}) "
            "GROUP BY f.name, f.value",
            [*w_params, *names],
        )
    for name, value, n in rows:
        counts[name][value] = _scale(plan, n)
    for name in plan.filters:  # a selected facet counts without its own selection
        w_sql, w_params = plan.where(exclude_facet=name)
        rows = _fetch(
            f"SELECT f.value, COUNT(*) FROM (SELECT d.id FROM search_searchdocument d WHERE {w_sql}) m "
            f"{_join_first()} search_searchfacet f ON f.document_id = m.id WHERE f.name = %s GROUP BY f.value",
            [*w_params, name],
        )
        counts[name] = {value: _scale(plan, n) for value, n in rows}
    return counts


def _rrf(*rankings: list[int]) -> list[int]:
    """The rankings fused by reciprocal rank. Equal scores keep the order of the rankings given: a record
    first in the words' ranking before one first in the meaning's (for "沿海种植红树林", a Chinese query the
    embedder reads poorly, its nearest record, about cedar forests, came before the mangrove records
    found by their words, on the order of the ids)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, pk in enumerate(ranking):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (RRF_K + rank + 1)
    return sorted(scores, key=lambda pk: -scores[pk])  # stable: first seen first among equals


def _ordered_ids(plan: _Plan, sort: str, limit: int, offset: int) -> list[int]:
    w_sql, w_params = plan.where()
    order = ("d.published_at DESC NULLS LAST, d.id DESC" if sort == "newest" else "d.title, d.id")
    rows = _fetch(f"SELECT d.id FROM search_searchdocument d WHERE {w_sql} ORDER BY {order} LIMIT %s OFFSET %s",
                  [*w_params, limit, offset])
    return [r[0] for r in rows]


def search(*, query: str = "", filters: dict | None = None, sort: str = "relevance", page: int = 1,
           user=None, mode: str = "hybrid", per_page: int = PER_PAGE) -> SearchResults:
    """Search the index as ``user`` may see it. Bad parameters fall back to defaults."""
    backend = get_backend()
    with backend.reading():
        return _search(backend, query=query, filters=filters, sort=sort, page=page, user=user, mode=mode,
                       per_page=per_page)


def _search(backend: FullTextBackend, *, query: str, filters: dict | None, sort: str, page: int, user,
            mode: str, per_page: int) -> SearchResults:
    parsed = parse_query(query, _content_language())
    filters = clean_filters(filters)
    mode = mode if mode in MODES else "hybrid"
    sort = sort if sort in SORTS else "relevance"
    if not parsed and sort == "relevance":
        sort = "newest"
    per_page = max(1, min(int(per_page or PER_PAGE), MAX_PER_PAGE))
    max_page = max(1, MAX_RESULTS // per_page)
    try:
        page = max(1, min(int(page), max_page))
    except (TypeError, ValueError):
        page = 1
    offset = (page - 1) * per_page

    plan = _Plan(backend, parsed, visibility_for(user), filters)
    results = SearchResults(query=parsed.raw, mode=mode, sort=sort, page=page, per_page=per_page, total=0,
                            filters=filters)
    semantic: list[int] = []
    if parsed:
        if mode == "semantic":
            plan.keyword = False
        if plan.keyword:
            _read_matches(plan, ranked=sort == "relevance")
            if len(parsed.terms) > 1 and not _keyword_exists(plan):
                plan.any_word = True
                results.fallback = True
                _read_matches(plan, ranked=sort == "relevance")
            results.approximate = plan.approximate
        if mode in ("semantic", "hybrid"):
            semantic = _semantic_ids(plan, parsed.raw)
            plan.semantic_ids = semantic
        if mode == "hybrid" and sort == "relevance":
            plan.some_ids = _some_words(plan, min(MAX_RESULTS, offset + per_page + SEMANTIC_K))

    if plan.keyword and sort == "relevance" and plan.rank_candidates is not None and backend.ranks_among_ids:
        # The ranking passes' coarse scores over the matches read, in one read of their rows, which also
        # tells the total and the facets which of them the viewer may see (``_counted_ids``).
        _coarse(plan, plan.rank_candidates)
    results.total = _count(plan)
    results.capped = results.total > MAX_RESULTS
    if results.total and offset >= min(results.total, MAX_RESULTS):  # a page past the end: show the last
        page = results.page = results.pages
        offset = (page - 1) * per_page

    keyword_ranked: list[int] = []
    if not parsed or sort != "relevance":
        matches = plan.matches
        if plan.approximate:
            plan.matches = None  # newest or by title: among all the matches, not the sample
        ids = _ordered_ids(plan, sort, per_page, offset)
        plan.matches = matches
    elif mode == "keyword":
        if _has_synonyms(parsed):
            depth = min(MAX_RESULTS, offset + per_page + SEMANTIC_K)
            keyword_ranked = _keyword_ranked(plan, depth)
            typed = _as_typed_ranked(plan, depth)
            ids = _most_words_first(plan, _rrf(keyword_ranked, typed), keyword_ranked, typed)
            ids = ids[offset : offset + per_page]
        else:
            ids = _keyword_ranked(plan, per_page, offset)
    elif mode == "semantic":
        ids = semantic[offset : offset + per_page]
    else:
        depth = min(MAX_RESULTS, offset + per_page + SEMANTIC_K)
        keyword_ranked = _keyword_ranked(plan, depth)
        keyword = [keyword_ranked]
        if _has_synonyms(parsed):
            keyword.append(_as_typed_ranked(plan, depth))
        # The rankings by words are fused first, so that they count as one beside the ranking by meaning (the
        # two of a query with synonyms outvoted it: "تمويل التنوع البيولوجي" showed planning records that
        # have "biodiversity", from both, above the finance records found by meaning).
        words = _rrf(*keyword) if len(keyword) > 1 else keyword_ranked
        ids = _most_words_first(plan, _rrf(words, plan.some_ids, semantic), *keyword)[offset : offset + per_page]

    if not parsed or mode == "semantic":
        words_matched: set[int] = set()
    elif keyword_ranked or plan.some_ids:
        words_matched = set(keyword_ranked) | set(plan.some_ids)
    else:
        words_matched = set(ids) if mode == "keyword" else _matching(plan, ids)
    if results.approximate and len(ids) < per_page:
        # The estimate promised more than the bounded ranking found: this is the last page.
        results.total = offset + len(ids)
        results.capped = results.total > MAX_RESULTS
    results.hits = _hits(plan, ids, semantic=set(semantic), words=words_matched)
    results.facets = _facets(_facet_counts(plan), filters)
    return results


def _matching(plan: _Plan, ids: list[int]) -> set[int]:
    if not ids or not plan.keyword:
        return set()
    if plan.all_matches is not None:
        return set(ids) & set(plan.all_matches)
    m_sql, m_params = plan.match(scored=False)
    rows = _fetch(f"SELECT d.id FROM search_searchdocument d WHERE d.id IN ({_in(ids)}) AND d.id IN ({m_sql})",
                  [*ids, *m_params])
    return {r[0] for r in rows}


# What a hit never shows: the vector and the indexed forms of the text (longer than the text itself).
_NOT_SHOWN = ("vector", "cjk_title", "cjk_body", "stems_title", "stems_summary", "stems_body")


def _hits(plan: _Plan, ids: list[int], *, semantic: set[int], words: set[int]) -> list[Hit]:
    if not ids:
        return []
    docs = {d.pk: d for d in SearchDocument.objects.filter(pk__in=ids).defer(*_NOT_SHOWN)}
    keyword_docs = {pk: d for pk, d in docs.items() if pk in words}
    highlights = plan.backend.highlights(plan.parsed, keyword_docs, any_word=plan.any_word)
    lang = _content_language()
    labels = _labels({"country": {d.country for d in docs.values() if d.country}})
    kind_labels = _kind_labels()
    hits = []
    for pk in ids:
        doc = docs.get(pk)
        if doc is None:
            continue
        hl = highlights.get(pk) or plan.backend.python_highlight(plan.parsed, doc)
        title, shown = doc.title, doc.language
        translated = (doc.translations or {}).get(lang, {}).get("title") if lang != doc.language else None
        if translated:
            title, shown = translated, lang
            hl.title_html = highlight_query(translated, plan.parsed, lang)
        by = "both" if pk in semantic and pk in words else ("meaning" if pk in semantic else "words")
        hits.append(Hit(
            id=pk, source=doc.source, public_id=doc.public_id, kind=doc.kind,
            kind_label=str(kind_labels.get(doc.kind, doc.kind)), title=title, title_html=hl.title_html,
            snippet_html=hl.snippet_html, url=doc.url, country=doc.country,
            country_label=labels["country"].get(doc.country, doc.country), language=doc.language,
            shown_language=shown, published_at=doc.published_at, matched_by=by if plan.parsed else "",
        ))
    return hits


def _content_language() -> str:
    from clearinghouse.core.models import content_language

    return content_language(translation.get_language())


def _kind_labels() -> dict[str, str]:
    from .registry import KIND_LABELS

    labels: dict[str, str] = {"need": _("Need"), "offer": _("Offer"), "post": _("Discussion post"), **KIND_LABELS}
    try:
        from clearinghouse.knowledge.models import RecordKind

        labels.update(dict(RecordKind.choices))
    except ImportError:  # pragma: no cover - knowledge is always installed
        pass
    return labels


_VOCABULARY: dict[tuple[str, str], tuple[dict[str, str], dict[str, str], set[str]]] = {}


def _vocabulary_labels(language: str, codes: dict[str, set[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Every country's name in ``language`` and every convention's label, kept until a public content
    model is written (``core.cache.generation``) or a code in ``codes`` is new to them: two queries and
    250 names translated took 8 ms of each result page, the same on every page."""
    from clearinghouse.core.cache import generation
    from clearinghouse.core.models import Convention, Country

    key = (generation(), language)
    asked = {f"country:{c}" for c in codes.get("country", ())} | {f"convention:{c}" for c in codes.get("convention", ())}
    entry = _VOCABULARY.get(key)
    if entry is None or not asked <= entry[2]:
        countries = {c.code: c.local_name() for c in Country.objects.all()}
        conventions = {c.code: f"{c.code} – {c.name}" if c.name != c.code else c.code for c in Convention.objects.all()}
        seen = {f"country:{c}" for c in countries} | {f"convention:{c}" for c in conventions} | asked
        for stale in [k for k in list(_VOCABULARY) if k[0] != key[0]]:  # an older generation's (list(): threads)
            _VOCABULARY.pop(stale, None)
        entry = _VOCABULARY[key] = (countries, conventions, seen)  # codes unknown now: asked once
    return entry[0], entry[1]


def _labels(codes: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Labels in the viewer's language for facet values (one query per vocabulary table used)."""
    from clearinghouse.core.models import REGION_NAMES, SUPPORT_TYPE_NAMES

    out: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    if codes.get("type"):
        kinds = _kind_labels()
        out["type"] = {c: str(kinds.get(c, c)) for c in codes["type"]}
    if codes.get("country") or codes.get("convention"):
        countries, conventions = _vocabulary_labels(translation.get_language() or "", codes)
        out["country"] = {c: countries[c] for c in codes.get("country", ()) if c in countries}
        out["convention"] = {c: conventions[c] for c in codes.get("convention", ()) if c in conventions}
    out["region"] = {c: str(REGION_NAMES.get(c, c)) for c in codes.get("region", ())}
    out["target"] = {}
    for code in codes.get("target", ()):
        framework, _sep, number = code.partition("-")
        label = _("GBF Target %(n)s") if framework == "GBF" else _("Aichi Target %(n)s")
        out["target"][code] = str(label) % {"n": number} if number else code
    languages = dict(settings.CONTENT_LANGUAGES)
    out["language"] = {c: str(languages.get(c, c)) for c in codes.get("language", ())}
    out["support"] = {c: str(SUPPORT_TYPE_NAMES.get(c, c)) for c in codes.get("support", ())}
    return out


def _target_key(code: str) -> tuple:
    framework, _sep, number = code.partition("-")
    return (framework != "GBF", framework, int(number) if number.isdigit() else 0)


def _facets(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]) -> list[Facet]:
    shown: dict[str, list[str]] = {}
    for name, values in counts.items():
        selected = set(filters.get(name, []))
        top = sorted(values, key=lambda v: (-values[v], v))[:FACET_VALUES_SHOWN]
        shown[name] = list(dict.fromkeys([*top, *sorted(selected)]))
    labels = _labels({name: set(v) for name, v in shown.items()})
    out = []
    for name, label in FACETS.items():
        selected = set(filters.get(name, []))
        values = [FacetValue(value=v, label=labels[name].get(v, v), count=counts[name].get(v, 0),
                             selected=v in selected) for v in shown[name]]
        if name == "target":
            values.sort(key=lambda fv: _target_key(fv.value))
        elif name not in ("type",):
            values.sort(key=lambda fv: (-fv.count, fv.label))
        if values:
            out.append(Facet(name=name, label=str(label), values=values))
    return out
