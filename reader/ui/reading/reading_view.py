"""The reading pane: one rendered document, its search hits, find in page, zoom and theme."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.settings import MAX_ZOOM, MIN_ZOOM
from reader.ui.base.themes import theme
from reader.ui.reading.citation_links import CitationLinks
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.hit_bar import HitBar
from reader.ui.reading.page_cache import PageCache
from reader.ui.reading.page_finder import PageFinder
from reader.ui.reading.page_map import PageMap

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.model import Document, DocumentSummary
    from reader.library.link_model import Citation

# Something else drawn on the page (the notes' highlights), beneath hits and find matches.
SelectionSource = Callable[[], list[QTextEdit.ExtraSelection]]

# Scroll targets land this far below the top edge, so the line above gives context.
SCROLL_MARGIN = 36
# The reading position is reported this long after scrolling stops.
POSITION_DELAY_MS = 120
# Points added to the base font size per zoom step.
ZOOM_STEP_PT = 1.0


class ReadingView(QWidget):
    """Show a ``Document`` and let the user move around in it.

    Offsets everywhere are character offsets of ``Document.text``; ``PageMap`` turns them
    into page positions, so hits, clause jumps and remembered positions are exact.

    Signals:
        topOffsetChanged(int): the text offset at the top of the pane after scrolling.
        zoomChanged(int): the zoom step changed (for settings).
        hitChanged(int, int): current hit index and hit count after moving between hits.
        themeChanged(str): the theme was set (for the menu and settings); its name.
        versionRequested(str): another version was chosen in the versions bar; its id.
        compareRequested(str): 对照阅读 was chosen beside another version; its id.
    """

    topOffsetChanged = Signal(int)
    versionRequested = Signal(str)
    compareRequested = Signal(str)
    zoomChanged = Signal(int)
    hitChanged = Signal(int, int)
    themeChanged = Signal(str)

    def __init__(self, css: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = PageCache(css)
        self._doc: Document | None = None
        self._map = PageMap([])
        self._theme = "light"
        self._zoom = 0
        self._base_point_size = max(self.font().pointSizeF(), 9.0) + 2.0
        self._hits: list[tuple[int, int]] = []
        self._hit_index = -1
        # The text offset at the top of the pane (None: the page's top, header card and all);
        # a resize reflows the page and scrolls back to it.
        self._anchor_offset: int | None = None
        self._restoring_anchor = False

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("readingPane")
        # A document cannot open anything: no link is followed, inside or outside the app.
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setUndoRedoEnabled(False)
        self.browser.document().setDocumentMargin(28)
        self.browser.setPlaceholderText(self.tr("从左侧文库中选择一篇文件开始阅读"))
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._context_actions: list[QAction] = []
        self._selection_sources: list[SelectionSource] = []
        # Resolved citations become internal links once the document's links are known.
        self.citations = CitationLinks(self.browser, self)

        self.hit_bar = HitBar(self)

        # The open document's other versions (a revised law's other texts), as links.
        self.versions_bar = QLabel(self)
        self.versions_bar.setObjectName("versionsBar")
        self.versions_bar.setWordWrap(True)
        self.versions_bar.setTextFormat(Qt.TextFormat.RichText)
        self.versions_bar.setContentsMargins(8, 4, 8, 4)
        self.versions_bar.linkActivated.connect(self._on_versions_bar_link_activated)
        self.versions_bar.hide()
        self._versions: list[str] = []

        self.find_bar = FindBar(self)
        self.find_bar.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.hit_bar)
        layout.addWidget(self.versions_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.find_bar)

        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_DELAY_MS)
        self._position_timer.timeout.connect(self._on_position_timer_timeout)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scroll_bar_value_changed)
        self.browser.installEventFilter(self)
        self.browser.customContextMenuRequested.connect(
            self._on_browser_custom_context_menu_requested
        )
        self.hit_bar.previousRequested.connect(self.previous_hit)
        self.hit_bar.nextRequested.connect(self.next_hit)
        self.hit_bar.clearRequested.connect(self.clear_hits)
        # Esc closes find wherever the keyboard is in the reading view, not only in its box.
        self.close_find = QAction(self.tr("关闭查找"), self)
        self.close_find.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.close_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.close_find.triggered.connect(self._on_close_find_triggered)
        self.addAction(self.close_find)
        self.finder = PageFinder(self.browser, self.find_bar, SCROLL_MARGIN)
        self.finder.matchesChanged.connect(self._update_selections)
        self._apply_theme_palette()
        self._apply_zoom()

    # Documents --------------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._doc

    @property
    def page_map(self) -> PageMap:
        return self._map

    def show_document(self, doc: Document, offset: int | None = None) -> None:
        """Render ``doc`` and scroll to ``offset`` (the top when None); hits are cleared."""
        self._doc = doc
        self._hits, self._hit_index = [], -1
        self.hit_bar.hide()
        self._render()
        if offset:
            self.scroll_to_offset(offset)
        else:
            self.browser.verticalScrollBar().setValue(0)
            self._anchor_offset = None
        self.finder.refind()

    def set_versions(self, versions: Sequence[DocumentSummary]) -> None:
        """List other versions of the open document; choosing one sends ``versionRequested``.

        Beside each, 对照阅读 sends ``compareRequested``. The links are positions in this list,
        never URLs, and every title is escaped.
        """
        self._versions = [summary.id for summary in versions]
        links = []
        compare = html.escape(self.tr("对照阅读"))
        for number, summary in enumerate(versions):
            when = summary.date or self.tr("日期不详")
            label = html.escape(f"{summary.title}（{when}）")
            links.append(f'<a href="#version-{number}">{label}</a>'
                         f'（<a href="#compare-{number}">{compare}</a>）')
        self.versions_bar.setText(self.tr("其他版本：") + "；".join(links))
        self.versions_bar.setVisible(bool(links))

    def version_links(self) -> list[str]:
        """Return the ids the versions bar links to, in its order."""
        return list(self._versions)

    def _on_versions_bar_link_activated(self, link: str) -> None:
        kind, _, number = link.removeprefix("#").partition("-")
        if number.isdigit() and int(number) < len(self._versions):
            signal = self.compareRequested if kind == "compare" else self.versionRequested
            signal.emit(self._versions[int(number)])

    def clear(self) -> None:
        """Show nothing (the open document was removed)."""
        self.set_versions([])
        self._doc = None
        self._map = PageMap([])
        self._hits, self._hit_index = [], -1
        self.hit_bar.hide()
        self.citations.clear()
        self.browser.clear()

    def _render(self) -> None:
        from reader.corpus.render import paragraphs

        assert self._doc is not None
        with QSignalBlocker(self.browser.verticalScrollBar()):
            self.browser.setHtml(self.pages.page(self._doc, self._theme))
        self._map = PageMap.from_document(self.browser.document(), paragraphs(self._doc.text))
        self.citations.place(self._doc.id, self._map, theme(self._theme).link)

    def set_citations(self, doc_id: str, citations: Sequence[Citation]) -> None:
        """Make the resolved ``citations`` of the open document ``doc_id`` links."""
        if self._doc is not None and self._doc.id == doc_id:
            self.citations.set_citations(doc_id, citations, self._map, theme(self._theme).link)

    # Positions --------------------------------------------------------------------------

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the text at ``offset`` is near the top and put the caret there."""
        cursor = QTextCursor(self.browser.document())
        last = self.browser.document().characterCount() - 1
        cursor.setPosition(min(self._map.position(offset), last))
        self._anchor_offset = offset
        self.browser.setTextCursor(cursor)
        self._scroll_cursor_to_top(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.browser
            and event.type() == QEvent.Type.Resize
            and self._doc is not None
            and not self._restoring_anchor
        ):
            self._restoring_anchor = True
            QTimer.singleShot(0, self._on_resize_settled)
        return super().eventFilter(watched, event)

    def _on_resize_settled(self) -> None:
        self._restoring_anchor = False
        if self._doc is None:
            return
        if self._anchor_offset is None:
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.scroll_to_offset(self._anchor_offset)

    def _scroll_cursor_to_top(self, cursor: QTextCursor) -> None:
        bar = self.browser.verticalScrollBar()
        rect = self.browser.cursorRect(cursor)
        bar.setValue(bar.value() + rect.top() - SCROLL_MARGIN)

    def _reveal(self, offset: int) -> None:
        """Put the caret at ``offset`` and scroll only as far as needed to show it.

        A hit already on screen stays where it is; one on the first screen of the page keeps
        the header card in view; any other lands near the top.
        """
        cursor = QTextCursor(self.browser.document())
        last = self.browser.document().characterCount() - 1
        cursor.setPosition(min(self._map.position(offset), last))
        self.browser.setTextCursor(cursor)
        rect = self.browser.cursorRect(cursor)
        height = self.browser.viewport().height()
        bar = self.browser.verticalScrollBar()
        if not (rect.top() >= SCROLL_MARGIN and rect.bottom() <= height - SCROLL_MARGIN):
            if bar.value() + rect.bottom() <= height - SCROLL_MARGIN:
                bar.setValue(0)
            else:
                self._scroll_cursor_to_top(cursor)
        self._anchor_offset = self.top_offset() if bar.value() > 0 else None

    def selection_offsets(self) -> tuple[int, int] | None:
        """Return the selected text as a span of ``Document.text`` (None: nothing selected)."""
        cursor = self.browser.textCursor()
        if self._doc is None or not cursor.hasSelection():
            return None
        start = self._map.offset(cursor.selectionStart())
        end = self._map.offset(cursor.selectionEnd())
        return (start, end) if end > start else None

    def caret_offset(self) -> int:
        """Return the text offset of the caret (where a click or a jump left it)."""
        return self._map.offset(self.browser.textCursor().position())

    def add_context_action(self, action: QAction) -> None:
        """Offer ``action`` in the reading pane's context menu, after the standard entries."""
        self._context_actions.append(action)

    def context_menu(self, point: QPoint) -> QMenu:
        """Return the menu for a right-click at ``point`` (viewport coordinates).

        Qt's own entries (复制, 全选) come first, in the language of the installed translator.
        """
        menu = self.browser.createStandardContextMenu(point)
        for action in menu.actions():
            if action.objectName() in _UNWANTED_STANDARD_ACTIONS:
                menu.removeAction(action)
        if self._context_actions:
            menu.addSeparator()
            for action in self._context_actions:
                menu.addAction(action)
        return menu

    def _on_browser_custom_context_menu_requested(self, point: QPoint) -> None:
        menu = self.context_menu(point)
        menu.exec(self.browser.viewport().mapToGlobal(point))
        menu.deleteLater()

    def top_offset(self) -> int:
        """Return the text offset of the first line visible at the top of the pane."""
        if self._doc is None:
            return 0
        cursor = self.browser.cursorForPosition(QPoint(0, SCROLL_MARGIN + 2))
        return self._map.offset(cursor.position())

    def reading_offset(self) -> int:
        """Return the offset being read: kept across a reflow that has not settled yet."""
        if self._restoring_anchor:
            return self._anchor_offset or 0
        return self.top_offset()

    # Hits -------------------------------------------------------------------------------

    def set_hits(self, spans: list[tuple[int, int]]) -> None:
        """Highlight every search hit (text spans) and go to the first one."""
        self._hits = sorted((s, e) for s, e in spans if e > s)
        self._hit_index = -1
        self.hit_bar.setVisible(bool(self._hits))
        if self._hits:
            self.go_to_hit(0)
        else:
            self._update_selections()

    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    @property
    def hit_index(self) -> int:
        return self._hit_index

    def go_to_hit(self, number: int) -> None:
        """Make hit ``number`` (wrapping around) current and scroll to it."""
        if not self._hits:
            return
        self._hit_index = number % len(self._hits)
        start, _ = self._hits[self._hit_index]
        self._reveal(start)
        self.hit_bar.show_position(self._hit_index, len(self._hits))
        self._update_selections()
        self.hitChanged.emit(self._hit_index, len(self._hits))

    def next_hit(self) -> None:
        self.go_to_hit(self._hit_index + 1)

    def previous_hit(self) -> None:
        self.go_to_hit(self._hit_index - 1)

    def clear_hits(self) -> None:
        self._hits, self._hit_index = [], -1
        self.hit_bar.hide()
        self._update_selections()

    # Find in page -----------------------------------------------------------------------

    def open_find(self) -> None:
        self.finder.open()

    def find_next(self) -> None:
        self.finder.find_next()

    def find_previous(self) -> None:
        self.finder.find_previous()

    def _on_close_find_triggered(self) -> None:
        if self.find_bar.isVisible():
            self.find_bar.dismiss()
            self.browser.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def find_matches(self) -> int:
        return len(self.finder.matches)

    # Highlights -------------------------------------------------------------------------

    def add_selection_source(self, source: SelectionSource) -> None:
        """Draw ``source()``'s selections under the hits and find matches, on every redraw."""
        self._selection_sources.append(source)

    def refresh_selections(self) -> None:
        """Redraw every highlight (a source's selections changed)."""
        self._update_selections()

    def _update_selections(self) -> None:
        colours = theme(self._theme)
        selections = [s for source in self._selection_sources for s in source()]

        def add(cursor: QTextCursor, colour: str) -> None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            selection.format = fmt
            selections.append(selection)

        document = self.browser.document()
        for number, (start, end) in enumerate(self._hits):
            cursor = QTextCursor(document)
            cursor.setPosition(self._map.position(start))
            cursor.setPosition(self._map.position(end), QTextCursor.MoveMode.KeepAnchor)
            add(cursor, colours.current_hit if number == self._hit_index else colours.hit)
        for number, match in enumerate(self.finder.matches):
            add(match, colours.current_hit if number == self.finder.current else colours.find)
        self.browser.setExtraSelections(selections)

    # Zoom and theme ---------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Set the font size to ``steps`` from the default, keeping the reading position."""
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        if steps == self._zoom:
            return
        offset = self.reading_offset()
        self._zoom = steps
        self._apply_zoom()
        if self._doc is not None:
            self.scroll_to_offset(offset)
        self.zoomChanged.emit(self._zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def reset_zoom(self) -> None:
        self.set_zoom(0)

    def _apply_zoom(self) -> None:
        font = QFont(self.browser.document().defaultFont())
        font.setPointSizeF(self._base_point_size + self._zoom * ZOOM_STEP_PT)
        self.browser.document().setDefaultFont(font)

    @property
    def theme_name(self) -> str:
        return self._theme

    def set_theme(self, name: str) -> None:
        """Switch to theme ``name``, keeping the reading position and highlights."""
        self._theme = theme(name).name
        self._apply_theme_palette()
        self.rerender()
        self.themeChanged.emit(self._theme)

    def rerender(self) -> None:
        """Render the open document again (its page changed), keeping position and marks."""
        if self._doc is not None:
            offset = self.reading_offset()
            self._render()
            self.scroll_to_offset(offset)
            self.finder.refind()
            self._update_selections()

    def _apply_theme_palette(self) -> None:
        colours = theme(self._theme)
        palette = self.browser.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(colours.base))
        palette.setColor(QPalette.ColorRole.Text, QColor(colours.text))
        self.browser.setPalette(palette)

    # Slots ------------------------------------------------------------------------------

    def _on_scroll_bar_value_changed(self, _value: int) -> None:
        self._position_timer.start()

    def _on_position_timer_timeout(self) -> None:
        if self._doc is not None and not self._restoring_anchor:
            top = self.top_offset()
            at_page_top = self.browser.verticalScrollBar().value() == 0
            self._anchor_offset = None if at_page_top else top
            self.topOffsetChanged.emit(top)


# The standard menu's entry for a link: documents never contain live links.
_UNWANTED_STANDARD_ACTIONS = {"link-copy"}
