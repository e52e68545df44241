"""PostgreSQL: slashes split words in the stored tsvector.

PostgreSQL's parser takes "SCBD/STTM/OH/SG/VA/56219" for a file path and indexes it as one token,
so the site search found no notification by its number ("56219") nor by its full reference, whose
words the query analyser splits (SQLite's FTS5 index holds them as words). The column is now built
from the text with "/" read as a space. SQLite: nothing.
"""

from django.db import migrations

COLUMN = """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(search_ts_config(language), translate(title, '/', ' ')), 'A')
    || setweight(to_tsvector(search_ts_config(language), translate(summary, '/', ' ')), 'B')
    || setweight(to_tsvector(search_ts_config(language), translate(left(body, 100000), '/', ' ')), 'C')
    || setweight(to_tsvector('pg_catalog.simple'::regconfig, cjk_title), 'A')
    || setweight(to_tsvector('pg_catalog.simple'::regconfig, left(cjk_body, 100000)), 'C')
) STORED"""
OLD_COLUMN = """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(search_ts_config(language), title), 'A')
    || setweight(to_tsvector(search_ts_config(language), summary), 'B')
    || setweight(to_tsvector(search_ts_config(language), left(body, 100000)), 'C')
    || setweight(to_tsvector('pg_catalog.simple'::regconfig, cjk_title), 'A')
    || setweight(to_tsvector('pg_catalog.simple'::regconfig, left(cjk_body, 100000)), 'C')
) STORED"""
INDEXES = [
    "CREATE INDEX search_doc_tsv ON search_searchdocument USING gin (tsv)",
    "CREATE INDEX search_doc_tsv_sample ON search_searchdocument USING gin (tsv) WHERE (id % 50) = 0",
]


def _rebuild(schema_editor, column: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in ("DROP INDEX IF EXISTS search_doc_tsv_sample", "DROP INDEX IF EXISTS search_doc_tsv",
                "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv", column, *INDEXES):
        schema_editor.execute(sql, params=None)


def forward(apps, schema_editor):
    _rebuild(schema_editor, COLUMN)


def backward(apps, schema_editor):
    _rebuild(schema_editor, OLD_COLUMN)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_sample_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
