"""The notes database schema as an ordered list of migrations keyed on ``PRAGMA user_version``.

Migration N takes a database at version N-1 to version N. A released step is never edited;
a change of schema is a new step appended to ``MIGRATIONS``. Each step runs in one transaction
together with its version bump (``reader.migrations.migrate``), so a crash mid-upgrade leaves the previous
version intact, and ``tests/notes/fixtures/`` keeps a database of every past version.
"""

from __future__ import annotations

from reader.migrations import Migration, latest_version

# The columns bookmarks and annotations share: the note's id, its anchor, whether it is lost.
_NOTE_COLUMNS = """\
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON UPDATE CASCADE,
        clause_address TEXT,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start INTEGER NOT NULL CHECK (start >= 0),
        "end" INTEGER NOT NULL CHECK ("end" >= start),
        orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1)),
"""

_V1 = (
    # The metadata of every document that carries notes, as a snapshot: lists and exports need
    # no library. ``anchored_sha1`` is the hash of the text the anchors were last placed on, so
    # re-anchoring is skipped while the document is unchanged.
    """
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        doc_number TEXT,
        issuers TEXT NOT NULL DEFAULT '[]',
        issuers_canonical TEXT NOT NULL DEFAULT '[]',
        date TEXT,
        anchored_sha1 TEXT
    )
    """,
    f"""
    CREATE TABLE bookmarks (
{_NOTE_COLUMNS}        label TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )
    """,
    "CREATE INDEX bookmarks_doc ON bookmarks (doc_id, start)",
    f"""
    CREATE TABLE annotations (
{_NOTE_COLUMNS}        colour TEXT NOT NULL CHECK (colour IN ('yellow', 'green', 'blue', 'pink', 'purple')),
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )
    """,
    "CREATE INDEX annotations_doc ON annotations (doc_id, start)",
    """
    CREATE TABLE annotation_tags (
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (annotation_id, tag)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX annotation_tags_tag ON annotation_tags (tag)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, bookmarks, annotations and tags", _V1),
)

SCHEMA_VERSION = latest_version(MIGRATIONS)
