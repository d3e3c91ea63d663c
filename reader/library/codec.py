"""Documents ↔ database rows, column by field name (``reader.records``); clauses as compact JSON."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from reader.corpus.model import Clause, Document, DocumentSummary, SourceRef
from reader.records import field_names, from_columns, to_columns

#: The ``documents`` columns of a summary's fields, by name; ``source`` has four of its own.
_METADATA = field_names(DocumentSummary, without=("source",))
_SOURCE_COLUMNS = ("source_file", "start_line", "end_line", "page")
SUMMARY_COLUMNS = ", ".join((*_METADATA, *_SOURCE_COLUMNS))


def clauses_to_json(clauses: tuple[Clause, ...]) -> str:
    def encode(clause: Clause) -> list[Any]:
        return [
            clause.address,
            clause.label,
            clause.kind,
            clause.heading,
            clause.start,
            clause.end,
            [encode(child) for child in clause.children],
        ]

    return json.dumps([encode(c) for c in clauses], ensure_ascii=False, separators=(",", ":"))


def clauses_from_json(text: str) -> tuple[Clause, ...]:
    def decode(item: list[Any]) -> Clause:
        address, label, kind, heading, start, end, children = item
        return Clause(address, label, kind, heading, start, end, tuple(decode(c) for c in children))

    return tuple(decode(item) for item in json.loads(text))


def document_row(doc: Document) -> dict[str, Any]:
    """Return the ``documents`` table's columns for ``doc``, by name."""
    return {
        **to_columns(doc, _METADATA),
        **dict(zip(_SOURCE_COLUMNS, _source_values(doc.source), strict=True)),
        "text": doc.text,
        "clauses": clauses_to_json(doc.clauses),
        "extra": json.dumps(_extra_row(doc), ensure_ascii=False, default=str),
    }


def _extra_row(doc: Document) -> dict[str, Any]:
    # The page a document ends on has no column of its own; it travels in ``extra``.
    if doc.source.end_page is None:
        return doc.extra
    return {**doc.extra, "end_page": doc.source.end_page}


def summary_from_row(row: sqlite3.Row) -> DocumentSummary:
    """Read a summary from a row holding (at least) ``SUMMARY_COLUMNS``."""
    return from_columns(DocumentSummary, row, source=_source(row))


def document_from_row(row: sqlite3.Row) -> Document:
    """Read a whole document from a row of every ``documents`` column."""
    extra = json.loads(row["extra"] or "{}")
    end_page = extra.pop("end_page", None)
    return from_columns(Document, row, source=replace(_source(row), end_page=end_page),
                        clauses=clauses_from_json(row["clauses"]), extra=extra)


def _source_values(ref: SourceRef) -> tuple[Any, ...]:
    return (ref.file, ref.start_line, ref.end_line, ref.page)


def _source(row: sqlite3.Row) -> SourceRef:
    return SourceRef(row["source_file"], row["start_line"], row["end_line"], row["page"])
