"""The search panel: query box (Ctrl+K), filters, result count and the list of results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.search.results_model import DOC_ID_ROLE, ResultsModel, SnippetDelegate

if TYPE_CHECKING:  # whoosh and the splitter load on worker threads, after the first paint
    from reader.corpus.model import DocumentSummary
    from reader.search.searcher import Hit

# Search-as-you-type waits for this pause in typing.
TYPING_DELAY_MS = 250
# Results fetched at a time: the first page of an answer (more than the list shows at
# once), and each page added on scrolling, which reuses the first page's ranking.
PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for: the query and the chosen filters (None: any)."""

    query: str
    issuer: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    doc_type: str | None = None
    status: str | None = None  # a validity code (``reader.library.link_model.STATUS_LABELS``)

    def has_filters(self) -> bool:
        return any(v is not None for v in (self.issuer, self.year_from, self.year_to,
                                           self.doc_type, self.status))


class SearchPanel(QWidget):
    """Ask a full-text question and pick a result.

    The panel only collects the request and shows the answer; the window runs the search in
    the background and hands back results with ``show_results``.

    Signals:
        searchRequested(object): a ``SearchRequest`` to run (query or filters changed); its
            first ``page_size`` results are wanted.
        moreRequested(object, int): the list scrolled to its end: the ``SearchRequest``
            shown and how many results it shows (the next ``page_size`` are wanted).
        resultActivated(str, str): the user opened a result: document id and the query.
    """

    searchRequested = Signal(object)
    moreRequested = Signal(object, int)
    resultActivated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._ready = False
        self._last_request: SearchRequest | None = None

        self.query_box = QLineEdit(self)
        self.query_box.setPlaceholderText(self.tr("全文检索：词语、“短语”、文号（Ctrl+K）"))
        self.query_box.setClearButtonEnabled(True)

        self.issuer_box = QComboBox(self)
        self.issuer_box.setToolTip(self.tr("只看某一发文机关的文件"))
        self.year_from_box = QComboBox(self)
        self.year_from_box.setToolTip(self.tr("起始年份"))
        self.year_to_box = QComboBox(self)
        self.year_to_box.setToolTip(self.tr("截止年份"))
        self.type_box = QComboBox(self)
        self.type_box.setToolTip(self.tr("只看某一文种"))
        self.status_box = QComboBox(self)
        self.status_box.setToolTip(self.tr("只看某一时效性的文件（现行有效、已废止…）"))
        self.status_label = QLabel(self.tr("时效"), self)
        self.set_filter_choices([])

        self.count_label = QLabel(self)
        self.count_label.setObjectName("searchCount")
        self.model = ResultsModel(self)
        self.model.moreWanted.connect(self._on_model_more_wanted)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(SnippetDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAlternatingRowColors(True)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel(self.tr("机关"), self), 0, 0)
        filters.addWidget(self.issuer_box, 0, 1, 1, 3)
        filters.addWidget(QLabel(self.tr("年份"), self), 1, 0)
        filters.addWidget(self.year_from_box, 1, 1)
        filters.addWidget(QLabel("—", self), 1, 2, Qt.AlignmentFlag.AlignCenter)
        filters.addWidget(self.year_to_box, 1, 3)
        filters.addWidget(QLabel(self.tr("文种"), self), 2, 0)
        filters.addWidget(self.type_box, 2, 1, 1, 3)
        filters.addWidget(self.status_label, 3, 0)
        filters.addWidget(self.status_box, 3, 1, 1, 3)
        self.set_status_choices({})
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query_box)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)

        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_DELAY_MS)
        self._typing_timer.timeout.connect(self._on_typing_timer_timeout)
        self.query_box.textEdited.connect(self._on_query_box_text_edited)
        self.query_box.returnPressed.connect(self._on_query_box_return_pressed)
        for box in (self.issuer_box, self.year_from_box, self.year_to_box, self.type_box,
                    self.status_box):
            box.activated.connect(self._on_filter_activated)
        self.results.activated.connect(self._on_results_activated)
        # The view asks for more only when its scroll value changes to the end; a page that
        # arrives while the list is already at its end (or does not fill it) asks here.
        bar = self.results.verticalScrollBar()
        bar.valueChanged.connect(self._on_results_scrolled)
        bar.rangeChanged.connect(self._on_results_scrolled)
        self.results.clicked.connect(self._on_results_activated)
        self.set_ready(False)

    # Filters ----------------------------------------------------------------------------

    def set_filter_choices(self, summaries: Iterable[DocumentSummary]) -> None:
        """Offer the organs, years and types present in the library (most used organs first)."""
        items = list(summaries)
        from reader.library.organ_tree import organ_counts

        organs = organ_counts(items)  # one entry an organ, whichever alias its documents print
        years = sorted({s.year for s in items if s.year is not None}, reverse=True)
        types = Counter(s.doc_type for s in items if s.doc_type)
        self._fill(self.issuer_box, self.tr("全部机关"),
                   [(f"{name} ({count})", name) for name, count in organs.most_common()])
        self._fill(self.year_from_box, self.tr("不限"), [(str(y), y) for y in sorted(years)])
        self._fill(self.year_to_box, self.tr("不限"), [(str(y), y) for y in years])
        self._fill(self.type_box, self.tr("全部文种"),
                   [(f"{name} ({count})", name) for name, count in types.most_common()])

    def set_status_choices(self, labels: dict[str, str]) -> None:
        """Offer validity statuses (code → words); none hides the filter (links unknown)."""
        self._fill(self.status_box, self.tr("全部"), [(label, code) for code, label
                                                       in labels.items()])
        for widget in (self.status_label, self.status_box):
            widget.setVisible(bool(labels))

    @staticmethod
    def _fill(box: QComboBox, anything: str, choices: list[tuple[str, object]]) -> None:
        current = box.currentData()
        box.clear()
        box.addItem(anything, None)
        for label, value in choices:
            box.addItem(label, value)
        found = box.findData(current) if current is not None else -1
        box.setCurrentIndex(max(found, 0))

    def request(self) -> SearchRequest:
        """Return the query and filters as they stand."""
        year_from = self.year_from_box.currentData()
        year_to = self.year_to_box.currentData()
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        return SearchRequest(
            query=self.query_box.text().strip(),
            issuer=self.issuer_box.currentData(),
            year_from=year_from,
            year_to=year_to,
            doc_type=self.type_box.currentData(),
            status=self.status_box.currentData() if self.status_box.isVisibleTo(self) else None,
        )

    # Running ----------------------------------------------------------------------------

    def set_ready(self, ready: bool) -> None:
        """Say whether searches can run yet (the index and dictionary load in the background)."""
        self._ready = ready
        if not ready:
            self.count_label.setText(self.tr("检索准备中…"))
        elif self._last_request is None:
            self.count_label.setText(self.tr("输入词语开始检索"))
            # What was typed or chosen while the index loaded runs now.
            pending = self.request()
            if pending.query or pending.has_filters():
                self.submit()

    def focus_query(self) -> None:
        """Put the cursor in the query box with its text selected (Ctrl+K)."""
        self.query_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_box.selectAll()

    def search(self, query: str) -> None:
        """Run ``query`` as if the user had typed it and pressed Enter."""
        self.query_box.setText(query)
        self.submit()

    def submit(self) -> None:
        """Ask for the current request to be run (when there is something to ask)."""
        self._typing_timer.stop()
        request = self.request()
        if not request.query and not request.has_filters():
            self._last_request = None
            self.model.set_hits([])
            self.count_label.setText(self.tr("输入词语开始检索") if self._ready
                                     else self.tr("检索准备中…"))
            return
        if not self._ready:
            return
        self._last_request = request
        self.count_label.setText(self.tr("正在检索…"))
        self.searchRequested.emit(request)

    def show_results(self, request: SearchRequest, total: int, hits: Sequence[Hit]) -> None:
        """Show the answer to ``request`` unless the user has asked something newer."""
        if request != self._last_request:
            return
        self.model.set_hits(hits, total)
        self._show_count()
        if hits:
            self.results.scrollToTop()

    def append_results(self, request: SearchRequest, total: int, hits: Sequence[Hit]) -> None:
        """Add the hits of a longer answer to ``request`` not shown yet (a later page)."""
        if request != self._last_request:
            return
        self.model.append_hits(hits, total)
        self._show_count()
        self._on_results_scrolled()

    def _show_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total == 0:
            self.count_label.setText(self.tr("没有找到相关文件"))
        elif total > shown:
            self.count_label.setText(self.tr("共 %1 篇，已显示 %2 篇")
                                     .replace("%1", str(total)).replace("%2", str(shown)))
        else:
            self.count_label.setText(self.tr("共 %1 篇").replace("%1", str(total)))

    def show_error(self, request: SearchRequest, message: str) -> None:
        if request == self._last_request:
            self.model.set_hits([])
            self.count_label.setText(self.tr("检索出错：%1").replace("%1", message))

    def show_more_error(self, request: SearchRequest, message: str) -> None:
        """A later page failed: keep what is shown and say why the rest is missing."""
        if request == self._last_request:
            self.model.fetch_failed()
            self.count_label.setText(self.tr("已显示 %1 篇，其余未能载入：%2")
                                     .replace("%1", str(self.model.rowCount()))
                                     .replace("%2", message))

    def activate_result(self, row: int) -> None:
        """Open result ``row`` (as a click would)."""
        index = self.model.index(row, 0)
        self.results.setCurrentIndex(index)
        self._on_results_activated(index)

    # Slots ------------------------------------------------------------------------------

    def _on_query_box_text_edited(self, _text: str) -> None:
        self._typing_timer.start()

    def _on_query_box_return_pressed(self) -> None:
        self.submit()

    def _on_typing_timer_timeout(self) -> None:
        self.submit()

    def _on_filter_activated(self, _row: int) -> None:
        self.submit()

    def _on_results_scrolled(self, *_args: int) -> None:
        bar = self.results.verticalScrollBar()
        root = QModelIndex()
        if bar.value() >= bar.maximum() and self.model.canFetchMore(root):
            self.model.fetchMore(root)

    def _on_model_more_wanted(self, held: int) -> None:
        if self._last_request is not None:
            self.moreRequested.emit(self._last_request, held)

    def _on_results_activated(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID_ROLE)
        if doc_id:
            query = self._last_request.query if self._last_request else self.request().query
            self.resultActivated.emit(str(doc_id), query)
