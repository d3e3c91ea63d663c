"""The main window: library and search on the left, the reading pane, the outline on the right.

The window owns no data: the composition root hands it settings, a ``ListingLoader`` and a
``BackendLoader``. It paints at once, lists the documents from the library's store on a
worker (the tree fills), opens the full library with its index on a worker, and then warms
up the searcher on another so the first search does not stall the UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QTabWidget, QWidget

from reader.errors import ReaderError
from reader.paths import Paths
from reader.settings import Settings
from reader.ui.base import texts
from reader.ui.base.backend import Backend, BackendLoader, ListingLoader
from reader.ui.base.plain import plain_warning
from reader.ui.base.status import TaskStatus
from reader.ui.base.tasks import Progress, TaskRunner
from reader.ui.base.themes import apply_theme

if TYPE_CHECKING:
    from reader.library.listing import Listing
from reader.ui.library.import_dialogs import dropped_paths
from reader.ui.library.importer import Importer, ImportFollower
from reader.ui.library.library_panel import LibraryPanel
from reader.ui.reading.outline_panel import OutlinePanel
from reader.ui.reading.reading_view import ReadingView
from reader.ui.search.search_panel import SearchPanel
from reader.ui.search.search_runner import SearchRunner
from reader.ui.shell.actions import WindowActions
from reader.ui.shell.geometry import Proportions, available_area, first_geometry, fit_into
from reader.ui.shell.help_dialogs import AboutDialog, ShortcutsDialog
from reader.ui.shell.library_commands import LibraryCommands
from reader.ui.shell.library_watch import LibraryWatch
from reader.ui.shell.links_setup import LinksSetup

# The left side's tabs, by the names settings remember them by.
LEFT_TAB_NAMES = ("library", "search")
LEFT_SEARCH_TAB = LEFT_TAB_NAMES.index("search")
# Listing and opening the library run before other work queued at start-up.
STARTUP_PRIORITY = 10


class MainWindow(QMainWindow):
    """The reader's one window.

    Signals:
        libraryListed(int): the tree shows the library's documents (search not open yet).
        libraryLoaded(int): the library is open and shown; the number of documents.
        libraryChanged(int): an import changed the library; the number of documents now.
        libraryFailed(str): the library could not be opened; the message.
        searchReady(): searches can run (the searcher has warmed up).
        searchFinished(int): a search's results are shown; the total found.
        documentOpened(str): a document is shown in the reading pane; its id.
        documentsRemoved(object): documents left the library (a source was removed); their
            ids, a tuple; sent just before ``libraryChanged``.
    """

    libraryListed = Signal(int)
    libraryLoaded = Signal(int)
    libraryChanged = Signal(int)
    libraryFailed = Signal(str)
    searchReady = Signal()
    searchFinished = Signal(int)
    documentOpened = Signal(str)
    documentsRemoved = Signal(object)

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        loader: BackendLoader,
        css: str = "",
        parent: QWidget | None = None,
        persist: bool = True,
        lister: ListingLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self._persist = persist
        self._lister = lister
        self.settings = settings
        self._loader = loader
        self.backend: Backend | None = None
        self.tasks = TaskRunner(self)
        self._search_ready = False
        self._shut_down = False
        self._shown_once = False
        self._pending_open: str | None = None

        self.setWindowTitle(texts.APP_TITLE)
        self.library_panel = LibraryPanel(self)
        self.search_panel = SearchPanel(self)
        self.reading = ReadingView(css, self)
        self.library_panel.page_style = lambda: (css, self.reading.theme_name)
        self.outline = OutlinePanel(self)

        # Side tabs leave room for the bookmarks and annotations panels.
        self.left_tabs = QTabWidget(self)
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.library_panel, self.tr("文库"))
        self.left_tabs.addTab(self.search_panel, self.tr("检索"))
        self.right_tabs = QTabWidget(self)
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.outline, self.tr("大纲"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(self.reading)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(True)
        self.setCentralWidget(self.splitter)

        self.status = TaskStatus(self.tasks, self)
        self.setStatusBar(self.status)
        self.importer = Importer(self.tasks, self.status, self)
        self.importer.imported.connect(self._on_importer_imported)
        self.watch = LibraryWatch(self.tasks, self)
        self.watch.changed.connect(self._on_watch_changed)
        self.importer.showRequested.connect(self._on_importer_show_requested)
        self.reading.versionRequested.connect(self.open_document)
        self.setAcceptDrops(True)
        self.menu_actions = WindowActions(self, self, self.reading)
        self.library_commands = LibraryCommands(self)

        self.library_panel.documentActivated.connect(self._on_library_panel_document_activated)
        self.library_panel.modeChanged.connect(self._on_library_panel_mode_changed)
        self.searches = SearchRunner(self.tasks, self.search_panel, self.reading, self)
        self.searches.finished.connect(self.searchFinished)
        self.search_panel.resultActivated.connect(self._on_search_panel_result_activated)
        self.outline.clauseActivated.connect(self._on_outline_clause_activated)
        self.reading.topOffsetChanged.connect(self._on_reading_top_offset_changed)
        self.reading.zoomChanged.connect(self._on_reading_zoom_changed)
        self.reading.themeChanged.connect(self._on_reading_theme_changed)
        self.links = LinksSetup(self)  # citations, 关联, 对照阅读 and 时效 from Backend.links
        self._restore_state()
        QTimer.singleShot(0, self._load_library)

    # Start-up ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.settings
        area = available_area(self)
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
            if not self.isMaximized():
                self.setGeometry(fit_into(self.geometry(), area))
        else:
            self.setGeometry(first_geometry(area))
        if settings.window_state:
            self.restoreState(QByteArray.fromBase64(settings.window_state.encode()))
        self._restore_splitter()
        if settings.left_tab in LEFT_TAB_NAMES:
            self.left_tabs.setCurrentIndex(LEFT_TAB_NAMES.index(settings.left_tab))
        self.library_panel.set_mode(settings.tree_mode)
        self.reading.set_theme(settings.theme)
        self.reading.set_zoom(settings.zoom)

    def _restore_splitter(self) -> None:
        sizes = self.settings.splitter_sizes.get("main")
        if not sizes or len(sizes) != 3:
            sizes = Proportions.of(self.width()).sizes()
        self.splitter.setSizes(sizes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            # Splitter sizes only stick once the window has its real width.
            self._shown_once = True
            QTimer.singleShot(0, self._restore_splitter)

    def _load_library(self) -> None:
        if self._shut_down:
            return  # closed before its first turn of the event loop: nothing to open
        # The list from the store alone fills the tree; then the library opens its index
        # (reusing the list's imports). Both go ahead of any other start-up work. The open
        # starts once the list is in, so the tree never waits for the index (on a loaded
        # machine the full open of a small library could otherwise finish first).
        if self._lister is None:
            self._open_library()
            return
        self.tasks.start("listing", self._lister, self._on_listing_loaded,
                         lambda _message: self._open_library(), priority=STARTUP_PRIORITY)

    def _open_library(self) -> None:
        if self._shut_down:
            return
        self.status.follow(
            self.tasks.start("library", self._loader, self._on_library_loaded,
                             self._on_library_failed, priority=STARTUP_PRIORITY),
            self.tr("正在打开文库…"), cancellable=False,
        )

    def _on_listing_loaded(self, listing: Listing | None) -> None:
        # A failed listing says nothing: the full open reports the problem properly.
        if listing is not None and self.backend is None:
            self.library_panel.set_documents(listing.summaries, listing.source_order,
                                             listing.front_matter)
            self.libraryListed.emit(len(listing.summaries))
        self._open_library()

    def _on_library_loaded(self, backend: Backend) -> None:
        self.backend = backend
        self.searches.backend = backend
        self.library_panel.set_documents(backend.summaries, backend.source_order,
                                         backend.front_matter)
        self.search_panel.set_filter_choices(backend.summaries)
        for message in backend.messages:
            self.status.showMessage(message, 8000)
        wanted = self.settings.open_document
        if self._pending_open is not None:
            self.open_document(self._pending_open)
        elif wanted and self.reading.document is None:
            self._reopen_rendered(wanted)
        self.libraryLoaded.emit(len(backend.summaries))
        self.watch.watch(backend.library)
        searcher = backend.searcher
        if searcher is None:
            self.search_panel.count_label.setText(self.tr("全文检索不可用"))
            return
        self.status.follow(
            self.tasks.start("warm-up", lambda _progress: searcher.warm_up(),
                             self._on_search_warmed_up, self._on_search_warm_up_failed),
            self.tr("正在准备全文检索…"), cancellable=False, quiet=True,
        )

    def _reopen_rendered(self, doc_id: str) -> None:
        """Reopen the last document, its page rendered on a worker so start-up never stalls."""
        assert self.backend is not None
        library, pages, theme = self.backend.library, self.reading.pages, self.reading.theme_name

        def work(_progress: Progress) -> str:
            pages.page(library.get(doc_id), theme)
            return doc_id

        def done(rendered: str) -> None:
            if self.reading.document is None:  # the user has not opened another meanwhile
                self.open_document(rendered)

        self.tasks.start("reopen", work, done, lambda _message: None)

    def _on_library_failed(self, message: str) -> None:
        self.library_panel.status.setText(self.tr("文库无法打开"))
        self.libraryFailed.emit(message)
        if self.isVisible():
            plain_warning(self, self.tr("文库无法打开"), message)

    def _on_search_warmed_up(self, _result: object) -> None:
        self._search_ready = True
        self.search_panel.set_ready(True)
        self.searchReady.emit()

    def _on_search_warm_up_failed(self, message: str) -> None:
        self.search_panel.count_label.setText(self.tr("全文检索不可用：%1").replace("%1", message))

    @property
    def search_is_ready(self) -> bool:
        return self._search_ready

    def add_side_panel(self, widget: QWidget, title: str, side: str = "right") -> int:
        """Add a panel (bookmarks, annotations…) as a tab on the left or right side.

        Returns the tab's index. The reading pane and its document stay in the middle.
        """
        tabs = self.left_tabs if side == "left" else self.right_tabs
        return tabs.addTab(widget, title)

    def show_side_panel(self, widget: QWidget) -> None:
        """Bring the side panel ``widget`` forward, on whichever side it is."""
        for tabs in (self.left_tabs, self.right_tabs):
            if tabs.indexOf(widget) >= 0:
                tabs.setCurrentWidget(widget)

    def show_library(self) -> None:
        """Bring the library tree forward and give it the keyboard (Ctrl+1)."""
        self.left_tabs.setCurrentIndex(LEFT_TAB_NAMES.index("library"))
        self.library_panel.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # What the notes need of the window (``reader.ui.notes.host.NotesHost``) -------------

    def host_widget(self) -> QWidget:
        return self

    def follow_imports(self, follower: ImportFollower) -> None:
        self.importer.add_follower(follower)

    def show_message(self, message: str, msecs: int) -> None:
        self.status.showMessage(message, msecs)

    def add_menu(self, title: str) -> QMenu:
        # Before 帮助, which stays the last menu.
        menu = QMenu(title, self)
        self.menuBar().insertMenu(self.menu_actions.help_menu.menuAction(), menu)
        return menu

    def add_window_action(self, action: QAction) -> None:
        self.addAction(action)

    # Help -------------------------------------------------------------------------------

    def show_shortcuts(self) -> ShortcutsDialog:
        """Show every shortcut, read from the window's actions as they are now."""
        dialog = ShortcutsDialog(self.findChildren(QAction), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.paths.data_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # Documents --------------------------------------------------------------------------

    def open_document(self, doc_id: str, query: str | None = None) -> bool:
        """Show ``doc_id``; with ``query``, land on its first hit with all hits marked.

        Chosen while the tree is filled but the library is still opening, the document opens
        as soon as the library is open (and False is returned now).
        """
        if self.backend is None:
            self._pending_open = doc_id
            return False
        current = self.reading.document
        if current is not None and current.id == doc_id:
            if query:
                self._mark_hits(doc_id, query)
            return True
        self._remember_position()
        try:
            doc = self.backend.library.get(doc_id)
        except (KeyError, ReaderError) as error:
            self.status.showMessage(self.tr("无法打开文件：%1").replace("%1", str(error)), 8000)
            return False
        offset = None if query else self.settings.positions.get(doc.id)
        self.reading.show_document(doc, offset)
        self.outline.set_document(doc)
        self.outline.follow(offset or 0)
        self._show_versions(doc.id)
        self.library_panel.select_document(doc.id)
        self.settings.open_document = doc.id
        self.setWindowTitle(f"{doc.title} — {texts.APP_TITLE}")
        if query:
            self._mark_hits(doc.id, query)
        self.documentOpened.emit(doc.id)
        return True

    def copy_with_citation(self) -> str:
        """Copy the selection, or the clause at the caret, followed by its citation.

        Returns what was copied (empty when no document is open).
        """
        doc = self.reading.document
        if doc is None:
            return ""
        from reader.notes.citation import cite_selection

        span = self.reading.selection_offsets()
        if span is None:
            clause = self.outline.model.deepest_at(self.reading.caret_offset())
            span = (clause.start, clause.end) if clause else (0, len(doc.text))
        text = cite_selection(doc, *span)
        QGuiApplication.clipboard().setText(text)
        self.status.showMessage(self.tr("已复制，附出处"), 4000)
        return text

    def _mark_hits(self, doc_id: str, query: str) -> None:
        searcher = self.backend.searcher if self.backend else None
        if searcher is not None:
            self.reading.set_hits(list(searcher.hit_spans(doc_id, query)))

    def _remember_position(self) -> None:
        doc = self.reading.document
        if doc is not None:
            self.settings.remember_position(doc.id, self.reading.reading_offset())

    def import_files(self) -> None:
        """Ask for files and import them in the background (文件 → 导入文件…)."""
        if self.backend is not None:
            self.importer.choose_files(self.backend.library)

    def import_folder(self) -> None:
        if self.backend is not None:
            self.importer.choose_folder(self.backend.library)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.backend is not None and dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.backend is not None and dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the files and folders dropped on the window (local ones only)."""
        paths = dropped_paths(event.mimeData())
        if self.backend is None or not paths:
            return
        event.acceptProposedAction()
        if self.importer.start(self.backend.library, paths) is None:
            self.status.showMessage(self.tr("正在导入其他文件，请稍后再拖入"), 8000)

    def _on_importer_show_requested(self, doc_ids: tuple[str, ...]) -> None:
        self.show_library()
        self.library_panel.select_documents(doc_ids)

    def _show_versions(self, doc_id: str) -> None:
        """List the open document's other versions above it, as links that open them."""
        from reader.library.versions import other_versions

        summaries = self.backend.summaries if self.backend is not None else []
        self.reading.set_versions(other_versions(summaries, doc_id))

    def _on_importer_imported(self, _count: int) -> None:
        self.library_edited(())

    def library_edited(self, removed: tuple[str, ...]) -> None:
        """Show the library after an import or a removal; ``removed``: documents that left."""
        if self.backend is None:
            return
        current = self.reading.document
        if current is not None and current.id in removed:
            self.reading.clear()
            self.outline.set_document(None)
            self.setWindowTitle(texts.APP_TITLE)
            self.settings.open_document = None
        if removed:
            self.documentsRemoved.emit(tuple(removed))
        library = self.backend.library
        self.backend.summaries = library.documents()
        sources = library.sources()
        self.backend.source_order = [source.name for source in sources]
        self.backend.front_matter = {source.name: source.parts for source in sources}
        self.reading.pages.forget()
        self._show_new_version()
        if self.reading.document is not None:
            self._show_versions(self.reading.document.id)
        self.library_panel.set_documents(self.backend.summaries, self.backend.source_order,
                                         self.backend.front_matter)
        self.search_panel.set_filter_choices(self.backend.summaries)
        self.libraryChanged.emit(len(self.backend.summaries))

    def _on_watch_changed(self) -> None:
        """Another program imported: show its documents and search them too."""
        if self.importer.running:
            return  # this window's own import shows the library when it ends
        self._on_importer_imported(0)
        if self.search_panel.request().query:
            self.search_panel.submit()

    def _show_new_version(self) -> None:
        """Show the open document's new text if an import changed it (its notes follow it)."""
        current = self.reading.document
        if current is None or self.backend is None:
            return
        try:
            fresh = self.backend.library.get(current.id)
        except (KeyError, ReaderError):
            return  # it left the library: it stays on screen until another is opened
        if fresh.text != current.text:
            self.reading.show_document(fresh, self.reading.reading_offset())
            self.outline.set_document(fresh)
            self.documentOpened.emit(fresh.id)

    # Search -----------------------------------------------------------------------------

    def show_search(self, query: str | None = None) -> None:
        """Bring the search panel forward (Ctrl+K); with ``query``, run it."""
        self.left_tabs.setCurrentIndex(LEFT_SEARCH_TAB)
        if query is not None:
            self.search_panel.search(query)
        else:
            self.search_panel.focus_query()

    def _on_search_panel_result_activated(self, doc_id: str, query: str) -> None:
        self.open_document(doc_id, query or None)

    # Other slots ------------------------------------------------------------------------

    def _on_library_panel_document_activated(self, doc_id: str) -> None:
        self.open_document(doc_id)

    def _on_library_panel_mode_changed(self, mode: str) -> None:
        self.settings.tree_mode = mode

    def _on_outline_clause_activated(self, offset: int) -> None:
        self.reading.scroll_to_offset(offset)
        self.reading.browser.setFocus()

    def _on_reading_top_offset_changed(self, offset: int) -> None:
        doc = self.reading.document
        if doc is not None:
            self.settings.remember_position(doc.id, offset)
        self.outline.follow(offset)

    def _on_reading_zoom_changed(self, steps: int) -> None:
        self.settings.zoom = steps

    def _on_reading_theme_changed(self, name: str) -> None:
        self.settings.theme = name
        apply_theme(name)

    # Shutdown ---------------------------------------------------------------------------

    def save_state(self) -> None:
        """Write the window's state into the settings and the settings to disk."""
        self._remember_position()
        settings = self.settings
        settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        settings.splitter_sizes["main"] = self.splitter.sizes()
        settings.tree_mode = self.library_panel.mode
        tab = self.left_tabs.currentIndex()
        settings.left_tab = LEFT_TAB_NAMES[tab] if 0 <= tab < len(LEFT_TAB_NAMES) else "library"
        settings.theme = self.reading.theme_name
        settings.zoom = self.reading.zoom
        if not self._persist:
            return
        try:
            settings.save(self.paths.settings_file)
        except OSError as error:
            self.status.showMessage(self.tr("无法保存设置：%1").replace("%1", str(error)), 8000)

    def shutdown(self) -> None:
        """Stop background work, save the state and close the library (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.watch.stop()
        for task in self.tasks.running():
            task.cancel()
        self.save_state()
        self.tasks.wait(10000)
        if self.backend is not None:
            self.backend.library.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
