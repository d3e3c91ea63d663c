"""One window per data folder: a second start brings the open window forward and ends.

Two windows on one data folder would each keep their own copy of the notes and settings
on screen and save them over each other. The first window holds a ``QLockFile`` in the data
folder (released by the system when the process dies, and taken over when stale) and
listens on a local socket. A second start finds the lock taken, asks the first window over
the socket to come to the front, tells the person so and exits.

The socket is the standard library's: a Unix domain socket in the data folder, watched by a
``QSocketNotifier``, so the bundle carries no QtNetwork (with its Kerberos and compression
libraries, 5 MB). Windows, where Python has no Unix sockets, uses QtNetwork's
``QLocalServer`` (a named pipe) instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier, Qt, Signal
from PySide6.QtWidgets import QWidget

LOCK_FILE = ".window.lock"
SOCKET_FILE = ".window.sock"
_RAISE = b"raise"
_WAIT_S = 2.0
#: Unix socket paths are limited (108 bytes on Linux, 104 on macOS, with the final NUL).
_MAX_SOCKET_PATH = 100


def server_name(data_dir: Path) -> str:
    """A short name for ``data_dir``'s socket (socket paths and pipe names are limited)."""
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"policy-reader-{digest}"


def socket_path(data_dir: Path) -> Path:
    """Where ``data_dir``'s Unix socket is: in the folder, or (for a folder whose path is too
    long for a socket) in the temp folder under :func:`server_name`."""
    inside = data_dir.resolve() / SOCKET_FILE
    if len(os.fsencode(inside)) <= _MAX_SOCKET_PATH:
        return inside
    return Path(tempfile.gettempdir()) / f"{server_name(data_dir)}.sock"


class _Channel(Protocol):
    """What carries the request to raise: a listener in the first window, a sender in the next."""

    def listen(self) -> None: ...
    def close(self) -> None: ...
    def ask_to_raise(self) -> None: ...


class SingleWindow(QObject):
    """The claim of one data folder by one window.

    Signals:
        raiseRequested(): a second start asked this window to come to the front.
    """

    raiseRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never an old one
        self._channel: _Channel = (
            _PipeChannel(server_name(data_dir), self) if sys.platform == "win32"
            else _UnixChannel(socket_path(data_dir), self)
        )

    def claim(self) -> bool:
        """Take the folder for this window; False (and the first one raised) if it is taken."""
        if not self._lock.tryLock(0):
            self._channel.ask_to_raise()
            return False
        self._channel.listen()
        return True

    def release(self) -> None:
        self._channel.close()
        self._lock.unlock()


class _UnixChannel:
    """A Unix domain socket; a request is the word ``raise`` sent by a connecting process."""

    def __init__(self, path: Path, owner: SingleWindow) -> None:
        self._path = path
        self._owner = owner
        self._server: socket.socket | None = None
        self._watchers: dict[socket.socket, QSocketNotifier] = {}

    def listen(self) -> None:
        # The lock is ours, so a socket file left here is a crashed first window's.
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(os.fsencode(self._path))
            server.listen(8)
        except OSError:  # no socket (e.g. a file system without them): one window still opens
            server.close()
            return
        server.setblocking(False)
        self._server = server
        self._watch(server, self._accept)

    def close(self) -> None:
        for connection, watcher in list(self._watchers.items()):
            watcher.setEnabled(False)
            watcher.deleteLater()
            connection.close()
        self._watchers.clear()
        if self._server is not None:
            self._server = None
            with contextlib.suppress(FileNotFoundError):
                self._path.unlink()

    def ask_to_raise(self) -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(_WAIT_S)
            with contextlib.suppress(OSError):  # no first window listening: nothing to raise
                client.connect(os.fsencode(self._path))
                client.sendall(_RAISE + b"\n")

    def _watch(self, connection: socket.socket,
               on_ready: Callable[[socket.socket], None]) -> None:
        watcher = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self._owner)
        watcher.activated.connect(lambda: on_ready(connection))
        self._watchers[connection] = watcher

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                connection, _ = server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # closed under us
                return
            connection.setblocking(False)
            self._watch(connection, self._read)

    def _read(self, connection: socket.socket) -> None:
        try:
            data = connection.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data.startswith(_RAISE):
            self._owner.raiseRequested.emit()
        if data.startswith(_RAISE) or not data:  # request read, or the sender gave up
            watcher = self._watchers.pop(connection)
            watcher.setEnabled(False)
            watcher.deleteLater()
            connection.close()


class _PipeChannel:
    """QtNetwork's local socket: a named pipe on Windows, where Python has no Unix sockets."""

    def __init__(self, name: str, owner: SingleWindow) -> None:
        from PySide6.QtNetwork import QLocalServer

        self._name = name
        self._owner = owner
        self._server: QLocalServer | None = None

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self._name)  # what a crashed first window left behind
        server = QLocalServer(self._owner)
        server.newConnection.connect(self._on_new_connection)
        server.listen(self._name)
        self._server = server

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def ask_to_raise(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        client = QLocalSocket()
        client.connectToServer(self._name)
        if client.waitForConnected(int(_WAIT_S * 1000)):
            client.write(_RAISE + b"\n")
            client.waitForBytesWritten(int(_WAIT_S * 1000))
            client.disconnectFromServer()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read(connection)

    def _read(self, connection: QObject) -> None:
        if bytes(connection.readAll().data()).startswith(_RAISE):  # type: ignore[attr-defined]
            self._owner.raiseRequested.emit()


def bring_forward(window: QWidget) -> None:
    """Show ``window`` normal and in front (what a second start asks for)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
