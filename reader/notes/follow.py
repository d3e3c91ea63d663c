"""What an import does to the user's notes: one policy for the command line and the window.

A re-imported file may give a document a new id (a corrected title, 文号 or date), change
the text of a document that keeps its id, or drop a document. ``follow_import`` keeps the
notes with their documents in all three cases, right after each file is imported, so an
interrupted run leaves no imported file behind with notes that have not followed it.
It touches only documents that carry notes, and asks for each of those documents once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.corpus.model import Document, DocumentId
from reader.notes.model import AnnotationFilter
from reader.notes.store import NotesStore, ReanchorReport


class ImportOutcome(Protocol):
    """What one file's import did to the library's documents (``ImportReport`` has these).

    ``renamed`` maps ids that left the library to the id the same document has now;
    ``removed`` left with no successor; ``added`` and ``merged`` are the file's documents.
    """

    @property
    def added(self) -> Sequence[DocumentId]: ...

    @property
    def merged(self) -> Sequence[DocumentId]: ...

    @property
    def renamed(self) -> Mapping[DocumentId, DocumentId]: ...

    @property
    def removed(self) -> Sequence[DocumentId]: ...


@dataclass(frozen=True)
class Moved:
    """The notes of one renamed document, moved to its new id and placed in its new text."""

    old_id: DocumentId
    new_id: DocumentId
    title: str
    unplaced: tuple[str, ...] = ()  # ids of the notes that could not be placed


@dataclass(frozen=True)
class FollowReport:
    """What following one import did to the notes.

    ``reanchored`` covers the file's other noted documents (placed again in their text,
    skipped where it did not change); ``orphaned`` are the ids of notes whose document left
    the library: they are kept as orphans, to re-attach or delete.
    """

    moved: tuple[Moved, ...] = ()
    reanchored: tuple[ReanchorReport, ...] = ()
    orphaned: tuple[str, ...] = ()

    @property
    def unplaced(self) -> tuple[str, ...]:
        """Ids of the notes of documents still in the library that lost their place."""
        lost = [note_id for move in self.moved for note_id in move.unplaced]
        lost.extend(note_id for report in self.reanchored for note_id in report.orphans)
        return tuple(lost)


def follow_import(store: NotesStore, report: ImportOutcome,
                  get_document: Callable[[DocumentId], Document]) -> FollowReport:
    """Move, re-anchor and orphan the notes of the documents one imported file changed.

    Renamed documents take their notes along (``NotesStore.rekey_document``, which also
    places them in the new text); every other noted document of the file is re-anchored
    (``NotesStore.reanchor``); notes on documents that left the library become orphans
    (``NotesStore.orphan_documents``). ``get_document`` gives a document of the library by
    id. Safe on a worker thread: the store's methods are.
    """
    noted = {snapshot.doc_id for snapshot in store.documents()}
    moved: list[Moved] = []
    for old_id, new_id in report.renamed.items():
        if old_id in noted:
            document = get_document(new_id)
            placed = store.rekey_document(old_id, document)
            moved.append(Moved(old_id, new_id, document.title, placed.orphans))
    renamed_to = set(report.renamed.values())
    reanchored = [
        store.reanchor(get_document(doc_id))
        for doc_id in dict.fromkeys((*report.added, *report.merged))
        if doc_id in noted and doc_id not in renamed_to
    ]
    lost = [doc_id for doc_id in dict.fromkeys(report.removed) if doc_id in noted]
    orphaned = [note_id for doc_id in lost for note_id in _placed_note_ids(store, doc_id)]
    if lost:
        store.orphan_documents(lost)
    return FollowReport(tuple(moved), tuple(reanchored), tuple(orphaned))


def _placed_note_ids(store: NotesStore, doc_id: DocumentId) -> list[str]:
    ids: list[str] = [b.id for b in store.bookmarks(doc_id) if not b.orphan]
    ids.extend(a.id for a in store.annotations(AnnotationFilter(doc_id=doc_id)) if not a.orphan)
    return ids
