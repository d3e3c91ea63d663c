"""Bookmarks in the real window: Ctrl+D, the outline's menu, the panel, editing, deleting."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from reader.corpus.model import Clause, Document
from reader.notes import Bookmark
from reader.notes.tree import NOTE, ORPHANS
from reader.ui.notes.notes_controller import NotesController
from reader.ui.notes.notes_model import NODE_KIND_ROLE
from reader.ui.shell.main_window import MainWindow
from tests.ui.conftest import add_notes, make_window
from tests.ui.seed_documents import GRID, WASTE


def open_doc(qtbot: QtBot, window: MainWindow, doc_id: str) -> Document:
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        assert window.open_document(doc_id)
    doc = window.reading.document
    assert doc is not None
    return doc


def second_level_clause(doc: Document) -> Clause:
    return next(c for c in doc.all_clauses() if c.address.count("/") == 1)


def panel_texts(view_model: object) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(view_model, QAbstractItemModel)
    out: list[str] = []

    def visit(parent: QModelIndex) -> None:
        for row in range(view_model.rowCount(parent)):
            index = view_model.index(row, 0, parent)
            out.append(str(index.data()))
            visit(index)

    visit(QModelIndex())
    return out


def test_ctrl_d_bookmarks_the_clause_at_the_caret(qtbot: QtBot, window: MainWindow,
                                                  notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    clause = second_level_clause(doc)
    window.reading.scroll_to_offset(clause.start + 3)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    stored = notes.store.bookmarks(doc.id)
    assert [b.anchor.clause_address for b in stored] == [clause.address]
    label = f"{clause.label}{clause.heading}".strip()
    assert stored[0].label == label
    texts = panel_texts(notes.bookmarks_panel.model)
    assert doc.title in texts
    assert any(text.startswith(label) for text in texts)
    assert notes.bookmarks_panel.current_note() == stored[0]
    assert "已添加书签" in window.status.currentMessage()

    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(notes.store.bookmarks(doc.id)) == 1  # the same clause is not bookmarked twice
    assert "已有书签" in window.status.currentMessage()


def test_outline_menu_bookmarks_and_copies_a_clause(qtbot: QtBot, window: MainWindow,
                                                    notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    clause = second_level_clause(doc)
    outline = window.outline
    outline.view.setCurrentIndex(outline.model.index_of(clause))
    actions = window.findChildren(type(window.menu_actions.copy_cited))
    bookmark = next(a for a in actions if a.text() == "添加书签")
    copy = next(a for a in actions if a.text() == "复制本条（含出处）")

    bookmark.trigger()
    assert [b.anchor.start for b in notes.store.bookmarks(doc.id)] == [clause.start]

    copy.trigger()
    expected = (doc.text[clause.start:clause.end].strip()
                + f"\n《{doc.title}》（发改能源〔2024〕187号）{clause.address.replace('/', '')}")
    assert QGuiApplication.clipboard().text() == expected


def test_double_click_opens_the_document_at_the_bookmark(qtbot: QtBot, window: MainWindow,
                                                         notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    clause = doc.all_clauses()[-1]
    bookmark = notes.store.bookmark_clause(doc, clause)
    notes.refresh()
    open_doc(qtbot, window, WASTE)

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.left_tabs.currentWidget() is notes.bookmarks_panel
    panel = notes.bookmarks_panel
    index = panel.model.index_of(bookmark.id)
    panel.view.scrollTo(index)
    point = panel.view.visualRect(index).center()
    with qtbot.waitSignal(window.documentOpened, timeout=5000) as opened:
        # A double-click is a press on the item the view already saw pressed.
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [doc.id]
    assert window.reading.caret_offset() == bookmark.anchor.start


def test_rename_and_note_are_saved_and_shown_after_reopening(
        qtbot: QtBot, window: MainWindow, notes: NotesController, paths: object,
        tmp_path: Path) -> None:
    doc = open_doc(qtbot, window, GRID)
    bookmark = notes.bookmark_here()
    assert bookmark is not None
    panel = notes.bookmarks_panel
    assert panel.select(bookmark.id)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editor = notes.editor
    assert editor is not None and editor.label_edit is not None
    editor.label_edit.setText("配电网总体要求")
    editor.note_edit.setPlainText("下周例会讨论")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert notes.editor is None
    saved = notes.store.bookmark(bookmark.id)
    assert (saved.label, saved.note) == ("配电网总体要求", "下周例会讨论")
    assert any("配电网总体要求" in t and "下周例会讨论" in t
               for t in panel_texts(panel.model))

    # A second window over the same notes file shows the edit.
    window.shutdown()
    notes.store.close()
    again = make_window(window.paths)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.libraryLoaded, timeout=60_000):
        again.show()
    setup = add_notes(qtbot, again, tmp_path / "notes.sqlite3")
    assert setup.controller is not None
    try:
        assert any("配电网总体要求" in t
                   for t in panel_texts(setup.controller.bookmarks_panel.model))
        assert doc.title in panel_texts(setup.controller.bookmarks_panel.model)
    finally:
        again.shutdown()
        setup.close()


def test_cancelled_edit_changes_nothing(qtbot: QtBot, window: MainWindow,
                                        notes: NotesController) -> None:
    open_doc(qtbot, window, GRID)
    bookmark = notes.bookmark_here()
    assert bookmark is not None
    editor = notes.edit_note(bookmark)
    assert editor is not None and editor.label_edit is not None
    editor.label_edit.setText("不要保存")
    editor.reject()
    assert notes.store.bookmark(bookmark.id).label == bookmark.label
    assert notes.editor is None


def test_delete_key_deletes_and_undo_brings_it_back(qtbot: QtBot, window: MainWindow,
                                                    notes: NotesController) -> None:
    open_doc(qtbot, window, GRID)
    bookmark = notes.bookmark_here()
    assert bookmark is not None
    panel = notes.bookmarks_panel
    panel.select(bookmark.id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert notes.store.bookmarks() == []
    assert not panel.model.index_of(bookmark.id).isValid()
    assert "撤销" in window.status.currentMessage()

    window.activateWindow()
    window.reading.browser.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [b.id for b in notes.store.bookmarks()] == [bookmark.id]
    assert panel.model.index_of(bookmark.id).isValid()


def test_undo_brings_back_several_deletions_last_first(qtbot: QtBot, window: MainWindow,
                                                       notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    first, second = (notes.store.bookmark_clause(doc, clause) for clause in doc.clauses[:2])
    notes.refresh()
    notes.bookmarks_panel.deleteRequested.emit(first)
    notes.bookmarks_panel.deleteRequested.emit(second)
    assert notes.store.bookmarks() == []
    assert notes.undo_delete() == second
    assert [b.id for b in notes.store.bookmarks()] == [second.id]
    assert notes.undo_delete() == first
    assert {b.id for b in notes.store.bookmarks()} == {first.id, second.id}
    assert notes.undo_delete() is None


def test_orphan_is_marked_and_reattached_to_the_selection(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    bookmark = notes.bookmark_here()
    assert bookmark is not None
    # The passage is gone from the document (as after a re-import of a changed text).
    lost = Bookmark(bookmark.id, bookmark.document,
                    type(bookmark.anchor)(doc.id, None, "这段文字在新版本中已被删去并改写", "", "",
                                          5, 20), "旧条款", "", bookmark.created,
                    bookmark.updated.replace(year=bookmark.updated.year + 1))
    notes.store.merge([], [lost], [])
    open_doc(qtbot, window, WASTE)
    open_doc(qtbot, window, GRID)  # opening re-anchors

    panel = notes.bookmarks_panel
    index = panel.model.index_of(bookmark.id)
    assert index.isValid() and index.parent().data(NODE_KIND_ROLE) == ORPHANS
    assert "未能定位" in str(index.parent().data())
    assert index.data(NODE_KIND_ROLE) == NOTE

    clause = second_level_clause(doc)
    start, end = window.reading.page_map.span(clause.start, clause.start + 12)
    cursor = window.reading.browser.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.reading.browser.setTextCursor(cursor)
    assert notes.reattach(notes.store.bookmark(bookmark.id))
    fixed = notes.store.bookmark(bookmark.id)
    assert not fixed.orphan
    assert fixed.anchor.start == clause.start
    assert panel.model.index_of(bookmark.id).parent().data(NODE_KIND_ROLE) != ORPHANS


def test_context_menus_offer_the_notes_actions(qtbot: QtBot, window: MainWindow,
                                               notes: NotesController) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    shown: list[list[str]] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, read_and_close)
            return
        shown.append([action.text() for action in menu.actions()])
        menu.close()

    doc = open_doc(qtbot, window, GRID)
    outline = window.outline
    index = outline.model.index_of(second_level_clause(doc))
    outline.view.scrollTo(index)
    QTimer.singleShot(0, read_and_close)
    outline.view.customContextMenuRequested.emit(outline.view.visualRect(index).center())
    assert shown[-1] == ["添加书签", "复制本条（含出处）"]
    assert outline.current_clause() == second_level_clause(doc)

    QTimer.singleShot(0, read_and_close)
    window.reading.browser.customContextMenuRequested.emit(QPoint(40, 40))
    assert {"为所在条款添加书签", "高亮", "标注并写笔记…"} <= set(shown[-1])
    labels = [text.partition("\t")[0] for text in shown[-1]]
    assert "全选" in labels
    assert not [label for label in labels if label.isascii() and label]  # no English left
