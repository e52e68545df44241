# ruff: noqa: S608 - SQL is assembled from constant fragments; every value is a bound parameter.
"""SQLite FTS5: external-content table ``search_fts`` over ``search_searchdocument``.

The indexed columns are ``stems_*``: the text analysed in Python (``search.analysis``:
stems in the language of each line, stop words dropped), read by the plain
``unicode61 remove_diacritics 2`` tokenizer. A query word matches when one of its
stems (one per plausible language of the query) is there. CJK text is indexed as
character bigrams in the ``cjk_*`` columns and a CJK query word becomes a phrase of
bigrams restricted to those columns. Ranking is bm25() with column weights title >
summary > body.
"""

from __future__ import annotations

from django.db import connection

from ..text import ParsedQuery, Term, bigrams
from .base import FullTextBackend

# title, summary, body, cjk_title, cjk_body
WEIGHTS = (10.0, 4.0, 1.0, 10.0, 1.5)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cjk_phrase(text: str) -> str:
    if len(text) == 1:
        return "{cjk_title cjk_body} : " + _quote(text) + " *"
    return "{cjk_title cjk_body} : " + _quote(" ".join(bigrams(text)))


def fts_term(term: Term) -> str:
    """One query term: its stems (or CJK bigrams), or any synonym in another language."""
    alternatives: list[str] = []
    stems = [] if term.cjk else term.stem_phrases()
    stems += [s.stem for s in term.synonyms if not s.cjk]
    if stems:
        alternatives.append("{stems_title stems_summary stems_body} : ("
                            + " OR ".join(_quote(p) for p in dict.fromkeys(stems)) + ")")
    cjk = ([term.text] if term.cjk else []) + [s.word for s in term.synonyms if s.cjk]
    alternatives += [_cjk_phrase(w) for w in dict.fromkeys(cjk)]
    return " OR ".join(f"({a})" for a in alternatives)


def fts_expression(query: ParsedQuery, *, any_word: bool = False) -> str:
    terms = [f"({fts_term(t)})" for t in query.terms]
    return " OR ".join("(" + " AND ".join(terms[i] for i in group) + ")" for group in query.groups(any_word=any_word))


class SqliteBackend(FullTextBackend):
    name = "sqlite"

    def match_sql(self, query: ParsedQuery, *, any_word: bool = False, scored: bool = True,
                  window: int | None = None, depth: int | None = None) -> tuple[str, list]:
        # ``depth`` changes nothing here: bm25 ranks the window in one pass, most of its cost being the
        # document frequency of each phrase of the query, read once whatever the number of rows ranked.
        expression = fts_expression(query, any_word=any_word)
        if not scored:
            return "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s", [expression]
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = f"SELECT rowid AS id, -bm25(search_fts, {weights}) AS score FROM search_fts WHERE search_fts MATCH %s"
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

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
