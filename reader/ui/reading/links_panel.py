"""The 关联 panel: the open document's validity, what it cites, who cites it, its versions.

The tree is ``reader.library.link_tree``'s (built in the core); ``LinksModel`` only
translates indexes. Every title and sentence comes from documents, so each is shown as
text: labels are plain, tooltips escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.library.link_tree import (
    DOCUMENT,
    EMPTY,
    MENTION,
    MISSING,
    ROOT,
    SECTION,
    VERSIONS,
    LinkNode,
    links_tree,
)
from reader.ui.base.node_model import AnyIndex, NodeTreeModel
from reader.ui.base.plain import plain_label, plain_tooltip
from reader.ui.reading.link_source import status_text

if TYPE_CHECKING:
    from reader.corpus.model import DocumentSummary
    from reader.library.link_model import DocumentLinks

# A citing sentence is cut to this many characters in the list (the tooltip has it whole).
MAX_SENTENCE_CHARS = 60


class LinksModel(NodeTreeModel[LinkNode]):
    """Show a ``LinkNode`` tree: sections in bold with their counts, sentences in full as tips."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(LinkNode(ROOT, ""), parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if node.kind == SECTION:
                return f"{node.label}（{node.count}）"
            if node.kind == MENTION and node.offset is not None:
                return _cut(node.label)
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(node.detail or node.label) if node.kind != SECTION else None
        if role == Qt.ItemDataRole.FontRole and node.kind == SECTION:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.kind in (EMPTY, MISSING):
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or self.node(index).kind == EMPTY:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the panel's width (long titles stay whole)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        self.initStyleOption(option, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(self._view.viewport().width() - self._view.indentation() * depth - 8, 40)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, option.text)
        return QSize(width, bounds.height() + 6)


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_SENTENCE_CHARS else flat[:MAX_SENTENCE_CHARS] + "…"


class LinksPanel(QWidget):
    """The 关联 side panel of the reading pane.

    Signals:
        openRequested(str, str, int): open a document: its id, the clause address ("" for
            none) and the text offset (-1 for none) to land on.
        compareRequested(str): 对照阅读 with the version of this id.
    """

    openRequested = Signal(str, str, int)
    compareRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linksPanel")
        self.status_label = plain_label(QLabel(self))
        self.status_label.setObjectName("linksStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = LinksModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setItemDelegate(WrappingDelegate(self.view))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.compare_button = QPushButton(self.tr("对照阅读"), self)
        self.compare_button.setToolTip(self.tr("与所选版本逐条对照，标出增删改"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.show_links(None, {})

    def show_links(self, links: DocumentLinks | None,
                   summaries: Mapping[str, DocumentSummary]) -> None:
        """Show ``links`` (None: nothing is known of the open document's links)."""
        if links is None:
            self.model.set_root(LinkNode(ROOT, ""))
            self.status_label.setText(self.tr("没有关联信息"))
        else:
            self.model.set_root(links_tree(links, summaries))
            self.status_label.setText(self.tr("时效性：") + status_text(links.status))
            self.view.expandAll()
        self._update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view.doItemsLayout()  # rows wrap to the new width

    def sections(self) -> list[LinkNode]:
        return list(self.model.root.children)

    def current_node(self) -> LinkNode | None:
        index = self.view.currentIndex()
        return self.model.node(index) if index.isValid() else None

    def select(self, node: LinkNode) -> None:
        """Make ``node`` the current line (as a click would)."""
        self.view.setCurrentIndex(self.model.index_of_node(node))

    def activate(self, node: LinkNode) -> None:
        """Open what ``node`` points at (as a double click would)."""
        if node.kind in (DOCUMENT, MENTION) and node.doc_id is not None:
            offset = node.offset if node.offset is not None else -1
            self.openRequested.emit(node.doc_id, node.clause or "", offset)

    def _is_version(self, node: LinkNode | None) -> bool:
        return (node is not None and node.kind == DOCUMENT and node.parent is not None
                and node.parent.label == VERSIONS)

    def _update_buttons(self) -> None:
        node = self.current_node()
        self.open_button.setEnabled(node is not None and node.doc_id is not None)
        self.compare_button.setEnabled(self._is_version(node))

    def _on_view_activated(self, index: QModelIndex) -> None:
        self.activate(self.model.node(index))

    def _on_view_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _on_open_button_clicked(self) -> None:
        node = self.current_node()
        if node is not None:
            self.activate(node)

    def _on_compare_button_clicked(self) -> None:
        node = self.current_node()
        if self._is_version(node) and node is not None and node.doc_id is not None:
            self.compareRequested.emit(node.doc_id)
