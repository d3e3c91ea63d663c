"""Run core work off the UI thread and hear about it by signal.

Anything that can take more than a few milliseconds (opening the library, warming up jieba,
searching, importing) runs as a ``Task`` in a ``QThreadPool``. The worker calls only the core;
its outcome comes back as a queued signal, so slots always run on the UI thread. A task can be
cancelled: the work function receives a ``Progress`` whose ``report`` raises ``Cancelled``
once the user has asked to stop.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from reader.errors import ReaderError


class Cancelled(Exception):
    """Raised inside a task's work when the user cancelled it."""


class Progress:
    """What a running task may call to report progress and notice cancellation."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop at its next report."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` steps; raise ``Cancelled`` if the user cancelled."""
        if self._cancelled.is_set():
            raise Cancelled
        self._emit(done, total, message)


class TaskSignals(QObject):
    """The signals of one task (a QRunnable cannot have signals itself).

    Signals:
        succeeded(object): the work function's return value.
        failed(str): a message for the user (a ``ReaderError``'s text, or a short summary).
        cancelled(): the task stopped because the user cancelled it.
        progressed(int, int, str): done, total and a message, from the worker.
        ended(): after any of succeeded, failed or cancelled.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    progressed = Signal(int, int, str)
    ended = Signal()


class Task(QRunnable):
    """One unit of background work: ``work(progress)`` runs on a pool thread."""

    def __init__(self, name: str, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.name = name
        self.signals = TaskSignals()
        self.progress = Progress(self.signals.progressed.emit)
        self._work = work
        self.setAutoDelete(False)

    def cancel(self) -> None:
        """Ask the task to stop; it ends with ``cancelled`` at its next progress report."""
        self.progress.cancel()

    def run(self) -> None:
        """Run the work and report its outcome by signal (called by the pool)."""
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except ReaderError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # a worker must never take the app down
            traceback.print_exc()
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            if self.progress.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        self.signals.ended.emit()


class TaskRunner(QObject):
    """Start tasks on a thread pool and keep them alive until they end.

    Everything that listens to a task is connected before the task starts: a fast task can
    end before ``start`` returns, and a signal emitted before a connection is never delivered.

    Signals:
        busyChanged(bool): whether any task is running.
        taskProgressed(object, int, int, str): a task, done, total and a message.
        taskEnded(object): a task ended; sent before its succeeded, failed or cancelled
            callbacks run.
    """

    busyChanged = Signal(bool)
    taskProgressed = Signal(object, int, int, str)
    taskEnded = Signal(object)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool(self)
        self._running: list[Task] = []

    def start(
        self,
        name: str,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        priority: int = 0,
    ) -> Task:
        """Run ``work`` in the pool; the callbacks run on the UI thread.

        Queued tasks of higher ``priority`` start first; equal ones in the order given.
        """
        task = Task(name, work)
        # Forgotten before any callback runs: a callback that announces the outcome finds the
        # runner (and the status bar that follows it) already past the task.
        for outcome in (task.signals.succeeded, task.signals.failed, task.signals.cancelled):
            outcome.connect(lambda *_args: self._forget(task))
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        if on_failure is not None:
            task.signals.failed.connect(on_failure)
        if on_cancel is not None:
            task.signals.cancelled.connect(on_cancel)
        task.signals.progressed.connect(
            lambda done, total, message: self.taskProgressed.emit(task, done, total, message)
        )
        task.signals.ended.connect(lambda: self._forget(task))
        self._running.append(task)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        self._pool.start(task, priority)
        return task

    def set_max_threads(self, count: int | None) -> None:
        """Run at most ``count`` tasks at once (None: one per core); queued tasks wait."""
        self._pool.setMaxThreadCount(count if count else QThread.idealThreadCount())

    def running(self) -> list[Task]:
        """Return the tasks that have not ended yet."""
        return list(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the pool to finish its work (at shutdown and in tests)."""
        return self._pool.waitForDone(msecs)

    def _forget(self, task: Task) -> None:
        if task in self._running:
            self._running.remove(task)
            self.taskEnded.emit(task)
            if not self._running:
                self.busyChanged.emit(False)
