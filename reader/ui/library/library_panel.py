"""The library panel: grouping mode, a filter box and the tree of documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCollator,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.library.tree import DOCUMENT, TREE_MODES, GroupKey, TreeNode, build_tree, filter_tree
from reader.ui.library.front_matter_view import FrontMatterView
from reader.ui.library.tree_model import DOC_ID_ROLE, LibraryTreeModel, front_label

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.model import DocumentId, DocumentSummary, FrontPart
    from reader.library.link_model import Status

# Filtering re-runs on every keystroke after this pause, so typing stays smooth.
FILTER_DELAY_MS = 150
# A filtered tree this small is shown fully expanded.
EXPAND_ALL_BELOW = 400


class LibraryPanel(QWidget):
    """Browse the library as a tree grouped by organ, date, source or type.

    Signals:
        documentActivated(str): the user chose a document (click, Enter, 打开); its id.
        modeChanged(str): the grouping changed; one of ``TREE_MODES``.
        citationRequested(str): copy the document's citation (its context menu); its id.
        sourcesRequested(str): show where the document was found; its id.
        removeSourceRequested(str): remove a compilation the document came from; its id.
    """

    documentActivated = Signal(str)
    modeChanged = Signal(str)
    citationRequested = Signal(str)
    sourcesRequested = Signal(str)
    removeSourceRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summaries: list[DocumentSummary] = []
        self._source_order: list[str] = []
        self._front_matter: dict[str, Sequence[FrontPart]] = {}
        self._front_view: FrontMatterView | None = None
        # The reading pane's style sheet and theme, for front matter read in its own window.
        self.page_style: Callable[[], tuple[str, str]] = lambda: ("", "light")
        self._full_tree = TreeNode(kind="root", key=None)
        # Organ and type names in pinyin order, as a Chinese reader expects.
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

        self.mode_box = QComboBox(self)
        labels = {
            "issuer": self.tr("按发文机关"),
            "date": self.tr("按日期"),
            "source": self.tr("按来源汇编"),
            "type": self.tr("按文种"),
        }
        for mode in TREE_MODES:
            self.mode_box.addItem(labels[mode], mode)
        self.mode_box.setToolTip(self.tr("文库的分组方式"))

        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("筛选：标题、文号、机关…"))
        self.filter_box.setClearButtonEnabled(True)

        self.model = LibraryTreeModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)

        self.status = QLabel(self)
        self.status.setObjectName("libraryStatus")
        self.status.setWordWrap(True)  # a long message must not widen the side panel
        self._loaded = False

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.mode_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        self.mode_box.currentIndexChanged.connect(self._on_mode_box_current_index_changed)
        self.view.activated.connect(self._on_view_activated)
        self.view.clicked.connect(self._on_view_activated)
        self.set_loading()

    # Public API -----------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    def set_mode(self, mode: str) -> None:
        """Group the tree by ``mode`` without announcing it (used when restoring settings)."""
        if mode not in TREE_MODES or mode == self.mode:
            return
        with QSignalBlocker(self.mode_box):
            self.mode_box.setCurrentIndex(TREE_MODES.index(mode))
        self._rebuild()

    def set_loading(self) -> None:
        """Say the library is still being opened."""
        self.status.setText(self.tr("正在载入文库…"))

    def set_documents(
        self, summaries: Iterable[DocumentSummary], source_order: list[str] | None = None,
        front_matter: Mapping[str, Sequence[FrontPart]] | None = None,
    ) -> None:
        """Show ``summaries``; expanded groups and the selection survive where they can.

        ``front_matter`` (each source's cover, contents, chapters) shows in the by-source tree.
        """
        self._summaries = list(summaries)
        self._source_order = list(source_order or [])
        self._front_matter = dict(front_matter or {})
        self._loaded = True
        self._rebuild()

    def summaries(self) -> list[DocumentSummary]:
        return list(self._summaries)

    def set_statuses(self, statuses: Mapping[DocumentId, Status]) -> None:
        """Name each document's validity beside its title where it is not (yet) in force."""
        self.model.statuses = dict(statuses)
        self.view.viewport().update()

    def select_document(self, doc_id: str) -> bool:
        """Select the first node showing ``doc_id`` and make it visible."""
        node = self.model.root.find_document(doc_id)
        if node is None:
            return False
        index = self.model.index_of(node)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def select_documents(self, doc_ids: Iterable[str]) -> int:
        """Select every document of ``doc_ids`` the tree shows (the filter cleared first).

        The first becomes current and is scrolled to; returns how many were selected.
        """
        if self.filter_box.text():
            self._filter_timer.stop()
            with QSignalBlocker(self.filter_box):
                self.filter_box.clear()
            self._apply_filter()
        nodes = [node for doc_id in dict.fromkeys(doc_ids)
                 if (node := self.model.root.find_document(doc_id)) is not None]
        selection = self.view.selectionModel()
        selection.clearSelection()
        for number, node in enumerate(nodes):
            index = self.model.index_of(node)
            flags = QItemSelectionModel.SelectionFlag.Select
            if number == 0:
                selection.setCurrentIndex(index, flags)
                self.view.scrollTo(index)
            else:
                selection.select(index, flags)
                self.view.scrollTo(index)
        return len(nodes)

    def selected_documents(self) -> list[str]:
        """Return the ids of the selected documents, in tree order."""
        indexes = sorted(self.view.selectionModel().selectedIndexes(),
                         key=lambda index: self.view.visualRect(index).top())
        return [str(doc_id) for index in indexes if (doc_id := index.data(DOC_ID_ROLE))]

    def current_document(self) -> str | None:
        value = self.view.currentIndex().data(DOC_ID_ROLE)
        return str(value) if value else None

    def context_menu(self, doc_id: str) -> QMenu:
        """Return the right-click menu of the document ``doc_id``."""
        menu = QMenu(self)
        entries = (
            (self.tr("打开"), self.documentActivated),
            (self.tr("复制出处"), self.citationRequested),
            (self.tr("查看来源…"), self.sourcesRequested),
            (self.tr("从文库移除所在汇编…"), self.removeSourceRequested),
        )
        for number, (text, signal) in enumerate(entries):
            if number == len(entries) - 1:
                menu.addSeparator()
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, s=signal: s.emit(doc_id))
        return menu

    # Internals ------------------------------------------------------------------------

    def _rebuild(self) -> None:
        expanded = self._expanded_paths()
        selected = self.current_document()
        from reader.library.versions import newest_versions

        # Of a work's versions the tree shows the newest; the reading pane links the others.
        self._full_tree = build_tree(newest_versions(self._summaries), self.mode,
                                     self._source_order, self._collator.sortKey,
                                     self._front_matter)
        self._apply_filter(expanded)
        if selected:
            self.select_document(selected)

    def _apply_filter(self, expanded: set[tuple[tuple[str, GroupKey], ...]] | None = None) -> None:
        text = self.filter_box.text()
        shown = filter_tree(self._full_tree, text)
        self.model.set_root(shown)
        if text.strip() and shown.count <= EXPAND_ALL_BELOW:
            self.view.expandAll()
        elif expanded:
            self._expand_paths(expanded)
        elif len(shown.children) == 1:
            self.view.expand(self.model.index(0, 0))
        total = len(self._summaries)
        if not self._loaded:
            self.set_loading()
        elif text.strip():
            self.status.setText(self.tr("筛选出 %1 / %2 篇").replace("%1", str(shown.count))
                                .replace("%2", str(total)))
        elif total == 0:
            self.status.setText(self.tr("文库是空的：用“文件 → 导入文件…”添加汇编"))
        else:
            self.status.setText(self.tr("共 %1 篇文件").replace("%1", str(total)))

    def _expanded_paths(self) -> set[tuple[tuple[str, GroupKey], ...]]:
        out: set[tuple[tuple[str, GroupKey], ...]] = set()
        for node in self.model.root.walk():
            if node.kind in ("root", DOCUMENT) or not node.children:
                continue
            if self.view.isExpanded(self.model.index_of(node)):
                out.add(node.path())
        return out

    def _expand_paths(self, paths: set[tuple[tuple[str, GroupKey], ...]]) -> None:
        for node in self.model.root.walk():
            if node.kind != DOCUMENT and node.parent is not None and node.path() in paths:
                self.view.expand(self.model.index_of(node))

    # Slots ----------------------------------------------------------------------------

    def _on_filter_box_text_changed(self, _text: str) -> None:
        self._filter_timer.start()

    def _on_filter_timer_timeout(self) -> None:
        self._apply_filter()

    def _on_mode_box_current_index_changed(self, _row: int) -> None:
        self._rebuild()
        self.modeChanged.emit(self.mode)

    def _on_view_custom_context_menu_requested(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        doc_id = index.data(DOC_ID_ROLE)
        if not doc_id:
            return
        self.view.setCurrentIndex(index)
        menu = self.context_menu(str(doc_id))
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _on_view_activated(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID_ROLE)
        if doc_id:
            self.documentActivated.emit(str(doc_id))
            return
        node = self.model.node(index) if index.isValid() else None
        if node is not None and node.part is not None:
            self.show_front_matter(node)

    @property
    def front_matter_view(self) -> FrontMatterView | None:
        """The window showing front matter, if one was opened."""
        return self._front_view

    def show_front_matter(self, node: TreeNode) -> FrontMatterView:
        """Open the front matter of a ``front`` node in a window of its own (one at a time)."""
        assert node.part is not None
        source = node.parent
        name = (source.title or str(source.key)) if source is not None else ""
        if self._front_view is not None:
            self._front_view.close()
        css, theme = self.page_style()
        self._front_view = FrontMatterView(node.part, name, front_label(node.part.kind), self,
                                           css=css, theme=theme)
        self._front_view.show()
        return self._front_view
