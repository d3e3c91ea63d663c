"""What an import shows a person: the file dialog's filter, dropped files, the summary.

The filter lists every type the format readers take (``supported_suffixes``), named in
Chinese; dropped URLs become paths only when they are local files; the summary dialog shows
``ImportSummary.lines()`` as the core words them and offers to show the new documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.library.import_summary import ImportSummary

# The format readers' names (``FormatReader.NAME``) as a person calls the types.
_TYPE_NAMES = {"text": "文本", "pdf": "PDF", "docx": "Word", "html": "网页"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialogs", text)


def import_filter() -> str:
    """Return the file dialog's filter: all supported types, each type, all files."""
    from reader.corpus.formats import readers, supported_suffixes

    def patterns(suffixes: Sequence[str]) -> str:
        return " ".join(f"*{suffix}" for suffix in suffixes)

    parts = [f"{_tr('所有支持的文件')} ({patterns(supported_suffixes())})"]
    for reader in readers():
        name = _tr(_TYPE_NAMES.get(reader.NAME, reader.NAME.upper()))
        parts.append(f"{name} ({patterns(reader.SUFFIXES)})")
    parts.append(f"{_tr('所有文件')} (*)")
    return ";;".join(parts)


def dropped_paths(mime: QMimeData) -> list[Path]:
    """Return the local files and folders a drag carries (other URLs are never fetched)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class ImportSummaryDialog(QDialog):
    """The outcome of one import, in the core's words, with 在文库中显示 for new documents.

    Signals:
        showRequested(object): the person asked to see these document ids in the library.
    """

    showRequested = Signal(object)

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setWindowTitle(_tr("导入结果"))
        lines = summary.lines()
        self.headline = QLabel(lines[0], self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(lines[1:]))
        self.details.setVisible(len(lines) > 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_button: QPushButton | None = None
        if summary.new_ids:
            self.show_button = self.buttons.addButton(
                _tr("在文库中显示"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.show_button.clicked.connect(self._on_show_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 320 if len(lines) > 1 else 120)

    def text(self) -> str:
        """Return everything the dialog says, as shown."""
        details = self.details.toPlainText() if self.details.isVisibleTo(self) else ""
        return "\n".join(part for part in (self.headline.text(), details) if part)

    def _on_show_button_clicked(self) -> None:
        self.showRequested.emit(tuple(self.summary.new_ids))
        self.accept()
