"""The thin Qt model over the library's plain node tree (``reader.library.tree``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reader.library.tree import (
    DOCUMENT,
    ISSUER,
    MONTH,
    ROOT,
    SOURCE,
    TYPE,
    YEAR,
    GroupKey,
    TreeNode,
)

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryTreeModel", text)


def group_label(kind: str, key: GroupKey) -> str:
    """Return the words shown for a group: an organ's name, 「2024年」, 「日期不详」…"""
    if kind == YEAR:
        return _tr("日期不详") if key is None else _tr("%1年").replace("%1", str(key))
    if kind == MONTH:
        return _tr("月份不详") if key is None else _tr("%1月").replace("%1", str(key))
    if kind == ISSUER:
        return _tr("未署发文机关") if key is None else str(key)
    if kind == TYPE:
        return _tr("其他") if key is None else str(key)
    if kind == SOURCE:
        return str(key)
    return str(key or "")


class LibraryTreeModel(QAbstractItemModel):
    """Translate model indexes to ``TreeNode``s; the tree itself is built by the core.

    Each index's internal pointer is its ``TreeNode``; the model keeps the root alive, and a
    new tree (a mode switch, a filter, an import) replaces it with a model reset.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = TreeNode(kind=ROOT, key=None)

    @property
    def root(self) -> TreeNode:
        return self._root

    def set_root(self, root: TreeNode) -> None:
        """Show a new tree."""
        self.beginResetModel()
        self._root = root
        self.endResetModel()

    def node(self, index: AnyIndex) -> TreeNode:
        """Return the node behind ``index`` (the root for an invalid index)."""
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, TreeNode)
            return node
        return self._root

    def index_of(self, node: TreeNode) -> QModelIndex:
        """Return the index showing ``node`` (invalid for the root)."""
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        parent_node = self.node(parent)
        if row >= len(parent_node.children):
            return QModelIndex()
        return self.createIndex(row, 0, parent_node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_node = self.node(index).parent
        if parent_node is None or parent_node is self._root:
            return QModelIndex()
        return self.createIndex(parent_node.row(), 0, parent_node)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.node(index).kind == DOCUMENT:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        summary = node.summary
        if role == Qt.ItemDataRole.DisplayRole:
            if summary is not None:
                return summary.title
            return f"{group_label(node.kind, node.key)} ({node.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            if summary is None:
                return None
            parts = [summary.title]
            if summary.doc_number:
                parts.append(summary.doc_number)
            if summary.date:
                parts.append(summary.date)
            if summary.issuers:
                parts.append("、".join(summary.issuers))
            return "\n".join(parts)
        if role == DOC_ID_ROLE:
            return summary.id if summary is not None else None
        if role == NODE_KIND_ROLE:
            return node.kind
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr("文库")
        return None
