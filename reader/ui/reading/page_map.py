"""Map character offsets of ``Document.text`` to positions in the rendered page and back.

``reader.corpus.render`` shows each paragraph's characters unchanged, in order, the first
marked by ``BODY_ANCHOR``: as a block of its own (a link line after its label), or, in a
table, one cell a field between its tabs, or one cell of a grid. So within each such piece
an offset and a page position differ by a constant. The map pairs pieces with places in the
blocks once per render.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextBlock, QTextDocument

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.render import Paragraph

# How far ahead to look for a piece's block when one did not match (never seen so far);
# empty blocks (the empty cells of a table) do not count.
_RESYNC_BLOCKS = 8
# What the page puts between pieces that share a block (the padding of a grid line).
_SEPARATORS = " \u3000"


class PageMap:
    """Offsets in the document's text ↔ character positions in the ``QTextDocument``."""

    def __init__(self, pairs: list[tuple[int, int, int]]) -> None:
        """``pairs`` holds (text offset, page position, paragraph length), in order."""
        self._offsets = [offset for offset, _, _ in pairs]
        self._positions = [position for _, position, _ in pairs]
        self._lengths = [length for _, _, length in pairs]

    @classmethod
    def from_document(cls, document: QTextDocument, paragraphs: list[Paragraph]) -> PageMap:
        """Pair ``paragraphs`` (from ``reader.corpus.render.paragraphs``) with the page."""
        from reader.corpus.render import LINK_LABEL

        block = _body_start(document)
        column = 0
        pairs: list[tuple[int, int, int]] = []
        for paragraph in paragraphs:
            if block.isValid() and column == 0 and block.text() == paragraph.text:
                pairs.append((paragraph.start, block.position(), len(paragraph.text)))
                block = block.next()  # the common case: a paragraph is a block
                continue
            for start, piece in _pieces(paragraph):
                found, at = _find(block, column, piece, LINK_LABEL)
                if found is None:
                    continue  # not on the page as expected: map it to its neighbours
                pairs.append((start, found.position() + at, len(piece)))
                block, column = found, at + len(piece)
                if column >= len(block.text()):
                    block, column = block.next(), 0
        return cls(pairs)

    def __len__(self) -> int:
        return len(self._offsets)

    def position(self, offset: int) -> int:
        """Return the page position showing text offset ``offset``.

        An offset between paragraphs (on a newline) maps to the end of the paragraph before.
        """
        if not self._offsets:
            return 0
        number = bisect.bisect_right(self._offsets, offset) - 1
        if number < 0:
            return self._positions[0]
        within = min(offset - self._offsets[number], self._lengths[number])
        return self._positions[number] + within

    def offset(self, position: int) -> int:
        """Return the text offset shown at page ``position`` (the header card maps to 0)."""
        if not self._positions:
            return 0
        number = bisect.bisect_right(self._positions, position) - 1
        if number < 0:
            return 0
        within = min(position - self._positions[number], self._lengths[number])
        return self._offsets[number] + within

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the page positions of the text span ``[start, end)``."""
        return self.position(start), self.position(end)


def _pieces(paragraph: Paragraph) -> list[tuple[int, str]]:
    """Return the paragraph's fields between tabs (a table row's cells), with their offsets."""
    if "\t" not in paragraph.text:
        return [(paragraph.start, paragraph.text)]
    out: list[tuple[int, str]] = []
    at = paragraph.start
    for field in paragraph.text.split("\t"):
        text = field.strip(_SEPARATORS)
        if text:
            out.append((at + len(field) - len(field.lstrip(_SEPARATORS)), text))
        at += len(field) + 1
    return out


def _find(
    block: QTextBlock, column: int, piece: str, label: str
) -> tuple[QTextBlock | None, int]:
    """Find ``piece`` where the page goes on: at ``column`` of ``block`` (after separators),
    else at the start of one of the next blocks."""
    tries = 0
    while block.isValid() and tries < _RESYNC_BLOCKS:
        text = block.text()
        at = column
        if at == 0 and text.startswith(label):
            at = len(label)  # the label the page puts before a link line
        while at < len(text) and text[at] in _SEPARATORS:
            at += 1
        if text.startswith(piece, at):
            return block, at
        if text:
            tries += 1
        block, column = block.next(), 0
    return None, 0


def _body_start(document: QTextDocument) -> QTextBlock:
    """Return the block holding ``BODY_ANCHOR`` (the first paragraph of the text)."""
    from reader.corpus.render import BODY_ANCHOR

    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if BODY_ANCHOR in iterator.fragment().charFormat().anchorNames():
                return block
            iterator += 1
        block = block.next()
    return document.begin()
