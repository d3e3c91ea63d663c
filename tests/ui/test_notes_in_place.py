"""Notes where the reading is: the bar over a selection, the 标注 panel edited in place and
following the page, marks beside bookmarked clauses, and Markdown of a chosen set of notes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.notes import AnnotationFilter, Colour, make_anchor
from reader.ui.notes.bookmark_marks import MARK_COLOUR
from reader.ui.notes.notes_controller import NotesController
from reader.ui.shell.main_window import MainWindow
from tests.ui.test_annotations import passage, select
from tests.ui.test_bookmarks import GRID, WASTE, open_doc, panel_texts, second_level_clause
from tests.ui.test_notes_browser import actions_of


def test_selecting_text_shows_the_bar_and_one_click_highlights(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    bar = actions_of(notes).selection_bar
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    assert not bar.isVisible()
    window.reading.scroll_to_offset(start)
    select(window, start, end)
    assert bar.isVisible()
    viewport = window.reading.browser.viewport()
    assert viewport.rect().contains(bar.geometry())
    cursor = window.reading.browser.textCursor()
    cursor.setPosition(cursor.selectionEnd())
    assert bar.geometry().top() > window.reading.browser.cursorRect(cursor).bottom()

    qtbot.mouseClick(bar.colour_buttons[Colour.PINK], Qt.MouseButton.LeftButton)
    [saved] = notes.store.annotations()
    assert (saved.anchor.start, saved.anchor.end, saved.colour) == (start, end, Colour.PINK)
    assert not bar.isVisible()  # the selection is gone with the highlight made


def test_the_bar_copies_with_citation_and_opens_the_note_editor(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    bar = actions_of(notes).selection_bar
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    qtbot.mouseClick(bar.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith(doc.text[start:end]) and "发改能源〔2024〕187号" in copied
    qtbot.mouseClick(bar.note_button, Qt.MouseButton.LeftButton)
    assert notes.editor is not None
    notes.editor.reject()
    cursor = window.reading.browser.textCursor()
    cursor.clearSelection()
    window.reading.browser.setTextCursor(cursor)
    assert not bar.isVisible()


def test_the_annotations_panel_shows_quote_note_and_tags_and_edits_in_place(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    first = notes.store.add_annotation(doc, make_anchor(doc, 40, 60), Colour.YELLOW,
                                       "储能配套", ["储能"])
    second = notes.store.add_annotation(doc, make_anchor(doc, 80, 95), Colour.BLUE)
    notes.refresh()
    panel = notes.annotations_panel
    [shown, _] = [t for t in panel_texts(panel.model) if t.startswith("“")]
    quote = " ".join(doc.text[40:60].split())
    assert shown.split("\n") == [f"“{quote}”", "✎ 储能配套", "#储能"]

    assert panel.select(second.id)
    panel.note_edit.setPlainText("电价机制")
    panel.tags_edit.setText("电价 改革")
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = notes.store.annotation(second.id)
    assert (saved.note, saved.tags) == ("电价机制", ("改革", "电价"))
    assert notes.editor is None  # no dialog
    assert panel.current_note() is not None and panel.current_note().id == second.id
    assert panel.note_edit.toPlainText() == "电价机制" and not panel.save_button.isEnabled()

    # Moving on to another note keeps what was typed.
    panel.note_edit.setPlainText("电价机制，另见第三条")
    assert panel.select(first.id)
    assert notes.store.annotation(second.id).note == "电价机制，另见第三条"
    assert panel.note_edit.toPlainText() == "储能配套"


def test_the_annotations_panel_follows_the_reading_position(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    late = len(doc.text) * 3 // 4
    early = notes.store.add_annotation(doc, make_anchor(doc, 40, 60), Colour.YELLOW)
    later = notes.store.add_annotation(doc, make_anchor(doc, late, late + 12), Colour.GREEN)
    notes.refresh()
    panel = notes.annotations_panel
    with qtbot.waitSignal(window.reading.topOffsetChanged, timeout=5000):
        window.reading.scroll_to_offset(late - 30)
    assert panel.current_note() is not None and panel.current_note().id == later.id
    with qtbot.waitSignal(window.reading.topOffsetChanged, timeout=5000):
        window.reading.browser.verticalScrollBar().setValue(0)
    assert panel.current_note() is not None and panel.current_note().id == early.id


def test_a_bookmarked_clause_has_a_mark_in_the_margin(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    clause = second_level_clause(doc)
    window.reading.scroll_to_offset(clause.start)
    assert notes.marks.marks() == []
    bookmark = notes.bookmark_here()
    assert bookmark is not None
    [mark] = notes.marks.marks()
    cursor = window.reading.browser.textCursor()
    cursor.setPosition(window.reading.page_map.position(bookmark.anchor.start))
    line = window.reading.browser.cursorRect(cursor)
    assert line.top() <= mark.center().y() <= line.bottom()
    assert mark.right() < window.reading.browser.document().documentMargin()
    picture = window.reading.browser.viewport().grab().toImage()
    ratio = picture.devicePixelRatio()
    centre = QPoint(round(mark.center().x() * ratio), round(mark.top() * ratio + 3 * ratio))
    assert QColor(picture.pixel(centre)).name() == MARK_COLOUR

    # Scrolled on, the mark moves with its clause; deleted, it goes.
    window.reading.browser.verticalScrollBar().setValue(
        window.reading.browser.verticalScrollBar().value() + 40)
    [moved] = notes.marks.marks()
    assert moved.top() == mark.top() - 40
    notes.delete_note(bookmark)
    assert notes.marks.marks() == []


def test_one_document_s_notes_export_to_markdown(
        qtbot: QtBot, window: MainWindow, noted: NotesController, tmp_path: Path) -> None:
    actions = actions_of(noted)
    grid = open_doc(qtbot, window, GRID)
    assert actions.export_document.isEnabled()
    target = tmp_path / "本文.md"
    assert actions.export_notes_to(target, actions.document_notes()) == target
    text = target.read_text(encoding="utf-8")
    assert grid.title in text and "储能配套" in text
    assert "回收网络" not in text  # the other document's note


def test_the_browser_s_list_exports_to_markdown(
        qtbot: QtBot, window: MainWindow, noted: NotesController, tmp_path: Path) -> None:
    actions = actions_of(noted)
    browser = actions.show_browser()
    qtbot.addWidget(browser)
    browser.colour_box.setCurrentIndex(browser.colour_box.findData(Colour.GREEN.value))
    listed_notes = browser.notes.notes()
    assert [n.note for n in listed_notes] == ["回收网络"]
    target = tmp_path / "所列.md"
    assert actions.export_notes_to(target, listed_notes) == target
    text = target.read_text(encoding="utf-8")
    assert "回收网络" in text and "储能配套" not in text
    assert noted.store.annotations(AnnotationFilter(doc_id=WASTE))
