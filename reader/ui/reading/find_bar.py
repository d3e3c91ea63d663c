"""The find-in-page bar under the reading pane (Ctrl+F, F3, Shift+F3, Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A search box for the open document with match count and next/previous buttons.

    Signals:
        queryChanged(str): the text to find changed (empty: stop highlighting).
        nextRequested(): go to the next match.
        previousRequested(): go to the previous match.
        closed(): the bar was hidden by the user.
    """

    queryChanged = Signal(str)
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("在本文中查找"))
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(70)
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("上一个"))
        self.previous_button.setToolTip(self.tr("上一个匹配 (Shift+F3)"))
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("下一个"))
        self.next_button.setToolTip(self.tr("下一个匹配 (F3)"))
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("关闭查找 (Esc)"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("查找："), self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)

        self.edit.textChanged.connect(self.queryChanged)
        self.edit.returnPressed.connect(self.nextRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.previous_button.clicked.connect(self.previousRequested)
        self.close_button.clicked.connect(self.dismiss)

    def open(self) -> None:
        """Show the bar with its text selected, ready to type."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def dismiss(self) -> None:
        """Hide the bar and stop highlighting."""
        self.hide()
        self.closed.emit()

    def query(self) -> str:
        return self.edit.text() if self.isVisible() else ""

    def show_count(self, current: int, total: int) -> None:
        """Show "current / total" (1-based), or that nothing matched."""
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("无匹配"))
        else:
            self.count.setText(f"{current + 1} / {total}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.previousRequested.emit()
            return
        super().keyPressEvent(event)
