"""NotesStore: the user's bookmarks and annotations, saved the moment a call returns.

Every method that changes something runs one transaction and returns only after it committed
(with ``synchronous=FULL``), so "saved" in the UI means saved. The connection is guarded by a
lock, so the UI may call the store from a background worker as well as the main thread.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from reader.corpus.clauses import clause_at
from reader.corpus.model import Clause, Document, DocumentId
from reader.errors import DataError
from reader.notes import rows, writes
from reader.notes.anchoring import Anchorer, Method, clause_anchor, paragraph_anchor
from reader.notes.db import Recovery, open_database, transaction
from reader.notes.model import (
    Anchor,
    Annotation,
    AnnotationFilter,
    AnnotationId,
    Bookmark,
    BookmarkId,
    Colour,
    DocumentSnapshot,
    new_annotation_id,
    new_bookmark_id,
    normalize_tags,
    now,
)
from reader.paths import Paths


class NoteNotFound(DataError):
    """A bookmark or annotation id that is not (or no longer) in the store."""


@dataclass(frozen=True)
class ReanchorReport:
    """What re-anchoring one document did: how each note was placed, and which became orphans."""

    doc_id: DocumentId
    skipped: bool = False
    placed: dict[str, int] = field(default_factory=dict)
    orphans: tuple[str, ...] = ()


def text_hash(text: str) -> str:
    """Return the hash recorded for the text anchors were last placed on."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class NotesStore:
    """Bookmarks and annotations in one SQLite file (see ``reader.notes.db`` for its safety).

    Attributes:
        path: the database file.
        recovery: set when the previous file was damaged and kept aside; the app shows
            ``recovery.message`` once.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, recovery: Recovery | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.recovery = recovery

    @classmethod
    def open(cls, path: str | Path) -> NotesStore:
        """Open or create the store at ``path``; see ``db.open_database`` for what is refused."""
        path = Path(path)
        conn, recovery = open_database(path)
        return cls(conn, path, recovery)

    @classmethod
    def for_paths(cls, paths: Paths) -> NotesStore:
        """Open the user's store in the data folder."""
        paths.ensure_data_dir()
        return cls.open(paths.notes_db)

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the main file)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Run a read; its rows are read by column name (``rows`` relies on it)."""
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, tuple(params)).fetchall()

    def integrity_ok(self) -> bool:
        """Tell whether SQLite's integrity check passes."""
        return [r[0] for r in self._query("PRAGMA integrity_check")] == ["ok"]

    # -- documents ---------------------------------------------------------------------
    def documents(self) -> list[DocumentSnapshot]:
        """Return every document that carries notes, by title."""
        found = self._query(
            f"SELECT {rows.DOCUMENT_SELECT} FROM documents d WHERE EXISTS (SELECT 1 FROM bookmarks"
            " b WHERE b.doc_id = d.doc_id) OR EXISTS (SELECT 1 FROM annotations a"
            " WHERE a.doc_id = d.doc_id) ORDER BY d.title, d.doc_id")
        return [rows.document_from(r) for r in found]

    # -- bookmarks ---------------------------------------------------------------------
    def add_bookmark(self, document: Document, anchor: Anchor, label: str | None = None,
                     note: str = "") -> Bookmark:
        """Bookmark a passage; the label defaults to the passage's first words."""
        _check_anchor(document, anchor)
        moment = now()
        bookmark = Bookmark(
            id=new_bookmark_id(), document=DocumentSnapshot.of(document), anchor=anchor,
            label=label.strip() if label and label.strip() else _default_label(anchor),
            note=note, created=moment, updated=moment,
        )
        with self._lock, transaction(self._conn) as conn:
            writes.remember_document(conn, bookmark.document)
            writes.insert_bookmark(conn, bookmark)
        return bookmark

    def bookmark_clause(self, document: Document, clause: Clause, label: str | None = None,
                        note: str = "") -> Bookmark:
        """Bookmark a clause; the label defaults to its label and heading (``（三）工作目标``)."""
        default = f"{clause.label}{clause.heading}".strip()
        return self.add_bookmark(document, clause_anchor(document, clause), label or default,
                                 note)

    def bookmark_at(self, document: Document, offset: int) -> Bookmark:
        """Bookmark the clause at ``offset`` (Ctrl+D), or its paragraph outside any clause.

        Bookmarking the same clause again returns the existing bookmark instead of a copy.
        """
        clause = clause_at(document.clauses, offset)
        anchor = clause_anchor(document, clause) if clause else paragraph_anchor(document, offset)
        for existing in self.bookmarks(document.id):
            if not existing.orphan and (existing.anchor.start, existing.anchor.end) == (
                    anchor.start, anchor.end):
                return existing
        if clause is not None:
            return self.bookmark_clause(document, clause)
        return self.add_bookmark(document, anchor)

    def bookmark(self, bookmark_id: BookmarkId) -> Bookmark:
        """Return one bookmark; raises NoteNotFound."""
        found = self._query(f"{rows.BOOKMARK_SELECT} WHERE n.id = ?", (bookmark_id,))
        if not found:
            raise NoteNotFound(f"没有这个书签（{bookmark_id}），它可能已被删除。")
        return rows.bookmark_from(found[0])

    def bookmarks(self, doc_id: DocumentId | None = None, orphans_only: bool = False
                  ) -> list[Bookmark]:
        """Return bookmarks (of one document, or all), in document order."""
        where, params = rows.where_clause(("n.doc_id = ?", doc_id), ("n.orphan = 1", orphans_only or None))
        found = self._query(f"{rows.BOOKMARK_SELECT}{where} "
                            "ORDER BY d.title, n.doc_id, n.start, n.created, n.id", params)
        return [rows.bookmark_from(r) for r in found]

    def rename_bookmark(self, bookmark_id: BookmarkId, label: str) -> Bookmark:
        """Give a bookmark a new label (an empty one is refused: the list needs something)."""
        if not label.strip():
            raise ValueError("书签需要一个名称。")
        return self._edit_bookmark(bookmark_id, "label", label.strip())

    def set_bookmark_note(self, bookmark_id: BookmarkId, note: str) -> Bookmark:
        """Replace a bookmark's note."""
        return self._edit_bookmark(bookmark_id, "note", note)

    def _edit_bookmark(self, bookmark_id: BookmarkId, column: str, value: str) -> Bookmark:
        with self._lock:
            with transaction(self._conn) as conn:
                done = conn.execute(f"UPDATE bookmarks SET {column} = ?, updated = ? WHERE id = ?",
                                    (value, rows.time_text(now()), bookmark_id))
                if not done.rowcount:
                    raise NoteNotFound(f"没有这个书签（{bookmark_id}），它可能已被删除。")
            return self.bookmark(bookmark_id)

    def delete_bookmark(self, bookmark_id: BookmarkId) -> None:
        """Delete a bookmark; deleting one already gone is not an error."""
        with self._lock, transaction(self._conn) as conn:
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))

    # -- annotations -------------------------------------------------------------------
    def add_annotation(self, document: Document, anchor: Anchor,
                       colour: Colour = Colour.YELLOW, note: str = "",
                       tags: Iterable[str] = ()) -> Annotation:
        """Highlight a passage in a colour, with an optional note and tags."""
        _check_anchor(document, anchor)
        moment = now()
        annotation = Annotation(
            id=new_annotation_id(), document=DocumentSnapshot.of(document), anchor=anchor,
            colour=Colour(colour), note=note, tags=normalize_tags(list(tags)),
            created=moment, updated=moment,
        )
        with self._lock, transaction(self._conn) as conn:
            writes.remember_document(conn, annotation.document)
            writes.insert_annotation(conn, annotation)
        return annotation

    def annotation(self, annotation_id: AnnotationId) -> Annotation:
        """Return one annotation; raises NoteNotFound."""
        found = self._query(f"{rows.ANNOTATION_SELECT} WHERE n.id = ?", (annotation_id,))
        if not found:
            raise NoteNotFound(f"没有这个标注（{annotation_id}），它可能已被删除。")
        return rows.annotation_from(found[0])

    def annotations(self, where: AnnotationFilter | None = None) -> list[Annotation]:
        """Return the annotations matching a filter (all by default), in document order."""
        clause, params = rows.annotation_where(where or AnnotationFilter())
        found = self._query(f"{rows.ANNOTATION_SELECT}{clause} "
                            "ORDER BY d.title, n.doc_id, n.start, n.created, n.id", params)
        return [rows.annotation_from(r) for r in found]

    def update_annotation(self, annotation_id: AnnotationId, *, colour: Colour | None = None,
                          note: str | None = None, tags: Iterable[str] | None = None
                          ) -> Annotation:
        """Change an annotation's colour, note or tags (what is left as None is kept)."""
        with self._lock:
            old = self.annotation(annotation_id)
            new = replace(
                old,
                colour=Colour(colour) if colour is not None else old.colour,
                note=note if note is not None else old.note,
                tags=normalize_tags(list(tags)) if tags is not None else old.tags,
                updated=now(),
            )
            with transaction(self._conn) as conn:
                conn.execute("UPDATE annotations SET colour = ?, note = ?, updated = ? WHERE id = ?",
                             (new.colour.value, new.note, rows.time_text(new.updated), new.id))
                writes.write_tags(conn, new.id, new.tags)
            return new

    def delete_annotation(self, annotation_id: AnnotationId) -> None:
        """Delete an annotation and its tags; deleting one already gone is not an error."""
        with self._lock, transaction(self._conn) as conn:
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    def tags(self) -> list[str]:
        """Return every tag in use, sorted (for the browser's tag filter)."""
        return [r[0] for r in self._query("SELECT DISTINCT tag FROM annotation_tags ORDER BY tag")]

    # -- anchoring ---------------------------------------------------------------------
    def reanchor(self, document: Document, force: bool = False) -> ReanchorReport:
        """Find every note of ``document`` again in its current text; unplaced ones become orphans.

        Call it whenever a document is opened or re-imported: while the text is the one the
        anchors were placed on (same hash) only the metadata snapshot is refreshed. Locating
        runs outside the write transaction, so readers are never held up by fuzzy matching.
        """
        digest = text_hash(document.text)
        stored = self._query("SELECT anchored_sha1 FROM documents WHERE doc_id = ?", (document.id,))
        if not stored:
            return ReanchorReport(document.id, skipped=True)
        snapshot = DocumentSnapshot.of(document)
        if stored[0][0] == digest and not force:
            with self._lock, transaction(self._conn) as conn:
                writes.remember_document(conn, snapshot)
            return ReanchorReport(document.id, skipped=True)
        anchorer = Anchorer(document)
        placed: dict[str, int] = {}
        orphans: list[str] = []
        updates: list[tuple[str, str, Anchor | None]] = []
        for table, notes in (("bookmarks", self.bookmarks(document.id)),
                             ("annotations", self.annotations(AnnotationFilter(document.id)))):
            for note in notes:
                result = anchorer.reanchor(note.anchor)
                if result is None:
                    orphans.append(note.id)
                    updates.append((table, note.id, None))
                else:
                    method = result[1].method
                    placed[method] = placed.get(method, 0) + 1
                    if method != Method.OFFSETS or note.orphan or result[0] != note.anchor:
                        updates.append((table, note.id, result[0]))
        with self._lock, transaction(self._conn) as conn:
            writes.remember_document(conn, snapshot)
            for table, note_id, anchor in updates:
                if anchor is None:
                    conn.execute(f"UPDATE {table} SET orphan = 1 WHERE id = ?", (note_id,))
                else:
                    writes.set_anchor(conn, table, note_id, anchor)
            conn.execute("UPDATE documents SET anchored_sha1 = ? WHERE doc_id = ?",
                         (digest, document.id))
        return ReanchorReport(document.id, placed=placed, orphans=tuple(orphans))

    def rekey_document(self, old_id: DocumentId, document: Document) -> ReanchorReport:
        """Move the notes of ``old_id`` to ``document`` (a new id after a re-split) and re-anchor.

        Whoever imports calls this for each pair of ``ImportReport.renamed`` (a re-import gave
        the document another id); without it the notes would stay with an id no longer in the
        library.
        """
        with self._lock:
            with transaction(self._conn) as conn:
                writes.remember_document(conn, DocumentSnapshot.of(document))
                if old_id != document.id:
                    for table in ("bookmarks", "annotations"):
                        conn.execute(f"UPDATE {table} SET doc_id = ? WHERE doc_id = ?",
                                     (document.id, old_id))
                    conn.execute("DELETE FROM documents WHERE doc_id = ?", (old_id,))
                # Should re-anchoring below not happen (a crash), the next one must not skip.
                conn.execute("UPDATE documents SET anchored_sha1 = NULL WHERE doc_id = ?",
                             (document.id,))
            return self.reanchor(document, force=True)

    def orphan_documents(self, doc_ids: Iterable[DocumentId]) -> int:
        """Mark every note of documents that left the library as an orphan; return how many.

        Whoever imports or removes a file calls this for ``ImportReport.removed`` (or the ids
        ``Library.remove_source`` returns): without it those notes would keep an id no longer
        in the library and sit under a title the user cannot open, never listed as orphans.
        The snapshot (title, 文号…) and the anchor stay, so lists and exports still say where
        the note was; only notes not already orphans are counted. The recorded text hash is
        cleared, so should the document come back, opening it places the notes again.
        """
        ids = list(dict.fromkeys(doc_ids))
        changed = 0
        with self._lock, transaction(self._conn) as conn:
            for doc_id in ids:
                for table in ("bookmarks", "annotations"):
                    done = conn.execute(
                        f"UPDATE {table} SET orphan = 1 WHERE doc_id = ? AND orphan = 0",
                        (doc_id,))
                    changed += done.rowcount
                conn.execute("UPDATE documents SET anchored_sha1 = NULL WHERE doc_id = ?",
                             (doc_id,))
        return changed

    def orphans(self, doc_id: DocumentId | None = None) -> list[Bookmark | Annotation]:
        """Return the notes whose passage could not be found, for the user to re-attach."""
        found: list[Bookmark | Annotation] = list(self.bookmarks(doc_id, orphans_only=True))
        found.extend(self.annotations(AnnotationFilter(doc_id=doc_id, orphans_only=True)))
        return found

    def reattach(self, note_id: BookmarkId | AnnotationId, document: Document,
                 anchor: Anchor) -> None:
        """Attach a note (orphan or not) to a new selection in ``document``.

        This is the user's edit, so the note's ``updated`` time moves (an import of an older
        backup will not undo it).
        """
        _check_anchor(document, anchor)
        with self._lock, transaction(self._conn) as conn:
            writes.remember_document(conn, DocumentSnapshot.of(document))
            for table in ("bookmarks", "annotations"):
                conn.execute(f"UPDATE {table} SET doc_id = ?, updated = ? WHERE id = ?",
                             (document.id, rows.time_text(now()), note_id))
                writes.set_anchor(conn, table, note_id, anchor)
                if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (note_id,)).fetchone():
                    return
            raise NoteNotFound(f"没有这条笔记（{note_id}），它可能已被删除。")

    # -- import ------------------------------------------------------------------------
    def merge(self, documents: Iterable[DocumentSnapshot], bookmarks: Iterable[Bookmark],
              annotations: Iterable[Annotation]) -> dict[str, int]:
        """Merge notes from elsewhere in one transaction; ids decide what is the same note.

        A note already here is replaced only by a copy edited later (its ``updated`` time),
        so importing the same backup twice changes nothing. Returns counts
        ``added``/``updated``/``unchanged``.
        """
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self._lock, transaction(self._conn) as conn:
            for doc in documents:
                if not conn.execute("SELECT 1 FROM documents WHERE doc_id = ?",
                                    (doc.doc_id,)).fetchone():
                    writes.remember_document(conn, doc)
            merged: list[Bookmark | Annotation] = [*bookmarks, *annotations]
            for note in merged:
                if not conn.execute("SELECT 1 FROM documents WHERE doc_id = ?",
                                    (note.document.doc_id,)).fetchone():
                    writes.remember_document(conn, note.document)
                table = "bookmarks" if isinstance(note, Bookmark) else "annotations"
                old = conn.execute(f"SELECT updated FROM {table} WHERE id = ?",
                                   (note.id,)).fetchone()
                if old is not None and rows.parse_time(old[0]) >= note.updated:
                    counts["unchanged"] += 1
                    continue
                if old is not None:
                    conn.execute(f"DELETE FROM {table} WHERE id = ?", (note.id,))
                if isinstance(note, Bookmark):
                    writes.insert_bookmark(conn, note)
                else:
                    writes.insert_annotation(conn, note)
                counts["updated" if old is not None else "added"] += 1
                # Anchors from elsewhere may be on another text version: re-check next time.
                conn.execute("UPDATE documents SET anchored_sha1 = NULL WHERE doc_id = ?",
                             (note.document.doc_id,))
        return counts


def _check_anchor(document: Document, anchor: Anchor) -> None:
    if anchor.doc_id != document.id:
        raise ValueError(f"标注位置属于文档 {anchor.doc_id}，不属于文档 {document.id}。")


def _default_label(anchor: Anchor) -> str:
    first = anchor.quote.strip().splitlines()[0] if anchor.quote.strip() else ""
    return first[:24] + ("…" if len(first) > 24 else "")
