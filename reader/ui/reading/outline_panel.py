"""The outline of the open document: its clause tree, which jumps on click and follows reading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QVBoxLayout, QWidget

from reader.ui.base.plain import plain_tooltip

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.model import Clause, Document

CLAUSE_START_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex

# Outline entries are cut to this many characters of heading.
MAX_ENTRY_CHARS = 40


class OutlineModel(QAbstractItemModel):
    """A thin model over a document's ``Clause`` tree.

    Clauses are frozen values without parent links, so the model numbers them depth first
    and keeps each one's parent and row; an index's internal id is that number. A clause is
    found again by its start and address, which are unique within a document.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: tuple[Clause, ...] = ()
        self._nodes: list[Clause] = []
        self._parent_of: list[int] = []  # node number -> parent node number, -1 for roots
        self._row_of: list[int] = []
        self._number_of: dict[tuple[int, str], int] = {}  # (start, address) -> node number

    def set_clauses(self, clauses: tuple[Clause, ...]) -> None:
        """Show the clause tree ``clauses``."""
        self.beginResetModel()
        self._roots = clauses
        self._nodes, self._parent_of, self._row_of, self._number_of = [], [], [], {}

        def visit(clause: Clause, parent: int, row: int) -> None:
            number = len(self._nodes)
            self._nodes.append(clause)
            self._parent_of.append(parent)
            self._row_of.append(row)
            self._number_of[(clause.start, clause.address)] = number
            for child_row, child in enumerate(clause.children):
                visit(child, number, child_row)

        for row, clause in enumerate(clauses):
            visit(clause, -1, row)
        self.endResetModel()

    def clause(self, index: AnyIndex) -> Clause | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def _children(self, index: AnyIndex) -> tuple[Clause, ...]:
        clause = self.clause(index)
        return clause.children if clause is not None else self._roots

    def index_of(self, clause: Clause) -> QModelIndex:
        number = self._number_of.get((clause.start, clause.address))
        if number is None:
            return QModelIndex()
        return self.createIndex(self._row_of[number], 0, number)

    def deepest_at(self, offset: int) -> Clause | None:
        """Return the innermost clause containing text offset ``offset``."""
        found: Clause | None = None
        level = self._roots
        while True:
            inner = next((c for c in level if c.start <= offset < c.end), None)
            if inner is None:
                return found
            found, level = inner, inner.children

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        child = children[row]
        return self.createIndex(row, 0, self._number_of[(child.start, child.address)])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._parent_of[index.internalId()]
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._row_of[parent], 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        clause = self.clause(index)
        if clause is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            heading = clause.heading
            if len(heading) > MAX_ENTRY_CHARS:
                heading = heading[:MAX_ENTRY_CHARS] + "…"
            if not heading:
                return clause.label
            # 第一条 为了…: a space, as printed; 一、总体要求 and （一）指导思想 need none.
            gap = " " if clause.label.startswith("第") else ""
            return f"{clause.label}{gap}{heading}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{clause.label}{clause.heading}")
        if role == CLAUSE_START_ROLE:
            return clause.start
        return None


class OutlinePanel(QWidget):
    """Show the open document's clauses; clicking one jumps there.

    Signals:
        clauseActivated(int): the user chose a clause; its start offset in ``Document.text``.
    """

    clauseActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OutlineModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setToolTip(self.tr("本文结构：点击跳转"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._context_actions: list[QAction] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)

    def set_document(self, doc: Document | None) -> None:
        """Show the outline of ``doc`` (nothing for None), the top levels expanded."""
        self.model.set_clauses(doc.clauses if doc is not None else ())
        self.view.expandToDepth(0)

    def follow(self, offset: int) -> None:
        """Select the clause being read at ``offset`` without jumping anywhere."""
        clause = self.model.deepest_at(offset)
        if clause is None:
            self.view.clearSelection()
            return
        index = self.model.index_of(clause)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def current_clause(self) -> Clause | None:
        return self.model.clause(self.view.currentIndex())

    def add_context_action(self, action: QAction) -> None:
        """Offer ``action`` in the context menu of a clause; it acts on ``current_clause()``."""
        self._context_actions.append(action)

    def context_menu(self) -> QMenu:
        """Return the menu of a clause: the actions added, acting on ``current_clause()``."""
        menu = QMenu(self)
        for action in self._context_actions:
            menu.addAction(action)
        return menu

    def _on_view_custom_context_menu_requested(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid() or not self._context_actions:
            return
        self.view.setCurrentIndex(index)  # what the menu's actions act on; no jump
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _on_view_clicked(self, index: QModelIndex) -> None:
        clause = self.model.clause(index)
        if clause is not None:
            self.clauseActivated.emit(clause.start)
