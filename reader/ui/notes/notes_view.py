"""A tree of notes with the actions every notes list offers: open, edit, re-attach, delete.

The bookmarks panel, the annotations panel and the notes browser are this view over
different notes. It changes nothing itself: it says what the user asked for by signal, and
whoever owns the store does it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.notes.model import Bookmark, Note
from reader.ui.notes.notes_model import NotesModel


class _NotesTree(QTreeView):
    """A tree view on which Delete and Enter act on the current note."""

    deletePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class NotesView(QWidget):
    """Show notes grouped by document and clause; say what the user wants done with one.

    Signals:
        noteActivated(object): open the note's passage (double-click or Enter); the note.
        editRequested(object): edit the note (its colour, tags, name or note text).
        deleteRequested(object): delete the note.
        reattachRequested(object): attach the note to the text selected in the reading pane.
    """

    noteActivated = Signal(object)
    editRequested = Signal(object)
    deleteRequested = Signal(object)
    reattachRequested = Signal(object)

    def __init__(self, empty_text: str, parent: QWidget | None = None,
                 mark_bookmarks: bool = False, detailed: bool = False) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self.model = NotesModel(self, mark_bookmarks, detailed)
        self.view = _NotesTree(self)
        self.view.setModel(self.model)
        # Detailed rows are a few lines each (passage, note, tags), each cut to the width.
        self.view.setUniformRowHeights(not detailed)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setMargin(6)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 0, 4, 4)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.activated.connect(self._on_view_double_clicked)
        self.view.deletePressed.connect(self._on_view_delete_pressed)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_view_delete_pressed)
        self.set_notes([])

    def set_notes(self, notes: list[Note]) -> None:
        """Show ``notes``, keeping the current note selected if it is still there."""
        current = self.current_note()
        self.model.set_notes(notes)
        self.view.expandAll()
        self.status.setText(self._empty_text if not notes else "")
        self.status.setVisible(not notes)
        if current is not None:
            self.select(current.id)
        self._sync_buttons()

    def notes(self) -> list[Note]:
        return self.model.notes()

    def select(self, note_id: str) -> bool:
        """Make the note ``note_id`` current and show it; False when it is not listed."""
        index = self.model.index_of(note_id)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def current_note(self) -> Note | None:
        return self.model.note(self.view.currentIndex())

    def _sync_buttons(self) -> None:
        has_note = self.current_note() is not None
        self.edit_button.setEnabled(has_note)
        self.delete_button.setEnabled(has_note)

    def _on_selection_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._sync_buttons()

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        note = self.model.note(index)
        if note is not None and not note.orphan:
            self.noteActivated.emit(note)
        elif note is not None:
            self.editRequested.emit(note)  # an orphan has no place to open at

    def _on_edit_button_clicked(self) -> None:
        note = self.current_note()
        if note is not None:
            self.editRequested.emit(note)

    def _on_view_delete_pressed(self) -> None:
        note = self.current_note()
        if note is not None:
            self.deleteRequested.emit(note)

    def _on_view_custom_context_menu_requested(self, point: QPoint) -> None:
        note = self.model.note(self.view.indexAt(point))
        if note is None:
            return
        self.view.setCurrentIndex(self.view.indexAt(point))
        menu = self.context_menu(note)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def context_menu(self, note: Note) -> QMenu:
        """Return the menu of actions on ``note`` (shown on right-click)."""
        menu = QMenu(self)
        opened = menu.addAction(self.tr("打开"), lambda: self.noteActivated.emit(note))
        opened.setEnabled(not note.orphan)
        if isinstance(note, Bookmark):
            menu.addAction(self.tr("重命名…"), lambda: self.editRequested.emit(note))
            menu.addAction(self.tr("编辑笔记…"), lambda: self.editRequested.emit(note))
        else:
            menu.addAction(self.tr("编辑标注…"), lambda: self.editRequested.emit(note))
        menu.addAction(self.tr("附着到选中的文字"), lambda: self.reattachRequested.emit(note))
        menu.addSeparator()
        menu.addAction(self.tr("删除"), lambda: self.deleteRequested.emit(note))
        return menu
