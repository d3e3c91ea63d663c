"""Highlights and notes in the real window: drawn at once, hover, click to edit, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QTextEdit, QToolTip
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.corpus.model import Document
from reader.errors import DataError
from reader.notes import Annotation, Colour, make_anchor
from reader.ui.notes.notes_controller import NotesController
from reader.ui.notes.notes_model import COLOUR_HEX, NotesModel
from reader.ui.shell.main_window import MainWindow
from tests.ui.test_bookmarks import GRID, WASTE, open_doc, panel_texts, second_level_clause


def select(window: MainWindow, start: int, end: int) -> None:
    """Select ``Document.text[start:end]`` in the reading pane, as a drag would."""
    first, last = window.reading.page_map.span(start, end)
    cursor = window.reading.browser.textCursor()
    cursor.setPosition(first)
    cursor.setPosition(last, cursor.MoveMode.KeepAnchor)
    window.reading.browser.setTextCursor(cursor)


def passage(doc: Document) -> tuple[int, int]:
    clause = second_level_clause(doc)
    body = doc.text.index("\n", clause.start) + 1  # the clause's text after its heading
    return body + 2, body + 16


def drawn(window: MainWindow, colour: Colour) -> list[str]:
    """Return the texts drawn in a highlight colour on the page."""
    wanted = QColor(COLOUR_HEX[colour])
    selections: list[QTextEdit.ExtraSelection] = window.reading.browser.extraSelections()
    # Qt separates paragraphs of a selection with U+2029.
    return [s.cursor.selectedText().replace("\u2029", "\n") for s in selections
            if s.format.background().color().rgb() == wanted.rgb()]


def viewport_point(window: MainWindow, offset: int) -> QPoint:
    """Return a point of the reading pane's viewport on the character at ``offset``."""
    browser = window.reading.browser
    cursor = browser.textCursor()
    cursor.setPosition(window.reading.page_map.position(offset))
    rect = browser.cursorRect(cursor)
    return QPoint(rect.x() + 4, rect.center().y())


def test_highlight_is_drawn_at_once_over_the_selected_text(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    actions = window.findChildren(type(window.menu_actions.copy_cited))
    green = next(a for a in actions if a.text() == Colour.GREEN.label)
    assert green.isEnabled()
    green.trigger()

    stored = notes.store.annotations()
    assert [(a.anchor.start, a.anchor.end, a.colour) for a in stored] == [
        (start, end, Colour.GREEN)]
    assert drawn(window, Colour.GREEN) == [doc.text[start:end]]
    assert window.reading.browser.toPlainText().count(doc.text[start:end]) >= 1
    assert not green.isEnabled()  # the selection is gone, so the new colour shows
    assert any(doc.text[start:start + 10] in t for t in panel_texts(notes.annotations_panel.model))

    # Search hits and a theme change redraw the page: the highlight stays.
    window.reading.set_hits([(start, start + 2)])
    window.menu_actions.theme_actions["sepia"].trigger()
    assert drawn(window, Colour.GREEN) == [doc.text[start:end]]

    # Another document has its own highlights; coming back shows this one again.
    open_doc(qtbot, window, WASTE)
    assert drawn(window, Colour.GREEN) == []
    open_doc(qtbot, window, GRID)
    assert drawn(window, Colour.GREEN) == [doc.text[start:end]]


def test_annotate_with_note_and_tags_then_hover_and_click_to_edit(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = notes.editor
    assert editor is not None and editor.tags_edit is not None
    assert notes.store.annotations() == []  # nothing is saved until the user saves
    editor.colour_buttons[Colour.BLUE].click()
    editor.note_edit.setPlainText("与储能政策对照")
    editor.tags_edit.setText("配电网，储能 重点")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    [saved] = notes.store.annotations()
    assert (saved.colour, saved.note, saved.tags) == (Colour.BLUE, "与储能政策对照",
                                                      tuple(sorted(("储能", "重点", "配电网"))))
    assert drawn(window, Colour.BLUE) == [doc.text[start:end]]

    window.reading.scroll_to_offset(start)
    point = viewport_point(window, start + 3)
    viewport = window.reading.browser.viewport()
    assert notes.layer.annotation_under(point) == saved
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point,
                                                viewport.mapToGlobal(point)))
    assert "与储能政策对照" in QToolTip.text()
    assert "#储能" in QToolTip.text()

    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    editor = notes.editor
    assert editor is not None
    assert editor.note() == "与储能政策对照"
    assert editor.colour() == Colour.BLUE
    editor.note_edit.setPlainText("与储能政策对照；另见第三部分")
    editor.colour_buttons[Colour.PINK].click()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    edited = notes.store.annotation(saved.id)
    assert (edited.note, edited.colour) == ("与储能政策对照；另见第三部分", Colour.PINK)
    assert drawn(window, Colour.PINK) == [doc.text[start:end]]
    assert drawn(window, Colour.BLUE) == []


def test_delete_from_the_editor_and_undo(qtbot: QtBot, window: MainWindow,
                                          notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    annotation = notes.store.add_annotation(doc, make_anchor(doc, start, end), Colour.PURPLE,
                                            "待删", ["临时"])
    notes.refresh()
    assert drawn(window, Colour.PURPLE) == [doc.text[start:end]]
    editor = notes.edit_note(annotation)
    assert editor is not None
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert notes.store.annotations() == []
    assert drawn(window, Colour.PURPLE) == []
    assert notes.editor is None

    undo = window.findChildren(type(window.menu_actions.copy_cited))
    next(a for a in undo if a.text() == "撤销删除").trigger()
    [back] = notes.store.annotations()
    assert (back.id, back.note, back.tags) == (annotation.id, "待删", ("临时",))
    assert drawn(window, Colour.PURPLE) == [doc.text[start:end]]


def test_annotations_panel_lists_the_open_document_and_opens_a_note(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    clause = doc.all_clauses()[-1]
    far = notes.store.add_annotation(doc, make_anchor(doc, clause.start, clause.start + 10),
                                     Colour.YELLOW, "文末")
    other = open_doc(qtbot, window, WASTE)
    notes.store.add_annotation(other, make_anchor(other, 0, 8), Colour.GREEN)
    notes.refresh()
    panel = notes.annotations_panel
    assert [a.document.doc_id for a in panel.notes()] == [other.id]
    assert other.title in panel.title.text()

    open_doc(qtbot, window, GRID)
    assert [a.id for a in panel.notes()] == [far.id]
    window.reading.scroll_to_offset(0)
    panel.noteActivated.emit(far)
    assert window.reading.caret_offset() == far.anchor.start


def test_copy_with_citation_of_a_selection(qtbot: QtBot, window: MainWindow,
                                           notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    window.menu_actions.copy_cited.trigger()
    clause = second_level_clause(doc)
    expected = (f"{doc.text[start:end]}\n《{doc.title}》（发改能源〔2024〕187号）"
                f"{clause.address.replace('/', '')}")
    assert QApplication.clipboard().text() == expected


def test_notes_model_passes_the_model_tester(qtmodeltester: ModelTester,
                                             notes: NotesController, window: MainWindow,
                                             qtbot: QtBot) -> None:
    doc = open_doc(qtbot, window, GRID)
    notes.bookmark_here()
    for number, clause in enumerate(doc.all_clauses()[:6]):
        notes.store.add_annotation(doc, make_anchor(doc, clause.start, clause.start + 6),
                                   list(Colour)[number % 5], f"笔记{number}", [f"t{number}"])
    model = NotesModel()
    all_notes: list[Annotation] = notes.store.annotations()
    model.set_notes([*all_notes, *notes.store.bookmarks()])
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    model.set_notes([])
    qtmodeltester.check(model)


def test_a_failed_save_keeps_the_editor_open_with_what_was_typed(
        qtbot: QtBot, window: MainWindow, notes: NotesController,
        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    annotation = notes.store.add_annotation(doc, make_anchor(doc, start, end))
    notes.refresh()
    editor = notes.edit_note(annotation)
    assert editor is not None
    editor.note_edit.setPlainText("一段很长的笔记")

    def refuse(*_args: object, **_kwargs: object) -> Annotation:
        raise DataError("The notes database is busy and the change was not saved.")

    with monkeypatch.context() as patched:
        patched.setattr(notes.store, "update_annotation", refuse)
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert notes.editor is editor and editor.isVisible()
        assert editor.note() == "一段很长的笔记"
        assert notes.notice is not None and "没有完成" in notes.notice.text()
        notes.notice.accept()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert notes.editor is None
    assert notes.store.annotation(annotation.id).note == "一段很长的笔记"


def test_tags_complete_the_one_being_typed(qtbot: QtBot) -> None:
    from reader.ui.notes.note_editor import NoteEditor, parse_tags

    editor = NoteEditor.for_annotation("引文", known_tags=["储能", "配电网", "重点"])
    qtbot.addWidget(editor)
    assert editor.tags_edit is not None
    completer = editor.tags_edit.completer()
    editor.tags_edit.setText("重点，配")
    completer.setCompletionPrefix(editor.tags_edit.text())
    assert completer.completionCount() == 1
    assert completer.pathFromIndex(completer.currentIndex()) == "重点，配电网"
    assert parse_tags("重点，配电网 #储能、 ") == ["重点", "配电网", "储能"]
