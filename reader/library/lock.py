"""The library's write lock: one writer at a time across every process on the data folder.

SQLite serialises single transactions, but an import is more than one: it reads the store,
segments, writes the Whoosh index, commits the store and merges the query dictionary. Two
processes doing that at once (the window and ``reader-cli``, or two ``reader-cli import``)
would each read the other's files stale. ``WriteLock`` is an advisory lock on a small file in
the library folder, held for the whole write: ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows. The operating system releases it when the process dies, so a crashed or killed writer
never leaves the library locked; the file itself stays and means nothing when unlocked.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.errors import DataError

LOCK_FILE = ".write.lock"
#: How long a writer waits for another before giving up with a message.
WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.1

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WriteLock:
    """The library folder's write lock; re-entrant within one thread.

    ``on_wait`` hears once, in words, that another program is writing and this one waits.
    """

    def __init__(self, directory: Path, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = directory / LOCK_FILE
        self._on_wait = on_wait or (lambda message: None)
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def held(self, timeout: float = WAIT_SECONDS) -> Iterator[None]:
        """Hold the lock for the block, waiting up to ``timeout`` seconds for another writer.

        Raises:
            DataError: another program kept the library locked for longer than ``timeout``.
        """
        with self._thread_lock:
            if self._depth == 0:
                self._fd = self._acquire(timeout)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    fd, self._fd = self._fd, None
                    try:
                        _unlock(fd)
                    finally:
                        os.close(fd)

    def _acquire(self, timeout: float) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + timeout
        told = False
        try:
            while not _try_lock(fd):
                if not told:
                    self._on_wait("另一个程序正在写入文档库，等它完成后继续…")
                    told = True
                if time.monotonic() >= deadline:
                    raise DataError(
                        f"文档库正被另一个程序写入，等待 {timeout:.0f} 秒后仍未结束；"
                        "请等它完成后重试。"
                    )
                time.sleep(_POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def is_held_elsewhere(self) -> bool:
        """Return True when another process (or lock object) holds the lock right now."""
        if self._depth:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            if _try_lock(fd):
                _unlock(fd)
                return False
            return True
        finally:
            os.close(fd)
