"""The document store: one SQLite file with documents, their sources and the compilations.

SQLite is the library's source of truth; the search index is derived from it and can be
rebuilt from it at any time. The schema is ``MIGRATIONS``, run by ``reader.migrations``: each
step in one transaction with its ``PRAGMA user_version``, and a database from a newer version
of the app refused rather than touched.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.corpus.model import Document, DocumentSummary, FrontPart, SourceRef
from reader.errors import DataError
from reader.library.codec import SUMMARY_COLUMNS, document_from_row, document_row, summary_from_row
from reader.migrations import Migration, latest_version, migrate, write_transaction
from reader.records import from_plain, to_plain

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, their sources and the compilations", (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE sources (
            name TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, encoding TEXT,
            imported_at TEXT NOT NULL, front_matter TEXT NOT NULL DEFAULT '[]',
            warnings TEXT NOT NULL DEFAULT '[]', position INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, issuers TEXT NOT NULL,
            issuers_canonical TEXT NOT NULL, doc_number TEXT, date TEXT, doc_type TEXT,
            source_file TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
            page INTEGER, text TEXT NOT NULL, clauses TEXT NOT NULL, extra TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE document_sources (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
            start_line INTEGER NOT NULL, end_line INTEGER NOT NULL, page INTEGER,
            PRIMARY KEY (doc_id, source, start_line)
        )
        """,
        "CREATE INDEX document_sources_by_source ON document_sources(source)",
    )),
    Migration(2, "a law's 题注: its events, when it was promulgated and takes effect", (
        "ALTER TABLE documents ADD COLUMN events TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE documents ADD COLUMN promulgated TEXT",
        "ALTER TABLE documents ADD COLUMN effective TEXT",
    )),
    Migration(3, "the own title of the compilation a document was found in", (
        "ALTER TABLE documents ADD COLUMN source_title TEXT",
    )),
    Migration(4, "what each document's text says about others (reader.corpus.citations)", (
        # NULL: stored before mentions were kept; reader.library.links reads them from the text.
        "ALTER TABLE documents ADD COLUMN links TEXT",
    )),
    Migration(5, "every summary column in one index, so a summary is read without the text", (
        # The columns added by ALTER TABLE sit after the text in each row, and SQLite reaches
        # them by walking every overflow page of it: a list of summaries read the whole file.
        "CREATE INDEX documents_summary ON documents(id, title, issuers, issuers_canonical, "
        "doc_number, date, doc_type, events, promulgated, effective, source_title, "
        "source_file, start_line, end_line, page)",
    )),
)
#: The index holding every column of ``SUMMARY_COLUMNS``: summaries are read from it alone. A
#: summary column added later goes into it by a step that makes the index again with it
#: (``tests/test_migrations.py`` checks that the summaries' queries are covered).
SUMMARY_INDEX = "documents_summary"
_SUMMARIES = f"SELECT {SUMMARY_COLUMNS} FROM documents INDEXED BY {SUMMARY_INDEX}"
_SUMMARY_OF_S = ", ".join(f"s.{name} AS {name}" for name in map(str.strip, SUMMARY_COLUMNS.split(",")))
SCHEMA_VERSION = latest_version(MIGRATIONS)
BUSY_MESSAGE = "文档库正忙：另一个导入或删除正在进行，请等它结束后重试"


def _unreadable(path: Path, error: sqlite3.Error) -> DataError:
    return DataError(f"无法读取文档库 {path}（{error}）。")


@dataclass(frozen=True)
class SourceInfo:
    """One imported file (a compilation or a single document)."""

    name: str
    path: str
    sha256: str
    encoding: str | None
    imported_at: str
    documents: int
    front_matter: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: The front matter itself (cover, contents, dividers, the editor's chapters), in order.
    parts: tuple[FrontPart, ...] = ()


def links_json(doc: Document) -> str:
    """What ``doc``'s text says about other documents, as the store keeps it."""
    from reader.corpus.citations import extract

    return json.dumps(extract(doc).to_json(), ensure_ascii=False, separators=(",", ":"))


def _front_matter_column(info: SourceInfo) -> list[Any]:
    """Return the ``front_matter`` column: each part as an object (only its kind, before
    parts were kept: such rows are still read)."""
    if info.parts:
        return [to_plain(part) for part in info.parts]
    return list(info.front_matter)


def _kind(item: Any) -> str:
    return str(item["kind"]) if isinstance(item, dict) else str(item)


class DocumentStore:
    """SQLite access for the library; one connection, serialised by a lock.

    Writes happen only inside :meth:`transaction`, so an import either lands whole or not at
    all.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as error:
            raise _unreadable(path, error) from error
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            migrate(self._db, MIGRATIONS, f"文档库 {path} ", BUSY_MESSAGE)
        except BaseException as error:
            self._db.close()
            if isinstance(error, sqlite3.DatabaseError):
                raise _unreadable(path, error) from error
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one transaction: committed on success, rolled back on error."""
        with self._lock, write_transaction(self._db, BUSY_MESSAGE):
            yield

    # --- metadata -------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- reading --------------------------------------------------------------------------
    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def all_summaries(self) -> list[DocumentSummary]:
        with self._lock:
            rows = self._db.execute(f"{_SUMMARIES} ORDER BY rowid").fetchall()
        return [summary_from_row(row) for row in rows]

    def summaries(self, ids: Sequence[str]) -> dict[str, DocumentSummary]:
        """Return the summaries of ``ids`` that exist, by id."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(f"{_SUMMARIES} WHERE id IN ({marks})", list(ids)).fetchall()
        return {row["id"]: summary_from_row(row) for row in rows}

    def excerpts(
        self, windows: Sequence[tuple[str, int, int]]
    ) -> list[tuple[DocumentSummary, str] | None]:
        """Return the summary and ``text[start:end]`` of each (id, start, end), in one query
        reading only those characters of the text; None for an id no longer stored.

        The summary comes from the covering index: read from the row, the columns stored
        after ``text`` are reached only through all of the text's pages (135 µs for a
        document of 50,000 characters, against 27 µs)."""
        if not windows:
            return []
        values = ",".join("(?, ?, ?, ?)" for _ in windows)
        params: list[object] = []
        for number, (doc_id, start, end) in enumerate(windows):
            params.extend((number, doc_id, start + 1, max(0, end - start)))
        with self._lock:
            rows = self._db.execute(
                f"WITH w(n, id, s, len) AS (VALUES {values}) "
                f"SELECT w.n, substr(d.text, w.s, w.len) AS excerpt, {_SUMMARY_OF_S} "
                f"FROM w JOIN documents s INDEXED BY {SUMMARY_INDEX} ON s.id = w.id "
                "JOIN documents d ON d.rowid = s.rowid",
                params,
            ).fetchall()
        found = {row[0]: (summary_from_row(row), row["excerpt"]) for row in rows}
        return [found.get(number) for number in range(len(windows))]

    def text(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def document(self, doc_id: str) -> Document | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else document_from_row(row)

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Yield whole documents (all of them when ``ids`` is None), in import order."""
        with self._lock:
            if ids is None:
                rows = self._db.execute("SELECT * FROM documents ORDER BY rowid").fetchall()
            else:
                rows = [
                    row
                    for doc_id in ids
                    if (row := self._db.execute(
                        "SELECT * FROM documents WHERE id = ?", (doc_id,)
                    ).fetchone()) is not None
                ]
        for row in rows:
            yield document_from_row(row)

    def document_sources(self, doc_id: str) -> list[SourceRef]:
        """Return every place the document was found, in import order of the sources."""
        with self._lock:
            rows = self._db.execute(
                "SELECT d.source, d.start_line, d.end_line, d.page FROM document_sources d "
                "JOIN sources s ON s.name = d.source WHERE d.doc_id = ? "
                "ORDER BY s.position, d.start_line",
                (doc_id,),
            ).fetchall()
        return [SourceRef(r[0], r[1], r[2], r[3]) for r in rows]

    def source_refs(self, name: str) -> list[tuple[str, SourceRef]]:
        """Return ``(doc id, place)`` for every document found in source ``name``, in order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT doc_id, start_line, end_line, page FROM document_sources "
                "WHERE source = ? ORDER BY start_line",
                (name,),
            ).fetchall()
        return [(r[0], SourceRef(name, r[1], r[2], r[3])) for r in rows]

    def source_names(self, doc_id: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.file for ref in self.document_sources(doc_id)))

    def sources(self) -> list[SourceInfo]:
        return self._sources()

    def _sources(self, name: str | None = None) -> list[SourceInfo]:
        where = "WHERE s.name = ? " if name is not None else ""
        with self._lock:
            rows = self._db.execute(
                "SELECT s.*, (SELECT count(DISTINCT doc_id) FROM document_sources d "
                f"WHERE d.source = s.name) AS n FROM sources s {where}ORDER BY s.position",
                () if name is None else (name,),
            ).fetchall()
        return [
            SourceInfo(
                name=row["name"],
                path=row["path"],
                sha256=row["sha256"],
                encoding=row["encoding"],
                imported_at=row["imported_at"],
                documents=row["n"],
                front_matter=tuple(_kind(item) for item in json.loads(row["front_matter"])),
                warnings=tuple(json.loads(row["warnings"])),
                parts=tuple(from_plain(FrontPart, item) for item in json.loads(row["front_matter"])
                            if isinstance(item, dict)),
            )
            for row in rows
        ]

    def source(self, name: str) -> SourceInfo | None:
        # One row, not the whole table: a folder import asks once per file.
        found = self._sources(name)
        return found[0] if found else None

    # --- writing (inside a transaction) ---------------------------------------------------
    def add_source(self, info: SourceInfo) -> None:
        with self._lock:
            position = self._db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM sources"
            ).fetchone()[0]
            self._db.execute(
                "INSERT INTO sources(name, path, sha256, encoding, imported_at, front_matter, "
                "warnings, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    info.name, info.path, info.sha256, info.encoding, info.imported_at,
                    json.dumps(_front_matter_column(info), ensure_ascii=False),
                    json.dumps(list(info.warnings), ensure_ascii=False), position,
                ),
            )

    def add_document(self, doc: Document, source: str, links: str | None = None) -> bool:
        """Store ``doc`` as found in ``source``; return False when it was already stored.

        A document already in the library (same id: same title, 文号 and date) keeps its
        text and only learns the new place it was found. ``links`` is :func:`links_json` of
        ``doc`` when the caller read it already (in a worker process).
        """
        with self._lock:
            exists = self._db.execute(
                "SELECT 1 FROM documents WHERE id = ?", (doc.id,)
            ).fetchone() is not None
            if not exists:
                row = document_row(doc)
                columns = ", ".join(row)
                marks = ", ".join(f":{name}" for name in row)
                self._db.execute(f"INSERT INTO documents({columns}) VALUES ({marks})", row)
                self._db.execute("UPDATE documents SET links = ? WHERE id = ?",
                                 (links if links is not None else links_json(doc), doc.id))
            self._db.execute(
                "INSERT OR IGNORE INTO document_sources(doc_id, source, start_line, end_line, "
                "page) VALUES (?, ?, ?, ?, ?)",
                (doc.id, source, doc.source.start_line, doc.source.end_line, doc.source.page),
            )
        return not exists

    # --- links: each document's mentions, read once when it is stored ----------------------
    def links_rows(self) -> list[tuple[str, str | None]]:
        """Return (id, stored mentions as JSON or None) of every document."""
        with self._lock:
            return [(row[0], row[1]) for row in self._db.execute("SELECT id, links FROM documents")]

    def remove_source(self, name: str) -> tuple[list[str], list[str]]:
        """Remove a source; return (ids deleted, ids that remain but lost this source).

        A document found only in this source goes; one also found elsewhere stays and, if
        this source was its primary one, points at the next place it was found.
        """
        with self._lock:
            ids = [
                row[0]
                for row in self._db.execute(
                    "SELECT DISTINCT doc_id FROM document_sources WHERE source = ?", (name,)
                )
            ]
            self._db.execute("DELETE FROM sources WHERE name = ?", (name,))
            deleted: list[str] = []
            kept: list[str] = []
            for doc_id in ids:
                refs = self.document_sources(doc_id)
                if not refs:
                    self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                    deleted.append(doc_id)
                    continue
                kept.append(doc_id)
                first = refs[0]
                self._db.execute(
                    "UPDATE documents SET source_file = ?, start_line = ?, end_line = ?, "
                    "page = ? WHERE id = ? AND source_file = ?",
                    (first.file, first.start_line, first.end_line, first.page, doc_id, name),
                )
        return deleted, kept
