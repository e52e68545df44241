"""PostgreSQL: a partial GIN index over one document in 50 (``id % 50 = 0``).

Counts and facet counts of a query matching many documents are estimated on this fixed sample
(``backends.postgres.PostgresBackend.sample``): its bitmap is built from posting lists 50 times
shorter than the whole index's, where the first matches in storage order needed the whole bitmap.
SQLite: nothing (FTS5 walks its doclists newest first and stops).
"""

from django.db import migrations

CREATE = ("CREATE INDEX IF NOT EXISTS search_doc_tsv_sample ON search_searchdocument "
          "USING gin (tsv) WHERE (id % 50) = 0")
DROP = "DROP INDEX IF EXISTS search_doc_tsv_sample"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_stems"),
    ]

    operations = [migrations.RunPython(forward, backward)]
