"""What the library tree's context menu does: copy a citation, show sources, remove a source.

Removing a compilation changes the library (on a worker, as an import does) and takes the
documents found only there with it; the window then shows the smaller library and says
which documents left, so the notes on them become orphans the user can re-attach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from reader.ui.base.tasks import Progress, Task

if TYPE_CHECKING:
    from reader.corpus.model import DocumentId, DocumentSummary
    from reader.ui.shell.main_window import MainWindow

MESSAGE_MS = 6000
D = TypeVar("D", QMessageBox, QInputDialog)


class LibraryCommands(QObject):
    """Carry out the library tree's context-menu entries for ``window``.

    Attributes:
        dialog: the question or list shown last (non-blocking; kept so it can be answered).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QMessageBox | QInputDialog | None = None
        panel = window.library_panel
        panel.citationRequested.connect(self.copy_citation)
        panel.sourcesRequested.connect(self.show_sources)
        panel.removeSourceRequested.connect(self.ask_remove_source)

    def _summary(self, doc_id: str) -> DocumentSummary | None:
        return next((s for s in self.window.library_panel.summaries() if s.id == doc_id), None)

    def copy_citation(self, doc_id: str) -> str:
        """Copy 《标题》（文号） of the document; return it (empty when unknown)."""
        from reader.notes.citation import format_citation

        summary = self._summary(doc_id)
        if summary is None:
            return ""
        text = format_citation(summary.title, summary.doc_number, None)
        QGuiApplication.clipboard().setText(text)
        self.window.show_message(self.tr("已复制出处：%1").replace("%1", text), MESSAGE_MS)
        return text

    def sources_text(self, doc_id: str) -> str:
        """Return, in words, every compilation the document was found in and where."""
        backend = self.window.backend
        summary = self._summary(doc_id)
        if backend is None or summary is None:
            return ""
        lines = [self.tr("《%1》见于：").replace("%1", summary.title)]
        for ref in backend.library.document_sources(doc_id):
            where = self.tr("%1，第 %2–%3 行").replace("%1", ref.file) \
                .replace("%2", str(ref.start_line)).replace("%3", str(ref.end_line))
            if ref.page:
                where += self.tr("，第 %1 页").replace("%1", str(ref.page))
            lines.append("· " + where)
        return "\n".join(lines)

    def show_sources(self, doc_id: str) -> QMessageBox | None:
        text = self.sources_text(doc_id)
        if not text:
            return None
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("来源"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        return self._show(box)

    def ask_remove_source(self, doc_id: str) -> QMessageBox | QInputDialog | None:
        """Ask which compilation of the document to remove (if several), then confirm."""
        backend = self.window.backend
        if backend is None:
            return None
        names = sorted({ref.file for ref in backend.library.document_sources(doc_id)})
        if len(names) == 1:
            return self.confirm_remove(names[0])
        if not names:
            return None
        chooser = QInputDialog(self.window)
        chooser.setWindowTitle(self.tr("移除汇编"))
        chooser.setLabelText(self.tr("这篇文件见于多个汇编。要从文库移除哪一个？"))
        chooser.setComboBoxItems(names)
        chooser.setOkButtonText(self.tr("下一步…"))
        chooser.setCancelButtonText(self.tr("取消"))
        chooser.textValueSelected.connect(self.confirm_remove)
        return self._show(chooser)

    def confirm_remove(self, name: str) -> QMessageBox:
        """Ask before removing the compilation ``name``; 移除 removes it."""
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("移除汇编"),
            self.tr("从文库移除汇编“%1”？\n\n只见于这个汇编的文件会一并移除；也见于其他汇编的"
                    "文件保留。这些文件上的笔记不会删除，会列为“未能定位”。").replace("%1", name),
            QMessageBox.StandardButton.Cancel, self.window)
        remove = box.addButton(self.tr("移除"), QMessageBox.ButtonRole.DestructiveRole)
        remove.clicked.connect(lambda: self.remove_source(name))
        return self._show(box)

    def remove_source(self, name: str) -> Task | None:
        """Remove the compilation ``name`` on a worker; the window shows the result."""
        backend = self.window.backend
        if backend is None:
            return None
        library = backend.library

        def work(_progress: Progress) -> tuple[DocumentId, ...]:
            return library.remove_source(name)

        def done(removed: tuple[DocumentId, ...]) -> None:
            self.window.library_edited(removed)
            self.window.show_message(self.tr("已移除汇编“%1”，%2 篇文件随之移出文库")
                                     .replace("%1", name).replace("%2", str(len(removed))),
                                     MESSAGE_MS)

        def failed(message: str) -> None:
            self.window.show_message(self.tr("没有移除：%1").replace("%1", message), MESSAGE_MS)

        task = self.window.tasks.start("remove-source", work, done, failed)
        self.window.status.follow(task, self.tr("正在移除汇编…"), cancellable=False)
        return task

    def _show(self, dialog: D) -> D:
        self.dialog = dialog
        dialog.open()
        return dialog

