"""The thin Qt model over the library's plain node tree (``reader.library.tree``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from reader.library.tree import (
    DOCUMENT,
    FRONT,
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

if TYPE_CHECKING:
    from reader.corpus.model import DocumentId
    from reader.library.link_model import Status

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2
# Validities the tree names beside a title (a document in force, or of unknown validity, is
# shown as it is), and those of them shown faded: no longer in force.
MARKED_STATUSES = frozenset({"repealed", "expired", "amended", "not_yet"})
FADED_STATUSES = frozenset({"repealed", "expired"})



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


def front_label(kind: str) -> str:
    """Return the words for a kind of front matter: 封面, 目录, 分隔页, 汇编自身的章节…"""
    labels = {"cover": _tr("封面"), "toc": _tr("目录"), "divider": _tr("分隔页"),
              "preface": _tr("前言"), "chapter": _tr("编者章节")}
    return labels.get(kind, _tr("非文件部分"))


class LibraryTreeModel(NodeTreeModel[TreeNode]):
    """Show the library's ``TreeNode`` tree; the tree itself is built by the core.

    A new tree (a mode switch, a filter, an import) replaces the old one with a model reset.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(TreeNode(kind=ROOT, key=None), parent)
        self.statuses: Mapping[DocumentId, Status] = {}

    def _marked(self, doc_id: DocumentId) -> Status | None:
        """Return the document's validity when the tree marks it (not in force, or not yet)."""
        status = self.statuses.get(doc_id)
        return status if status is not None and status.code in MARKED_STATUSES else None

    def index_of(self, node: TreeNode) -> QModelIndex:
        """Return the index showing ``node`` (invalid for the root)."""
        return self.index_of_node(node)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.node(index).kind in (DOCUMENT, FRONT):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        summary = node.summary
        part = node.part
        if role == Qt.ItemDataRole.DisplayRole:
            if summary is not None:
                marked = self._marked(summary.id)
                return f"{summary.title}（{marked.label}）" if marked else summary.title
            if part is not None:
                return f"〔{front_label(part.kind)}〕{part.heading}"
            if node.kind == SOURCE and node.title:
                return f"{node.title} ({node.count})"
            return f"{group_label(node.kind, node.key)} ({node.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            if part is not None:
                lines = _tr("第 %1–%2 行，不是一份文件").replace("%1", str(part.start_line))
                return plain_tooltip(f"{part.heading}\n{lines.replace('%2', str(part.end_line))}")
            if node.kind == SOURCE:
                return plain_tooltip(str(node.key))  # the file's name behind its title
            if summary is None:
                return None
            parts = [summary.title]
            if summary.doc_number:
                parts.append(summary.doc_number)
            if summary.date:
                parts.append(summary.date)
            if summary.issuers:
                parts.append("、".join(summary.issuers))
            if (marked := self._marked(summary.id)) is not None:
                parts.append(_tr("时效性：%1").replace("%1", marked.label)
                             + (f"（{marked.evidence}）" if marked.evidence else ""))
            return plain_tooltip("\n".join(parts))
        if role == Qt.ItemDataRole.ForegroundRole and summary is not None:
            marked = self._marked(summary.id)
            if marked is not None and marked.code in FADED_STATUSES:
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
            return None
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
