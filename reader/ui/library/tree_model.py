"""The thin Qt model over the library's plain node tree (``reader.library.tree``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt

from reader.library.tree import (
    DOCUMENT,
    ISSUER,
    LEVEL,
    MONTH,
    ROOT,
    SOURCE,
    TYPE,
    YEAR,
    GroupKey,
    TreeNode,
)
from reader.ui.base.node_model import AnyIndex, NodeTreeModel
from reader.ui.base.plain import plain_tooltip

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2



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
    if kind == LEVEL:
        return str(key)
    if kind == TYPE:
        return _tr("其他") if key is None else str(key)
    if kind == SOURCE:
        return str(key)
    return str(key or "")


class LibraryTreeModel(NodeTreeModel[TreeNode]):
    """Show the library's ``TreeNode`` tree; the tree itself is built by the core.

    A new tree (a mode switch, a filter, an import) replaces the old one with a model reset.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(TreeNode(kind=ROOT, key=None), parent)

    def index_of(self, node: TreeNode) -> QModelIndex:
        """Return the index showing ``node`` (invalid for the root)."""
        return self.index_of_node(node)

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
            return plain_tooltip("\n".join(parts))
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
