"""The search index: one row per searchable object, its facet values, its vector.

Facets live in a side table, ``SearchFacet(document, name, value)``, on both
databases. One schema everywhere keeps the query code single; an index on
``(name, value, document)`` lets counting be an index-only scan over the
matched documents (``GROUP BY name, value``), which is as fast on SQLite as
arrays + ``unnest`` are on PostgreSQL, and filtering ("documents with country
KE or TZ") is a plain indexed ``IN`` sub-select.

The full-text structures are not Django models: a FTS5 virtual table kept in
sync by triggers on SQLite, and a generated ``tsvector`` column with a GIN index
on PostgreSQL (see migration 0002 and ``backends/``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    source = models.CharField(max_length=32)
    source_id = models.BigIntegerField()
    public_id = models.CharField(max_length=80, blank=True)
    kind = models.CharField(max_length=32, db_index=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Character bigrams of the Chinese/Japanese/Korean text (empty when there is none):
    # neither FTS5's unicode61 nor PostgreSQL's parsers split CJK into words.
    cjk_title = models.TextField(blank=True, default="")
    cjk_body = models.TextField(blank=True, default="")
    # The words of title, summary and body as the SQLite index reads them: stems in the language
    # of each line, without stop words (``analysis.analyse``; empty on PostgreSQL, which parses the
    # text itself with the text search configuration of the document's language).
    stems_title = models.TextField(blank=True, default="")
    stems_summary = models.TextField(blank=True, default="")
    stems_body = models.TextField(blank=True, default="")
    language = models.CharField(max_length=8, default="en")
    url = models.CharField(max_length=500)
    visibility = models.CharField(max_length=12, default="public", db_index=True)
    country = models.CharField(max_length=2, blank=True, default="", help_text="First country, for display")
    translations = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    vector = models.BinaryField(null=True, blank=True)
    vector_model = models.CharField(max_length=60, blank=True, default="", db_index=True)
    vector_text_hash = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("search document")
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="search_document_unique_source")]
        indexes = [
            models.Index(fields=["title"], name="search_doc_title"),
            # The documents with a vector, counted and listed from the index alone when a process brings its
            # vector index up to date (``vectors._apply_changes``): a million rows in 50 ms, not 1.5 s.
            models.Index(fields=["vector_model", "id"], condition=models.Q(vector__isnull=False),
                         name="search_doc_with_vector"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id} {self.title[:60]}"


class SearchFacet(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets", db_index=False)
    name = models.CharField(max_length=16)
    value = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_nvd"),
            models.Index(fields=["document", "name", "value"], name="search_facet_dnv"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchIndexState(models.Model):
    """A token changed by every index write, so a process sees cheaply whether its
    in-memory vector matrix is still fresh (one primary-key read per search). A random
    token rather than a counter: a rolled-back write cannot make two states look alike."""

    key = models.CharField(max_length=20, primary_key=True)
    version = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"{self.key}@{self.version}"
