"""The interface every full-text backend implements.

A backend only answers "which documents match these words, how well" (as SQL the
selectors compose with visibility and facet filters) and "show where they match"
(highlighted title and snippet). Writes need nothing from it: the database keeps
its full-text structure in step with ``search_searchdocument`` (FTS5 triggers on
SQLite, a generated tsvector column on PostgreSQL).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.db import connection

from ..text import ParsedQuery, highlight_query

MARK_START_HTML = "<mark>"


@dataclass
class Highlight:
    title_html: str
    snippet_html: str


class FullTextBackend(ABC):
    name: str = ""
    rank_window: int = 5000  # default of CLEARINGHOUSE_SEARCH_RANK_WINDOW for this backend

    def reading(self) -> AbstractContextManager:
        """The context one search runs in (its reads in storage order, see ``sample_sql``)."""
        return nullcontext()

    @abstractmethod
    def match_sql(self, query: ParsedQuery, *, any_word: bool = False, scored: bool = True,
                  window: int | None = None, depth: int | None = None) -> tuple[str, list]:
        """SQL selecting ``(id, score)`` of the documents matching ``query`` (higher score =
        better), or only ``id`` when not ``scored``: every term, or any term when ``any_word``.
        With ``window``, only the first ``window`` matches in storage order are scored, so the
        cost of ranking stays bounded however many documents match. ``depth``: how many of the best
        the caller reads at most; a backend may then select fewer rows, those it ranks best, and rank
        only those finely (PostgreSQL: ``rerank``)."""

    @abstractmethod
    def sample_sql(self, query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
        """SQL selecting ``(id, pos)`` of matching documents in storage order (one trailing %s: a LIMIT),
        so that the first few thousand are a sample whose share of all matches ``coverage`` tells."""

    @abstractmethod
    def coverage(self, positions: list[int]) -> float:
        """The share (0-1] of all documents that a full sample (``sample_sql``) ending at these positions
        went through: its match counts divided by this estimate the counts over every match."""

    # Whether ranking a known list of candidate ids (``coarse_sql`` then ``fine_sql``) is cheaper than
    # ranking from the index. PostgreSQL: yes, GIN builds the bitmap of every match before the first row
    # comes out; FTS5: no, a rowid constraint makes it run the whole MATCH expression once per rowid.
    ranks_among_ids: bool = False

    def coarse_sql(self, queries: list[ParsedQuery], *, any_word: bool = False, among: list[int],
                   where: tuple[str, list] | None = None) -> tuple[str, list]:
        """SQL selecting ``(id, score_1, ..., score_k)`` for each document of ``among`` meeting ``where``
        (a condition on the document ``d``: its SQL and parameters): for each of ``queries``, a cheap
        score of the document, or NULL when it does not match that query. Every ranking pass of a page
        is scored in one read of the candidates (``ranks_among_ids`` backends only)."""
        raise NotImplementedError

    def fine_sql(self, query: ParsedQuery, *, any_word: bool = False, ids: list[int]) -> tuple[str, list]:
        """SQL selecting ``(id, score)``: the final ranking score of these documents, which match ``query``
        (the best few of a pass by ``coarse_sql``; ``ranks_among_ids`` backends only)."""
        raise NotImplementedError

    def rerank(self, depth: int | None, candidates: int) -> int | None:
        """How many of ``candidates`` matches, the best by the coarse score first, are ranked by the fine
        score for a caller reading the best ``depth``; None: all of them."""
        return None

    def sample(self, query: ParsedQuery, *, any_word: bool = False, limit: int) -> tuple[list[int], float]:
        """The matches read once for a whole page: the ids of every match when there are at most ``limit``
        (share 1.0), else of a sample of them and the share (0-1) of all documents that sample stands for,
        so that counts over it divided by the share estimate the counts over every match.

        By default the first ``limit`` matches in storage order (``sample_sql``, ``coverage``)."""
        s_sql, s_params = self.sample_sql(query, any_word=any_word)
        rows, coverage = self.first_in_storage_order(f"SELECT s.id, s.pos FROM ({s_sql}) s", s_params, limit)  # noqa: S608
        return [r[0] for r in rows], coverage

    def first_in_storage_order(self, sql: str, params: list, limit: int) -> tuple[list[tuple], float]:
        """The first ``limit`` rows of ``sql`` (matches in storage order, their position last, one trailing %s
        for a LIMIT), without that position, and the share of the documents they stand for (``coverage``)."""
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit + 1])
            rows = cursor.fetchall()
        if len(rows) <= limit:
            return [r[:-1] for r in rows], 1.0
        rows = rows[:limit]
        return [r[:-1] for r in rows], min(self.coverage([r[-1] for r in rows]), 1 - 1e-9)

    def sample_scored(self, query: ParsedQuery, *, any_word: bool = False, limit: int, queries: list[ParsedQuery],
                      where: tuple[str, list]) -> tuple[list[int], float, list[tuple] | None]:
        """``sample``, and for a backend that can (``ranks_among_ids``) the rows ``coarse_sql`` would give for
        the ids sampled, from the same read, each with a last column: whether the document meets ``where``
        (None: not scored)."""
        ids, coverage = self.sample(query, any_word=any_word, limit=limit)
        return ids, coverage, None

    def highlights(self, query: ParsedQuery, docs: dict, *, any_word: bool = False) -> dict[int, Highlight]:
        """Escaped HTML with <mark> around matches, for each document (``{id: SearchDocument}``).

        Made in Python on both databases with the analyser the query was parsed with
        (``analysis``): a word is marked when its stem is one of the query's, never a stop word,
        and the CJK words of the query wherever they occur (the index holds bigrams)."""
        return {pk: self.python_highlight(query, doc) for pk, doc in docs.items()}

    @staticmethod
    def python_highlight(query: ParsedQuery | None, doc) -> Highlight:
        lang = getattr(doc, "language", "en") or "en"
        summary = highlight_query(doc.summary or "", query, lang, window=240)
        snippet = summary
        if query and MARK_START_HTML not in summary and doc.body:
            body = highlight_query(doc.body, query, lang, window=240)
            if MARK_START_HTML in body or not summary:
                snippet = body
        elif not doc.summary:
            snippet = highlight_query(doc.body or "", query, lang, window=240)
        return Highlight(title_html=highlight_query(doc.title, query, lang), snippet_html=snippet)

    def rebuild(self) -> None:  # noqa: B027 - nothing to do unless a backend says so
        """Rebuild the full-text structure from the documents table (after bulk loads)."""

