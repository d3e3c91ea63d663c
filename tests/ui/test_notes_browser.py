"""The notes browser, export and import from the menu, and notes files that cannot be used."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.notes import Colour
from reader.ui.notes import notes_menu
from reader.ui.notes.notes_controller import NotesController
from reader.ui.notes.notes_menu import NotesActions
from reader.ui.shell.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS, add_notes
from tests.ui.test_bookmarks import GRID, WASTE, open_doc


def actions_of(notes: NotesController) -> NotesActions:
    found = notes.findChildren(NotesActions)
    assert len(found) == 1
    return found[0]


def listed(browser: object) -> list[str]:
    from reader.ui.notes.notes_browser import NotesBrowser

    assert isinstance(browser, NotesBrowser)
    return [note.note or getattr(note, "label", "") for note in browser.notes.notes()]


def test_browser_searches_and_filters_all_notes(qtbot: QtBot, window: MainWindow,
                                                noted: NotesController) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_B,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    browser = actions_of(noted).browser
    assert browser is not None and browser.isVisible()
    assert len(browser.notes.notes()) == 4
    assert "共 4 条笔记" in browser.count.text()

    browser.colour_box.setCurrentIndex(browser.colour_box.findData(Colour.BLUE.value))
    assert listed(browser) == [""]  # the blue one; bookmarks have no colour
    browser.colour_box.setCurrentIndex(0)

    browser.tag_box.setCurrentIndex(browser.tag_box.findData("储能"))
    assert sorted(listed(browser)) == ["", "储能配套"]
    browser.tag_box.setCurrentIndex(0)

    browser.issuer_box.setCurrentIndex(browser.issuer_box.findData("国务院办公厅"))
    assert {n.document.doc_id for n in browser.notes.notes()} == {WASTE}
    browser.issuer_box.setCurrentIndex(0)

    browser.document_box.setCurrentIndex(browser.document_box.findData(GRID))
    assert {n.document.doc_id for n in browser.notes.notes()} == {GRID}
    browser.document_box.setCurrentIndex(0)

    browser.search_box.setText("回收")
    qtbot.waitUntil(lambda: listed(browser) == ["回收网络"], timeout=3000)

    # Opening a note from the browser shows its document at the passage.
    [note] = browser.notes.notes()
    open_doc(qtbot, window, GRID)
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        browser.notes.noteActivated.emit(note)
    assert window.reading.caret_offset() == note.anchor.start

    # A note added meanwhile shows up while the browser is open. The cleared search is
    # applied first (after the typing delay): a refresh still pending when the test ends
    # would run after the store has closed.
    browser.search_box.clear()
    qtbot.waitUntil(lambda: len(browser.notes.notes()) == 4, timeout=LOAD_TIMEOUT_MS)
    noted.bookmark_here()
    qtbot.waitUntil(lambda: len(browser.notes.notes()) == 5, timeout=3000)


def test_export_from_the_menu_and_import_merges(qtbot: QtBot, window: MainWindow,
                                                noted: NotesController, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    actions = actions_of(noted)
    markdown = tmp_path / "out" / "笔记.md"
    backup = tmp_path / "out" / "笔记.json"
    answers = iter([str(markdown), str(backup)])
    monkeypatch.setattr(notes_menu.QFileDialog, "getSaveFileName",
                        lambda *args: (next(answers), ""))
    actions.export_markdown.trigger()
    actions.export_json.trigger()

    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# 笔记与书签")
    assert "储能配套" in text and "回收网络" in text
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert len(data["annotations"]) == 3 and len(data["bookmarks"]) == 1
    assert not [p for p in markdown.parent.iterdir() if p.name.endswith(".tmp")]

    for note in noted.store.annotations():
        noted.store.delete_annotation(note.id)
    noted.refresh()
    monkeypatch.setattr(notes_menu.QFileDialog, "getOpenFileName",
                        lambda *args: (str(backup), ""))
    actions.import_json.trigger()
    assert len(noted.store.annotations()) == 3
    assert noted.notice is not None and "新增 3 条" in noted.notice.text()
    actions.import_json.trigger()  # the same backup again adds nothing
    assert len(noted.store.annotations()) == 3
    assert len(noted.store.bookmarks()) == 1


def test_import_of_a_wrong_file_changes_nothing_and_says_why(
        window: MainWindow, noted: NotesController, tmp_path: Path) -> None:
    wrong = tmp_path / "other.json"
    wrong.write_text('{"format": "something else"}', encoding="utf-8")
    before = noted.store.annotations()
    assert actions_of(noted).import_from(wrong) is None
    assert noted.store.annotations() == before
    assert noted.notice is not None and "没有导入任何笔记" in noted.notice.text()


def test_notes_from_a_newer_version_leave_the_library_working(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    newer = tmp_path / "notes.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 999")
        conn.execute("CREATE TABLE keep (x)")
    conn.close()
    original = newer.read_bytes()
    setup = add_notes(qtbot, window, newer)
    try:
        assert setup.controller is None and setup.problem is not None
        assert "书签和标注暂不可用" in setup.problem
        notice = setup.notice
        assert notice is not None
        qtbot.waitUntil(notice.isVisible, timeout=3000)
        notice.accept()
        assert newer.read_bytes() == original
        assert not [m for m in window.menuBar().actions() if m.text().startswith("笔记")]
        open_doc(qtbot, window, GRID)  # reading goes on
    finally:
        window.shutdown()
        setup.close()


def test_a_damaged_notes_file_is_kept_and_the_user_told_where(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    damaged = tmp_path / "notes.sqlite3"
    damaged.write_bytes(b"this is not a database at all" * 40)
    setup = add_notes(qtbot, window, damaged)
    try:
        assert setup.controller is not None
        notice = setup.notice
        assert notice is not None
        kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
        assert len(kept) == 1
        assert str(kept[0]) in notice.text()
        qtbot.waitUntil(notice.isVisible, timeout=3000)
        notice.accept()
        doc = open_doc(qtbot, window, GRID)
        assert setup.controller.bookmark_here() is not None  # the new file takes notes
        assert setup.controller.store.bookmarks(doc.id)
    finally:
        window.shutdown()
        setup.close()
