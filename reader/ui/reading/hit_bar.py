"""The bar above the reading pane while search hits are marked: where we are, next, previous."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class HitBar(QWidget):
    """Show "命中 3 / 12 处" with buttons to step through the hits or stop marking them.

    Signals:
        nextRequested(): go to the next hit.
        previousRequested(): go to the previous hit.
        clearRequested(): stop marking hits.
    """

    nextRequested = Signal()
    previousRequested = Signal()
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("上一处"))
        self.previous_button.setToolTip(self.tr("上一处命中 (Ctrl+,)"))
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("下一处"))
        self.next_button.setToolTip(self.tr("下一处命中 (Ctrl+.)"))
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip(self.tr("清除命中高亮"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.clear_button)
        self.previous_button.clicked.connect(self.previousRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.clear_button.clicked.connect(self.clearRequested)
        self.hide()

    def show_position(self, current: int, total: int) -> None:
        """Show hit ``current`` (0-based) of ``total``."""
        self.label.setText(self.tr("命中 %1 / %2 处").replace("%1", str(current + 1))
                           .replace("%2", str(total)))
        self.show()
