"""Importing a corrected file from the window: notes follow the document's new id."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.notes import Colour, make_anchor
from reader.ui.notes.notes_controller import NotesController
from reader.ui.shell.main_window import MainWindow
from tests.library.reimport import GREEN, PASSAGE, STORAGE, edited, typo, write
from tests.ui.conftest import LOAD_TIMEOUT_MS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def import_file(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    assert window.backend is not None
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS):
        assert window.importer.start(window.backend.library, [path]) is not None


def test_reimport_moves_the_notes_of_a_renamed_document(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    assert window.backend is not None
    library = window.backend.library
    compilation = write(tmp_path / "汇编.txt", GREEN, typo(STORAGE))
    import_file(qtbot, window, compilation)
    [old_id] = [s.id for s in library.documents() if "能力建没" in s.title]
    old = library.get(old_id)
    start = old.text.index(PASSAGE)
    note = notes.store.add_annotation(old, make_anchor(old, start, start + len(PASSAGE)),
                                      Colour.GREEN)

    # The corrected title is the one the bundled seed already has: the notes go to it.
    write(compilation, GREEN, edited(STORAGE))
    with qtbot.waitSignal(window.importer.renamed, timeout=LOAD_TIMEOUT_MS) as renamed:
        import_file(qtbot, window, compilation)
    [(_, new_id)] = renamed.args[0]
    fresh = library.get(new_id)
    assert "能力建设" in fresh.title and old_id not in [s.id for s in library.documents()]
    moved = notes.store.annotation(note.id)
    assert moved.document.doc_id == fresh.id and not moved.orphan
    assert fresh.text[moved.anchor.start:moved.anchor.end] == PASSAGE


def test_reimport_makes_orphans_of_notes_on_a_document_that_left(
    qtbot: QtBot, window: MainWindow, notes: NotesController, tmp_path: Path
) -> None:
    assert window.backend is not None
    library = window.backend.library
    compilation = write(tmp_path / "汇编.txt", GREEN, typo(STORAGE))
    import_file(qtbot, window, compilation)
    [old_id] = [s.id for s in library.documents() if "能力建没" in s.title]
    old = library.get(old_id)
    note = notes.store.add_annotation(old, make_anchor(old, 0, 20), Colour.BLUE)
    [green] = [s.id for s in library.documents() if "绿色化" in s.title]
    kept = notes.store.bookmark_clause(library.get(green), library.get(green).all_clauses()[0])

    write(compilation, GREEN)  # the misprinted copy is gone and nothing replaces it
    with qtbot.waitSignal(window.importer.removed, timeout=LOAD_TIMEOUT_MS) as removed:
        import_file(qtbot, window, compilation)
    assert removed.args[0] == [old_id]
    assert notes.store.annotation(note.id).orphan
    assert [n.id for n in notes.store.orphans()] == [note.id]
    assert notes.store.bookmark(kept.id) == kept
    assert "未能定位" in window.status.currentMessage()
