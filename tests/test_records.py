"""Values ↔ plain data and SQLite columns by field name: what lets a metadata field be added once."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import NewType

import pytest

from reader.corpus.model import Document, DocumentId, DocumentSummary, SourceRef
from reader.library.codec import SUMMARY_COLUMNS, document_from_row, document_row
from reader.records import field_names, from_columns, from_plain, to_columns, to_plain
from tests.notes.helpers import make_document

EventId = NewType("EventId", str)


@dataclass(frozen=True)
class Event:
    kind: str
    date: str | None
    by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Versioned(DocumentSummary):
    """What a summary with the laws' fields looks like: added after the KW_ONLY marker."""

    events: tuple[Event, ...] = ()
    effective: str | None = None
    versions: tuple[EventId, ...] = ()
    in_force: bool = True


def _versioned() -> Versioned:
    return Versioned(DocumentId("law-1"), "中华人民共和国某某法", ("全国人民代表大会常务委员会",),
                     ("全国人大常委会",), "主席令第1号", "2024-06-28", "法律",
                     SourceRef("laws.txt", 1, 80, 3),
                     events=(Event("通过", "2024-06-28", ("全国人大常委会",)),
                             Event("施行", "2025-01-01")),
                     effective="2025-01-01", versions=(EventId("law-0"),), in_force=False)


def test_plain_data_round_trips_nested_values() -> None:
    law = _versioned()
    plain = to_plain(law)
    assert plain["events"][0] == {"kind": "通过", "date": "2024-06-28", "by": ["全国人大常委会"]}
    assert plain["source"] == {"file": "laws.txt", "start_line": 1, "end_line": 80, "page": 3,
                               "end_page": None}
    assert from_plain(Versioned, json.loads(json.dumps(plain))) == law


def test_missing_keys_take_defaults_and_wrong_kinds_are_named() -> None:
    plain = to_plain(_versioned())
    for key in ("events", "effective", "versions", "in_force", "doc_number"):
        del plain[key]
    older = from_plain(Versioned, plain)
    assert (older.events, older.effective, older.in_force, older.doc_number) == ((), None,
                                                                                 True, None)
    with pytest.raises(ValueError, match="“title”应为文本"):
        from_plain(Versioned, {**plain, "title": 5})
    with pytest.raises(ValueError, match="缺少“title”"):
        from_plain(Versioned, {k: v for k, v in plain.items() if k != "title"})
    with pytest.raises(ValueError, match="“issuers”应为一个列表"):
        from_plain(Versioned, {**plain, "issuers": "国务院"})


def test_columns_by_name_round_trip_through_sqlite() -> None:
    law = _versioned()
    names = field_names(Versioned, without=("source",))
    row = to_columns(law, names)
    assert row["issuers"] == '["全国人民代表大会常务委员会"]' and row["effective"] == "2025-01-01"
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute(f"CREATE TABLE t ({', '.join(names)})")
    conn.execute(f"INSERT INTO t VALUES ({', '.join(':' + n for n in names)})", row)
    stored = conn.execute("SELECT * FROM t").fetchone()
    assert from_columns(Versioned, stored, source=law.source) == law
    conn.execute("UPDATE t SET events = NULL, in_force = NULL")  # a column added later
    older = from_columns(Versioned, conn.execute("SELECT * FROM t").fetchone(), source=law.source)
    assert older.events == () and older.in_force is True
    conn.close()


@dataclass(frozen=True)
class _Tagged:
    tags: tuple[str, ...]
    events: tuple[Event, ...]
    extra: dict[str, str]
    lines: list[str]


def test_rows_share_their_immutable_json_values_and_never_a_mutable_one() -> None:
    rows = [{"tags": '["国务院"]', "events": '[{"kind": "施行", "date": null}]',
             "extra": '{"a": "b"}', "lines": '["x"]'} for _ in range(2)]
    first, second = (from_columns(_Tagged, row) for row in rows)
    assert first == second == _Tagged(("国务院",), (Event("施行", None),), {"a": "b"}, ["x"])
    # Tuples of text and of frozen dataclasses are decoded once and shared between rows…
    assert first.tags is second.tags and first.events is second.events
    # …a dict or a list each row gets its own: changing one changes no other row's.
    assert first.extra is not second.extra and first.lines is not second.lines
    # A text that does not decode is refused every time it is read, never remembered.
    for _ in range(2):
        with pytest.raises(ValueError, match="“tags”应为一个列表"):
            from_columns(_Tagged, {**rows[0], "tags": '"国务院"'})


def test_a_document_is_its_summary_plus_text() -> None:
    doc = make_document()
    metadata = field_names(DocumentSummary)
    assert field_names(Document)[:len(metadata)] == metadata
    assert field_names(Document)[len(metadata):] == ("text", "clauses", "extra")
    assert doc.summary() == DocumentSummary(doc.id, doc.title, doc.issuers,
                                            doc.issuers_canonical, doc.doc_number, doc.date,
                                            doc.doc_type, doc.source)
    printed = doc.summary_json()
    assert printed == doc.summary().to_json()
    assert list(printed)[:11] == ["id", "title", "issuers", "issuers_canonical", "doc_number",
                                  "date", "doc_type", "source", "start_line", "end_line", "page"]
    assert {"id": "doc-1", "title": doc.title, "issuers": ["国务院办公厅"],
            "issuers_canonical": ["国务院办公厅"], "doc_number": "国办函〔2025〕30号",
            "date": "2025-03-25", "doc_type": "意见", "source": "test.txt", "start_line": 1,
            "end_line": doc.source.end_line, "page": None}.items() <= printed.items()


def test_the_library_row_is_the_documents_fields_by_name() -> None:
    doc = make_document()
    row = document_row(doc)
    assert list(row)[:len(SUMMARY_COLUMNS.split(", "))] == SUMMARY_COLUMNS.split(", ")
    assert row["issuers"] == json.dumps(["国务院办公厅"], ensure_ascii=False)
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute(f"CREATE TABLE documents ({', '.join(row)})")
    conn.execute(f"INSERT INTO documents VALUES ({', '.join(':' + n for n in row)})", row)
    back = document_from_row(conn.execute("SELECT * FROM documents").fetchone())
    assert back == doc and back.clauses == doc.clauses
    conn.close()
