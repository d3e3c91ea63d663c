"""Find in page: every match of the find bar's text in the rendered page, and the current one."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.ui.reading.find_bar import FindBar

# More matches than this are not all highlighted (a one-character query in a long text).
MAX_FIND_MATCHES = 5000


class PageFinder(QObject):
    """Search the page shown in ``browser`` for what ``bar`` holds and step through matches.

    Matching is on the page as displayed (header card included), case-insensitive, the way
    a browser's find works.

    Signals:
        matchesChanged(): the matches or the current match changed (redraw highlights).
    """

    matchesChanged = Signal()

    def __init__(self, browser: QTextBrowser, bar: FindBar, top_margin: int) -> None:
        super().__init__(bar)
        self._browser = browser
        self._bar = bar
        self._top_margin = top_margin
        self.matches: list[QTextCursor] = []
        self.current = -1
        bar.queryChanged.connect(self._on_bar_query_changed)
        bar.nextRequested.connect(self.find_next)
        bar.previousRequested.connect(self.find_previous)
        bar.closed.connect(self._on_bar_closed)

    def open(self) -> None:
        """Show the find bar and find its text again in the page."""
        self._bar.open()
        self.refind()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def refind(self) -> None:
        """Find every match anew (the query or the page changed); go to the first one on screen."""
        query = self._bar.query()
        self.matches, self.current = [], -1
        if query:
            document = self._browser.document()
            cursor = document.find(query, 0)
            while not cursor.isNull() and len(self.matches) < MAX_FIND_MATCHES:
                self.matches.append(cursor)
                cursor = document.find(query, cursor)
        if self.matches:
            self._step(+1, from_top=True)
        else:
            self._bar.show_count(-1, 0)
            self.matchesChanged.emit()

    def _step(self, direction: int, from_top: bool = False) -> None:
        if not self.matches:
            if self._bar.query():
                self.refind()
            return
        if from_top:
            here = self._browser.cursorForPosition(QPoint(0, self._top_margin + 2)).position()
            after = [i for i, c in enumerate(self.matches) if c.selectionStart() >= here]
            self.current = after[0] if after else 0
        else:
            self.current = (self.current + direction) % len(self.matches)
        self._browser.setTextCursor(QTextCursor(self.matches[self.current]))
        self._browser.ensureCursorVisible()
        self._bar.show_count(self.current, len(self.matches))
        self.matchesChanged.emit()

    def _on_bar_query_changed(self, _text: str) -> None:
        self.refind()

    def _on_bar_closed(self) -> None:
        self.matches, self.current = [], -1
        self.matchesChanged.emit()
        self._browser.setFocus()
