"""The index bookkeeping shared by the thin Qt models over the core's plain node trees."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex

from reader.nodes import NodeLinks

AnyIndex = QModelIndex | QPersistentModelIndex
NodeT = TypeVar("NodeT", bound=NodeLinks)


class NodeTreeModel(QAbstractItemModel, Generic[NodeT]):
    """Translate model indexes to nodes of a tree built by the core.

    Each index's internal pointer is its node and the model keeps the root alive; a new tree
    replaces the old one with a model reset. Subclasses add ``data`` and ``flags`` and, for
    more than one column, ``column_count``.
    """

    column_count = 1

    def __init__(self, root: NodeT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root

    @property
    def root(self) -> NodeT:
        return self._root

    def set_root(self, root: NodeT) -> None:
        """Show a new tree."""
        self.beginResetModel()
        self._root = root
        self.endResetModel()

    def node(self, index: AnyIndex) -> NodeT:
        """Return the node behind ``index`` (the root for an invalid index)."""
        if index.isValid():
            node: NodeT = index.internalPointer()
            return node
        return self._root

    def index_of_node(self, node: NodeT) -> QModelIndex:
        """Return the index showing ``node`` (invalid for the root)."""
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self.node(parent).children
        if not (0 <= row < len(children) and 0 <= column < self.column_count):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

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
        return self.column_count

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0
