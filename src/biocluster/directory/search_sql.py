"""The database objects behind `search.py`, created per database vendor."""
# ruff: noqa: S608 - constant DDL, no user input

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE directory_organisation ADD COLUMN search_document tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(acronym, '')), 'A')
        || setweight(to_tsvector('english', coalesce(description_en, '')), 'B')
        || setweight(to_tsvector('french', coalesce(description_fr, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX directory_organisation_search_idx ON directory_organisation USING gin (search_document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS directory_organisation_search_idx",
    "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_document",
]

_COLUMNS = "name, acronym, description_en, description_fr"
# Prefix lengths FTS5 indexes on their own: a query for a shorter prefix than the word
# ("cell"* for cellular, cellulaire, cells...) otherwise merges the lists of every word
# that starts with it, on every search (migration `0013_search_prefixes`, for "cell", "gene").
PREFIXES = "2 3 4"
_NEW = "new.name, new.acronym, new.description_en, new.description_fr"
_OLD = "old.name, old.acronym, old.description_en, old.description_fr"

SQLITE_FORWARD = [
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS directory_organisation_fts USING fts5(
        {_COLUMNS}, content='directory_organisation', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='{PREFIXES}'
    )
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS directory_organisation_fts_insert AFTER INSERT ON directory_organisation BEGIN
        INSERT INTO directory_organisation_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS directory_organisation_fts_delete AFTER DELETE ON directory_organisation BEGIN
        INSERT INTO directory_organisation_fts(directory_organisation_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, {_OLD});
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS directory_organisation_fts_update AFTER UPDATE OF {_COLUMNS} ON directory_organisation BEGIN
        INSERT INTO directory_organisation_fts(directory_organisation_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, {_OLD});
        INSERT INTO directory_organisation_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END
    """,
    "INSERT INTO directory_organisation_fts(directory_organisation_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_organisation_fts_update",
    "DROP TRIGGER IF EXISTS directory_organisation_fts_delete",
    "DROP TRIGGER IF EXISTS directory_organisation_fts_insert",
    "DROP TABLE IF EXISTS directory_organisation_fts",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def ensure_sqlite_triggers(connection) -> None:
    """SQLite rebuilds a table to alter it, dropping its triggers: put them back."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'directory_organisation_fts_%'"
        )
        if cursor.fetchone()[0] == 3:
            return
        for statement in SQLITE_FORWARD:
            cursor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


# Accents, PostgreSQL (migration `0006_search_ignores_accents`). SQLite's FTS5 tokenizer
# already removes diacritics ("remove_diacritics 2"); PostgreSQL does so through text
# search configurations that pass every word through the `unaccent` dictionary before
# stemming. The configurations apply to the document and to the query alike, so
# "Généthon", "genethon" and "GENETHON" meet on the same lexeme. `unaccent()` itself
# is not immutable and so cannot appear in a generated column; a configuration can.
SEARCH_CONFIGURATIONS = {
    "biocluster_simple": ("simple", "simple"),
    "biocluster_english": ("english", "english_stem"),
    "biocluster_french": ("french", "french_stem"),
}


def _unaccented_document(simple: str, english: str, french: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS directory_organisation_search_idx",
        "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_document",
        f"""
        ALTER TABLE directory_organisation ADD COLUMN search_document tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('{simple}', coalesce(name, '') || ' ' || coalesce(acronym, '')), 'A')
            || setweight(to_tsvector('{english}', coalesce(description_en, '')), 'B')
            || setweight(to_tsvector('{french}', coalesce(description_fr, '')), 'B')
        ) STORED
        """,
        "CREATE INDEX directory_organisation_search_idx ON directory_organisation USING gin (search_document)",
    ]


POSTGRESQL_UNACCENT_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name, (parent, dictionary) in SEARCH_CONFIGURATIONS.items()
        for statement in (
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}",
        )
    ),
    *_unaccented_document("biocluster_simple", "biocluster_english", "biocluster_french"),
]
POSTGRESQL_UNACCENT_BACKWARD = [
    *_unaccented_document("simple", "english", "french"),
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in SEARCH_CONFIGURATIONS),
]


def unaccent_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_UNACCENT_FORWARD)


def unaccent_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_UNACCENT_BACKWARD)


def drop_search_document(apps, schema_editor):
    """PostgreSQL cannot change the type of a column a generated column reads: drop it first."""
    if schema_editor.connection.vendor == "postgresql":
        _run(
            schema_editor,
            _unaccented_document("biocluster_simple", "biocluster_english", "biocluster_french")[:2],
        )


def create_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(
            schema_editor,
            _unaccented_document("biocluster_simple", "biocluster_english", "biocluster_french"),
        )


def rebuild_sqlite_index(apps, schema_editor):
    """Drop and create the FTS5 index again (its options cannot be altered), then fill it."""
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, [*SQLITE_BACKWARD, *SQLITE_FORWARD])


# PostgreSQL: the name and acronym alone, for a broad search to take the organisations
# it names first (`search.first_rows`, migration `0015_name_search_index`). The weights of
# `search_document` could say the same, but its index cannot: PostgreSQL would read and
# recheck every match of the words to keep those in the name.
POSTGRESQL_NAME_FORWARD = [
    """
    ALTER TABLE directory_organisation ADD COLUMN name_document tsvector
    GENERATED ALWAYS AS (
        to_tsvector('biocluster_simple', coalesce(name, '') || ' ' || coalesce(acronym, ''))
    ) STORED
    """,
    "CREATE INDEX directory_organisation_name_search_idx ON directory_organisation USING gin (name_document)",
]
POSTGRESQL_NAME_BACKWARD = [
    "DROP INDEX IF EXISTS directory_organisation_name_search_idx",
    "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS name_document",
]


def name_document_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_NAME_FORWARD)


def name_document_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_NAME_BACKWARD)
