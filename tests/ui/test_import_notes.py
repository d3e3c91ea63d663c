"""Importing a corrected file from the window: the notes follow it, as on the command line.

Renamed documents take their notes along, changed ones have them placed again, and notes on
documents that left become orphans — all on the import's worker, before the window shows
the new library.
"""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.corpus.model import Document
from reader.notes import Annotation, Colour, make_anchor
from reader.ui.notes.notes_controller import NotesController
from reader.ui.shell.main_window import MainWindow
from tests.library.reimport import GREEN, PASSAGE, STORAGE, edited, typo, write
from tests.ui.conftest import LOAD_TIMEOUT_MS

REWORDED = ("是提升电力系统", "是全面提升电力系统")  # two characters more, before PASSAGE


def import_file(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    assert window.backend is not None
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS):
        assert window.importer.start(window.backend.library, [path]) is not None


def document(window: MainWindow, title_part: str) -> Document:
    assert window.backend is not None
    library = window.backend.library
    [doc_id] = [s.id for s in library.documents() if title_part in s.title]
    return library.get(doc_id)


def import_misprinted(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[Path, Document]:
    """Import GREEN and the misprinted STORAGE; return the file and the misprinted document."""
    compilation = write(tmp_path / "汇编.txt", GREEN, typo(STORAGE))
    import_file(qtbot, window, compilation)
    return compilation, document(window, "能力建没")


def annotate_passage(notes: NotesController, doc: Document) -> Annotation:
    start = doc.text.index(PASSAGE)
    return notes.store.add_annotation(doc, make_anchor(doc, start, start + len(PASSAGE)))


def import_reworded(qtbot: QtBot, window: MainWindow, compilation: Path) -> Document:
    """Import the misprinted document again with REWORDED; return it as it is now."""
    write(compilation, GREEN, [line.replace(*REWORDED) for line in typo(STORAGE)])
    import_file(qtbot, window, compilation)
    return document(window, "能力建没")


def test_reimport_moves_the_notes_of_a_renamed_document(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    compilation, old = import_misprinted(qtbot, window, tmp_path)
    note = annotate_passage(notes, old)

    # The corrected title is the one the bundled seed already has: the notes go to it.
    write(compilation, GREEN, edited(STORAGE))
    import_file(qtbot, window, compilation)
    fresh = document(window, "能力建设")
    assert window.backend is not None
    assert old.id not in [s.id for s in window.backend.library.documents()]
    moved = notes.store.annotation(note.id)
    assert moved.document.doc_id == fresh.id and not moved.orphan
    assert fresh.text[moved.anchor.start:moved.anchor.end] == PASSAGE
    assert [d.doc_id for d in notes.store.documents()] == [fresh.id]


def test_reimport_makes_orphans_of_notes_on_a_document_that_left(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    compilation, old = import_misprinted(qtbot, window, tmp_path)
    note = notes.store.add_annotation(old, make_anchor(old, 0, 20), Colour.BLUE)
    green = document(window, "绿色化")
    kept = notes.store.bookmark_clause(green, green.all_clauses()[0])

    write(compilation, GREEN)  # the misprinted copy is gone and nothing replaces it
    import_file(qtbot, window, compilation)
    assert notes.store.annotation(note.id).orphan
    assert [n.id for n in notes.store.orphans()] == [note.id]
    assert notes.store.bookmark(kept.id) == kept
    assert "1 条笔记所在的文件已不在文库中" in window.status.currentMessage()


def test_reimport_places_the_notes_of_a_changed_document_before_it_is_opened(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    compilation, old = import_misprinted(qtbot, window, tmp_path)
    note = annotate_passage(notes, old)

    changed = import_reworded(qtbot, window, compilation)
    assert changed.id == old.id and changed.text != old.text
    assert window.reading.document is None
    placed = notes.store.annotation(note.id)
    assert not placed.orphan and placed.anchor.start == note.anchor.start + 2
    assert changed.text[placed.anchor.start:placed.anchor.end] == PASSAGE


def test_notes_follow_each_file_on_the_import_worker(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    """A document one file drops and a later file of the run brings back keeps its notes."""
    compilation, old = import_misprinted(qtbot, window, tmp_path)
    note = notes.store.add_annotation(old, make_anchor(old, 0, 20), Colour.PINK)
    threads: list[str] = []
    window.follow_imports(lambda _report, _library: threads.append(
        threading.current_thread().name))
    later = write(tmp_path / "补充.txt", typo(STORAGE))

    write(compilation, GREEN)
    assert window.backend is not None
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS):
        window.importer.start(window.backend.library, [compilation, later])
    assert len(threads) == 2 and "MainThread" not in threads
    back = notes.store.annotation(note.id)
    assert not back.orphan and back.anchor == note.anchor
    assert "不在文库中" not in window.status.currentMessage()


def test_the_open_document_shows_its_new_text_with_its_highlights_on_it(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    compilation, old = import_misprinted(qtbot, window, tmp_path)
    note = annotate_passage(notes, old)
    assert window.open_document(old.id)

    changed = import_reworded(qtbot, window, compilation)
    shown = window.reading.document
    assert shown is not None and shown.id == old.id and shown.text == changed.text
    [drawn] = notes.layer.annotations
    assert drawn.id == note.id and drawn.anchor.start == note.anchor.start + 2
    assert shown.text[drawn.anchor.start:drawn.anchor.end] == PASSAGE
