"""Map character offsets of ``Document.text`` to positions in the rendered page and back.

``reader.corpus.render`` turns each paragraph into one block with the paragraph's characters
unchanged, in order, the first marked by ``BODY_ANCHOR``; so within a paragraph an offset and
a page position differ by a constant. The map pairs paragraphs with blocks once per render.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextBlock, QTextDocument

if TYPE_CHECKING:  # reader.corpus loads the splitter: not on the way to the first paint
    from reader.corpus.render import Paragraph

# How far ahead to look for a paragraph's block when one did not match (never seen so far).
_RESYNC_BLOCKS = 8


class PageMap:
    """Offsets in the document's text ↔ character positions in the ``QTextDocument``."""

    def __init__(self, pairs: list[tuple[int, int, int]]) -> None:
        """``pairs`` holds (text offset, page position, paragraph length), in order."""
        self._offsets = [offset for offset, _, _ in pairs]
        self._positions = [position for _, position, _ in pairs]
        self._lengths = [length for _, _, length in pairs]

    @classmethod
    def from_document(cls, document: QTextDocument, paragraphs: list[Paragraph]) -> PageMap:
        """Pair ``paragraphs`` (from ``reader.corpus.render.paragraphs``) with their blocks."""
        block = _body_start(document)
        pairs: list[tuple[int, int, int]] = []
        for paragraph in paragraphs:
            found = block
            for _ in range(_RESYNC_BLOCKS):
                if not found.isValid() or found.text() == paragraph.text:
                    break
                found = found.next()
            if not found.isValid() or found.text() != paragraph.text:
                continue  # not on the page as expected: map it to its neighbours
            pairs.append((paragraph.start, found.position(), len(paragraph.text)))
            block = found.next()
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
