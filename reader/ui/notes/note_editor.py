"""The dialog for a note: an annotation's colour, note and tags, or a bookmark's name and note.

The dialog only collects what the user typed; whoever opened it saves when it is accepted,
so nothing is written while the user is still deciding.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.notes.model import Colour
from reader.ui.base.plain import plain_label
from reader.ui.notes.notes_model import COLOUR_HEX, first_words

# The dialog's result when the user chose 删除 (accepted and rejected are 1 and 0).
DELETE_RESULT = 2
_TAG_SEPARATORS = re.compile(r"[\s,，、;；#]+")


def parse_tags(text: str) -> list[str]:
    """Split what the user typed into tags: spaces, commas, 、 or # separate them."""
    return [tag for tag in _TAG_SEPARATORS.split(text) if tag]


class TagCompleter(QCompleter):
    """Complete the tag being typed (the last one), keeping the tags before it."""

    def __init__(self, tags: list[str], edit: QLineEdit) -> None:
        super().__init__(tags, edit)
        self._edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @staticmethod
    def _head(text: str) -> str:
        cut = max((m.end() for m in _TAG_SEPARATORS.finditer(text)), default=0)
        return text[:cut]

    def splitPath(self, path: str) -> list[str]:
        return [path[len(self._head(path)):]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return self._head(self._edit.text()) + str(index.data())


def colour_icon(colour: Colour, size: int = 14) -> QIcon:
    """Return a small square of a highlight colour, for buttons and menus."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(COLOUR_HEX[colour]))
    return QIcon(pixmap)


class NoteEditor(QDialog):
    """Ask for an annotation's colour, note and tags, or a bookmark's label and note.

    Build it with ``for_annotation`` or ``for_bookmark``. ``result()`` is ``Accepted`` to save,
    ``DELETE_RESULT`` when the user asked to delete the note, ``Rejected`` to leave it as it was.

    Attributes:
        saver: called when the user chooses 保存; the dialog closes only if it returns True,
            so a save that failed leaves everything typed in place.
        deleter: the same for 删除.
    """

    def __init__(self, quote: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.colour_buttons: dict[Colour, QToolButton] = {}
        self.colour_group = QButtonGroup(self)
        self.label_edit: QLineEdit | None = None
        self.tags_edit: QLineEdit | None = None
        self.saver: Callable[[], bool] | None = None
        self.deleter: Callable[[], bool] | None = None

        self.quote_label = plain_label(QLabel(self))
        self.quote_label.setText(f"“{first_words(quote, 200)}”")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("写下你的笔记（可不填）"))
        self.note_edit.setTabChangesFocus(True)
        self.form = QFormLayout()

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("保存"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.hide()
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    @classmethod
    def for_annotation(cls, quote: str, colour: Colour = Colour.YELLOW, note: str = "",
                       tags: tuple[str, ...] = (), known_tags: list[str] | None = None,
                       existing: bool = False, parent: QWidget | None = None) -> NoteEditor:
        """Return the editor of a highlight; ``existing`` offers 删除."""
        editor = cls(quote, "", parent)
        editor.setWindowTitle(editor.tr("编辑标注") if existing else editor.tr("添加标注"))
        row = QHBoxLayout()
        row.setSpacing(4)
        for value in Colour:
            button = QToolButton(editor)
            button.setCheckable(True)
            button.setIcon(colour_icon(value))
            button.setText(value.label)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setChecked(value == colour)
            editor.colour_group.addButton(button)
            editor.colour_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        editor.colour_group.setExclusive(True)
        editor.form.addRow(editor.tr("颜色"), row)
        editor.form.addRow(editor.tr("笔记"), editor.note_edit)
        editor.tags_edit = QLineEdit(" ".join(tags), editor)
        editor.tags_edit.setPlaceholderText(editor.tr("用空格或逗号分隔，例如：补贴 申报"))
        if known_tags:
            editor.tags_edit.setCompleter(TagCompleter(known_tags, editor.tags_edit))
        editor.form.addRow(editor.tr("标签"), editor.tags_edit)
        editor.note_edit.setPlainText(note)
        editor.delete_button.setVisible(existing)
        editor.note_edit.setFocus()
        return editor

    @classmethod
    def for_bookmark(cls, quote: str, label: str, note: str = "",
                     parent: QWidget | None = None) -> NoteEditor:
        """Return the editor of a bookmark's name and note."""
        editor = cls(quote, "", parent)
        editor.setWindowTitle(editor.tr("编辑书签"))
        editor.label_edit = QLineEdit(label, editor)
        editor.label_edit.setPlaceholderText(editor.tr("书签名称"))
        editor.form.addRow(editor.tr("名称"), editor.label_edit)
        editor.form.addRow(editor.tr("笔记"), editor.note_edit)
        editor.note_edit.setPlainText(note)
        editor.delete_button.show()
        editor.label_edit.textChanged.connect(editor._on_label_edit_text_changed)
        return editor

    def colour(self) -> Colour:
        for value, button in self.colour_buttons.items():
            if button.isChecked():
                return value
        return Colour.YELLOW

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def tags(self) -> list[str]:
        return parse_tags(self.tags_edit.text()) if self.tags_edit is not None else []

    def label(self) -> str:
        return self.label_edit.text().strip() if self.label_edit is not None else ""

    def _on_label_edit_text_changed(self, text: str) -> None:
        self.save_button.setEnabled(bool(text.strip()))  # a bookmark needs a name

    def accept(self) -> None:
        if self.saver is None or self.saver():
            super().accept()

    def _on_delete_button_clicked(self) -> None:
        if self.deleter is None or self.deleter():
            self.done(DELETE_RESULT)
