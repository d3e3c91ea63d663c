"""The annotations panel: the open document's highlights and notes, edited where they are.

Each highlight is listed with its passage, its note and its tags; the current one's note and
tags can be changed below the list without a dialog, and the list follows the reading: the
first highlight at or below the top of the page becomes current as the user scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.notes.model import Annotation
from reader.ui.base.plain import plain_label
from reader.ui.notes.note_editor import parse_tags
from reader.ui.notes.notes_view import NotesView

# Lines of note text the in-place editor shows before it scrolls.
EDITOR_LINES = 4


class AnnotationsPanel(NotesView):
    """List the open document's annotations, those that lost their place last.

    Signals: those of ``NotesView``, and
        inlineSaved(object, str, object): the note and tags of an annotation were edited in
            place; the annotation, its new note, its new tags (a list).
    """

    inlineSaved = Signal(object, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent, detailed=True)
        self._empty_text = self.tr("本文还没有标注。选中文字后点击浮现的颜色，或右键点击「高亮」。")
        self._editing: Annotation | None = None
        self._reloading = False
        self.title = plain_label(QLabel(self))
        self.title.setWordWrap(True)
        self.title.setMargin(6)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.title)
        self.view.setToolTip(self.tr("双击跳到标注处；在下方直接修改笔记和标签"))
        self.view.setColumnHidden(1, True)  # a narrow side panel: the passage needs the room
        self.view.setHeaderHidden(True)

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("笔记"))
        lines = self.note_edit.fontMetrics().lineSpacing() * EDITOR_LINES
        self.note_edit.setFixedHeight(lines + 12)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("标签，用空格或逗号分隔"))
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setToolTip(self.tr("保存笔记和标签 (Ctrl+Enter)"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tags_edit, 1)
        row.addWidget(self.save_button)
        self.inline = QWidget(self)
        inline = QVBoxLayout(self.inline)
        inline.setContentsMargins(4, 0, 4, 4)
        inline.setSpacing(3)
        inline.addWidget(self.note_edit)
        inline.addLayout(row)
        layout.insertWidget(layout.count() - 1, self.inline)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.inline)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save_inline)
        self.save_button.clicked.connect(self.save_inline)
        self.note_edit.textChanged.connect(self._on_inline_changed)
        self.tags_edit.textChanged.connect(self._on_inline_changed)
        self.view.selectionModel().currentChanged.connect(self._on_current_annotation_changed)
        self.show_document(None, [])

    def show_document(self, title: str | None, annotations: list[Annotation]) -> None:
        """Show the annotations of the open document ``title`` (None: no document open)."""
        if title is None:
            self.title.setText(self.tr("未打开文件"))
        else:
            self.title.setText(self.tr("%1 · %2 条标注").replace("%1", title)
                               .replace("%2", str(len(annotations))))
        editing = self._editing.id if self._editing is not None else None
        self._reloading = True  # the list is rebuilt: its current row comes back, not changes
        try:
            self.set_notes(list(annotations))
            # One document: its notes are shown without the document's own row above them.
            self.view.setRootIndex(self.model.index(0, 0) if annotations else QModelIndex())
        finally:
            self._reloading = False
        current = self.current_note()
        if isinstance(current, Annotation) and current.id == editing and self.edited():
            self._editing = current  # the fresh copy; what is being typed stays
            self._on_inline_changed()
        else:
            self._load_inline()

    # Editing in place -------------------------------------------------------------------

    def edited(self) -> bool:
        """Tell whether the in-place editor holds changes not yet saved."""
        note = self._editing
        return note is not None and (
            self.note_edit.toPlainText().strip() != note.note.strip()
            or tuple(sorted(set(parse_tags(self.tags_edit.text())))) != tuple(note.tags))

    def save_inline(self) -> None:
        """Save what the in-place editor holds for its annotation (nothing if unchanged)."""
        note = self._editing
        if note is not None and self.edited():
            self.inlineSaved.emit(note, self.note_edit.toPlainText().strip(),
                                  parse_tags(self.tags_edit.text()))

    def _load_inline(self) -> None:
        note = self.current_note()
        self._editing = note if isinstance(note, Annotation) else None
        self.inline.setEnabled(self._editing is not None)
        for edit in (self.note_edit, self.tags_edit):
            edit.blockSignals(True)
        self.note_edit.setPlainText(self._editing.note if self._editing else "")
        self.tags_edit.setText(" ".join(self._editing.tags) if self._editing else "")
        for edit in (self.note_edit, self.tags_edit):
            edit.blockSignals(False)
        self.save_button.setEnabled(False)

    def _on_inline_changed(self) -> None:
        self.save_button.setEnabled(self.edited())

    def _on_current_annotation_changed(self, _current: QModelIndex,
                                       _previous: QModelIndex) -> None:
        if self._reloading or self.current_note() is self._editing:
            return
        self.save_inline()  # moving on never loses what was typed
        self._load_inline()

    # Following the reading --------------------------------------------------------------

    def follow(self, offset: int) -> Annotation | None:
        """Make the first annotation at or below text ``offset`` current; it, or None.

        Skipped while the in-place editor has the focus: the user is writing there.
        """
        if self.note_edit.hasFocus() or self.tags_edit.hasFocus():
            return None
        placed = sorted((n for n in self.notes() if isinstance(n, Annotation) and not n.orphan),
                        key=lambda n: n.anchor.start)
        target = next((n for n in placed if n.anchor.end >= offset), None)
        if target is None and placed:
            target = placed[-1]
        if target is not None:
            self.select(target.id)
        return target
