"""Importing files into the library from the window: a background task with progress and
cancel, each file all-or-nothing (the library guarantees it), then a summary of what came.

The work is ``reader.library.import_paths``, the command line's: the window counts nothing
itself, and shows the summary's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.ui.base.plain import plain_warning
from reader.ui.base.status import TaskStatus
from reader.ui.base.tasks import Cancelled, Progress, Task, TaskRunner
from reader.ui.library.import_dialogs import ImportSummaryDialog, import_filter

if TYPE_CHECKING:
    from reader.library.import_summary import ImportSummary
    from reader.library.library import ImportReport, Library
    from reader.ui.base.backend import DocumentLibrary

# Called on the import's worker right after each file is in the library, with what the
# library reported (an ``ImportReport``) and the library; the notes follow imports so.
ImportFollower = Callable[[Any, "DocumentLibrary"], None]
# Steps of the status bar's progress for one file of a run.
FILE_STEPS = 100


def library_changed(summary: ImportSummary) -> bool:
    """Tell whether the library was written: new documents, or a file's new text.

    ``summary.changed`` counts only new documents; a re-imported file whose documents keep
    their ids but not their text (or leave) changed the library too, and its notes moved.
    """
    return summary.changed or any(not report.unchanged for report in summary.reports)


class Importer(QObject):
    """Run imports of files or folders and say how they went.

    Each follower (``add_follower``) hears of every file on the worker, as soon as the file
    is in the library and before the next begins: what follows a file (the notes) is done
    when ``imported`` is sent, and a cancel never falls between a file and its followers.

    Signals:
        imported(int): the library changed; this many documents are new in it.
        summarized(object): the ``ImportSummary`` of a run that was not refused.
        showRequested(object): the person asked to see these new document ids.
        finished(): an import run ended, however it ended.
    """

    imported = Signal(int)
    summarized = Signal(object)
    showRequested = Signal(object)
    finished = Signal()

    def __init__(self, runner: TaskRunner, status: TaskStatus, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status = status
        self._parent = parent
        self._task: Task | None = None
        self._done: list[str] = []
        self._followers: list[ImportFollower] = []
        self._summary: ImportSummary | None = None
        self.last_summary: ImportSummary | None = None
        self.summary_dialog: ImportSummaryDialog | None = None

    def add_follower(self, follower: ImportFollower) -> None:
        """Call ``follower(report, library)`` on the worker after each file is imported."""
        self._followers.append(follower)

    @property
    def running(self) -> bool:
        return self._task is not None

    def choose_files(self, library: DocumentLibrary) -> None:
        """Ask for files and import them."""
        files, _ = QFileDialog.getOpenFileNames(self._parent, self.tr("导入文件"), "",
                                                import_filter())
        if files:
            self.start(library, [Path(name) for name in files])

    def choose_folder(self, library: DocumentLibrary) -> None:
        """Ask for a folder and import every supported file inside it."""
        folder = QFileDialog.getExistingDirectory(self._parent, self.tr("导入文件夹"))
        if folder:
            self.start(library, [Path(folder)])

    def start(self, library: DocumentLibrary, paths: Sequence[Path]) -> Task | None:
        """Import ``paths`` on a worker; returns the task (None if one is already running)."""
        if self._task is not None:
            return None
        done = self._done = []
        followers = list(self._followers)
        self._summary = None

        def after_file(report: ImportReport) -> None:
            # On the worker, as soon as the file is committed: a cancel cannot come between.
            done.append(report.source)
            for follower in followers:
                follower(report, library)

        def work(progress: Progress) -> ImportSummary:
            from reader.library.import_summary import import_paths

            # The bar counts the whole run, FILE_STEPS to a file; a file's own steps (pages,
            # the commit) move it within the file's share, and the words name both.
            prefix = [""]
            place = [0, 0]  # the file's number and the run's count of files

            def emit(done_steps: int, steps: int, message: str) -> None:
                # Only tell: the import itself asks ``cancelled`` between files and pages
                # and keeps what it committed, so a cancel must not be raised into it.
                with suppress(Cancelled):
                    progress.report(done_steps, steps, message)

            def on_file(number: int, count: int, path: Path) -> None:
                place[:] = [number, count]
                prefix[0] = self.tr("正在导入 %1（第 %2/%3 个文件）").replace("%1", path.name) \
                    .replace("%2", str(number)).replace("%3", str(count))
                emit((number - 1) * FILE_STEPS, count * FILE_STEPS, prefix[0])

            def step(message: str, done_steps: int, steps: int) -> None:
                number, count = place
                detail = f"{message} {done_steps}/{steps}" if steps else message
                if not count:
                    emit(0, 0, detail)
                    return
                within = FILE_STEPS * min(done_steps, steps) // steps if steps else 0
                emit((number - 1) * FILE_STEPS + within, count * FILE_STEPS,
                     f"{prefix[0]}：{detail}")

            summary = import_paths(cast("Library", library), paths, progress=step,
                                   on_file=on_file, after_file=after_file,
                                   cancelled=lambda: progress.cancelled)
            self._summary = summary  # a cancelled task reports no value: keep it here
            return summary

        task = self._runner.start("import", work, self._on_task_succeeded, self._on_task_failed,
                                  self._on_task_cancelled)
        self._task = task
        self._status.follow(task, self.tr("正在导入…"), cancellable=True)
        return task

    def _on_task_succeeded(self, summary: ImportSummary) -> None:
        self._end()
        self._conclude(summary)

    def _on_task_failed(self, message: str) -> None:
        self._end()
        if self._done:
            self._announce(len(self._done))
        plain_warning(self._parent, self.tr("导入失败"), message)

    def _on_task_cancelled(self) -> None:
        self._end()
        summary = self._summary
        if summary is None:  # cancelled before the import began
            from reader.library.import_summary import ImportSummary

            summary = ImportSummary(cancelled=True)
        self._conclude(summary)

    def _conclude(self, summary: ImportSummary) -> None:
        """Say how the import went: the status bar, the summary dialog, the library changed."""
        self.last_summary = summary
        self._status.showMessage(summary.headline(), 10000)
        if library_changed(summary):
            self._announce(len(summary.new_ids))
        self.summarized.emit(summary)
        if self.summary_dialog is not None:  # one summary at a time: the last run's
            self.summary_dialog.close()
            self.summary_dialog.deleteLater()
        dialog = self.summary_dialog = ImportSummaryDialog(summary, self._parent)
        dialog.showRequested.connect(self.showRequested)
        dialog.open()

    def _announce(self, count: int) -> None:
        """Say that the library changed, ``count`` documents new (on the UI thread)."""
        self.imported.emit(count)

    def _end(self) -> None:
        """Be ready for the next import before anyone hears how this one went.

        The outcome's listeners (the window refreshing its tree, a test, a user's next
        drop) may start another import at once; the worker has finished with the library
        by the time its outcome is delivered, so nothing runs twice.
        """
        self._task = None
        self.finished.emit()

