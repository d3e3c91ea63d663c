"""follow_import: what one imported file does to the notes, the same for the window and the
command line. Real compilations cut from seed 004, split and imported by the real library."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.corpus.model import Document, DocumentId
from reader.library.library import Library
from reader.notes import Colour, NotesStore, follow_import, make_anchor
from tests.library import reimport as r

# Two characters more before PASSAGE: the document keeps its id, its notes must move along.
REWORDED = ("是提升电力系统", "是全面提升电力系统")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open_folder(tmp_path / "library")
    lib.add_file(r.write(tmp_path / "汇编.txt", r.GREEN, r.GRID, r.typo(r.STORAGE), r.HEALTH))
    yield lib
    lib.close()


@pytest.fixture
def notes(tmp_path: Path) -> Iterator[NotesStore]:
    with NotesStore.open(tmp_path / "notes.sqlite3") as store:
        yield store


def asked(library: Library, seen: list[DocumentId]) -> Callable[[DocumentId], Document]:
    """``library.get`` that remembers which documents were asked for."""
    def get(doc_id: DocumentId) -> Document:
        seen.append(doc_id)
        return library.get(doc_id)
    return get


def test_renamed_notes_move_removed_ones_become_orphans_others_stay(
    library: Library, notes: NotesStore, tmp_path: Path
) -> None:
    storage = library.get(r.by_title(library, "能力建没"))
    grid = library.get(r.by_title(library, "配电网"))
    health = library.get(r.by_title(library, "卫生健康文化"))
    start = storage.text.index(r.PASSAGE)
    moving = notes.add_annotation(storage, make_anchor(storage, start, start + len(r.PASSAGE)),
                                  Colour.GREEN, "储能")
    grid_mark = notes.bookmark_clause(grid, grid.all_clauses()[0])
    gone = notes.add_annotation(health, make_anchor(health, 0, 20))
    gone_mark = notes.bookmark_clause(health, health.all_clauses()[0])

    report = library.add_file(
        r.write(tmp_path / "汇编.txt", r.GREEN, r.GRID, r.edited(r.STORAGE), r.VILLAGE))
    seen: list[DocumentId] = []
    followed = follow_import(notes, report, asked(library, seen))

    fresh = library.get(r.by_title(library, "能力建设"))
    [move] = followed.moved
    assert (move.old_id, move.new_id, move.title, move.unplaced) == \
        (storage.id, fresh.id, fresh.title, ())
    placed = notes.annotation(moving.id)
    assert placed.document.doc_id == fresh.id and not placed.orphan
    assert fresh.text[placed.anchor.start:placed.anchor.end] == r.PASSAGE
    assert sorted(followed.orphaned) == sorted([gone.id, gone_mark.id])
    assert sorted(n.id for n in notes.orphans()) == sorted([gone.id, gone_mark.id])
    assert followed.unplaced == ()
    assert notes.bookmark(grid_mark.id) == grid_mark
    # Only documents with notes are asked for: the new one and the grid's (re-anchored).
    assert sorted(seen) == sorted([fresh.id, grid.id])
    assert [report.doc_id for report in followed.reanchored] == [grid.id]


def test_a_changed_document_has_its_notes_placed_in_its_new_text(
    library: Library, notes: NotesStore, tmp_path: Path
) -> None:
    storage = library.get(r.by_title(library, "能力建没"))
    start = storage.text.index(r.PASSAGE)
    note = notes.add_annotation(storage, make_anchor(storage, start, start + len(r.PASSAGE)))
    reworded = [line.replace(*REWORDED) for line in r.typo(r.STORAGE)]

    report = library.add_file(
        r.write(tmp_path / "汇编.txt", r.GREEN, r.GRID, reworded, r.HEALTH))
    followed = follow_import(notes, report, library.get)

    changed = library.get(storage.id)
    assert changed.text != storage.text
    [placed] = followed.reanchored
    assert placed.doc_id == storage.id and not placed.skipped and placed.orphans == ()
    moved = notes.annotation(note.id)
    assert moved.anchor.start == start + 2 and not moved.orphan
    assert changed.text[moved.anchor.start:moved.anchor.end] == r.PASSAGE
    assert followed.moved == () and followed.orphaned == ()


def test_a_document_a_later_file_brings_back_gets_its_notes_placed_again(
    library: Library, notes: NotesStore, tmp_path: Path
) -> None:
    health = library.get(r.by_title(library, "卫生健康文化"))
    note = notes.add_annotation(health, make_anchor(health, 0, 20))

    first = library.add_file(r.write(tmp_path / "汇编.txt", r.GREEN, r.GRID, r.typo(r.STORAGE)))
    assert follow_import(notes, first, library.get).orphaned == (note.id,)
    assert notes.annotation(note.id).orphan
    second = library.add_file(r.write(tmp_path / "另一份.txt", r.HEALTH))
    followed = follow_import(notes, second, library.get)

    assert [report.doc_id for report in followed.reanchored] == [health.id]
    back = notes.annotation(note.id)
    assert not back.orphan and back.anchor == note.anchor


def test_an_import_that_touches_no_noted_document_asks_for_none(
    library: Library, notes: NotesStore, tmp_path: Path
) -> None:
    grid = library.get(r.by_title(library, "配电网"))
    mark = notes.bookmark_clause(grid, grid.all_clauses()[0])
    report = library.add_file(r.write(tmp_path / "别的.txt", r.VILLAGE))
    seen: list[DocumentId] = []
    followed = follow_import(notes, report, asked(library, seen))
    assert seen == [] and followed.moved == followed.reanchored == followed.orphaned == ()
    assert notes.bookmark(mark.id) == mark
