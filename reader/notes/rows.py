"""Conversions between database rows and note values, column by name, apart from the store's logic."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from reader.notes import model
from reader.notes.model import Anchor, Annotation, Bookmark, DocumentSnapshot
from reader.records import field_names, from_columns, to_columns

TAG_SEPARATOR = "\x1f"

#: The snapshot's columns in the ``documents`` table (``d``), named as its fields.
DOCUMENT_COLUMNS = field_names(DocumentSnapshot)
DOCUMENT_SELECT = ", ".join(f"d.{name}" for name in DOCUMENT_COLUMNS)
#: A note's own columns (``n``, its anchor's by field name), then its document's (``d``).
_NOTE_SELECT = ", ".join([
    "n.id", *(f'n."{name}"' for name in field_names(Anchor)), "n.orphan", "n.note", "n.created",
    "n.updated", *(f"d.{name}" for name in DOCUMENT_COLUMNS if name != "doc_id"),
])

BOOKMARK_SELECT = (
    f"SELECT {_NOTE_SELECT}, n.label FROM bookmarks n JOIN documents d ON d.doc_id = n.doc_id"
)
ANNOTATION_SELECT = (
    f"SELECT {_NOTE_SELECT}, n.colour, (SELECT group_concat(t.tag, char(31)) "
    "FROM annotation_tags t WHERE t.annotation_id = n.id) AS tags "
    "FROM annotations n JOIN documents d ON d.doc_id = n.doc_id"
)


def time_text(moment: datetime) -> str:
    """Return the stored form of a time: ISO 8601 with microseconds, so order is exact."""
    return moment.isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """Read a stored time back; one without a time zone (edited by hand) is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def anchor_columns(anchor: Anchor) -> dict[str, Any]:
    """Return the anchor's columns of a note row, by name (``doc_id`` included)."""
    return to_columns(anchor)


def document_columns(doc: DocumentSnapshot) -> dict[str, Any]:
    """Return the snapshot's columns of the ``documents`` table, by name."""
    return to_columns(doc)


def document_from(row: sqlite3.Row) -> DocumentSnapshot:
    """Read a snapshot from a row with the ``DOCUMENT_COLUMNS``."""
    return from_columns(DocumentSnapshot, row)


def _note_fields(row: sqlite3.Row) -> dict[str, Any]:
    """The fields every note has, from a row of ``BOOKMARK_SELECT`` or ``ANNOTATION_SELECT``."""
    return {
        "anchor": from_columns(Anchor, row),
        "document": document_from(row),
        "orphan": bool(row["orphan"]),
        "note": row["note"],
        "created": parse_time(row["created"]),
        "updated": parse_time(row["updated"]),
    }


def bookmark_from(row: sqlite3.Row) -> Bookmark:
    """Read a bookmark from a row of ``BOOKMARK_SELECT``."""
    return Bookmark(id=model.BookmarkId(row["id"]), label=row["label"], **_note_fields(row))


def annotation_from(row: sqlite3.Row) -> Annotation:
    """Read an annotation from a row of ``ANNOTATION_SELECT``."""
    tags = tuple(sorted(row["tags"].split(TAG_SEPARATOR))) if row["tags"] else ()
    return Annotation(id=model.AnnotationId(row["id"]), colour=model.Colour(row["colour"]), tags=tags,
                      **_note_fields(row))


def annotation_where(f: model.AnnotationFilter) -> tuple[str, list[Any]]:
    """Return the WHERE clause and parameters of the annotation browser's filter."""
    issuer = json.dumps(f.issuer, ensure_ascii=False) if f.issuer else None
    text = f.text.lower() if f.text else None
    return where_clause(
        ("n.doc_id = ?", f.doc_id),
        ("n.colour = ?", f.colour.value if f.colour else None),
        ("EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = n.id"
         " AND t.tag = ?)", f.tag),
        # Issuers are stored as JSON lists, so a quoted name matches a whole issuer only.
        ("(instr(d.issuers, ?1) > 0 OR instr(d.issuers_canonical, ?1) > 0)", issuer),
        ("(instr(lower(n.note), ?1) > 0 OR instr(lower(n.quote), ?1) > 0 OR EXISTS (SELECT 1"
         " FROM annotation_tags t WHERE t.annotation_id = n.id"
         " AND instr(lower(t.tag), ?1) > 0))", text),
        ("n.orphan = 1", f.orphans_only or None),
    )


def where_clause(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """Build a WHERE clause from (sql, value) pairs, skipping those whose value is None.

    A condition may use ``?1`` to repeat its value; it is rewritten to the right position.
    """
    parts: list[str] = []
    params: list[Any] = []
    for sql, value in conditions:
        if value is None:
            continue
        if "?1" in sql:
            params.append(value)
            sql = sql.replace("?1", f"?{len(params)}")
        elif "?" in sql:
            params.append(value)
            sql = sql.replace("?", f"?{len(params)}")
        parts.append(sql)
    return (" WHERE " + " AND ".join(parts) if parts else ""), params
