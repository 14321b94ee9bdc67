"""The documents table, and each database's full-text index over it.

SQLite: an FTS5 table that reads its text from search_document (external content, so the words
are stored once) and three triggers that keep its index in step with every insert, upsert and
delete. The words are already cut and folded, so FTS5's unicode61 tokenizer only splits them
at the spaces.

PostgreSQL: a GIN index on the words as a tsvector built without a parser (array_to_tsvector),
because PostgreSQL's parsers know no Chinese and the words are already cut.
"""

from django.db import migrations, models

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_document_fts USING fts5(
        words, content='search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_document_added AFTER INSERT ON search_document BEGIN
        INSERT INTO search_document_fts(rowid, words) VALUES (new.id, new.words);
    END""",
    """CREATE TRIGGER search_document_removed AFTER DELETE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, words)
        VALUES ('delete', old.id, old.words);
    END""",
    """CREATE TRIGGER search_document_changed AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, words)
        VALUES ('delete', old.id, old.words);
        INSERT INTO search_document_fts(rowid, words) VALUES (new.id, new.words);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER search_document_changed",
    "DROP TRIGGER search_document_removed",
    "DROP TRIGGER search_document_added",
    "DROP TABLE search_document_fts",
]
POSTGRES_CREATE = [
    """CREATE INDEX search_document_words ON search_document
        USING gin (array_to_tsvector(string_to_array(words, ' ')))""",
]
POSTGRES_DROP = ["DROP INDEX search_document_words"]


def full_text_index(apps, schema_editor):
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def full_text_index_drop(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("words", models.TextField()),
            ],
            options={"db_table": "search_document"},
        ),
        migrations.RunPython(full_text_index, full_text_index_drop),
    ]
