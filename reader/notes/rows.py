"""Conversions between database rows and note values, kept apart from the store's logic."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from reader.corpus.model import DocumentId
from reader.notes.model import (
    Anchor,
    Annotation,
    AnnotationFilter,
    AnnotationId,
    Bookmark,
    BookmarkId,
    Colour,
    DocumentSnapshot,
)

ANCHOR_COLUMNS = ("doc_id", "clause_address", "quote", "prefix", "suffix", "start", "end")
TAG_SEPARATOR = "\x1f"

DOCUMENT_SELECT = (
    "d.doc_id, d.title, d.doc_number, d.issuers, d.issuers_canonical, d.date"
)
_ANCHOR_SELECT = "n.doc_id, n.clause_address, n.quote, n.prefix, n.suffix, n.start, n.\"end\""

BOOKMARK_SELECT = (
    f"SELECT n.id, {_ANCHOR_SELECT}, n.orphan, n.label, n.note, n.created, n.updated, "
    f"{DOCUMENT_SELECT} FROM bookmarks n JOIN documents d ON d.doc_id = n.doc_id"
)
ANNOTATION_SELECT = (
    f"SELECT n.id, {_ANCHOR_SELECT}, n.orphan, n.colour, n.note, n.created, n.updated, "
    f"{DOCUMENT_SELECT}, (SELECT group_concat(t.tag, char(31)) FROM annotation_tags t "
    "WHERE t.annotation_id = n.id) FROM annotations n JOIN documents d ON d.doc_id = n.doc_id"
)


def time_text(moment: datetime) -> str:
    """Return the stored form of a time: ISO 8601 with microseconds, so order is exact."""
    return moment.isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """Read a stored time back; one without a time zone (edited by hand) is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def anchor_values(anchor: Anchor) -> tuple[Any, ...]:
    """Return the anchor's column values in ``ANCHOR_COLUMNS`` order."""
    return (anchor.doc_id, anchor.clause_address, anchor.quote, anchor.prefix, anchor.suffix,
            anchor.start, anchor.end)


def document_values(doc: DocumentSnapshot) -> tuple[Any, ...]:
    """Return the snapshot's column values (doc_id, title, doc_number, issuers…, date)."""
    return (doc.doc_id, doc.title, doc.doc_number,
            json.dumps(list(doc.issuers), ensure_ascii=False),
            json.dumps(list(doc.issuers_canonical), ensure_ascii=False), doc.date)


def _anchor(row: sqlite3.Row | tuple[Any, ...], at: int) -> Anchor:
    return Anchor(DocumentId(row[at]), row[at + 1], row[at + 2], row[at + 3], row[at + 4],
                  int(row[at + 5]), int(row[at + 6]))


def document_from(row: sqlite3.Row | tuple[Any, ...], at: int = 0) -> DocumentSnapshot:
    """Read a snapshot from six columns of ``row`` starting at ``at``."""
    return DocumentSnapshot(
        doc_id=DocumentId(row[at]),
        title=row[at + 1],
        doc_number=row[at + 2],
        issuers=tuple(json.loads(row[at + 3])),
        issuers_canonical=tuple(json.loads(row[at + 4])),
        date=row[at + 5],
    )


def bookmark_from(row: sqlite3.Row | tuple[Any, ...]) -> Bookmark:
    """Read a bookmark from a row of ``BOOKMARK_SELECT``."""
    return Bookmark(
        id=BookmarkId(row[0]),
        anchor=_anchor(row, 1),
        orphan=bool(row[8]),
        label=row[9],
        note=row[10],
        created=parse_time(row[11]),
        updated=parse_time(row[12]),
        document=document_from(row, 13),
    )


def annotation_from(row: sqlite3.Row | tuple[Any, ...]) -> Annotation:
    """Read an annotation from a row of ``ANNOTATION_SELECT``."""
    tags = tuple(sorted(row[19].split(TAG_SEPARATOR))) if row[19] else ()
    return Annotation(
        id=AnnotationId(row[0]),
        anchor=_anchor(row, 1),
        orphan=bool(row[8]),
        colour=Colour(row[9]),
        note=row[10],
        created=parse_time(row[11]),
        updated=parse_time(row[12]),
        document=document_from(row, 13),
        tags=tags,
    )


def annotation_where(f: AnnotationFilter) -> tuple[str, list[Any]]:
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
