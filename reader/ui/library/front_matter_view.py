"""A compilation's front matter read in a window of its own (it is not a document)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.model import FrontPart


class FrontMatterView(QDialog):
    """Show one part of a compilation that is not a document: its cover, contents, or the
    editor's own chapter (a report's 本月要点提示), read only, its lists and tables laid out
    as the reading pane lays out a document's (``css`` and ``theme`` are the pane's).

    It never enters the reading pane: it has no 文号, no clauses, nothing to cite or note.
    """

    def __init__(self, part: FrontPart, source: str, label: str, parent: QWidget | None = None,
                 *, css: str = "", theme: str = "light") -> None:
        from reader.corpus.render import render_text_html

        super().__init__(parent)
        self.setWindowTitle(f"{source} · {label}")
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)  # the page holds no links; nothing is ever followed
        self.text.setHtml(render_text_html(part.heading, part.text or part.heading, css=css,
                                           theme=theme))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)
