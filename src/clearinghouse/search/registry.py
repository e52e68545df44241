"""What can be searched. Each app registers a *source*: a name and a function that
builds the document for one object (or returns None when it must leave the index,
e.g. unpublished, archived or not public).

    from clearinghouse.search.registry import Document, register

    @register("record")
    def record_document(pk: int) -> Document | None: ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

SOURCES: dict[str, Callable[[int], Document | None]] = {}
# How `clearinghouse reindex` lists the objects of a source: a callable returning pks,
# given with ``register(source, ids=...)``, or a model label whose rows are all tried
# (the builder says which belong in the index).
SOURCE_IDS: dict[str, Callable[[], Iterable[int]]] = {}
SOURCE_MODELS: dict[str, str] = {"record": "knowledge.Record"}
KIND_LABELS: dict[str, object] = {}  # kind -> label (lazy translation) for kinds an app adds, e.g. "decision"


@dataclass
class Document:
    source: str  # "record", "need", "offer", "post" ...
    source_id: int
    public_id: str  # readable id shown to users, e.g. CHM-GP-KE-00042-2
    kind: str  # facet "type": good-practice, tool, need, offer ...
    title: str
    summary: str
    body: str  # plain text, original and translations
    language: str  # original language (content code: ar en es fr ru zh pt)
    url: str
    visibility: str = "public"  # public | registered | restricted
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)  # "GBF-3", "AICHI-11"
    conventions: list[str] = field(default_factory=list)
    support_types: list[str] = field(default_factory=list)
    ecosystems: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # every language the text exists in
    translations: dict = field(default_factory=dict)  # {"fr": {"title": ..., "summary": ...}} for display
    published_at: dt.datetime | None = None


def register(source: str, *, ids: Callable[[], Iterable[int]] | None = None, model: str | None = None,
             label=None):
    """Register the document builder of ``source``; ``label`` names its kind in facets and results."""

    def decorator(fn):
        SOURCES[source] = fn
        if label is not None:
            KIND_LABELS[source] = label
        if ids is not None:
            SOURCE_IDS[source] = ids
        if model is not None:
            SOURCE_MODELS[source] = model
        return fn

    return decorator


def source_ids(source: str) -> list[int]:
    """Every pk that may belong in the index for ``source`` (and those already in it)."""
    from django.apps import apps

    from .models import SearchDocument

    pks: set[int] = set(SearchDocument.objects.filter(source=source).values_list("source_id", flat=True))
    if source in SOURCE_IDS:
        pks.update(SOURCE_IDS[source]())
    elif source in SOURCE_MODELS:
        pks.update(apps.get_model(SOURCE_MODELS[source]).objects.values_list("pk", flat=True))
    return sorted(pks)
