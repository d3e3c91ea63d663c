"""From the printed lines of a PDF's pages to the splitter's text: page furniture dropped.

What is page furniture is told by the page's structure, never by one file's strings:

- only the top and bottom lines of a page that stand in its margins (the outer 15% of its
  height) can be furniture;
- of those, a page number (``— 12 —``, ``-12-``, ``第12页``, ``第 3 页 共 20 页``, ``12``) is;
- and so is a running header or footer: a line that comes back on many pages at the same
  height (digits aside: ``惠企政策汇编 · 12``), or, smaller than the body text, on a few pages
  (the title of the document those pages hold).

The printed lines are kept as printed, wraps and all: the splitter and the cleaner were made
for text converted from PDFs, which is exactly that (a typeset text splits as its source does;
joining wraps here made it worse, since the splitter judges titles by the local wrap width).
A line printed after a single space keeps the space (see ``PdfLine.lead``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from reader.corpus.clean import is_page_number

_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be furniture
_BAND = 0.15  # ...if they stand in the outer 15% of the page's height (its margins)
_REPEAT_SHARE = 0.4  # a line on this share of the pages at one height is a running header
_FEW_PAGES = 3  # a smaller line at one height on this many pages is one too
_SAME_HEIGHT = 4.0  # points: the same position on the page


@dataclass(frozen=True)
class PdfLine:
    """One printed line of a page: its text and box in PDF points (y grows upwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    lead: bool = False  # printed after a space: a page-break mark kept by the typesetting

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass(frozen=True)
class PdfPage:
    """The printed lines of one page in the PDF's reading order."""

    number: int  # 1-based
    width: float
    height: float
    lines: tuple[PdfLine, ...]


@dataclass(frozen=True)
class LaidOut:
    """The text of the pages, one printed line a line, and the page of each line."""

    lines: tuple[str, ...]
    pages: tuple[int, ...]
    dropped: int  # furniture lines dropped


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _edges(page: PdfPage) -> list[PdfLine]:
    """Return the lines that may be furniture: the outermost ones, in the page's margins."""
    ordered = sorted(page.lines, key=lambda line: -line.top)
    top = [line for line in ordered[:_EDGE_LINES] if line.bottom >= page.height * (1 - _BAND)]
    bottom = [line for line in ordered[-_EDGE_LINES:] if line.top <= page.height * _BAND]
    return top + [line for line in bottom if line not in top]


def find_furniture(pages: list[PdfPage]) -> set[tuple[int, int]]:
    """Return (page index, line index) of every page number and running header or footer."""
    body_height = _median([line.height for page in pages for line in page.lines]) or 1.0
    furniture: set[tuple[int, int]] = set()
    seen: dict[str, list[tuple[int, int, float, float]]] = defaultdict(list)
    for p, page in enumerate(pages):
        positions = {id(line): i for i, line in enumerate(page.lines)}
        for line in _edges(page):
            i = positions[id(line)]
            if is_page_number(line.text):
                furniture.add((p, i))
            elif len(line.text.strip()) <= 60:
                seen[_key(line.text)].append((p, i, line.top, line.height))
    with_text = sum(1 for page in pages if page.lines) or 1
    for places in seen.values():
        heights = Counter(round(top / _SAME_HEIGHT) for _, _, top, _ in places)
        at = heights.most_common(1)[0][0]
        same = [(p, i, h) for p, i, top, h in places if abs(round(top / _SAME_HEIGHT) - at) <= 1]
        pages_with = {p for p, _, _ in same}
        if len(pages_with) < 2:
            continue
        common = len(pages_with) >= max(2, _REPEAT_SHARE * with_text)
        small = len(pages_with) >= _FEW_PAGES and _median([h for _, _, h in same]) < body_height * 0.9
        if common or small:
            furniture.update((p, i) for p, i, _ in same)
    return furniture


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def lay_out(pages: list[PdfPage]) -> LaidOut:
    """Return the printed lines of ``pages`` without furniture, one a line.

    A line printed after a single space keeps it: text converted from a PDF marks the first
    line of a page so, the splitter reads the mark, and a PDF typeset from such text prints
    it. This PDF's own page breaks are not marked: they are where its typesetting happened to
    break, not where the compilation's documents begin (marking them made splitting worse).
    """
    furniture = find_furniture(pages)
    out: list[str] = []
    numbers: list[int] = []
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            text = line.text.strip()
            if text and (p, i) not in furniture:
                out.append((" " if line.lead else "") + text)
                numbers.append(page.number)
    return LaidOut(tuple(out), tuple(numbers), len(furniture))
