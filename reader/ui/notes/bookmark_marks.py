"""A mark in the page's left margin beside every bookmarked clause of the open document.

Drawn by a transparent layer over the reading pane's viewport, so the rendered page (and
its cache) stays the document's text alone, as with the highlights.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygon
from PySide6.QtWidgets import QWidget

from reader.notes.model import Bookmark
from reader.ui.reading.reading_view import ReadingView

# The ribbon's colour, width and height, and its distance from the page's left edge (pixels).
MARK_COLOUR = "#d9534f"
MARK_WIDTH, MARK_HEIGHT, MARK_LEFT = 9, 14, 8


class BookmarkMarks(QWidget):
    """Draw a small ribbon at the first line of each bookmark of the open document."""

    def __init__(self, reading: ReadingView) -> None:
        self._viewport = reading.browser.viewport()
        super().__init__(self._viewport)
        self.reading = reading
        self._bookmarks: list[Bookmark] = []
        self.setObjectName("bookmarkMarks")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setGeometry(self._viewport.rect())
        self._viewport.installEventFilter(self)
        reading.browser.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.show()

    def set_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        """Mark ``bookmarks`` (those of the open document that still have a place)."""
        doc = self.reading.document
        self._bookmarks = [b for b in bookmarks
                           if not b.orphan and doc is not None and b.document.doc_id == doc.id]
        self.update()

    def marks(self) -> list[QRect]:
        """Return where the ribbons are drawn now, in viewport coordinates, top to bottom."""
        if self.reading.document is None:
            return []
        browser = self.reading.browser
        page_map = self.reading.page_map
        out = []
        for bookmark in self._bookmarks:
            cursor = browser.textCursor()
            cursor.setPosition(page_map.position(bookmark.anchor.start))
            line = browser.cursorRect(cursor)
            top = line.center().y() - MARK_HEIGHT // 2
            rect = QRect(MARK_LEFT, top, MARK_WIDTH, MARK_HEIGHT)
            if rect.intersects(self.rect()):
                out.append(rect)
        return sorted(out, key=lambda r: r.top())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(MARK_COLOUR))
        for rect in self.marks():
            notch = QPoint(rect.center().x(), rect.bottom() - MARK_HEIGHT // 4)
            painter.drawPolygon(QPolygon([rect.topLeft(), rect.topRight(), rect.bottomRight(),
                                          notch, rect.bottomLeft()]))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._viewport.rect())
        return super().eventFilter(watched, event)

    def _on_scrolled(self, _value: int) -> None:
        # The text view scrolls its viewport's children along with the page: put it back.
        self.setGeometry(self._viewport.rect())
        self.update()
