"""What can be searched. Each app registers a *source*: a name and a function that
builds the document for one object (or returns None when it must leave the index,
e.g. unpublished, archived or not public).

    from clearinghouse.search.registry import Document, register

    @register("record")
    def record_document(pk: int) -> Document | None: ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

SOURCES: dict[str, Callable[[int], "Document | None"]] = {}


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


def register(source: str):
    def decorator(fn):
        SOURCES[source] = fn
        return fn

    return decorator
