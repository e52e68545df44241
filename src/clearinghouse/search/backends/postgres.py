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
B (summary) > C (body). Highlights are made in Python by the same analyser.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from ..text import ParsedQuery, Term, bigrams
from .base import FullTextBackend

CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "pt": "portuguese", "ar": "arabic"}


def _configs(query: ParsedQuery) -> list[str]:
    return list(dict.fromkeys([*(CONFIGS[x] for x in query.languages if x in CONFIGS), "simple"]))


def term_tsquery(term: Term, configs: list[str]) -> tuple[str, list]:
    """One query term: parsed with each configuration, or any synonym in its own language's."""
    parts: list[str] = []
    params: list = []
    if term.cjk:
        parts.append("phraseto_tsquery('pg_catalog.simple'::regconfig, %s)")
        params.append(" ".join(term.cjk_bigrams))
    else:
        fn = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
        parts += [f"{fn}('pg_catalog.{c}'::regconfig, %s)" for c in configs]
        params += [term.text] * len(configs)
    for syn in term.synonyms:
        if syn.cjk:
            parts.append("phraseto_tsquery('pg_catalog.simple'::regconfig, %s)")
            params.append(" ".join(bigrams(syn.word)))
        else:
            parts.append(f"plainto_tsquery('pg_catalog.{CONFIGS.get(syn.language, 'simple')}'::regconfig, %s)")
            params.append(syn.word)
    return "(" + " || ".join(parts) + ")", params


def tsquery(query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
    """A tsquery expression: the terms of one of the query's groups (``ParsedQuery.groups``), each
    term parsed with every configuration of the query's plausible languages and 'simple', or one of
    its synonyms (any of them matches)."""
    configs = _configs(query)
    terms = [term_tsquery(term, configs) for term in query.terms]
    groups, params = [], []
    for group in query.groups(any_word=any_word):
        groups.append("(" + " && ".join(terms[i][0] for i in group) + ")")
        for i in group:
            params += terms[i][1]
    return "(" + " || ".join(groups) + ")", params


class PostgresBackend(FullTextBackend):
    name = "postgres"
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

    def match_sql(self, query: ParsedQuery, *, any_word: bool = False, scored: bool = True,
                  window: int | None = None) -> tuple[str, list]:
        q_sql, q_params = tsquery(query, any_word=any_word)
        if not scored:
            return f"SELECT d.id AS id FROM search_searchdocument d WHERE d.tsv @@ {q_sql}", q_params
        if window:
            # ts_rank_cd reads each document's tsvector: only for the first ``window`` matches
            # (the bitmap heap scan stops there), not for every match.
            sql = (
                "SELECT w.id AS id, ts_rank_cd(w.tsv, q.q, 1) AS score "
                f"FROM (SELECT {q_sql} AS q) q, LATERAL (SELECT d.id, d.tsv "
                "FROM search_searchdocument d WHERE d.tsv @@ q.q LIMIT %s) w"
            )
            return sql, [*q_params, int(window)]
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
