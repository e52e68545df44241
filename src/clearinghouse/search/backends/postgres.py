# ruff: noqa: S608 - SQL is assembled from constant fragments; every value is a bound parameter.
"""PostgreSQL full-text: a generated ``tsvector`` column (``tsv``) with a GIN index.

Each document is parsed with the text search configuration of its language (english,
french, spanish, russian, portuguese, arabic; 'simple' for Chinese and others, see
``search_ts_config()``, migrations 0002 and 0003), and its CJK text as character
bigrams with 'simple'. The query is analysed in Python first (``search.analysis``:
its language, its stop words dropped, Chinese cut into words); then each word is
parsed with the configuration of every plausible language of the query and with
'simple', and a document matches a word when one of those lexemes is in it (all
words, or any in the fallback). Ranking is ts_rank_cd() with the weights A (title) >
B (summary) > C (body), over the best few hundred matches by the cheaper ts_rank() when a page
needs fewer than it has (``rerank``). Highlights are made in Python by the same analyser.

Ranking at scale: a GIN index answers with the bitmap of every match, so a page reads the matches
once, from the partial indexes over one document in 500 or 50 when they are many (``sample``), and
ranks those ids (``ranks_among_ids``): every match when there are few, else the sample, spread over all
the documents. The read itself scores them for every ranking pass of the page (``sample_scored``; by
primary key with ``coarse_sql`` otherwise), and each pass ranks its best finely (``fine_sql``). Only when the sample holds too few matches of
a ranking pass does ts_rank_cd() rank the first ``rank_window`` matches the GIN index yields (in storage
order), which bounds the cost but may miss a better match further on. The RUM
extension (exact top k from ``ORDER BY tsv <=> query LIMIT k``) was measured on the 100,000
document bench and not adopted: its ordered scan still scores every match's entry, so
cross-language queries matching 15-60% of the documents took as long or longer than this
window, and its index was twice the GIN index's size (53 MB against 25 MB).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from ..analysis import ARABIC, arabic_forms
from ..text import ParsedQuery, Term, bigrams
from .base import FullTextBackend

CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "pt": "portuguese", "ar": "arabic"}


def int_array(ids) -> str:
    """A list of ids as one array literal ('{1,2,3}', cast to bigint[] in the SQL): psycopg adapts a Python
    list element by element in Python, 0.5 ms for the 2,000 ids a page passes two or three times."""
    return "{" + ",".join(map(str, map(int, ids))) + "}"


def _configs(query: ParsedQuery) -> list[str]:
    return list(dict.fromkeys([*(CONFIGS[x] for x in query.languages if x in CONFIGS), "simple"]))


_LEXEMES: dict[tuple[str, str, str], str] = {}  # (function, configuration, text) -> tsquery text
_LEXEMES_MAX = 20_000


def _parsed(items: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], str]:
    """Each (plainto|phraseto, configuration, text) as PostgreSQL parses it (tsquery text, '' for stop
    words), in one round trip for those not seen before in this process."""
    todo = list(dict.fromkeys(i for i in items if i not in _LEXEMES))
    if todo:
        if len(_LEXEMES) + len(todo) > _LEXEMES_MAX:
            _LEXEMES.clear()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (CASE WHEN t.f = 'phraseto' THEN phraseto_tsquery(t.c::regconfig, t.w) "
                "ELSE plainto_tsquery(t.c::regconfig, t.w) END)::text "
                "FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS t(f, c, w, i) ORDER BY t.i",
                [[f for f, _c, _w in todo], [c for _f, c, _w in todo], [w for _f, _c, w in todo]],
            )
            for item, (text,) in zip(todo, cursor.fetchall(), strict=True):
                _LEXEMES[item] = text or ""
    return {i: _LEXEMES[i] for i in items}


def _alternatives(term: Term, configs: list[str]) -> list[tuple[str, str, str]]:
    """The ways one query term may match: parsed with each configuration, or any of its synonyms in
    its own language's configuration (a CJK word as its bigrams, in order)."""
    if term.cjk:
        items = [("phraseto", "pg_catalog.simple", " ".join(term.cjk_bigrams))]
    else:
        fn = "phraseto" if term.phrase else "plainto"
        items = [(fn, f"pg_catalog.{c}", term.text) for c in configs]
        if not term.phrase and ARABIC.search(term.text):  # with and without its prefixes (``arabic_forms``)
            items += [("plainto", "pg_catalog.arabic", form) for form in arabic_forms(term.text)]
    for syn in term.synonyms:
        if syn.cjk:
            items.append(("phraseto", "pg_catalog.simple", " ".join(bigrams(syn.word))))
        else:
            items.append(("plainto", f"pg_catalog.{CONFIGS.get(syn.language, 'simple')}", syn.word))
    return items


def tsquery(query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
    """The query as one tsquery literal: the terms of each of the query's groups (``ParsedQuery.groups``)
    all required, a term matching when any of its alternatives does (``_alternatives``).

    Each alternative is parsed by PostgreSQL itself (so stemming is the index's), and the same lexeme
    reached by several configurations or synonyms appears once: a query over six languages' synonyms
    stays a handful of index entries per word instead of dozens."""
    configs = _configs(query)
    per_term = [_alternatives(term, configs) for term in query.terms]
    parsed = _parsed([item for items in per_term for item in items])
    terms: list[str] = []
    for items in per_term:
        alts = list(dict.fromkeys(parsed[i] for i in items if parsed[i]))
        terms.append(" | ".join(f"( {a} )" if (" & " in a or " <" in a) else a for a in alts))
    groups = []
    for group in query.groups(any_word=any_word):
        kept = [terms[i] for i in group if terms[i]]  # a word every configuration drops cannot be required
        if kept:
            groups.append(" & ".join(f"( {t} )" for t in kept))
    text = " | ".join(dict.fromkeys(f"( {g} )" for g in groups))
    return "%s::tsquery", [text]


SAMPLE_MODULUS = 50  # must match the predicate of the index search_doc_tsv_sample (migration 0004)
COARSE_SAMPLE_MODULUS = 500  # and of search_doc_tsv_sample_coarse (migration 0006)
SAMPLE_MIN = 100  # sampled matches from which to estimate (a relative error of about 10%)
RERANK = 100  # default of CLEARINGHOUSE_SEARCH_RERANK: matches ranked by ts_rank_cd() (``rerank``)


class PostgresBackend(FullTextBackend):
    name = "postgres"
    ranks_among_ids = True
    rank_window = 2000  # ts_rank_cd reads each tsvector from the heap: dearer than FTS5's bm25

    @contextmanager
    def reading(self) -> Iterator[None]:
        # One read-only transaction with two local settings. Without a sequential scan the
        # matches come from the GIN index's bitmap, in block order, and a LIMIT stops the heap
        # visits early (a sequential scan would test every row's tsvector until it found
        # enough). And a synchronised sequential scan would start where another one is and
        # wrap around: the block reached would no longer tell the share of the table read.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL synchronize_seqscans = off")
            yield

    def rerank(self, depth: int | None, candidates: int) -> int | None:
        """How many of ``candidates`` matches ts_rank_cd() ranks (``fine_sql``), the best by ts_rank()
        (``coarse_sql``) first, for a caller reading the best ``depth``: ``CLEARINGHOUSE_SEARCH_RERANK``
        (at least ``depth``), or None for all of them (no ``depth``, the setting 0, or no more candidates
        than that).

        ts_rank_cd() finds the covers of the query in each document: with a query's synonyms in six
        languages (a few hundred lexemes) that took 100 to 250 µs a document, and ranking 2,000 candidates
        was most of a page's time at a million documents. ts_rank() weighs the same lexemes by their field
        (A title, B summary, C body) without their positions, five to twelve times faster; the best it
        finds are then ranked by ts_rank_cd(), which rewards the query's words close together."""
        cut = int(getattr(settings, "CLEARINGHOUSE_SEARCH_RERANK", RERANK))
        if not depth or cut <= 0:
            return None
        cut = max(cut, depth)
        return cut if cut < candidates else None

    @staticmethod
    def _scores(queries: list[ParsedQuery], any_word: bool) -> tuple[str, str, list]:
        """The score columns of ``coarse_sql`` (one per query: ts_rank() where it matches, else NULL), and the
        one-row relation ``q`` of the tsqueries they read, with its parameters."""
        texts = [tsquery(q, any_word=any_word)[1][0] for q in queries]
        names = [f"q{i}" for i in range(len(texts))]
        scores = ", ".join(f"CASE WHEN ts_match_vq(d.tsv, q.{n}) THEN ts_rank(d.tsv, q.{n}, 1) END" for n in names)
        return scores, "(SELECT " + ", ".join(f"%s::tsquery AS {n}" for n in names) + ") q", texts

    def coarse_sql(self, queries: list[ParsedQuery], *, any_word: bool = False, among: list[int],
                   where: tuple[str, list] | None = None) -> tuple[str, list]:
        # By primary key, and ts_match_vq() rather than @@, which the planner would answer from the GIN
        # index: its bitmap of every match is what the candidate list saves. Each candidate's row is read
        # once for every query: reading the rows, not scoring them, was most of the cost of ranking a pass,
        # and a page ranks two to five passes.
        w_sql, w_params = where or ("TRUE", [])
        scores, q, texts = self._scores(queries, any_word)
        sql = f"SELECT d.id, {scores} FROM {q}, search_searchdocument d WHERE d.id = ANY(%s::bigint[]) AND {w_sql}"
        return sql, [*texts, int_array(among), *w_params]

    def fine_sql(self, query: ParsedQuery, *, any_word: bool = False, ids: list[int]) -> tuple[str, list]:
        q_sql, q_params = tsquery(query, any_word=any_word)
        return ("SELECT d.id, ts_rank_cd(d.tsv, q.q, 1) FROM (SELECT " + q_sql + " AS q) q, "
                "search_searchdocument d WHERE d.id = ANY(%s::bigint[])", [*q_params, int_array(ids)])

    def match_sql(self, query: ParsedQuery, *, any_word: bool = False, scored: bool = True,
                  window: int | None = None, depth: int | None = None) -> tuple[str, list]:
        q_sql, q_params = tsquery(query, any_word=any_word)
        if not scored:
            return f"SELECT d.id AS id FROM search_searchdocument d WHERE d.tsv @@ {q_sql}", q_params
        if window:
            # ts_rank_cd reads each document's tsvector: only for the first ``window`` matches
            # (the bitmap heap scan stops there), not for every match; of those, for the best by
            # ts_rank() when the caller reads fewer (``rerank``).
            inner = "SELECT d.id, d.tsv FROM search_searchdocument d WHERE d.tsv @@ q.q LIMIT %s"
            params = [*q_params, int(window)]
            cut = self.rerank(depth, int(window))
            if cut is not None:
                inner = f"SELECT x.id, x.tsv FROM ({inner}) x ORDER BY ts_rank(x.tsv, q.q, 1) DESC, x.id LIMIT %s"
                params.append(cut)
            sql = (
                "SELECT w.id AS id, ts_rank_cd(w.tsv, q.q, 1) AS score "
                f"FROM (SELECT {q_sql} AS q) q, LATERAL ({inner}) w"
            )
            return sql, params
        sql = (
            "SELECT d.id AS id, ts_rank_cd(d.tsv, q.q, 1) AS score "
            f"FROM search_searchdocument d, (SELECT {q_sql} AS q) q WHERE d.tsv @@ q.q"
        )
        return sql, q_params

    def sample_sql(self, query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
        # Storage order: block numbers (from ctid) grow as the heap scan goes on.
        q_sql, q_params = tsquery(query, any_word=any_word)
        return ("SELECT d.id AS id, (d.ctid::text::point)[0]::bigint AS pos FROM search_searchdocument d "
                f"WHERE d.tsv @@ {q_sql} LIMIT %s", q_params)

    def sample(self, query: ParsedQuery, *, any_word: bool = False, limit: int) -> tuple[list[int], float]:
        """The matches among a fixed share of the documents, read from a partial index (ids that are multiples
        of the modulus): a query matching 80,000 of a million documents reads 1,600 entries among one document
        in ``SAMPLE_MODULUS`` (migration 0004), where the first ``limit`` matches in storage order needed the
        bitmap of all 80,000.

        - Among one in ``COARSE_SAMPLE_MODULUS`` (migration 0006) first: when the finer sample would hold more
          than ``limit`` matches, this one holds enough, and reading its ids visits ten times fewer heap pages
          (a word matching half of the documents: 1,000 instead of 10,000, 50 to 200 ms).
        - More than ``limit`` matches in the sample taken: only the multiples of a larger modulus are kept,
          still spread evenly over the documents.
        - Fewer than ``SAMPLE_MIN`` among one in ``SAMPLE_MODULUS``: too few to estimate from, and the query is
          rare enough for the default (every match up to ``limit``)."""
        ids, coverage, _rows = self._sample(query, any_word=any_word, limit=limit)
        return ids, coverage

    def sample_scored(self, query: ParsedQuery, *, any_word: bool = False, limit: int, queries: list[ParsedQuery],
                      where: tuple[str, list]) -> tuple[list[int], float, list[tuple] | None]:
        # The sample's rows are read from the heap anyway (the GIN recheck): scoring them there saves
        # reading them again to rank them, a quarter of a page's time at a million documents.
        return self._sample(query, any_word=any_word, limit=limit, scored=(queries, where))

    def _sample(self, query: ParsedQuery, *, any_word: bool, limit: int,
                scored: tuple[list[ParsedQuery], tuple[str, list]] | None = None):
        q_sql, q_params = tsquery(query, any_word=any_word)
        columns, relation, params = "", "", list(q_params)
        if scored is not None:
            queries, (w_sql, w_params) = scored
            scores, q, texts = self._scores(queries, any_word)
            columns, relation = f", {scores}, ({w_sql})", f"{q}, "
            params = [*w_params, *texts, *q_params]  # in the order of their places in the statement
        minimum = int(getattr(settings, "CLEARINGHOUSE_SEARCH_SAMPLE_MIN", SAMPLE_MIN))
        for modulus, enough in ((COARSE_SAMPLE_MODULUS, limit * SAMPLE_MODULUS // COARSE_SAMPLE_MODULUS),
                                (SAMPLE_MODULUS, limit // SAMPLE_MODULUS)):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT d.id{columns} FROM {relation}search_searchdocument d "
                               f"WHERE (d.id %% {modulus}) = 0 AND d.tsv @@ {q_sql}", params)
                rows = cursor.fetchall()
            if len(rows) >= minimum and len(rows) > enough:
                if len(rows) > limit:
                    modulus *= math.ceil(len(rows) / max(1, limit))
                    rows = [r for r in rows if r[0] % modulus == 0]
                return [r[0] for r in rows], 1 / modulus, rows if scored is not None else None
        if scored is None:
            ids, coverage = super().sample(query, any_word=any_word, limit=limit)
            return ids, coverage, None
        # The default (``FullTextBackend.sample``: the first matches in storage order), scored as above.
        rows, coverage = self.first_in_storage_order(
            f"SELECT d.id{columns}, (d.ctid::text::point)[0]::bigint FROM {relation}search_searchdocument d "
            f"WHERE d.tsv @@ {q_sql} LIMIT %s", params, limit)
        return [r[0] for r in rows], coverage, rows

    def coverage(self, positions: list[int]) -> float:
        if not positions:
            return 1.0
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size('search_searchdocument') / current_setting('block_size')::bigint")
            blocks = cursor.fetchone()[0] or 1
        return max(1e-6, min(1.0, (max(positions) + 1) / blocks))

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("REINDEX INDEX search_doc_tsv")
