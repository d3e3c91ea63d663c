"""对照阅读: two versions of a law side by side, article by article, with the changes marked.

The rows come from ``reader.library.compare`` (articles matched by their words, so an
article renumbered by an insertion still faces its old self). Words only the newer text
has are marked as inserted, words only the older has as removed; a row says 新增, 删除 or
修改, and 原第四条 where the number changed. The third column holds the notes the user made
on the older text, beside the article they belong to now. Every piece of text is escaped:
the only markup is the table written here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from reader.library.compare import (
    ADDED,
    CHANGED,
    DELETED,
    INSERTED,
    REMOVED,
    SAME,
    Comparison,
    Piece,
    Row,
)
from reader.ui.base.plain import plain_label
from reader.ui.base.themes import theme

if TYPE_CHECKING:
    from reader.corpus.model import DocumentSummary
    from reader.notes import Note

KIND_WORDS = {SAME: "", CHANGED: "修改", ADDED: "新增", DELETED: "删除"}
# (inserted background, removed background, note background) for light and dark pages.
_MARKS = {False: ("#c8efc8", "#f6c9c9", "#fff4c2"), True: ("#1f4d2a", "#5a2626", "#4a4220")}


def note_text(note: Note) -> str:
    """Return a note as the compare view lists it: what it marks and what was written."""
    from reader.notes import Bookmark

    label = note.label if isinstance(note, Bookmark) else None
    words = f"书签：{label}" if label is not None else f"标注：“{note.anchor.quote}”"
    return f"{words}\n{note.note}" if note.note else words


class CompareView(QWidget):
    """A window with two versions of one work, the older left, and the older's notes.

    Attributes:
        comparison: the rows shown.
        notes_by_row: the older text's notes placed in each row (by row number).
        loose_notes: notes of the older text outside every article.
    """

    def __init__(self, comparison: Comparison, old: DocumentSummary, new: DocumentSummary,
                 notes: Sequence[Note] = (), theme_name: str = "light",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.comparison = comparison
        self._old, self._new = old, new
        self._theme = theme(theme_name)
        self.setWindowTitle(self.tr("对照阅读 — %1").replace("%1", new.title))
        self.notes_by_row: dict[int, list[Note]] = {}
        self.loose_notes: list[Note] = []
        for note in notes:
            row = _row_number(comparison, note.anchor.start) if not note.orphan else None
            if row is None:
                self.loose_notes.append(note)
            else:
                self.notes_by_row.setdefault(row, []).append(note)

        self.heading = plain_label(QLabel(self))
        self.heading.setWordWrap(True)
        self.heading.setText(self.tr("《%1》：%2 与 %3 两个文本逐条对照")
                             .replace("%1", new.title).replace("%2", _when(old))
                             .replace("%3", _when(new)))
        self.counts = plain_label(QLabel(self))
        self.counts.setObjectName("compareCounts")
        self.changes_only = QCheckBox(self.tr("只看有改动的条文"), self)
        self.changes_only.toggled.connect(self._on_changes_only_toggled)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("comparePane")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.changes_only)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self._show_counts()
        self._render()
        self.resize(1100, 720)

    def shown_rows(self) -> list[Row]:
        """Return the rows on the page now, in order."""
        only = self.changes_only.isChecked()
        return [row for row in self.comparison.rows if not (only and row.kind == SAME)]

    def table(self) -> QTextTable:
        """Return the page's table (row 0 is the heading row)."""
        frame = self.browser.document().rootFrame()
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                return child
        raise LookupError("the compare page has no table")

    def cell_text(self, row: int, column: int) -> str:
        """Return what the page shows in a cell of the table."""
        cell = self.table().cellAt(row, column)
        cursor = cell.firstCursorPosition()
        cursor.setPosition(cell.lastCursorPosition().position(), cursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def _show_counts(self) -> None:
        counts = self.comparison.counts()
        notes = sum(len(found) for found in self.notes_by_row.values()) + len(self.loose_notes)
        parts = [self.tr("修改 %1 条").replace("%1", str(counts[CHANGED])),
                 self.tr("新增 %1 条").replace("%1", str(counts[ADDED])),
                 self.tr("删除 %1 条").replace("%1", str(counts[DELETED])),
                 self.tr("未变 %1 条").replace("%1", str(counts[SAME])),
                 self.tr("旧文本上的笔记 %1 条").replace("%1", str(notes))]
        self.counts.setText("　".join(parts))

    def _render(self) -> None:
        inserted, removed, noted = _MARKS[self._theme.dark]
        head = (f"<tr><th width='38%'>{_e(_when(self._old))}{_e(self.tr('文本'))}</th>"
                f"<th width='38%'>{_e(_when(self._new))}{_e(self.tr('文本'))}</th>"
                f"<th width='24%'>{_e(self.tr('旧文本上的笔记'))}</th></tr>")
        rows = [head]
        numbers = {id(row): n for n, row in enumerate(self.comparison.rows)}
        for row in self.shown_rows():
            notes = self.notes_by_row.get(numbers[id(row)], [])
            rows.append(self._row_html(row, notes, inserted, removed, noted))
        if self.loose_notes:
            cells = "<br>".join(_e(note_text(n)) for n in self.loose_notes)
            rows.append(f"<tr><td colspan='2'>{_e(self.tr('不在条文中的笔记'))}</td>"
                        f"<td bgcolor='{noted}'>{cells}</td></tr>")
        self.browser.setHtml(
            f"<html><body style='color:{self._theme.text}; background:{self._theme.base}'>"
            f"<table width='100%' cellspacing='0' cellpadding='6' border='1' "
            f"style='border-collapse:collapse; border-color:{self._theme.muted}'>"
            f"{''.join(rows)}</table></body></html>")

    def _row_html(self, row: Row, notes: Sequence[Note], inserted: str, removed: str,
                  noted: str) -> str:
        kind = KIND_WORDS[row.kind]
        old_cell = _side(row.old.label if row.old else "", row.old_pieces, removed)
        new_label = row.new.label if row.new else ""
        if row.renumbered and row.old is not None:
            new_label += self.tr("（原%1）").replace("%1", row.old.label)
        new_cell = _side(new_label, row.new_pieces, inserted)
        if kind:
            tag = f"<span style='background:{inserted if row.kind != DELETED else removed}'>"
            badge = f"{tag}【{_e(kind)}】</span> "
            new_cell, old_cell = (badge + new_cell, old_cell) if row.new else (new_cell,
                                                                               badge + old_cell)
        notes_cell = "<br>".join(_e(note_text(note)).replace("\n", "<br>") for note in notes)
        colour = f" bgcolor='{noted}'" if notes else ""
        return (f"<tr><td valign='top'>{old_cell}</td><td valign='top'>{new_cell}</td>"
                f"<td valign='top'{colour}>{notes_cell}</td></tr>")

    def _on_changes_only_toggled(self, _checked: bool) -> None:
        self._render()


def _side(label: str, pieces: Sequence[Piece], mark: str) -> str:
    """Return one side's cell: the label in bold, then its pieces, the changed ones marked."""
    out = [f"<b>{_e(label)}</b> "] if label else []
    for piece in pieces:
        text = _e(piece.text).replace("\n", "<br>")
        if piece.kind == INSERTED:
            out.append(f"<span style='background:{mark}; text-decoration:underline'>{text}</span>")
        elif piece.kind == REMOVED:
            out.append(f"<span style='background:{mark}; text-decoration:line-through'>"
                       f"{text}</span>")
        else:
            out.append(text)
    return "".join(out)


def _row_number(comparison: Comparison, offset: int) -> int | None:
    row = comparison.row_of_old(offset)
    return None if row is None else comparison.rows.index(row)


def _when(summary: DocumentSummary) -> str:
    from reader.corpus.render import format_date

    return format_date(summary.date) or "日期不详"


def _e(text: str) -> str:
    return html.escape(text)
