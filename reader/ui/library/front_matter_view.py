"""A compilation's front matter read in a window of its own (it is not a document)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.model import FrontPart


class FrontMatterView(QDialog):
    """Show one part of a compilation that is not a document: its cover, contents, or the
    editor's own chapter (a report's 本月要点提示), as plain text, read only.

    It never enters the reading pane: it has no 文号, no clauses, nothing to cite or note.
    """

    def __init__(self, part: FrontPart, source: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{source} · {label}")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(part.text or part.heading)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)
