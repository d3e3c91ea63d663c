"""The bookmarks panel: every bookmark, by document and clause, with its first words and date."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.ui.notes.notes_view import NotesView


class BookmarksPanel(NotesView):
    """List every bookmark of the library; double-click opens the document at the bookmark.

    Signals: those of ``NotesView``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._empty_text = self.tr("还没有书签。阅读时按 Ctrl+D，或在大纲中右键点击条款，"
                                   "即可为所在条款添加书签。")
        self.view.setToolTip(self.tr("双击打开书签；右键可重命名、写笔记或删除"))
        self.set_notes([])
