"""The statements that change the notes database, shared by the store and by import.

Each runs inside a transaction the caller holds (``db.transaction``); none commits.
"""

from __future__ import annotations

import sqlite3

from reader.notes.model import Anchor, Annotation, Bookmark, DocumentSnapshot
from reader.notes.rows import anchor_values, document_values, time_text


def remember_document(conn: sqlite3.Connection, doc: DocumentSnapshot) -> None:
    """Insert or refresh a document snapshot (titles and issuers change with a re-split)."""
    conn.execute(
        "INSERT INTO documents (doc_id, title, doc_number, issuers, issuers_canonical, date)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title,"
        " doc_number = excluded.doc_number, issuers = excluded.issuers,"
        " issuers_canonical = excluded.issuers_canonical, date = excluded.date",
        document_values(doc),
    )


def insert_bookmark(conn: sqlite3.Connection, b: Bookmark) -> None:
    """Insert a bookmark as given, id and times included (import keeps them)."""
    conn.execute(
        'INSERT INTO bookmarks (id, doc_id, clause_address, quote, prefix, suffix, start, "end",'
        " orphan, label, note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (b.id, *anchor_values(b.anchor), int(b.orphan), b.label, b.note,
         time_text(b.created), time_text(b.updated)),
    )


def insert_annotation(conn: sqlite3.Connection, a: Annotation) -> None:
    """Insert an annotation and its tags as given, id and times included."""
    conn.execute(
        "INSERT INTO annotations (id, doc_id, clause_address, quote, prefix, suffix, start,"
        ' "end", orphan, colour, note, created, updated)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, *anchor_values(a.anchor), int(a.orphan), a.colour.value, a.note,
         time_text(a.created), time_text(a.updated)),
    )
    write_tags(conn, a.id, a.tags)


def write_tags(conn: sqlite3.Connection, annotation_id: str, tags: tuple[str, ...]) -> None:
    """Replace an annotation's tags."""
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
                     [(annotation_id, t) for t in tags])


def set_anchor(conn: sqlite3.Connection, table: str, note_id: str, anchor: Anchor) -> None:
    """Move a bookmark or annotation (``table``) to a placed anchor; it is no orphan then."""
    conn.execute(
        f'UPDATE {table} SET clause_address = ?, quote = ?, prefix = ?, suffix = ?, start = ?,'
        ' "end" = ?, orphan = 0 WHERE id = ?',
        (anchor.clause_address, anchor.quote, anchor.prefix, anchor.suffix, anchor.start,
         anchor.end, note_id),
    )
