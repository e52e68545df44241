# ruff: noqa: S608 - SQL is assembled from constant fragments; every value is a bound parameter.
"""PostgreSQL full-text: a generated ``tsvector`` column (``tsv``) with a GIN index.

Each document is parsed with the configuration of its language (english, french,
spanish, russian, portuguese; 'simple' for Arabic, Chinese and others, see
``search_ts_config()`` in migration 0002), and its CJK text as character bigrams
with 'simple'. The language of a query is unknown, so the query is parsed with
every configuration and the alternatives are OR-ed: a document matches when all
the words (stemmed the way of one language) are in it. Ranking is ts_rank_cd()
with the weights A (title) > B (summary) > C (body); ts_headline() marks snippets.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from ..text import MARK_END, MARK_START, ParsedQuery, Term, markers_to_html
from .base import FullTextBackend, Highlight

CONFIGS = ("english", "french", "spanish", "russian", "portuguese", "simple")


def websearch_term(term: Term) -> str:
    # Every term quoted: websearch syntax ("or", "-") typed by a user stays a word.
    if term.cjk:
        return '"' + " ".join(term.cjk_bigrams) + '"'
    return '"' + term.text.replace('"', " ") + '"'


def websearch_text(query: ParsedQuery, *, any_word: bool = False) -> str:
    return (" or " if any_word else " ").join(websearch_term(t) for t in query.terms)


def tsquery_sql() -> str:
    """A tsquery expression (one %s per configuration) OR-ing the query parsed with every configuration."""
    return " || ".join(f"websearch_to_tsquery('pg_catalog.{c}'::regconfig, %s)" for c in CONFIGS)


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
        text = websearch_text(query, any_word=any_word)
        if not scored:
            return (f"SELECT d.id AS id FROM search_searchdocument d WHERE d.tsv @@ ({tsquery_sql()})",
                    [text] * len(CONFIGS))
        if window:
            # ts_rank_cd reads each document's tsvector: only for the first ``window`` matches
            # (the bitmap heap scan stops there), not for every match.
            sql = (
                "SELECT w.id AS id, ts_rank_cd(w.tsv, q.q, 1) AS score "
                f"FROM (SELECT ({tsquery_sql()}) AS q) q, LATERAL (SELECT d.id, d.tsv "
                "FROM search_searchdocument d WHERE d.tsv @@ q.q LIMIT %s) w"
            )
            return sql, [*([text] * len(CONFIGS)), int(window)]
        sql = (
            "SELECT d.id AS id, ts_rank_cd(d.tsv, q.q, 1) AS score "
            f"FROM search_searchdocument d, (SELECT ({tsquery_sql()}) AS q) q WHERE d.tsv @@ q.q"
        )
        return sql, [text] * len(CONFIGS)

    def sample_sql(self, query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
        # Storage order: block numbers (from ctid) grow as the heap scan goes on.
        return ("SELECT d.id AS id, (d.ctid::text::point)[0]::bigint AS pos FROM search_searchdocument d "
                f"WHERE d.tsv @@ ({tsquery_sql()}) LIMIT %s",
                [websearch_text(query, any_word=any_word)] * len(CONFIGS))

    def coverage(self, positions: list[int]) -> float:
        if not positions:
            return 1.0
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size('search_searchdocument') / current_setting('block_size')::bigint")
            blocks = cursor.fetchone()[0] or 1
        return max(1e-6, min(1.0, (max(positions) + 1) / blocks))

    def _highlights(self, query: ParsedQuery, docs: dict, *, any_word: bool) -> dict[int, Highlight]:
        text = websearch_text(query, any_word=any_word)
        opts_title = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}"
        opts_snip = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, "
                     "FragmentDelimiter=\" … \"")
        sql = (
            "SELECT d.id, ts_headline(search_ts_config(d.language), d.title, q.q, %s), "
            "ts_headline(search_ts_config(d.language), d.summary, q.q, %s), "
            "ts_headline(search_ts_config(d.language), left(d.body, 20000), q.q, %s) "
            f"FROM search_searchdocument d, (SELECT ({tsquery_sql()}) AS q) q WHERE d.id = ANY(%s)"
        )
        out: dict[int, Highlight] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, [opts_title, opts_snip, opts_snip, *([text] * len(CONFIGS)), list(docs)])
            for pk, title, summary, body in cursor.fetchall():
                snippet = summary if MARK_START in (summary or "") or MARK_START not in (body or "") else body
                out[pk] = Highlight(title_html=markers_to_html(title or ""),
                                    snippet_html=markers_to_html(snippet or ""))
        for pk, doc in docs.items():
            out.setdefault(pk, self.python_highlight(query, doc))
        return out

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("REINDEX INDEX search_doc_tsv")
