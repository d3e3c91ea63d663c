"""Documents ↔ database rows: the clause tree and lists as compact JSON."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from reader.corpus.model import Clause, Document, DocumentId, DocumentSummary, SourceRef

SUMMARY_COLUMNS = (
    "id, title, issuers, issuers_canonical, doc_number, date, doc_type, "
    "source_file, start_line, end_line, page"
)


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


def _names(value: tuple[str, ...]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def document_row(doc: Document) -> dict[str, Any]:
    """Return the ``documents`` table's columns for ``doc``."""
    return {
        "id": str(doc.id),
        "title": doc.title,
        "issuers": _names(doc.issuers),
        "issuers_canonical": _names(doc.issuers_canonical),
        "doc_number": doc.doc_number,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "source_file": doc.source.file,
        "start_line": doc.source.start_line,
        "end_line": doc.source.end_line,
        "page": doc.source.page,
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
    return DocumentSummary(
        id=DocumentId(row["id"]),
        title=row["title"],
        issuers=tuple(json.loads(row["issuers"])),
        issuers_canonical=tuple(json.loads(row["issuers_canonical"])),
        doc_number=row["doc_number"],
        date=row["date"],
        doc_type=row["doc_type"],
        source=SourceRef(row["source_file"], row["start_line"], row["end_line"], row["page"]),
    )


def document_from_row(row: sqlite3.Row) -> Document:
    summary = summary_from_row(row)
    extra = json.loads(row["extra"] or "{}")
    end_page = extra.pop("end_page", None)
    return Document(
        id=summary.id,
        title=summary.title,
        issuers=summary.issuers,
        issuers_canonical=summary.issuers_canonical,
        doc_number=summary.doc_number,
        date=summary.date,
        doc_type=summary.doc_type,
        source=replace(summary.source, end_page=end_page),
        text=row["text"],
        clauses=clauses_from_json(row["clauses"]),
        extra=extra,
    )
