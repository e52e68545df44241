"""Full-text structures that Django models cannot express, made for the database in use.

SQLite: an external-content FTS5 table over search_searchdocument, kept in sync by
triggers. PostgreSQL: a generated tsvector column (language-aware configuration per
document, CJK bigrams with 'simple') and its GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body, cjk_title, cjk_body,
        content='search_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, summary, body, cjk_title, cjk_body)
        VALUES (new.id, new.title, new.summary, new.body, new.cjk_title, new.cjk_body);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body, cjk_title, cjk_body)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.cjk_title, old.cjk_body);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE OF title, summary, body, cjk_title, cjk_body
        ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body, cjk_title, cjk_body)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.cjk_title, old.cjk_body);
        INSERT INTO search_fts(rowid, title, summary, body, cjk_title, cjk_body)
        VALUES (new.id, new.title, new.summary, new.body, new.cjk_title, new.cjk_body);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION search_ts_config(lang text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE lang
            WHEN 'en' THEN 'pg_catalog.english'::regconfig
            WHEN 'fr' THEN 'pg_catalog.french'::regconfig
            WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
            WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
            WHEN 'pt' THEN 'pg_catalog.portuguese'::regconfig
            ELSE 'pg_catalog.simple'::regconfig END
    $$""",
    """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(search_ts_config(language), title), 'A')
        || setweight(to_tsvector(search_ts_config(language), summary), 'B')
        || setweight(to_tsvector(search_ts_config(language), left(body, 100000)), 'C')
        || setweight(to_tsvector('pg_catalog.simple'::regconfig, cjk_title), 'A')
        || setweight(to_tsvector('pg_catalog.simple'::regconfig, left(cjk_body, 100000)), 'C')
    ) STORED""",
    "CREATE INDEX search_doc_tsv ON search_searchdocument USING gin (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_tsv",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
    "DROP FUNCTION IF EXISTS search_ts_config(text)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
