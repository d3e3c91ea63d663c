"""Map character offsets of ``Document.text`` to positions in the rendered page and back.

``reader.corpus.render`` starts every paragraph's block with an empty anchor ``p<offset>``
and keeps the paragraph's characters unchanged, so within a paragraph an offset and a page
position differ by a constant. The map is read once from the laid-out ``QTextDocument``.
"""

from __future__ import annotations

import bisect

from PySide6.QtGui import QTextDocument

from reader.corpus.render import PARAGRAPH_ANCHOR_PREFIX


class PageMap:
    """Offsets in the document's text ↔ character positions in the ``QTextDocument``."""

    def __init__(self, pairs: list[tuple[int, int, int]]) -> None:
        """``pairs`` holds (text offset, page position, paragraph length), in order."""
        self._offsets = [offset for offset, _, _ in pairs]
        self._positions = [position for _, position, _ in pairs]
        self._lengths = [length for _, _, length in pairs]

    @classmethod
    def from_document(cls, document: QTextDocument) -> PageMap:
        """Read the paragraph anchors of a page rendered by ``reader.corpus.render``."""
        pairs: list[tuple[int, int, int]] = []
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                for name in fragment.charFormat().anchorNames():
                    if name.startswith(PARAGRAPH_ANCHOR_PREFIX) and name[1:].isdigit():
                        pairs.append((int(name[1:]), fragment.position(),
                                      block.position() + block.length() - 1 - fragment.position()))
                iterator += 1
            block = block.next()
        pairs.sort()
        return cls(pairs)

    def __len__(self) -> int:
        return len(self._offsets)

    @property
    def first_position(self) -> int:
        """The page position of the text's first paragraph (after the header card)."""
        return self._positions[0] if self._positions else 0

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
