"""Documents that know each other, in the window: citations, the 关联 panel, 对照阅读, 时效.

Everything here reads the library's links through ``Backend.links`` (the library's
``links(doc_id) -> DocumentLinks | None``), kept by one ``LinkSource``: the reading pane's
citation links and their tooltips, the header card's 时效性 row, the 关联 panel, the search
panel's 时效 filter. A backend without links shows none of it and nothing breaks. Opening a
comparison reads both texts and the older one's notes on a worker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.errors import ReaderError
from reader.ui.reading.compare_view import CompareView
from reader.ui.reading.link_source import LinkSource, card_text
from reader.ui.reading.links_panel import LinksPanel

if TYPE_CHECKING:
    from reader.corpus.model import Document, DocumentId, DocumentSummary
    from reader.library.compare import Comparison
    from reader.library.link_model import Status
    from reader.notes import Note, NotesStore
    from reader.ui.base.backend import LinksProvider
    from reader.ui.base.tasks import Progress
    from reader.ui.notes.notes_setup import NotesSetup
    from reader.ui.shell.main_window import MainWindow

# What a worker hands the compare view: the rows, both summaries, the older text's notes.
_Compared = tuple["Comparison", "DocumentSummary", "DocumentSummary", "Sequence[Note]"]


class LinksSetup(QObject):
    """Wire the library's links into ``window``; its panel is the 关联 tab on the right.

    Signals:
        linksReady(): the library's links are resolved and shown (after each load or change).

    Attributes:
        source: the links, asked of the backend once per document.
        panel: the 关联 panel.
        compare_views: the 对照阅读 windows open now.
    """

    linksReady = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.source = LinkSource(self._provider)
        self.panel = LinksPanel(window)
        self.compare_views: list[CompareView] = []
        self._notes: NotesStore | None = None
        self._ready = False  # the library's links are resolved (see warm)
        self._warmings = 0
        self._summaries: tuple[int, dict[str, DocumentSummary]] = (0, {})
        window.add_side_panel(self.panel, self.tr("关联"))
        reading = window.reading
        reading.pages.status_of = self._card_status
        self._carded: dict[str, str | None] = {}  # the 时效性 each page was rendered with
        reading.citations.card_source = self.card
        reading.citations.activated.connect(self._on_citation_activated)
        reading.compareRequested.connect(self.compare)
        self.panel.openRequested.connect(self._on_panel_open_requested)
        self.panel.compareRequested.connect(self.compare)
        window.searches.status_of = self._status_code
        window.documentOpened.connect(self._on_window_document_opened)
        window.libraryLoaded.connect(self._on_window_library_changed)
        window.libraryChanged.connect(self._on_window_library_changed)

    @property
    def ready(self) -> bool:
        """True once the library's links are resolved (see ``warm``)."""
        return self._ready

    def _provider(self) -> LinksProvider | None:
        backend = self.window.backend
        return backend.links if backend is not None and self._ready else None

    def _card_status(self, doc_id: str) -> str | None:
        text = self.source.status_text(doc_id)
        self._carded[doc_id] = text
        return text

    def _status_code(self, doc_id: str) -> str | None:
        status = self.source.status(doc_id)
        return status.code if status is not None else None

    # Notes ------------------------------------------------------------------------------

    def use_notes(self, store: NotesStore | None) -> None:
        """Show the notes of ``store`` beside the newer text in 对照阅读."""
        self._notes = store

    def connect_notes(self, setup: NotesSetup) -> None:
        """Use the window's notes once ``setup`` has opened them."""
        setup.ready.connect(lambda: self.use_notes(setup.store))
        if setup.store is not None:
            self.use_notes(setup.store)

    # What is shown ----------------------------------------------------------------------

    def summaries(self) -> dict[str, DocumentSummary]:
        """Return the library's summaries by id (rebuilt when the window's list changes)."""
        backend = self.window.backend
        if backend is None:
            return {}
        if self._summaries[0] != id(backend.summaries):
            self._summaries = (id(backend.summaries), {s.id: s for s in backend.summaries})
        return self._summaries[1]

    def card(self, doc_id: str) -> str | None:
        """Return the header card of ``doc_id`` as plain text (a citation's tooltip)."""
        summary = self.summaries().get(doc_id)
        return card_text(summary, self.source.status(doc_id)) if summary is not None else None

    def refresh(self) -> None:
        """Show the open document's links: its citations as links, the 关联 panel."""
        doc = self.window.reading.document
        links = self.source.links(doc.id) if doc is not None else None
        if doc is not None:
            self.window.reading.set_citations(doc.id, links.cites if links is not None else ())
        self.panel.show_links(links, self.summaries())
        from reader.library.link_model import STATUS_LABELS

        self.window.search_panel.set_status_choices(
            dict(STATUS_LABELS) if self.source.available else {})

    def open_at(self, doc_id: str, clause: str | None = None, offset: int | None = None) -> bool:
        """Open ``doc_id`` at the clause ``clause`` (an address) or the text ``offset``."""
        if not self.window.open_document(doc_id):
            return False
        doc = self.window.reading.document
        target = offset if offset is not None else clause_start(doc, clause)
        if target is not None:
            self.window.reading.scroll_to_offset(target)
            self.window.outline.follow(target)
        return True

    # 对照阅读 ----------------------------------------------------------------------------

    def compare(self, other_id: str) -> None:
        """Open the open document and its version ``other_id`` side by side (on a worker)."""
        current = self.window.reading.document
        backend = self.window.backend
        if current is None or backend is None:
            return
        library, notes, current_id = backend.library, self._notes, current.id

        def work(_progress: Progress) -> _Compared:
            from reader.library.compare import compare

            first, second = library.get(current_id), library.get(other_id)
            old, new = sorted((first, second), key=lambda d: d.date or "")
            return compare(old, new), old.summary(), new.summary(), older_notes(notes, old)

        self.window.tasks.start("compare", work, self._on_compared, self._on_compare_failed)
        self.window.show_message(self.tr("正在对照两个文本…"), 4000)

    def _on_compared(self, found: _Compared) -> None:
        comparison, old, new, notes = found
        view = CompareView(comparison, old, new, notes, self.window.reading.theme_name,
                           self.window)
        view.destroyed.connect(lambda: self.compare_views.remove(view))
        self.compare_views.append(view)
        view.show()

    def _on_compare_failed(self, message: str) -> None:
        self.window.show_message(self.tr("无法对照：%1").replace("%1", message), 8000)

    # Slots ------------------------------------------------------------------------------

    def _on_window_document_opened(self, _doc_id: str) -> None:
        self.refresh()

    def warm(self) -> None:
        """Resolve the library's links on a worker, then show them (the tree's statuses too).

        Resolving reads every document's mentions: on a large library that takes seconds,
        so until it is done (after each load and each change) the window asks for no links
        and shows none, never resolving them on the UI thread.
        """
        self._ready = False
        self._warmings += 1
        asked = self._warmings
        backend = self.window.backend
        # Without links there is no validity either: the tree and the cards show none.
        statuses = backend.statuses if backend is not None and backend.links is not None else None

        def work(_progress: Progress) -> Mapping[DocumentId, Status]:
            return statuses() if statuses is not None else {}

        def done(found: Mapping[DocumentId, Status]) -> None:
            if asked == self._warmings:  # an older answer never covers a newer one
                self._ready = True
                self.source.forget(found)
                self.window.library_panel.set_statuses(found)
                self._show_fresh()
                self.linksReady.emit()

        self.window.tasks.start("links", work, done, self._on_warm_failed)

    def _on_warm_failed(self, message: str) -> None:
        self.window.show_message(self.tr("无法读取文件之间的关联：%1").replace("%1", message), 8000)

    def _show_fresh(self) -> None:
        """Show the links as they are now: the open page's card and anchors, the 关联 tab."""
        doc = self.window.reading.document
        carded = self._carded.get(doc.id, "") if doc is not None else ""
        if doc is not None and carded != "" and self.source.status_text(doc.id) != carded:
            # The open document's validity changed (or is known now): its card says so.
            self.window.reading.pages.forget(doc.id)
            self.window.reading.rerender()
        self.refresh()

    def _on_window_library_changed(self, _count: int) -> None:
        self.warm()

    def _on_citation_activated(self, doc_id: str, clause: str) -> None:
        self.open_at(doc_id, clause or None)

    def _on_panel_open_requested(self, doc_id: str, clause: str, offset: int) -> None:
        self.open_at(doc_id, clause or None, offset if offset >= 0 else None)


def clause_start(doc: Document | None, address: str | None) -> int | None:
    """Return where the clause ``address`` starts in ``doc``; a 第十条 cited without its
    chapter matches the article of that label wherever it stands."""
    if doc is None or not address:
        return None
    clauses = doc.all_clauses()
    for clause in clauses:
        if clause.address == address:
            return clause.start
    last = address.rsplit("/", 1)[-1]
    for clause in clauses:
        if clause.label == last and clause.address.endswith(address):
            return clause.start
    for clause in clauses:
        if clause.label == last:
            return clause.start
    return None


def older_notes(store: NotesStore | None, doc: Document) -> list[Note]:
    """Return the bookmarks and highlights made on ``doc`` (none without a notes store)."""
    if store is None:
        return []
    from reader.notes import AnnotationFilter

    try:
        found: list[Note] = [*store.bookmarks(doc.id), *store.annotations(
            AnnotationFilter(doc_id=doc.id))]
    except ReaderError:
        return []
    return sorted(found, key=lambda note: note.anchor.start)
