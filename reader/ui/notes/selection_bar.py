"""The small bar that floats under selected text: five colours, a note, copy with citation.

It appears once a selection is made (the mouse released, or keys moved the selection) and
goes as soon as nothing is selected, so highlighting takes one click where the reading is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QToolButton

from reader.notes import Colour
from reader.ui.notes.note_editor import colour_icon
from reader.ui.reading.reading_view import ReadingView

# Pixels between the selection's last line and the bar, and from the pane's edges.
GAP = 6


class SelectionBar(QFrame):
    """Float over ``reading``'s page under the selection and say what the user chose.

    Signals:
        colourChosen(object): highlight the selection in this ``Colour``.
        noteRequested(): highlight the selection and write a note.
        copyRequested(): copy the selection with its citation.
    """

    colourChosen = Signal(object)
    noteRequested = Signal()
    copyRequested = Signal()

    def __init__(self, reading: ReadingView) -> None:
        self._viewport = reading.browser.viewport()
        super().__init__(self._viewport)
        self.reading = reading
        self.setObjectName("selectionBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 2, 3, 2)
        layout.setSpacing(1)
        self.colour_buttons: dict[Colour, QToolButton] = {}
        for colour in Colour:
            button = self._button("", self.tr("%1高亮").replace("%1", colour.label))
            button.setIcon(colour_icon(colour, 16))
            button.clicked.connect(lambda _checked=False, c=colour: self.colourChosen.emit(c))
            self.colour_buttons[colour] = button
        self.note_button = self._button(self.tr("笔记…"), self.tr("高亮并写笔记 (Ctrl+Shift+H)"))
        self.note_button.clicked.connect(self.noteRequested)
        self.copy_button = self._button(self.tr("复制出处"),
                                        self.tr("复制选中的文字及其出处 (Ctrl+Shift+C)"))
        self.copy_button.clicked.connect(self.copyRequested)
        self.hide()
        reading.browser.selectionChanged.connect(self._on_browser_selection_changed)
        reading.browser.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._viewport.installEventFilter(self)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the selection keeps the focus
        layout = self.layout()
        assert layout is not None
        layout.addWidget(button)
        return button

    def sync(self) -> None:
        """Show the bar under the selection, or hide it when nothing is selected."""
        if self.reading.selection_offsets() is None:
            self.hide()
            return
        browser = self.reading.browser
        cursor = browser.textCursor()
        end = browser.textCursor()
        end.setPosition(cursor.selectionEnd())
        line = browser.cursorRect(end)
        self.adjustSize()
        area = self._viewport.rect()
        x = min(max(GAP, line.left() - self.width() // 2), area.width() - self.width() - GAP)
        y = line.bottom() + GAP
        if y + self.height() > area.height() - GAP:  # no room below: above the line
            start = browser.textCursor()
            start.setPosition(cursor.selectionStart())
            y = browser.cursorRect(start).top() - self.height() - GAP
        if y < 0 or y > area.height():
            self.hide()  # the selection has scrolled out of sight
            return
        self.move(QPoint(max(x, 0), y))
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() in (
                QEvent.Type.MouseButtonRelease, QEvent.Type.Resize):
            self.sync()
        return super().eventFilter(watched, event)

    def _on_browser_selection_changed(self) -> None:
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self.hide()  # still dragging: shown once the mouse is released
        else:
            self.sync()

    def _on_scrolled(self, _value: int) -> None:
        if self.isVisible() or self.reading.selection_offsets() is not None:
            self.sync()

