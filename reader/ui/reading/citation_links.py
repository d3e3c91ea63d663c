"""Resolved citations in the reading pane: internal links to the cited document and clause.

The page is rendered from the document's text alone (``reader.corpus.render``: nothing in a
document becomes a link). Once the open document's citations are known, each resolved
mention gets an anchor format over exactly its characters, placed through the ``PageMap``:
``cite:<doc_id>#<clause address>``, a name only this module reads, never a URL Qt or the
system would open. A click sends ``activated``; hovering shows the cited document's header
card as escaped text (``plain_tooltip``), asked for only when the pointer rests there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QUrl, Signal
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QToolTip

from reader.ui.base.plain import plain_tooltip

if TYPE_CHECKING:
    from reader.library.link_model import Citation
    from reader.ui.reading.page_map import PageMap

CITE_SCHEME = "cite"
# A cited document's header card as plain text, by its id (None: nothing to show).
CardSource = Callable[[str], "str | None"]


def citation_href(target_id: str, clause: str | None) -> str:
    """Return the anchor of a citation: ``cite:<doc_id>`` and ``#<clause address>`` if any."""
    return f"{CITE_SCHEME}:{target_id}" + (f"#{clause}" if clause else "")


def parse_citation_href(href: str) -> tuple[str, str | None] | None:
    """Return (document id, clause address or None) of a citation anchor, else None."""
    scheme, colon, rest = href.partition(":")
    if scheme != CITE_SCHEME or not colon:
        return None
    doc_id, _, clause = rest.partition("#")
    if not doc_id or "/" in doc_id:
        return None
    return doc_id, clause or None


class CitationLinks(QObject):
    """The citation anchors of one ``QTextBrowser`` page, their clicks and their tooltips.

    Signals:
        activated(str, str): a citation was clicked: the cited document's id and the clause
            address ("" when the mention names no clause).
    """

    activated = Signal(str, str)

    def __init__(self, browser: QTextBrowser, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._browser = browser
        self._doc_id: str | None = None
        self._citations: tuple[Citation, ...] = ()
        self._placed: list[tuple[int, int, str]] = []
        self.card_source: CardSource | None = None
        browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        browser.viewport().installEventFilter(self)

    def set_citations(self, doc_id: str, citations: Sequence[Citation], page_map: PageMap,
                      colour: str) -> None:
        """Link the resolved ``citations`` of the document ``doc_id`` shown now."""
        self._doc_id = doc_id
        self._citations = tuple(c for c in citations if c.target_id is not None)
        self.place(doc_id, page_map, colour)

    def place(self, doc_id: str, page_map: PageMap, colour: str) -> None:
        """Put the anchors on a freshly rendered page of ``doc_id`` (others' are dropped)."""
        self._placed = []
        if doc_id != self._doc_id:
            self._doc_id, self._citations = None, ()
            return
        document = self._browser.document()
        if self._citations:
            # Lay the fresh page out first: an edit to a page laid out only in part leaves the
            # rest of it unlaid, and the page would end (and scroll) short of its text.
            document.size()
        last = document.characterCount() - 1
        batch = QTextCursor(document)
        batch.beginEditBlock()  # one relayout for all the anchors, not one each
        for citation in self._citations:
            assert citation.target_id is not None
            start, end = page_map.span(citation.start, citation.end)
            if not 0 <= start < end <= last:
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            if _squeezed(cursor.selectedText()) != _squeezed(citation.text):
                continue  # the offsets are of another text of the document: leave it plain
            href = citation_href(citation.target_id, citation.clause)
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorHref(href)
            fmt.setForeground(QColor(colour))
            fmt.setFontUnderline(True)
            cursor.mergeCharFormat(fmt)
            self._placed.append((start, end, href))
        batch.endEditBlock()

    def clear(self) -> None:
        self._doc_id, self._citations, self._placed = None, (), []

    def placed(self) -> list[tuple[int, int, str]]:
        """Return the anchors on the page: (start, end) page positions and the anchor."""
        return list(self._placed)

    def tooltip(self, href: str) -> str | None:
        """Return the tooltip for the anchor ``href``: the cited document's card, escaped."""
        target = parse_citation_href(href)
        if target is None or self.card_source is None:
            return None
        card = self.card_source(target[0])
        return plain_tooltip(card) if card else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            href = self._browser.anchorAt(event.pos())
            tip = self.tooltip(href) if href else None
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, self._browser.viewport())
                return True
        return super().eventFilter(watched, event)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        decoded = QUrl.ComponentFormattingOption.FullyDecoded
        href = f"{url.scheme()}:{url.path(decoded)}"
        if url.hasFragment():
            href += f"#{url.fragment(decoded)}"
        target = parse_citation_href(href)
        if target is not None:
            self.activated.emit(target[0], target[1] or "")


def _squeezed(text: str) -> str:
    return "".join(text.replace("\u2029", "").split())
