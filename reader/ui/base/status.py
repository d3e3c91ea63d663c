"""The status bar: what the app is doing in the background, with progress and a cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.ui.base.tasks import Task, TaskRunner


class TaskStatus(QStatusBar):
    """Show the latest followed task: a message, a progress bar and, if allowed, 取消.

    Quiet tasks (a warm-up the user did not ask for) show only a message, no progress bar.
    """

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._task: Task | None = None
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止正在进行的工作"))
        self.addPermanentWidget(self.label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        runner.taskProgressed.connect(self._on_runner_task_progressed)
        runner.taskEnded.connect(self._on_runner_task_ended)
        self._idle()

    def follow(self, task: Task, message: str, cancellable: bool = True,
               quiet: bool = False) -> Task:
        """Show ``task``'s progress until it ends; returns the task."""
        if task not in self._runner.running():
            return task  # it has already ended
        self._task = task
        self.label.setText(message)
        self.label.setVisible(True)
        self.progress.setVisible(not quiet)
        self.progress.setRange(0, 0)  # busy until the first report
        self.cancel_button.setVisible(cancellable and not quiet)
        self.cancel_button.setEnabled(True)
        return task

    def _idle(self) -> None:
        self._task = None
        self.label.clear()
        self.label.setVisible(False)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def _on_runner_task_progressed(self, task: Task, done: int, total: int, message: str) -> None:
        if task is not self._task:
            return
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.label.setText(message)

    def _on_runner_task_ended(self, task: Task) -> None:
        if task is self._task:
            self._idle()

    def _on_cancel_button_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("正在取消…"))
