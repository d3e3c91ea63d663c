"""The open document's highlights, drawn over the reading pane without changing the page.

Highlights are ``ExtraSelection``s handed to the reading view, so the rendered document (and
its cached page) stays exactly the text of the document. Hovering a highlight shows its note;
clicking one (without selecting text) asks for its editor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

from reader.notes.model import Annotation, AnnotationId
from reader.ui.base.plain import plain_tooltip
from reader.ui.base.themes import theme
from reader.ui.notes.notes_model import COLOUR_HEX, note_tooltip
from reader.ui.reading.reading_view import ReadingView

# A press and release further apart than this (pixels) is a drag, not a click.
CLICK_SLOP = 4
# How much of a highlight colour shows over a dark page (0–255).
DARK_ALPHA = 110


class AnnotationLayer(QObject):
    """Keep the open document's annotations and draw them on ``reading``.

    Signals:
        annotationClicked(str): a highlight was clicked with no text selected; its id.
    """

    annotationClicked = Signal(str)

    def __init__(self, reading: ReadingView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self._annotations: list[Annotation] = []
        self._press: QPoint | None = None
        reading.add_selection_source(self.selections)
        # Kept, not looked up per event: events still arrive while the window is destroyed.
        self._viewport = reading.browser.viewport()
        self._viewport.installEventFilter(self)
        self._viewport.setMouseTracking(True)

    @property
    def annotations(self) -> list[Annotation]:
        """The highlights being drawn (orphans are never drawn: they have no place)."""
        return list(self._annotations)

    def set_annotations(self, annotations: list[Annotation]) -> None:
        """Draw ``annotations`` (those of the open document) and nothing else."""
        doc = self.reading.document
        self._annotations = [
            a for a in annotations
            if not a.orphan and doc is not None and a.document.doc_id == doc.id
        ]
        self.reading.refresh_selections()

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        """Return the highlights as selections of the rendered page (called by the view)."""
        doc = self.reading.document
        if doc is None:
            return []
        dark = theme(self.reading.theme_name).name == "dark"
        page = self.reading.browser.document()
        page_map = self.reading.page_map
        out: list[QTextEdit.ExtraSelection] = []
        for annotation in self._annotations:
            if annotation.document.doc_id != doc.id:
                continue
            start, end = page_map.span(annotation.anchor.start, annotation.anchor.end)
            if end <= start:
                continue
            cursor = QTextCursor(page)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            colour = QColor(COLOUR_HEX[annotation.colour])
            if dark:
                colour.setAlpha(DARK_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            if annotation.note.strip():
                # A note is waiting under this highlight: underline it, as a hint to hover.
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor("#8a6d00"))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            out.append(selection)
        return out

    def annotation_at(self, offset: int) -> Annotation | None:
        """Return the shortest highlight covering text offset ``offset``."""
        covering = [a for a in self._annotations if a.anchor.start <= offset < a.anchor.end]
        return min(covering, key=lambda a: a.anchor.end - a.anchor.start, default=None)

    def annotation_under(self, point: QPoint) -> Annotation | None:
        """Return the highlight under a point of the reading pane's viewport, if any."""
        browser = self.reading.browser
        if self.reading.document is None:
            return None
        scrolled = QPointF(point.x() + browser.horizontalScrollBar().value(),
                           point.y() + browser.verticalScrollBar().value())
        layout = browser.document().documentLayout()
        position = layout.hitTest(scrolled, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        # The hit is the gap nearest the point: the character is before it or after it.
        cursor = browser.cursorForPosition(point)
        rect = browser.cursorRect(cursor)
        if point.x() < rect.x() and position > 0:
            position -= 1
        return self.annotation_at(self.reading.page_map.offset(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._viewport:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.annotation_under(event.pos())
            if found is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(note_tooltip(found, with_quote=False)),
                                  self.reading.browser)
                return True
            QToolTip.hideText()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            self._on_viewport_released(event)
        return super().eventFilter(watched, event)

    def _on_viewport_released(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        point = event.position().toPoint()
        if (event.button() != Qt.MouseButton.LeftButton or press is None
                or (point - press).manhattanLength() > CLICK_SLOP
                or self.reading.browser.textCursor().hasSelection()):
            return
        found = self.annotation_under(point)
        if found is not None:
            self.annotationClicked.emit(found.id)

    def find(self, annotation_id: AnnotationId | str) -> Annotation | None:
        return next((a for a in self._annotations if a.id == annotation_id), None)
