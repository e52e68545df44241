"""PostgreSQL: keep each document's ``tsv`` in its row (storage MAIN) rather than in the TOAST table.

A document row is wide (body, stems, vector), so PostgreSQL moved the ``tsv`` of most rows out to the TOAST
table, compressed: every statement that reads it for a list of candidates (the ranking of a result page,
the recheck of a sample) looked each one up in the TOAST index and decompressed it. At a million documents
that was 14 buffers a candidate and half the time of those statements (reading the ``tsv`` of 1,700 rows:
11.8 ms, against 6.6 ms with MAIN). MAIN moves the other wide columns out first.

Rows written before this keep their storage until they are written again; ``VACUUM FULL
search_searchdocument`` rewrites them all (docs/ops). SQLite: nothing.
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN tsv SET STORAGE MAIN", params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN tsv SET STORAGE EXTENDED", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0006_coarse_sample_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
