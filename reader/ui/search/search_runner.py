"""Runs the search panel's requests on worker threads and hands the answers back to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui.base.tasks import Progress, TaskRunner
from reader.ui.reading.reading_view import ReadingView
from reader.ui.search.search_panel import SearchPanel, SearchRequest

if TYPE_CHECKING:  # whoosh loads on a worker thread, not before the first paint
    from reader.search.searcher import SearchResults
    from reader.ui.base.backend import Backend

# The best results are rendered ahead of time: the user opens one of them next.
PRERENDER_RESULTS = 3


class SearchRunner(QObject):
    """Answer each ``SearchRequest`` of ``panel`` in the background.

    The panel drops answers to requests it no longer shows, so typing quickly never shows
    stale results. After each answer the best documents' pages are rendered ahead.

    Signals:
        finished(int): an answer is shown; the number of documents found (0 on failure).
    """

    finished = Signal(int)

    def __init__(
        self, tasks: TaskRunner, panel: SearchPanel, reading: ReadingView, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._panel = panel
        self._reading = reading
        self.backend: Backend | None = None
        # A document's validity code by id, for the 时效 filter (None: no filter possible).
        self.status_of: Callable[[str], str | None] | None = None
        panel.searchRequested.connect(self._on_panel_search_requested)
        panel.moreRequested.connect(self._on_panel_more_requested)

    def _on_panel_search_requested(self, request: SearchRequest) -> None:
        # The marks of the previous query's hits mean nothing for the new one.
        self._reading.clear_hits()

        def done(results: SearchResults) -> None:
            self._panel.show_results(request, results.total, results.hits)
            self.finished.emit(results.total)
            self.prerender([hit.summary.id for hit in results.hits[:PRERENDER_RESULTS]])

        def failed(message: str) -> None:
            self._panel.show_error(request, message)
            self.finished.emit(0)

        self._run(request, self._panel.page_size, done, failed)

    def _on_panel_more_requested(self, request: SearchRequest, held: int) -> None:
        def done(results: SearchResults) -> None:
            self._panel.append_results(request, results.total, results.hits)

        def failed(message: str) -> None:
            self._panel.show_more_error(request, message)

        self._run(request, self._panel.page_size, done, failed, offset=held)

    def _run(
        self,
        request: SearchRequest,
        limit: int,
        done: Callable[[SearchResults], None],
        failed: Callable[[str], None],
        offset: int = 0,
    ) -> None:
        """Ask the searcher for the results ``offset`` to ``offset + limit`` of ``request``
        on a worker.

        A later page reuses the ranking the searcher made for the first (the same query and
        filters on the same index), so it costs only its own snippets; the panel appends it.
        """
        backend = self.backend
        searcher = backend.searcher if backend else None
        if backend is None or searcher is None:
            return
        status_of = self.status_of

        def work(_progress: Progress) -> SearchResults:
            from reader.search.searcher import SearchFilters

            ids = None
            if request.status is not None and status_of is not None:
                # The index knows no validity: the documents of the status asked, by id.
                ids = frozenset(summary.id for summary in backend.summaries
                                if status_of(summary.id) == request.status)
            filters = SearchFilters(
                issuer=request.issuer,
                date_from=str(request.year_from) if request.year_from is not None else None,
                date_to=str(request.year_to) if request.year_to is not None else None,
                doc_type=request.doc_type,
                ids=ids,
            )
            return searcher.search(request.query, limit, filters, offset)

        self._tasks.start("search", work, done, failed)

    def prerender(self, doc_ids: list[str]) -> None:
        """Render the pages of likely next documents on a worker, so they open at once."""
        if self.backend is None or not doc_ids:
            return
        library, pages = self.backend.library, self._reading.pages
        theme = self._reading.theme_name

        def work(progress: Progress) -> None:
            for doc_id in doc_ids:
                if progress.cancelled:
                    return
                if not pages.has(doc_id, theme):
                    pages.page(library.get(doc_id), theme)

        self._tasks.start("prerender", work)
