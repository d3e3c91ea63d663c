"""The thin Qt model over the notes tree (``reader.notes.tree``): document → clause → note.

The bookmarks panel, the annotations panel and the notes browser all show this model; what
they show differs only in which notes the tree was built from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reader.notes.model import Annotation, Bookmark, Colour, Note
from reader.notes.tree import DOCUMENT, NOTE, ORPHANS, NoteNode, notes_tree
from reader.ui.base.node_model import AnyIndex, NodeTreeModel
from reader.ui.base.plain import plain_tooltip

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 3


# Highlight colours on a light page; the layer blends them for the dark theme.
COLOUR_HEX: dict[Colour, str] = {
    Colour.YELLOW: "#fff09a",
    Colour.GREEN: "#c6efbd",
    Colour.BLUE: "#c2dcff",
    Colour.PINK: "#ffc9dc",
    Colour.PURPLE: "#e0d0ff",
}
# Words of a passage or a note shown in a list before it is cut.
FIRST_WORDS = 28
COLUMNS = ("内容", "日期")
# Words of a passage or note the annotations panel shows before it cuts them.
DETAIL_WORDS = 80


def _tr(text: str) -> str:
    return QCoreApplication.translate("NotesModel", text)


def first_words(text: str, limit: int = FIRST_WORDS) -> str:
    """Return the start of ``text`` on one line, cut with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit] + "…"


def note_title(note: Note) -> str:
    """Return how a note is named in a list.

    A bookmark shows its label and, when its passage goes on past the label (a clause's
    heading followed by its text), the first words after it; an annotation its first words.
    """
    if isinstance(note, Bookmark):
        rest = note.anchor.quote.strip()
        if rest.startswith(note.label):
            rest = rest[len(note.label):].lstrip("。：:，, 　")
        return f"{note.label} — {first_words(rest, 16)}" if rest else note.label
    return f"“{first_words(note.anchor.quote)}”"


def note_details(note: Note) -> str:
    """Return a note as the annotations panel lists it: its passage, note and tags, a line each."""
    lines = [f"“{first_words(note.anchor.quote, DETAIL_WORDS)}”"]
    if note.note.strip():
        lines.append("✎ " + first_words(note.note, DETAIL_WORDS))
    if isinstance(note, Annotation) and note.tags:
        lines.append(" ".join(f"#{t}" for t in note.tags))
    return "\n".join(lines)


def note_tooltip(note: Note, with_quote: bool = True) -> str:
    """Return the note, its tags and colour and (``with_quote``) its passage, for a tooltip."""
    parts = []
    if note.note.strip():
        parts.append(note.note.strip())
    if isinstance(note, Annotation):
        if note.tags:
            parts.append(" ".join(f"#{t}" for t in note.tags))
        if not parts:
            parts.append(_tr("（没有笔记，点击可添加）"))
        parts.append(_tr("%1高亮").replace("%1", note.colour.label))
    if with_quote:
        parts.append(f"“{first_words(note.anchor.quote, 160)}”")
    if note.orphan:
        parts.append(_tr("原文已改动，未能找到这段文字；可重新附着到选中的文字，或删除。"))
    return "\n".join(parts)


class NotesModel(NodeTreeModel[NoteNode]):
    """Show the notes' ``NoteNode`` tree; the tree itself is built by the core.

    Two columns: what the note is (label or first words, and its note) and the day it was made.
    """

    column_count = len(COLUMNS)

    def __init__(self, parent: QObject | None = None, mark_bookmarks: bool = False,
                 detailed: bool = False) -> None:
        super().__init__(NoteNode("root"), parent)
        self._mark_bookmarks = mark_bookmarks  # in a list of both kinds
        self._detailed = detailed  # quote, note and tags each on a line of their own

    def set_notes(self, notes: list[Note]) -> None:
        """Show ``notes`` grouped by document and clause."""
        self.set_root(notes_tree(notes))

    def note(self, index: AnyIndex) -> Note | None:
        return self.node(index).note if index.isValid() else None

    def index_of(self, note_id: str) -> QModelIndex:
        """Return the index of the note ``note_id`` (invalid when it is not shown)."""
        for node in self._root.walk():
            if node.kind == NOTE and node.key == note_id:
                return self.index_of_node(node)
        return QModelIndex()

    def notes(self) -> list[Note]:
        return self._root.notes()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return _tr(COLUMNS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == NOTE_ID_ROLE:
            return node.key if node.kind == NOTE else None
        if role == NODE_KIND_ROLE:
            return node.kind
        if role == DOC_ID_ROLE:
            return node.document.doc_id if node.document is not None else None
        if index.column() == 1:
            return self._date_data(node, role)
        note = node.note
        if note is None:
            return self._group_data(node, role)
        if role == Qt.ItemDataRole.DisplayRole and self._detailed:
            return note_details(note)
        if role == Qt.ItemDataRole.DisplayRole:
            text = note_title(note)
            if self._mark_bookmarks and isinstance(note, Bookmark):
                text = _tr("［书签］") + text
            if note.note.strip():
                text += "　✎ " + first_words(note.note, 20)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(note_tooltip(note))
        if role == Qt.ItemDataRole.DecorationRole and isinstance(note, Annotation):
            return QColor(COLOUR_HEX[note.colour])
        if role == Qt.ItemDataRole.ForegroundRole and note.orphan:
            return QBrush(QColor("#9a5b00"))
        return None

    def _group_data(self, node: NoteNode, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if node.kind == ORPHANS:
                return _tr("未能定位（原文已改动）")
            return node.heading if node.kind == DOCUMENT else node.heading or _tr("正文")
        if role == Qt.ItemDataRole.ToolTipRole and node.document is not None:
            doc = node.document
            facts = [doc.title, doc.doc_number or "", "、".join(doc.issuers), doc.date or ""]
            return plain_tooltip("\n".join(fact for fact in facts if fact))
        if role == Qt.ItemDataRole.FontRole and node.kind == DOCUMENT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.kind == ORPHANS:
            return QBrush(QColor("#9a5b00"))
        return None

    def _date_data(self, node: NoteNode, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if node.note is not None:
            return node.note.created.astimezone().strftime("%Y-%m-%d")
        if node.kind == DOCUMENT and node.document is not None:
            return node.document.date or ""
        return None
