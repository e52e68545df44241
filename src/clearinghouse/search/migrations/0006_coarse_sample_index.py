"""PostgreSQL: a second partial GIN index, over one document in 500 (``id % 500 = 0``).

A word matching half of a million documents has 10,000 matches among the one document in 50 of
``search_doc_tsv_sample`` (migration 0004): reading their ids visited 10,000 heap pages (50 to 200 ms).
Among one document in 500 it has 1,000, enough to estimate from; ``PostgresBackend.sample`` reads this
index first and goes to the finer one when the word is rarer. SQLite: nothing.
"""

from django.db import migrations

CREATE = ("CREATE INDEX IF NOT EXISTS search_doc_tsv_sample_coarse ON search_searchdocument "
          "USING gin (tsv) WHERE (id % 500) = 0")
DROP = "DROP INDEX IF EXISTS search_doc_tsv_sample_coarse"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0005_tsv_splits_slashes"),
    ]

    operations = [migrations.RunPython(forward, backward)]
