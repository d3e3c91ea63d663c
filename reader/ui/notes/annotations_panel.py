"""The annotations panel: the highlights and notes of the document being read."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reader.notes.model import Annotation
from reader.ui.base.plain import plain_label
from reader.ui.notes.notes_view import NotesView


class AnnotationsPanel(NotesView):
    """List the open document's annotations, those that lost their place last.

    Signals: those of ``NotesView``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._empty_text = self.tr("本文还没有标注。选中文字后右键点击「高亮」或「标注…」。")
        self.title = plain_label(QLabel(self))
        self.title.setWordWrap(True)
        self.title.setMargin(6)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.title)
        self.view.setToolTip(self.tr("双击跳到标注处；右键可编辑或删除"))
        self.view.setColumnHidden(1, True)  # a narrow side panel: the passage needs the room
        self.view.setHeaderHidden(True)
        self.show_document(None, [])

    def show_document(self, title: str | None, annotations: list[Annotation]) -> None:
        """Show the annotations of the open document ``title`` (None: no document open)."""
        if title is None:
            self.title.setText(self.tr("未打开文件"))
        else:
            self.title.setText(self.tr("%1 · %2 条标注").replace("%1", title)
                               .replace("%2", str(len(annotations))))
        self.set_notes(list(annotations))
        # One document: its notes are shown without the document's own row above them.
        self.view.setRootIndex(self.model.index(0, 0) if annotations else QModelIndex())
