"""Writes to the search index: the row, its facets, its full-text entry (kept by the
database, see ``backends``) and its embedding.

``index_document`` is what the after-commit task runs for one object;
``index_many`` is the batch path of ``clearinghouse reindex`` (embeddings are
computed in batches, which is several times faster than one by one).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from .analysis import analyse
from .models import SearchDocument, SearchFacet
from .registry import SOURCES, Document
from .text import cjk_bigram_text, clean
from .vectors import bump_version, to_bytes

log = logging.getLogger(__name__)

MAX_BODY_CHARS = 100_000
EMBED_BODY_CHARS = 1_500

# Facet name in the index -> Document attribute.
FACET_FIELDS = {
    "country": "countries",
    "region": "regions",
    "target": "targets",
    "convention": "conventions",
    "language": "languages",
    "support": "support_types",
    "ecosystem": "ecosystems",
    "topic": "topics",
}


def embedding_text(doc: Document | SearchDocument) -> str:
    """What the embedder reads: title, summary and the start of the body."""
    return "\n".join(p for p in (doc.title, doc.summary, (doc.body or "")[:EMBED_BODY_CHARS]) if p)


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 - change detection only


def facet_values(doc: Document) -> list[tuple[str, str]]:
    pairs = {("type", doc.kind)} if doc.kind else set()
    for name, attr in FACET_FIELDS.items():
        for value in getattr(doc, attr) or []:
            if value:
                pairs.add((name, str(value)[:40]))
    return sorted(pairs)


def stems_values(title: str, summary: str, body: str, language: str) -> dict:
    """The analysed columns the SQLite index reads (empty where the database analyses the text)."""
    if connection.vendor != "sqlite":
        return {"stems_title": "", "stems_summary": "", "stems_body": ""}
    return {"stems_title": analyse(title, language), "stems_summary": analyse(summary, language),
            "stems_body": analyse(body, language)}


def _row_values(doc: Document) -> dict:
    title, summary, body = clean(doc.title)[:1000], clean(doc.summary), clean(doc.body)[:MAX_BODY_CHARS]
    return {
        "public_id": doc.public_id[:80],
        "kind": doc.kind,
        "title": title,
        "summary": summary,
        "body": body,
        "cjk_title": cjk_bigram_text(title),
        "cjk_body": cjk_bigram_text(f"{summary}\n{body}"),
        **stems_values(title, summary, body, doc.language or "en"),
        "language": doc.language or "en",
        "url": doc.url,
        "visibility": doc.visibility or "public",
        "country": (doc.countries or [""])[0][:2],
        "translations": doc.translations or {},
        "published_at": doc.published_at,
    }


def _get_embedder():
    from .embedders import get_embedder

    return get_embedder()


def upsert_documents(docs: Sequence[Document], *, vectors: bool = True) -> list[SearchDocument]:
    """Write the documents (rows, facets, vectors) in one transaction."""
    if not docs:
        return []
    embedder = _get_embedder() if vectors else None
    with transaction.atomic():
        existing = {
            (r.source, r.source_id): r
            for r in SearchDocument.objects.filter(
                source__in={d.source for d in docs}, source_id__in=[d.source_id for d in docs])
        }
        rows: list[SearchDocument] = []
        for doc in docs:
            values = _row_values(doc)
            row = existing.get((doc.source, doc.source_id))
            if row is None:
                row = SearchDocument(source=doc.source, source_id=doc.source_id, **values)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
            rows.append(row)
        if embedder is not None:
            texts = [embedding_text(r) for r in rows]
            hashes = [_hash(t) for t in texts]
            todo = [i for i, r in enumerate(rows)
                    if r.vector is None or r.vector_model != embedder.model_id or r.vector_text_hash != hashes[i]]
            if todo:
                matrix = embedder.embed([texts[i] for i in todo])
                for i, vec in zip(todo, matrix, strict=True):
                    rows[i].vector = to_bytes(vec)
                    rows[i].vector_model = embedder.model_id
                    rows[i].vector_text_hash = hashes[i]
        for row in rows:
            row.save()
        SearchFacet.objects.filter(document__in=[r.pk for r in rows]).delete()
        SearchFacet.objects.bulk_create(
            [SearchFacet(document=row, name=n, value=v) for row, doc in zip(rows, docs, strict=True)
             for n, v in facet_values(doc)],
            batch_size=1000,
        )
        bump_version()
    return rows


def remove_documents(source: str, pks: Iterable[int]) -> int:
    with transaction.atomic():
        deleted, _ = SearchDocument.objects.filter(source=source, source_id__in=list(pks)).delete()
        if deleted:
            bump_version()
    return deleted


def _builder(source: str) -> Callable[[int], Document | None]:
    try:
        return SOURCES[source]
    except KeyError:
        raise ValueError(f"Unknown search source {source!r}; registered: {sorted(SOURCES)}") from None


def index_document(source: str, pk: int) -> str:
    """(Re)index one object: "indexed", or "removed" when its builder returns None."""
    doc = _builder(source)(pk)
    if doc is None:
        remove_documents(source, [pk])
        return "removed"
    upsert_documents([doc])
    return "indexed"


def index_many(source: str, pks: Iterable[int], *, vectors: bool = True, batch_size: int = 64,
               progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Reindex many objects of one source, embedding in batches."""
    build = _builder(source)
    counts = {"indexed": 0, "removed": 0}
    batch: list[Document] = []
    gone: list[int] = []

    def flush():
        if batch:
            upsert_documents(batch, vectors=vectors)
            counts["indexed"] += len(batch)
        if gone:
            remove_documents(source, gone)
            counts["removed"] += len(gone)
        if progress:
            progress(len(batch) + len(gone))
        batch.clear()
        gone.clear()

    for pk in pks:
        doc = build(pk)
        if doc is None:
            gone.append(pk)
        else:
            batch.append(doc)
        if len(batch) + len(gone) >= batch_size:
            flush()
    flush()
    return counts


def reembed(*, only_stale: bool = False, batch_size: int = 64,
            progress: Callable[[int], None] | None = None) -> int:
    """Recompute vectors from the indexed text; ``only_stale``: those of another model (or none)."""
    embedder = _get_embedder()
    qs = SearchDocument.objects.order_by("pk")
    if only_stale:
        qs = qs.exclude(vector_model=embedder.model_id, vector__isnull=False)
    ids = list(qs.values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = list(SearchDocument.objects.filter(pk__in=ids[start : start + batch_size]).only(
            "pk", "title", "summary", "body"))
        texts = [embedding_text(r) for r in chunk]
        matrix: np.ndarray = embedder.embed(texts)
        with transaction.atomic():
            for row, vec, text in zip(chunk, matrix, texts, strict=True):
                SearchDocument.objects.filter(pk=row.pk).update(
                    vector=to_bytes(vec), vector_model=embedder.model_id, vector_text_hash=_hash(text),
                    updated_at=timezone.now())
            bump_version()
        done += len(chunk)
        if progress:
            progress(len(chunk))
    return done


def stale_count() -> int:
    embedder = _get_embedder()
    return SearchDocument.objects.exclude(vector_model=embedder.model_id, vector__isnull=False).count()
