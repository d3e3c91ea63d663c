"""Importing files into the library from the window: a background task with progress and
cancel, each file all-or-nothing (the library guarantees it), the tree refreshed after."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.ui.base.status import TaskStatus
from reader.ui.base.tasks import Progress, Task, TaskRunner

if TYPE_CHECKING:
    from reader.ui.base.backend import DocumentLibrary

IMPORT_FILTER = "文本文件 (*.txt *.md);;所有文件 (*)"
# Called on the import's worker right after each file is in the library, with what the
# library reported (an ``ImportReport``) and the library; the notes follow imports so.
ImportFollower = Callable[[Any, "DocumentLibrary"], None]


class Importer(QObject):
    """Run imports of files or folders and say how they went.

    Each follower (``add_follower``) hears of every file on the worker, as soon as the file
    is in the library and before the next begins: what follows a file (the notes) is done
    when ``imported`` is sent, and a cancel never falls between a file and its followers.

    Signals:
        imported(int): files were imported (this many); the library changed.
        finished(): an import run ended, however it ended.
    """

    imported = Signal(int)
    finished = Signal()

    def __init__(self, runner: TaskRunner, status: TaskStatus, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status = status
        self._parent = parent
        self._task: Task | None = None
        self._done: list[str] = []
        self._followers: list[ImportFollower] = []

    def add_follower(self, follower: ImportFollower) -> None:
        """Call ``follower(report, library)`` on the worker after each file is imported."""
        self._followers.append(follower)

    @property
    def running(self) -> bool:
        return self._task is not None

    def choose_files(self, library: DocumentLibrary) -> None:
        """Ask for files and import them."""
        files, _ = QFileDialog.getOpenFileNames(self._parent, self.tr("导入文件"), "",
                                                self.tr(IMPORT_FILTER))
        if files:
            self.start(library, [Path(name) for name in files])

    def choose_folder(self, library: DocumentLibrary) -> None:
        """Ask for a folder and import the .txt and .md files inside it."""
        folder = QFileDialog.getExistingDirectory(self._parent, self.tr("导入文件夹"))
        if folder:
            self.start(library, [Path(folder)])

    def start(self, library: DocumentLibrary, paths: Sequence[Path]) -> Task | None:
        """Import ``paths`` on a worker; returns the task (None if one is already running)."""
        if self._task is not None:
            return None
        from reader.library.library import expand_paths

        done = self._done = []
        followers = list(self._followers)

        def work(progress: Progress) -> list[str]:
            files = expand_paths(paths)
            for number, path in enumerate(files):
                prefix = self.tr("正在导入 %1（%2/%3）").replace("%1", path.name) \
                    .replace("%2", str(number + 1)).replace("%3", str(len(files)))

                def report(_message: str, step: int, steps: int, prefix: str = prefix) -> None:
                    # A cancel is honoured while a file is in progress; once the library
                    # reports the file complete it has been committed and stays.
                    if step < steps or steps == 0:
                        progress.report(step, steps, prefix)

                progress.report(0, 0, prefix)
                result = library.add_file(path, report)
                done.append(path.name)
                for follower in followers:
                    follower(result, library)
            return done

        task = self._runner.start("import", work, self._on_task_succeeded, self._on_task_failed,
                                  self._on_task_cancelled)
        self._task = task
        self._status.follow(task, self.tr("正在导入…"), cancellable=True)
        return task

    def _on_task_succeeded(self, names: list[str]) -> None:
        self._end()
        self._status.showMessage(
            self.tr("已导入 %1 个文件").replace("%1", str(len(names))), 8000)
        self._announce(len(names))

    def _on_task_failed(self, message: str) -> None:
        self._end()
        if self._done:
            self._announce(len(self._done))
        QMessageBox.warning(self._parent, self.tr("导入失败"), message)

    def _on_task_cancelled(self) -> None:
        self._end()
        count = len(self._done)
        self._status.showMessage(
            self.tr("已取消导入；此前完成的 %1 个文件已保留，其余未作改动").replace("%1", str(count)),
            10000)
        if count:
            self._announce(count)

    def _announce(self, count: int) -> None:
        """Say that ``count`` files were imported (on the UI thread)."""
        self.imported.emit(count)

    def _end(self) -> None:
        """Be ready for the next import before anyone hears how this one went.

        The outcome's listeners (the window refreshing its tree, a test, a user's next
        drop) may start another import at once; the worker has finished with the library
        by the time its outcome is delivered, so nothing runs twice.
        """
        self._task = None
        self.finished.emit()

