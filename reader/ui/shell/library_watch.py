"""Noticing what another program wrote to the library while the window is open.

``reader-cli import`` (or any other process) may add documents while the window shows the
library. The library records an index generation in its store with every write; this watch
asks the library, on a worker, whether that generation moved (``catch_up``: one small query
while nothing changed) every few seconds and whenever the app comes back to the front. When
it moved, the library has already reopened its searcher and query dictionary, and the
window refreshes its tree and runs the current search again.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from reader.ui.base.tasks import TaskRunner

#: How often the store's generation is looked at while the window is open.
CHECK_INTERVAL_MS = 4000


class CatchingUp(Protocol):
    """A library that can tell whether another process changed it since it last looked."""

    def catch_up(self) -> bool: ...


class LibraryWatch(QObject):
    """Ask the library, on a worker, whether another program changed it.

    Signals:
        changed(): another program changed the library; it is ready to be read again.
    """

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._library: CatchingUp | None = None
        self._checking = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state_changed)

    def watch(self, library: CatchingUp) -> None:
        """Start watching ``library`` (the window's, once open)."""
        self._library = library
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._library = None

    def check(self) -> None:
        """Look now (one check at a time)."""
        library = self._library
        if library is None or self._checking:
            return
        self._checking = True
        self._runner.start("catch-up", lambda _progress: library.catch_up(),
                           self._on_checked, self._on_check_failed)

    def _on_checked(self, changed: object) -> None:
        self._checking = False
        if changed and self._library is not None:
            self.changed.emit()

    def _on_check_failed(self, _message: str) -> None:
        self._checking = False  # the next tick tries again; opening reports real damage

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
