"""A text with its whitespace removed, and the map back: where re-cleaning cannot reach.

Re-cleaning a compilation mostly joins or breaks lines and adds or drops spaces. Comparing
texts with all whitespace removed makes those changes invisible to anchoring. Only the
whitespace runs are recorded (a few per line), not a position per character, so building
this for a long document costs two regular-expression passes.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Return ``text`` without any whitespace."""
    return _WHITESPACE.sub("", text)


class SqueezedText:
    """``text`` without whitespace, with offsets mapped both ways."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = squeeze(text)
        self._run_start: list[int] = []  # original offset where each whitespace run starts
        self._run_end: list[int] = []
        self._removed_before: list[int] = []  # whitespace removed before each run
        self._run_at: list[int] = []  # squeezed offset at which each run was removed
        removed = 0
        for run in _WHITESPACE.finditer(text):
            self._run_start.append(run.start())
            self._run_end.append(run.end())
            self._removed_before.append(removed)
            self._run_at.append(run.start() - removed)
            removed += run.end() - run.start()

    def index_of(self, offset: int) -> int:
        """Return the squeezed index of the first non-blank character at or after ``offset``."""
        j = bisect_right(self._run_start, offset) - 1
        if j < 0:
            return offset
        inside = min(offset, self._run_end[j]) - self._run_start[j]
        return offset - self._removed_before[j] - inside

    def offset_of(self, index: int) -> int:
        """Return the original offset of the squeezed character at ``index``."""
        j = bisect_right(self._run_at, index)
        if j == 0:
            return index
        return index + self._removed_before[j - 1] + self._run_end[j - 1] - self._run_start[j - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty squeezed span back to the original text (first to last character)."""
        return self.offset_of(start), self.offset_of(end - 1) + 1
