"""``reader --screenshot``: drive the real window to a state, then save it as a PNG."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from reader.ui.base import texts
from reader.ui.shell.main_window import MainWindow

# Let the last layout and paint settle before grabbing.
SETTLE_MS = 150


class ScreenshotRun(QObject):
    """Wait for the library (and the search), open what was asked, grab the window, quit.

    The steps follow the window's own signals, so the picture shows exactly what a user sees
    once loading is done.
    """

    def __init__(
        self, window: MainWindow, target: Path, open_id: str | None, query: str | None,
        timeout: float,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self.open_id = open_id
        self.query = query
        self.error: str | None = None
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(int(timeout * 1000))
        self._timeout.timeout.connect(self._on_timeout_timeout)

    def start(self) -> None:
        self._timeout.start()
        self.window.libraryLoaded.connect(self._on_window_library_loaded)
        self.window.libraryFailed.connect(self._on_window_library_failed)

    def finish(self) -> int:
        """Return the exit code, telling the user on stderr what went wrong."""
        if self.error:
            print(f"reader: {self.error}", file=sys.stderr)
            return 1
        return 0

    def _fail(self, message: str) -> None:
        if self.error is None:
            self.error = message
        QCoreApplication.quit()

    def _on_window_library_loaded(self, _count: int) -> None:
        if self.open_id and not self.window.open_document(self.open_id):
            self._fail(texts.NO_SUCH_DOCUMENT.format(doc_id=self.open_id))
            return
        if self.query:
            if self.window.search_is_ready:
                self._on_window_search_ready()
            else:
                self.window.searchReady.connect(self._on_window_search_ready)
            return
        self._capture_soon()

    def _on_window_library_failed(self, message: str) -> None:
        self._fail(texts.LIBRARY_FAILED.format(message=message))

    def _on_window_search_ready(self) -> None:
        if self.window.backend is None or self.window.backend.searcher is None:
            self._fail(texts.NO_SEARCH)
            return
        self.window.searchFinished.connect(self._on_window_search_finished)
        self.window.show_search(self.query)

    def _on_window_search_finished(self, total: int) -> None:
        self.window.searchFinished.disconnect(self._on_window_search_finished)
        if self.open_id:
            # Show the asked-for document with this search's hits marked.
            self.window.open_document(self.open_id, self.query)
        elif total:
            self.window.search_panel.activate_result(0)
        self._capture_soon()

    def _capture_soon(self) -> None:
        QTimer.singleShot(SETTLE_MS, self._capture)

    def _capture(self) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        pixmap = self.window.grab()
        if pixmap.isNull() or not pixmap.save(str(self.target), "PNG"):
            self._fail(texts.CANNOT_WRITE.format(target=self.target))
            return
        QCoreApplication.quit()

    def _on_timeout_timeout(self) -> None:
        self._fail(texts.TIMED_OUT)
