# ruff: noqa: S608 - SQL is assembled from constant fragments; every value is a bound parameter.
"""SQLite FTS5: external-content table ``search_fts`` over ``search_searchdocument``.

Tokenizer ``porter unicode61 remove_diacritics 2`` (accents folded, English
stemming); CJK text is indexed as character bigrams in the ``cjk_*`` columns and a
CJK query becomes a phrase of bigrams restricted to those columns. Ranking is
bm25() with column weights title > summary > body.
"""

from __future__ import annotations

from django.db import connection

from ..text import MARK_END, MARK_START, ParsedQuery, Term, markers_to_html
from .base import FullTextBackend, Highlight

# title, summary, body, cjk_title, cjk_body
WEIGHTS = (10.0, 4.0, 1.0, 10.0, 1.5)
SNIPPET_TOKENS = 28


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_term(term: Term) -> str:
    if term.cjk:
        grams = term.cjk_bigrams
        if len(term.text) == 1:
            return "{cjk_title cjk_body} : " + _quote(term.text) + " *"
        return "{cjk_title cjk_body} : " + _quote(" ".join(grams))
    return "{title summary body} : " + _quote(term.text)


def fts_expression(query: ParsedQuery, *, any_word: bool = False) -> str:
    joiner = " OR " if any_word else " AND "
    return joiner.join(f"({fts_term(t)})" for t in query.terms)


class SqliteBackend(FullTextBackend):
    name = "sqlite"

    def match_sql(self, query: ParsedQuery, *, any_word: bool = False, scored: bool = True,
                  window: int | None = None) -> tuple[str, list]:
        expression = fts_expression(query, any_word=any_word)
        if not scored:
            return "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s", [expression]
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (f"SELECT rowid AS id, -bm25(search_fts, {weights}) AS score "
               "FROM search_fts WHERE search_fts MATCH %s")
        if window:
            # FTS5 walks its doclists newest first and stops after ``window`` rows: bm25 is
            # computed for those only (the newest matches), not for every match.
            return f"SELECT id, score FROM ({sql} ORDER BY rowid DESC LIMIT %s)", [expression, int(window)]
        return sql, [expression]

    def sample_sql(self, query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
        return ("SELECT rowid AS id, rowid AS pos FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT %s", [fts_expression(query, any_word=any_word)])

    def coverage(self, positions: list[int]) -> float:
        if not positions:
            return 1.0
        with connection.cursor() as cursor:
            # Two sub-selects: SQLite reads min() and max() from the ends of the index only one at a time.
            cursor.execute("SELECT (SELECT MIN(id) FROM search_searchdocument), "
                           "(SELECT MAX(id) FROM search_searchdocument)")
            low, high = cursor.fetchone()
        if low is None or high is None or high <= low:
            return 1.0
        return max(1e-6, min(1.0, (high - min(positions) + 1) / (high - low + 1)))

    def _highlights(self, query: ParsedQuery, docs: dict, *, any_word: bool) -> dict[int, Highlight]:
        ids = list(docs)
        placeholders = ", ".join(["%s"] * len(ids))
        s, e = MARK_START, MARK_END
        sql = (
            "SELECT rowid, highlight(search_fts, 0, %s, %s), "
            f"snippet(search_fts, 1, %s, %s, '…', {SNIPPET_TOKENS}), "
            f"snippet(search_fts, 2, %s, %s, '…', {SNIPPET_TOKENS}) "
            f"FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({placeholders})"
        )
        out: dict[int, Highlight] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, [s, e, s, e, s, e, fts_expression(query, any_word=any_word), *ids])
            for pk, title, summary, body in cursor.fetchall():
                snippet = summary if MARK_START in (summary or "") or MARK_START not in (body or "") else body
                if not snippet:
                    snippet = body or summary or ""
                out[pk] = Highlight(title_html=markers_to_html(title or ""), snippet_html=markers_to_html(snippet))
        for pk, doc in docs.items():  # matched through a path the database cannot highlight
            out.setdefault(pk, self.python_highlight(query, doc))
        return out

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
