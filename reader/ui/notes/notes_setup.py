"""Open the user's notes on a worker and give the window its bookmarks and annotations.

The notes package imports the corpus (for clause lookup and anchoring), which takes a
noticeable part of a second; so, like the library, the store opens on a worker after the
window has painted, and the notes' panels and menu join the window when it is open.
Nothing here imports ``reader.notes`` on the UI thread before then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from reader.notes import NotesStore
    from reader.ui.base.tasks import Progress
    from reader.ui.notes.host import NotesHost
    from reader.ui.notes.notes_controller import NotesController
    from reader.ui.notes.notes_menu import NotesActions

StoreOpener = Callable[[], "NotesStore"]


class NotesSetup(QObject):
    """Open the store, then build the notes' controller and actions for the window ``host``.

    When the store cannot be opened (a database from a newer version of the app, an
    unreadable file) the library works as before and the user is told once, in plain words,
    that notes are unavailable and why; the file is left as it was.

    Attributes:
        controller, actions: set once the store is open.
        store: the open store (the caller closes it at exit with ``close``).
        problem: the message shown when notes are unavailable.
        notice: the message box shown at start-up, if any.

    Signals:
        ready(): the notes are in the window (``controller`` is set).
        unavailable(str): the store could not be opened; the message shown.
    """

    ready = Signal()
    unavailable = Signal(str)

    def __init__(self, host: NotesHost, opener: StoreOpener) -> None:
        super().__init__(host.host_widget())
        self.host = host
        self.store: NotesStore | None = None
        self.controller: NotesController | None = None
        self.actions: NotesActions | None = None
        self.problem: str | None = None
        self.notice: QMessageBox | None = None
        self._opener = opener

    def start(self) -> None:
        """Open the store on a worker; ``ready`` or ``unavailable`` follows."""

        def work(_progress: Progress) -> NotesStore:
            return self._opener()

        self.host.tasks.start("notes", work, self._on_store_opened, self._on_store_failed)

    def close(self) -> None:
        """Close the store (at exit, after the window has shut down)."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def _on_store_opened(self, store: NotesStore) -> None:
        from reader.ui.notes.notes_controller import NotesController
        from reader.ui.notes.notes_menu import NotesActions

        self.store = store
        self.controller = NotesController(self.host, store)
        self.actions = NotesActions(self.controller)
        recovery = store.recovery
        if recovery is not None:
            self._tell(QMessageBox.Icon.Information, self.tr(
                "笔记文件已损坏，无法读取（%1）。\n\n"
                "旧文件没有删除，已另存为：\n%2\n\n"
                "已新建一个空的笔记文件，新的书签和标注会保存在这里。"
            ).replace("%1", recovery.reason).replace("%2", str(recovery.kept_at)))
        self.ready.emit()

    def _on_store_failed(self, message: str) -> None:
        self.problem = self.tr(
            "书签和标注暂不可用：笔记文件无法打开。文件没有被改动，文库和检索照常可用。\n\n"
            "原因：%1"
        ).replace("%1", message)
        self._tell(QMessageBox.Icon.Warning, self.problem)
        self.unavailable.emit(self.problem)

    def _tell(self, icon: QMessageBox.Icon, message: str) -> None:
        self.notice = QMessageBox(icon, self.tr("笔记"), message, QMessageBox.StandardButton.Ok,
                                  self.host.host_widget())
        self.host.show_message(message.split("\n", 1)[0], 10000)
        # Shown once the window is on screen, not over a window still being laid out.
        QTimer.singleShot(0, self.notice.open)


def install_notes(host: NotesHost, opener: StoreOpener) -> NotesSetup:
    """Give the window ``host`` the user's notes, opened by ``opener`` on a worker thread."""
    setup = NotesSetup(host, opener)
    setup.start()
    return setup
