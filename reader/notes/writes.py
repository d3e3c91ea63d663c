"""The statements that change the notes database, shared by the store and by import.

Each runs inside a transaction the caller holds (``db.transaction``); none commits. Columns
are named after the fields they hold (``rows.anchor_columns``, ``rows.document_columns``), so
the statements are built from those names rather than written out column by column.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from reader.notes.model import Anchor, Annotation, Bookmark, DocumentSnapshot
from reader.notes.rows import anchor_columns, document_columns, time_text


def _insert(conn: sqlite3.Connection, table: str, row: Mapping[str, Any],
            conflict: str = "") -> None:
    names = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join(f":{name}" for name in row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}){conflict}", row)


def remember_document(conn: sqlite3.Connection, doc: DocumentSnapshot) -> None:
    """Insert or refresh a document snapshot (titles and issuers change with a re-split)."""
    row = document_columns(doc)
    fresh = ", ".join(f'"{name}" = excluded."{name}"' for name in row if name != "doc_id")
    _insert(conn, "documents", row, f" ON CONFLICT (doc_id) DO UPDATE SET {fresh}")


def _note_columns(note: Bookmark | Annotation) -> dict[str, Any]:
    return {"id": note.id, **anchor_columns(note.anchor), "orphan": int(note.orphan),
            "note": note.note, "created": time_text(note.created),
            "updated": time_text(note.updated)}


def insert_bookmark(conn: sqlite3.Connection, b: Bookmark) -> None:
    """Insert a bookmark as given, id and times included (import keeps them)."""
    _insert(conn, "bookmarks", {**_note_columns(b), "label": b.label})


def insert_annotation(conn: sqlite3.Connection, a: Annotation) -> None:
    """Insert an annotation and its tags as given, id and times included."""
    _insert(conn, "annotations", {**_note_columns(a), "colour": a.colour.value})
    write_tags(conn, a.id, a.tags)


def write_tags(conn: sqlite3.Connection, annotation_id: str, tags: tuple[str, ...]) -> None:
    """Replace an annotation's tags."""
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
                     [(annotation_id, t) for t in tags])


def set_anchor(conn: sqlite3.Connection, table: str, note_id: str, anchor: Anchor) -> None:
    """Move a bookmark or annotation (``table``) to a placed anchor; it is no orphan then.

    The note keeps its document (``doc_id`` is changed only by whoever moves notes).
    """
    row = {name: value for name, value in anchor_columns(anchor).items() if name != "doc_id"}
    moved = ", ".join(f'"{name}" = :{name}' for name in row)
    conn.execute(f"UPDATE {table} SET {moved}, orphan = 0 WHERE id = :note_id",
                 {**row, "note_id": note_id})
