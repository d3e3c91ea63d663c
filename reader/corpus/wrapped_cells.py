"""Rejoin the cells a PDF broke over several lines, given how many columns a table has.

A PDF wraps a long cell at its column's width, and conversion to text puts every piece on a
line of its own: ``国家发展`` / ``改革委`` is one cell, ``2021-`` / ``12-03`` one date. Which
pieces belong together follows from the layout, not from the words:

- a piece that cannot end a cell joins the next one: it ends in a hyphen, a dash, an
  enumeration comma or an open bracket, or leaves a bracket open (``（万元`` / ``）``);
- a piece that cannot start a cell joins the one before: it starts with a closing bracket,
  a stop or a slash, or it is a bracketed unit under a header word (``销售额`` /
  ``（万元）``), or the rest of a cut date (``2021-`` / ``12-03``), or a web address (the
  source of the cell above it);
- any other piece may continue a cell only as the rest of a wrap: the line before it is
  at least two characters wide, the piece no wider than it, and the line ended only
  because the piece's first character did not fit in the column's width;
- in the header, a single character under a single character is a word written down a
  narrow column (``序`` / ``号``).

A segmentation is accepted only when every row has the header's number of cells, the data
rows repeat one shape, the widths agree column by column, and no other segmentation fits
as well: a table read two ways is not read with confidence.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence

# How much wider (in half-width units: a CJK character is two) the rest of a wrap may be
# than the line before it (justified lines lose a character to spacing).
_SLACK = 2
# A wrapped line is at least this wide: narrower pieces are whole words of a narrow column.
_MIN_WRAP = 4
_ENDS_OPEN = re.compile(r"[-－—–~～/、，,（(《“〔\[·]$")
_STARTS_CLOSED = re.compile(r"^[）)》”〕\]、，,。：:；;%％/]")
# A web address under a cell: where the cell's text came from, part of that cell.
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S")
_UNIT = re.compile(r"^[（(][^（）()]{1,12}[)）]$")
_DATE_HEAD = re.compile(r"^\d{4}(?:[-./]|年)(?:\d{1,2}(?:[-./]|月))?$")
# An opening bracket with the character after it; a Latin word or a number.
_UNIT_START = re.compile(r"^(?:[（(《“〔\[][^\s]|[A-Za-z0-9.%]+)")
_BRACKETS = (("（", "）"), ("(", ")"), ("《", "》"), ("“", "”"), ("〔", "〕"), ("[", "]"))

Cells = tuple[tuple[int, ...], ...]  # a row: its cells, each the indexes of its pieces


def width(text: str) -> int:
    """Return how wide ``text`` prints: a CJK or full-width character is two units."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _open(text: str) -> bool:
    return any(text.count(left) > text.count(right) for left, right in _BRACKETS)


def has_wraps(pieces: Sequence[str]) -> bool:
    """Tell whether some piece cannot stand as a cell of its own (a cut date, a bracket)."""
    return any(_must_join(before, after) for before, after in itertools.pairwise(pieces))


def _must_join(cell: str, piece: str) -> bool:
    """Tell whether ``piece`` cannot start a cell after ``cell`` (or ``cell`` cannot end)."""
    return bool(
        _ENDS_OPEN.search(cell)
        or _open(cell)
        or _STARTS_CLOSED.match(piece)
        or (_UNIT.match(piece) and not _UNIT.match(cell))
        or _DATE_HEAD.match(cell)
        or _ADDRESS.match(piece)
    )


def _down_the_column(last: str, piece: str) -> bool:
    """Tell a header word written one character a line (``序`` / ``号``)."""
    return len(last) == 1 and len(piece) == 1 and width(last + piece) == 4


def _may_join(last: str, piece: str, shape: Callable[[str], str]) -> bool:
    """Tell whether ``piece`` may be the rest of a cell whose last line is ``last``."""
    if shape(piece) != "text" or shape(last) != "text":
        return False
    return width(last) >= _MIN_WRAP and width(piece) <= width(last) + _SLACK


def segment(
    pieces: Sequence[str], columns: int, shape: Callable[[str], str], budget: list[int],
    *, header: bool = True, continues: Callable[[str, str], bool] | None = None,
) -> list[list[Cells]] | None:
    """Return the ways (none, one, or two: more are not looked for) to read ``pieces`` as
    rows of ``columns`` cells; None when the search ran out of ``budget``.

    The first row is the header (its cells are words; with ``header`` False there is none);
    the others are data rows that all have the shape of the first, with at least one cell
    that is no word (a serial number, a
    date, a figure: ``shape`` names a cell's kind). ``budget`` holds how many more steps
    the search may take, shared by the callers' tries; past it, no reading is confident.
    ``continues`` tells, of a line and the next, more that can only go on one cell.
    """
    found: list[list[Cells]] = []
    rows: list[Cells] = []
    row: list[tuple[int, ...]] = []
    kinds: list[str] = []  # the first data row's cell kinds, once known
    data = 1 if header else 0  # the index of the first data row

    def text_of(indexes: Sequence[int]) -> str:
        return "".join(pieces[i] for i in indexes)

    def cell_fits(cell: tuple[int, ...], column: int) -> bool:
        kind = shape(text_of(cell))
        if len(rows) < data:
            return kind == "text"
        if len(rows) == data:
            return True
        return kind == kinds[column]

    def close_row() -> bool:
        """Finish ``row``; False when it cannot be a row of this table."""
        if len(rows) == data:
            kinds[:] = [shape(text_of(c)) for c in row]
            if all(kind == "text" for kind in kinds):
                return False
        rows.append(tuple(row))
        row.clear()
        return True

    dead: set[tuple[int, int, int, int, tuple[str, ...]]] = set()

    def visit(at: int, cell: tuple[int, ...]) -> bool:
        """Try every reading of ``pieces[at:]``; tell whether any reached the end whole.

        A state that reached no end is remembered (what follows it does not depend on how
        it was reached), which keeps the search to about one step a state.
        """
        budget[0] -= 1
        if budget[0] < 0 or len(found) > 1:
            return True  # stopped: say nothing of this state
        key = (at, cell[0], len(row), min(len(rows), data + 1), tuple(kinds))
        if key in dead:
            return False
        if at == len(pieces):
            whole = (len(row) == columns - 1 and len(rows) >= data + 1
                     and cell_fits(cell, len(row)))
            if whole:
                candidate = [*rows, (*row, cell)]
                if _widths_agree(candidate, pieces, columns, data, shape):
                    found.append(candidate)
            else:
                dead.add(key)
            return whole
        piece = pieces[at]
        reached = False
        last = pieces[cell[-1]]
        must = _must_join(text_of(cell), piece) or (
            len(rows) < data and _down_the_column(last, piece)) or bool(
            continues and continues(last, piece))
        if must or _may_join(pieces[cell[-1]], piece, shape):
            reached = visit(at + 1, (*cell, at))
        if not must and cell_fits(cell, len(row)):
            saved_row, saved_rows, saved_kinds = list(row), len(rows), list(kinds)
            row.append(cell)
            if len(row) < columns or close_row():
                reached = visit(at + 1, (at,)) or reached
            row[:], kinds[:] = saved_row, saved_kinds
            del rows[saved_rows:]
        if not reached:
            dead.add(key)
        return reached

    if pieces:
        visit(1, (0,))
    if budget[0] < 0 and len(found) < 2:
        return None
    return found


def _widths_agree(rows: list[Cells], pieces: Sequence[str], columns: int, data: int,
                  shape: Callable[[str], str]) -> bool:
    """Check that every wrap is where the column's width forced it, and only there.

    A column is as wide as its widest line; a line of a wrapped cell ends only where the
    next character would not fit (an opening bracket goes down with the character after
    it, a Latin word or a number as a whole), so a break that left room is no wrap: the
    pieces are two cells. And in a data row, a cell whose last line fills its column,
    followed by a piece that would fit under it, goes on in that piece.
    """
    fulls: list[int] = []
    for column in range(columns):
        cells = [row[column] for row in rows]
        widths = sorted(width(pieces[i]) for c in cells for i in c)
        full = widths[-1]
        fulls.append(full)
        for c in cells:
            for before, after in itertools.pairwise(c):
                line, rest = pieces[before], pieces[after]
                if _must_join(_joined(pieces, c, before), rest):
                    continue
                if width(line) + width(_first_unit(rest)) <= full:
                    return False  # the line had room for more: no wrap
                others = widths[-2] if width(line) == full and len(widths) > 1 else full
                if width(line) > others + _SLACK:
                    return False  # wider than any other line of its column: no cell of it
    for row in rows[data:]:
        for column in range(columns - 1):
            line, rest = pieces[row[column][-1]], pieces[row[column + 1][0]]
            if (_may_join(line, rest, shape) and width(rest) <= fulls[column]
                    and width(line) + width(_first_unit(rest)) > fulls[column]):
                return False  # a full line with its rest beside it: a wrap read as two cells
    return True


def _joined(pieces: Sequence[str], cell: Sequence[int], upto: int) -> str:
    return "".join(pieces[i] for i in cell[: list(cell).index(upto) + 1])


def _first_unit(text: str) -> str:
    """Return what a line break cannot split off the start of ``text``."""
    match = _UNIT_START.match(text)
    return match.group(0) if match else text[:1]
