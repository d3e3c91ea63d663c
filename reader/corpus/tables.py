"""Recover the tables that conversion to text flattened, for the reading pane.

Two shapes reach the cleaned text:

- **tab-separated rows**: a converter kept a table as one line a row with a tab between cells
  (an empty cell of a merged column is an empty field);
- **one cell a line**: a PDF's table comes out as one line per cell, each cell further broken
  at the column's width (``2021-`` / ``12-03`` / ``国家发展`` / ``改革委``).

Tab rows are read as they are. For one cell a line, the header row gives the column count
only when the data rows then repeat one shape (a serial number, a date, a figure in the same
column of every row); otherwise the shape cannot be told from the text, and the block is shown
as one compact grid so that at least the page does not hold one paragraph a cell.

Nothing here changes ``Document.text``: a table is a view of a run of paragraphs, every cell a
span of the text, so search, snippets and the page map keep working on the same characters.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from reader.corpus.organs import looks_like_organ
from reader.corpus.wrapped_cells import has_wraps, segment

# A run of paragraphs is a flattened table only when it is this long (a short run of short
# lines is an address block, a list of names, a signature).
_MIN_RUN = 6
# A cell line is short; the median of a run of PDF cell fragments is shorter still.
_CELL_MAX = 14
_FRAGMENT_MEDIAN_MAX = 6
# Sentence punctuation: a paragraph that ends a sentence is prose, not a cell.
_SENTENCE_END = re.compile(r"[。；;！!？?]$")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_MAX_COLUMNS = 8
_MAX_FRAME_LINES = 2
# A header above rows that end in a paragraph, run together by conversion: left out.
_MAX_HEADER_LINES = 4
_LONG_ROWS_BUDGET = 40000
_ADDRESS_LINE = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\S+)*$")
# How many steps the search for wrapped cells may take in one run of cells (a run with no
# confident reading is a grid; the search must not slow a document's opening).
_WRAP_BUDGET = 4000
# Shapes of a cell, for telling a repeated row shape from chance.
_SHAPES = (
    ("date", re.compile(r"^\d{4}[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?$|^\d{4}-$|^\d{1,2}-\d{1,2}$")),
    ("number", re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")),
    ("checkbox", re.compile(r"^[□☐■√]")),
)


@dataclass(frozen=True)
class Span:
    """A stretch ``[start, end)`` of ``Document.text`` shown in one place of the page."""

    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """Paragraphs ``first``…``last`` shown as a table: rows of cells, each cell a few spans;
    the first row is the header unless ``header`` is False (its header was left out above)."""

    first: int
    last: int
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    columns: int
    header: bool = True


@dataclass(frozen=True)
class Grid:
    """Paragraphs ``first``…``last`` of a table whose shape is lost: one compact grid."""

    first: int
    last: int


@dataclass(frozen=True)
class Line:
    """What the table finder needs of a paragraph: where its line is and its stripped text."""

    start: int  # first non-blank character
    text: str
    line_start: int  # start of its line in Document.text (leading tabs are empty cells)
    line: str


def find_tables(lines: list[Line], barred: frozenset[int] = frozenset()) -> list[Table | Grid]:
    """Return the tables of a document's paragraphs, in order, never overlapping.

    ``barred`` holds paragraphs that cannot be part of a table (headings, box titles).
    """
    out: list[Table | Grid] = []
    number = 0
    while number < len(lines):
        end = _tab_run_end(lines, number, barred)
        if end - number >= 2:
            out.append(_tab_table(lines, number, end))
            number = end
            continue
        starts_run = number == 0 or not _is_cell(lines[number - 1])
        long_rows = _long_cell_rows(lines, number, barred) if starts_run else None
        if long_rows is not None:
            out.append(long_rows)
            number = long_rows.last + 1
            continue
        end = _cell_run_end(lines, number, barred)
        if end - number >= _MIN_RUN and _is_fragment_run(lines[number:end]):
            out.append(_framed_cell_table(lines, number, end) or Grid(number, end - 1))
            number = end
            continue
        number += 1
    return out


# Tab-separated rows ------------------------------------------------------------------------


def _tab_run_end(lines: list[Line], number: int, barred: frozenset[int]) -> int:
    end = number
    while end < len(lines) and end not in barred and "\t" in lines[end].line.strip(" \u3000"):
        if end == number and not lines[end].text.count("\t"):
            break  # a title with trailing tabs is not the table's first row
        end += 1
    return end


def _tab_table(lines: list[Line], first: int, end: int) -> Table:
    rows: list[tuple[tuple[Span, ...], ...]] = []
    for line in lines[first:end]:
        cells: list[tuple[Span, ...]] = []
        at = line.line_start
        for field in line.line.split("\t"):
            lead = len(field) - len(field.lstrip(" \u3000"))
            text = field.strip(" \u3000")
            cells.append((Span(at + lead, at + lead + len(text)),) if text else ())
            at += len(field) + 1
        while cells and not cells[-1]:
            cells.pop()
        rows.append(tuple(cells))
    columns = max(2, *(len(row) for row in rows))
    return Table(first, end - 1, tuple(rows), columns)


# One cell a line ---------------------------------------------------------------------------


def _is_cell(line: Line) -> bool:
    return _is_cell_text(line.text)


def _is_cell_text(text: str) -> bool:
    return len(text) <= _CELL_MAX and "\t" not in text and not _SENTENCE_END.search(text)


def _cell_run_end(lines: list[Line], number: int, barred: frozenset[int]) -> int:
    end = number
    while end < len(lines) and end not in barred and _is_cell(lines[end]):
        end += 1
    return end


def _is_fragment_run(run: list[Line]) -> bool:
    """Tell a table's cells from a signature or a list: short pieces, not organs and dates."""
    if statistics.median(len(line.text) for line in run) > _FRAGMENT_MEDIAN_MAX:
        return False
    whole = sum(1 for line in run if _DATE_LINE.match(line.text) or looks_like_organ(line.text))
    return whole * 10 < len(run) * 7


def _shape(text: str) -> str:
    for name, pattern in _SHAPES:
        if pattern.match(text):
            return name
    return "text"


def _framed_cell_table(lines: list[Line], first: int, end: int) -> Table | None:
    """Find the table in a run of cells, leaving out a caption line or two above or a note
    below it (``附表 分配情况``, ``单位：万元``): they are short lines too.

    Whole cells a line are tried first; then cells a PDF wrapped, the fewest columns first
    (a reading with more columns splits what a narrower one shows whole), the fewest lines
    left out first.
    """
    frames = [(first + lead, end - tail) for lead in range(_MAX_FRAME_LINES + 1)
              for tail in range(_MAX_FRAME_LINES + 1) if end - tail - (first + lead) >= _MIN_RUN]
    for start, stop in frames:
        table = _cell_table(lines, start, stop)
        if table is not None:
            return table
    if not has_wraps([line.text for line in lines[first:end]]):
        return None  # every line a whole cell: the readings above were the only ones
    budget = [_WRAP_BUDGET]
    for width in range(2, _MAX_COLUMNS + 1):
        for start, stop in frames:
            pieces = [line.text for line in lines[start:stop]]
            found = segment(pieces, width, _shape, budget)
            if found is None or len(found) > 1:
                return None  # too many readings to try, or two that fit: no confidence
            if found:
                return _wrapped_table(lines, start, stop, width, found[0])
    return None


def _cell_table(lines: list[Line], first: int, end: int) -> Table | None:
    """Read ``lines[first:end]`` as a header row and data rows of one shape, when they are.

    A width fits when every row has it, the header cells are all words, and at least one
    column holds the same non-word shape (a serial number, a date, a figure) in every data
    row; the smallest such width wins (a multiple of it would fit too).
    """
    count = end - first
    if has_wraps([line.text for line in lines[first:end]]):
        return None  # a cut date, a bracket left open: some cells span lines
    shapes = [_shape(line.text) for line in lines[first:end]]
    for width in range(2, _MAX_COLUMNS + 1):
        if count % width or count // width < 3:
            continue
        if any(shape != "text" for shape in shapes[:width]):
            continue
        data = [shapes[row * width : (row + 1) * width] for row in range(1, count // width)]
        steady = [
            column
            for column in range(width)
            if data[0][column] != "text" and all(row[column] == data[0][column] for row in data)
        ]
        if not steady or any(row != data[0] for row in data):
            continue
        rows = tuple(
            tuple(
                (Span(line.start, line.start + len(line.text)),)
                for line in lines[first + row * width : first + (row + 1) * width]
            )
            for row in range(count // width)
        )
        return Table(first, end - 1, rows, width)
    return None


def _wrapped_table(lines: list[Line], first: int, end: int, columns: int,
                   found: list[tuple[tuple[int, ...], ...]], header: bool = True) -> Table:
    """Make the table of a reading of ``lines[first:end]`` (cells as indexes of its lines)."""
    rows = tuple(
        tuple(tuple(Span(lines[first + i].start, lines[first + i].start + len(lines[first + i].text))
                    for i in cell) for cell in row)
        for row in found
    )
    return Table(first, end - 1, rows, columns, header)


# Rows that end in a paragraph -----------------------------------------------------------


def _long_cell_rows(lines: list[Line], number: int, barred: frozenset[int]) -> Table | None:
    """Read a table whose last column holds paragraphs (a list of policies with their gist):
    each row is a few short cells, wrapped, then one long cell and the web addresses under
    it. The header, when its words were run together by conversion (``发布机构文件标题主要
    内容``), is left out above the table, as is a header a page break repeats.
    """
    groups: list[tuple[int, int]] = []  # (first line, end) of each row's lines
    at = number
    while True:
        cells = _cell_run_end(lines, at, barred)
        if cells - at < 2 or cells >= len(lines) or cells in barred or "\t" in lines[cells].text:
            break
        end = cells + 1
        while end < len(lines) and end not in barred and "\t" not in lines[end].text and (
                not _is_cell(lines[end]) or _ADDRESS_LINE.match(lines[end].text)):
            end += 1  # the paragraphs of the long cell, and the addresses under it
        if groups and _repeats_header(lines, number, at):
            break
        if not any(_shape(line.text) != "text" for line in lines[at:cells]):
            break  # each row has a cell that is no word (a date, a number): this has none
        groups.append((at, end))
        at = end
    if len(groups) < 2 or not has_wraps([line.text for line in lines[number : groups[-1][1]]]):
        return None
    budget = [_LONG_ROWS_BUDGET]
    for count in range(len(groups), 1, -1):  # a row that reads no way ends the table early
        table = _read_long_rows(lines, number, groups[:count], budget)
        if table is not None or budget[0] < 0:
            return table
    return None


def _read_long_rows(lines: list[Line], number: int, groups: list[tuple[int, int]],
                    budget: list[int]) -> Table | None:
    """Read the rows of ``groups`` as a table, leaving out up to a few header lines above."""
    end = groups[-1][1]
    for lead in range(_MAX_HEADER_LINES + 1):
        if number + lead >= groups[0][1] - 2 or budget[0] < 0:
            return None
        pieces = [line.text for line in lines[number + lead : end]]
        tries = [min(_WRAP_BUDGET, budget[0])]
        found: list[list[tuple[tuple[int, ...], ...]]] | None = []
        for columns in range(3, _MAX_COLUMNS + 1):
            for header in (True, False) if lead == 0 else (False,):
                found = segment(pieces, columns, _row_shape, tries, header=header,
                                continues=_both_paragraphs)
                if found is None:
                    break
                if len(found) == 1 and _ends_in_paragraphs(pieces, found[0][1 if header else 0]):
                    return _wrapped_table(lines, number + lead, end, columns, found[0], header)
            if found is None:
                break  # no confident reading with these lines left out
        budget[0] -= min(_WRAP_BUDGET, budget[0]) - max(tries[0], 0)
    return None


def _ends_in_paragraphs(pieces: list[str], data: tuple[tuple[int, ...], ...]) -> bool:
    """Tell rows whose paragraph is their last cell, beside a cell of another kind."""
    long = [any(not _is_cell_text(pieces[i]) for i in cell) for cell in data]
    kinds = [_shape("".join(pieces[i] for i in cell)) for cell in data]
    return long[-1] and not any(long[:-1]) and any(kind != "text" for kind in kinds[:-1])


def _both_paragraphs(line: str, following: str) -> bool:
    return not _is_cell_text(line) and not _is_cell_text(following)


def _row_shape(text: str) -> str:
    return _shape(text) if _is_cell_text(text) else "paragraph"


def _repeats_header(lines: list[Line], first: int, at: int) -> bool:
    """Tell a header a page break printed again (its first lines over again)."""
    return all(lines[at + k].text == lines[first + k].text for k in range(2))
