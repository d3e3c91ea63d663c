"""One window per data folder: a second start brings the open window forward and ends.

Two windows on one data folder would each keep their own copy of the notes and settings
on screen and save them over each other. The first window holds a ``QLockFile`` in the data
folder (released by the system when the process dies, and taken over when stale) and
listens on a local socket named after the folder. A second start finds the lock taken, asks
the first window over the socket to come to the front, tells the person so and exits.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

LOCK_FILE = ".window.lock"
_RAISE = b"raise\n"
_WAIT_MS = 2000


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir`` (short: socket paths are limited)."""
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"policy-reader-{digest}"


class SingleWindow(QObject):
    """The claim of one data folder by one window.

    Signals:
        raiseRequested(): a second start asked this window to come to the front.
    """

    raiseRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never an old one
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the folder for this window; False (and the first one raised) if it is taken."""
        if not self._lock.tryLock(0):
            self._ask_first_to_raise()
            return False
        QLocalServer.removeServer(self._name)  # what a crashed first window left behind
        server = QLocalServer(self)
        server.newConnection.connect(self._on_server_new_connection)
        server.listen(self._name)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _ask_first_to_raise(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if socket.waitForConnected(_WAIT_MS):
            socket.write(_RAISE)
            socket.waitForBytesWritten(_WAIT_MS)
            socket.disconnectFromServer()

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_RAISE.strip()):
            self.raiseRequested.emit()


def bring_forward(window: QWidget) -> None:
    """Show ``window`` normal and in front (what a second start asks for)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
