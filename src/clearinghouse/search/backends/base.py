"""The interface every full-text backend implements.

A backend only answers "which documents match these words, how well" (as SQL the
selectors compose with visibility and facet filters) and "show where they match"
(highlighted title and snippet). Writes need nothing from it: the database keeps
its full-text structure in step with ``search_searchdocument`` (FTS5 triggers on
SQLite, a generated tsvector column on PostgreSQL).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from ..text import ParsedQuery, highlight_python


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
                  window: int | None = None) -> tuple[str, list]:
        """SQL selecting ``(id, score)`` of the documents matching ``query`` (higher score =
        better), or only ``id`` when not ``scored``: every term, or any term when ``any_word``.
        With ``window``, only the first ``window`` matches in storage order are scored, so the
        cost of ranking stays bounded however many documents match."""

    @abstractmethod
    def sample_sql(self, query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list]:
        """SQL selecting ``(id, pos)`` of matching documents in storage order (one trailing %s: a LIMIT),
        so that the first few thousand are a sample whose share of all matches ``coverage`` tells."""

    @abstractmethod
    def coverage(self, positions: list[int]) -> float:
        """The share (0-1] of all documents that a full sample (``sample_sql``) ending at these positions
        went through: its match counts divided by this estimate the counts over every match."""

    @abstractmethod
    def _highlights(self, query: ParsedQuery, docs: dict, *, any_word: bool) -> dict[int, Highlight]:
        """Highlights made by the database's own functions."""

    def highlights(self, query: ParsedQuery, docs: dict, *, any_word: bool = False) -> dict[int, Highlight]:
        """Escaped HTML with <mark> around matches, for each document (``{id: SearchDocument}``)."""
        if not docs:
            return {}
        if not query or query.has_cjk:
            # The database highlights the CJK bigrams it indexed, not the text people read:
            # mark CJK queries (and show plain fragments for empty ones) in Python.
            return {pk: self.python_highlight(query, doc) for pk, doc in docs.items()}
        return self._highlights(query, docs, any_word=any_word)

    @staticmethod
    def python_highlight(query: ParsedQuery | None, doc) -> Highlight:
        words = query.plain_words if query else []
        text = doc.summary if (not words or _contains_any(doc.summary, words)) else doc.body
        if not text:
            text = doc.body
        return Highlight(title_html=highlight_python(doc.title, words),
                         snippet_html=highlight_python(text or "", words, window=240))

    def rebuild(self) -> None:  # noqa: B027 - nothing to do unless a backend says so
        """Rebuild the full-text structure from the documents table (after bulk loads)."""


def _contains_any(text: str, words: Iterable[str]) -> bool:
    lower = (text or "").lower()
    return any(w.lower() in lower for w in words)
