"""From the printed lines of a PDF's pages to the splitter's text: furniture out, wraps undone.

What is page furniture is told by the page's structure, never by one file's strings:

- only the top and bottom lines of a page that stand in its margins (the outer 15% of its
  height) can be furniture;
- of those, a page number (``— 12 —``, ``-12-``, ``第12页``, ``第 3 页 共 20 页``, ``12``) is;
- and so is a running header or footer: a line that comes back on many pages at the same
  height (digits aside: ``惠企政策汇编 · 12``), or, smaller than the body text, on a few pages
  (the title of the document those pages hold).

Lines are kept as printed, wraps and all, where the text frame is as wide as the A4 pages the
splitter and the cleaner were made for (text converted from such PDFs is exactly that: a seed
typeset at 11 pt splits as its text does; joining wraps there made it worse). In narrower
frames (GB/T 9704's 28 characters a line) a line that could not take one more character is
joined with the next, so titles and paragraphs come back as the text had them (see
``_wrapped``). A line printed after a single space keeps the space (see ``PdfLine.lead``).
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
# Lines this many characters wide are kept as printed: the splitter reads such text as the
# conversions of A4 pages it was made for (35–40 characters a line); narrower frames (GB/T
# 9704 sets 28) break titles over more lines than it follows, so their wraps are undone.
_WIDE_FRAME = 32
# A full line that ends a sentence, a title (…的通知) or a quotation may end its paragraph too:
# left as printed (a wrap left in costs little, the cleaner joins it; a wrong join merges a
# title with the addressee under it).
_ENDS_UNIT = re.compile(
    r"(?:[。！？；：:;!?）)》」』”]|通知|意见|办法|规定|决定|方案|规划|公告|通告|批复|函|细则|条例|纲要)$"
)
_NEVER_STARTS = frozenset("。，、；：？！）》」』”’%")
# A clause label starts a paragraph of its own, never a wrapped line's rest.
_LABEL = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]{1,6}[编章节条]|[一二三四五六七八九十]{1,3}[、．.]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[、．.](?!\d)|[①-⑳])"
)


@dataclass(frozen=True)
class PdfLine:
    """One printed line of a page: its text and box in PDF points (y grows upwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    lead: bool = False  # printed after one ASCII space: a page-break mark the typesetting kept
    char_width: float = 0.0  # width of the line's last character

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


def _left_margin(pages: list[PdfPage], body: list[list[tuple[int, PdfLine]]]) -> float:
    starts = sorted(line.x0 for page in body for _, line in page)
    return starts[len(starts) // 20] if starts else 0.0


def _wrapped(prev: PdfLine, line: PdfLine, left: float, right: float) -> bool:
    """Tell whether ``line`` continues ``prev``: the typesetter broke a line that was full.

    Only in narrow frames (see ``_WIDE_FRAME``). The text frame's right edge is taken as the
    left margin mirrored (margins are symmetric in most typesetting; where they are not, no
    line seems full and nothing is joined). A line ending within a character and a half of it
    could not take one more character; the next line continues it when it starts at the left
    margin in the same size and does not start a clause (一、 （一） 第三条).
    """
    width = prev.char_width or prev.height
    if (right - left) / width > _WIDE_FRAME:
        return False
    if line.lead or prev.x1 < right - 1.5 * width or prev.x1 > right + width:
        return False
    if line.text.lstrip()[:1] in _NEVER_STARTS:
        return True  # a line never starts with a closing mark: the rest of the one before
    if _ENDS_UNIT.search(prev.text.rstrip()):
        return False
    if line.x0 > left + 0.5 * width or abs(line.height - prev.height) > 0.15 * prev.height:
        return False
    return not _LABEL.match(line.text.lstrip())


def _join(a: str, b: str) -> str:
    if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return f"{a} {b}"  # a Latin word wrapped at a space
    return a + b


def lay_out(pages: list[PdfPage]) -> LaidOut:
    """Return the text of ``pages`` without furniture, lines the typesetter wrapped joined.

    A line printed after a single space keeps it: text converted from a PDF marks the first
    line of a page so, the splitter reads the mark, and a PDF typeset from such text prints
    it. This PDF's own page breaks are not marked: they are where its typesetting happened to
    break, not where the compilation's documents begin (marking them made splitting worse).
    """
    furniture = find_furniture(pages)
    body = [
        [(page.number, line) for i, line in enumerate(page.lines)
         if line.text.strip() and (p, i) not in furniture]
        for p, page in enumerate(pages)
    ]
    left = _left_margin(pages, body)
    out: list[str] = []
    numbers: list[int] = []
    prev: PdfLine | None = None
    for page, lines in zip(pages, body, strict=True):
        right = page.width - left
        for number, line in lines:
            text = line.text.strip()
            if prev is not None and _wrapped(prev, line, left, right):
                out[-1] = _join(out[-1], text)
            else:
                out.append((" " if line.lead else "") + text)
                numbers.append(number)
            prev = line
    return LaidOut(tuple(out), tuple(numbers), len(furniture))
