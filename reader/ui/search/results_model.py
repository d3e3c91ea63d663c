"""Search results on screen: a thin list model over ``Hit`` values and a delegate that draws
each as title, metadata and a snippet with the matched words marked."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.base.plain import plain_tooltip

if TYPE_CHECKING:  # whoosh loads on a worker thread, not before the first paint
    from reader.search.searcher import Hit

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RICH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex

MARK_STYLE = "background-color:#ffe27a; color:#000000;"
PADDING = 6
META_CSS = ".meta { color: #6b7480; }"
META_SELECTED_CSS = ".meta { }"


def marked_snippet(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return ``text`` escaped for Qt rich text with ``spans`` highlighted.

    Built from the plain snippet and its spans (not the searcher's HTML) so only markup made
    here reaches the label: Qt's rich text knows no ``<mark>``.
    """
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if end <= start:
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f'<span style="{MARK_STYLE}">{html.escape(text[start:end])}</span>')
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces).replace("\n", " ")


def hit_html(hit: Hit) -> str:
    """Return one result as rich text: bold title, a grey metadata line, the snippet."""
    from reader.corpus.render import format_date  # reader.corpus: see the module imports

    summary = hit.summary
    meta = [part for part in (
        "、".join(summary.issuers_canonical or summary.issuers),
        summary.doc_number or "",
        format_date(summary.date),
    ) if part]
    return (
        f"<div><b>{html.escape(summary.title)}</b></div>"
        f'<div class="meta">{html.escape(" · ".join(meta))}</div>'
        f"<div>{marked_snippet(hit.snippet_text, hit.snippet_spans)}</div>"
    )


class ResultsModel(QAbstractListModel):
    """The hits of the last search, best first, fetched a page at a time.

    The model knows how many documents the search found (``total``) and holds the ones
    fetched so far. When a view scrolls to its end, ``fetchMore`` asks for the next page by
    emitting ``moreWanted``; the search runs on a worker and its answer arrives through
    ``append_hits``. One page is asked for at a time.

    Signals:
        moreWanted(int): the view wants more rows; the number of rows held now.
    """

    moreWanted = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[Hit, ...] = ()
        self._total = 0
        self._fetching = False

    @property
    def total(self) -> int:
        """How many documents the search found, fetched or not."""
        return self._total

    def set_hits(self, hits: Sequence[Hit], total: int | None = None) -> None:
        """Show the first page of a new answer (``total``: all it found, default ``hits``)."""
        self.beginResetModel()
        self._hits = tuple(hits)
        self._total = max(len(self._hits), total if total is not None else 0)
        self._fetching = False
        self.endResetModel()

    def append_hits(self, hits: Sequence[Hit], total: int) -> None:
        """Add the next page: its hits not held yet (a library changed meanwhile may rank
        one shown already into it), in its order."""
        held = {hit.summary.id for hit in self._hits}
        new = [hit for hit in hits if hit.summary.id not in held]
        if new:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._hits = self._hits + tuple(new)
            self.endInsertRows()
        # A page with nothing new (the library changed meanwhile): stop asking.
        self._total = max(total, len(self._hits)) if new else len(self._hits)
        # Only now: views that ask for more while the rows go in must not ask twice.
        self._fetching = False

    def fetch_failed(self) -> None:
        """The next page could not be fetched: stop asking for more of this answer."""
        self._fetching = False
        self._total = len(self._hits)

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._fetching and len(self._hits) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.moreWanted.emit(len(self._hits))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(hit.snippet_text)
        if role == DOC_ID_ROLE:
            return hit.summary.id
        if role == RICH_TEXT_ROLE:
            return hit_html(hit)
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Draw a result's rich text, wrapped to the list's width."""

    def _document(
        self, option: QStyleOptionViewItem, index: AnyIndex, selected: bool = False
    ) -> QTextDocument:
        document = QTextDocument()
        # Grey metadata is unreadable on the selection colour; there it takes the text's.
        document.setDefaultStyleSheet(META_SELECTED_CSS if selected else META_CSS)
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        document.setHtml(str(index.data(RICH_TEXT_ROLE) or ""))
        document.setTextWidth(max(option.rect.width(), 120))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter,
                              option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, index, selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        self.initStyleOption(option, index)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractScrollArea) else 300
        option.rect.setWidth(width)
        document = self._document(option, index)
        return QSize(width, int(document.size().height()) + 2)
