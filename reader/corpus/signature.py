"""The signature block (发文机关署名 + 成文日期) at the end of a document's main text.

A joint document prints one organ per line above the date, but PDF conversion glues two organs
on one line (``江苏省财政厅国家税务总局江苏省税务局``) or breaks one organ over two lines
(``国家乡村振兴局综`` / ``合司``). The block is what names the issuers in full and dates the
document, so it is read before any other source of issuers or date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.corpus.metadata import parse_date
from reader.corpus.organs import looks_like_organ, split_organs, starts_like_organ
from reader.corpus.split_lines import Row, is_date_line, starts_with_label

_MAX_ORGAN_ROWS = 24
_ORGAN_END = re.compile(
    r"(?:部|委|局|院|厅|署|办|司|处|社|行|会|中央|政府|中心|公司|党委|省委|市委|总队|办公室)$"
)


@dataclass(frozen=True)
class Signature:
    """Issuers as printed in a signature block, the date under them, and where the block is."""

    issuers: tuple[str, ...]
    date: str | None
    first_row: int
    date_row: int


def _candidate(row: Row) -> bool:
    """Tell whether a row may be (part of) a signature line: short, unpunctuated, unlabelled."""
    compact = row.compact
    return (
        len(compact) <= 60
        and not re.search(r"[，。；：:！？、《》“”]", compact)
        and not starts_with_label(row)
        and not is_date_line(row)
        and not re.search(r"\d", compact)
    )


def _is_url(row: Row) -> bool:
    return row.compact.startswith(("http://", "https://", "www."))


def read_signature(rows: list[Row], start: int, end: int) -> Signature | None:
    """Return the first signature block between row positions ``start`` and ``end``.

    A signature is a date line preceded by one or more lines of organ names.
    """
    for pos in range(start, end):
        if not is_date_line(rows[pos]):
            continue
        lines: list[str] = []
        first = pos
        back = pos - 1
        while back >= start and pos - back <= _MAX_ORGAN_ROWS:
            if _is_url(rows[back]):
                back -= 1  # a web page's link printed into the block by the converter
                continue
            if not _candidate(rows[back]):
                break
            lines.insert(0, rows[back].text)
            first = back
            back -= 1
        pieces = _organ_pieces(lines)
        # Body text that happens to be short and unpunctuated can sit above the block: keep
        # only the organ-like tail.
        while pieces and not looks_like_organ(pieces[0]):
            pieces.pop(0)
            first += 1
        if not pieces or not all(looks_like_organ(piece) for piece in pieces):
            continue
        issuers: list[str] = []
        for piece in pieces:
            issuers.extend(split_organs(piece))
        return Signature(tuple(issuers), parse_date(rows[pos].compact), first, pos)
    return None


def _organ_pieces(lines: list[str]) -> list[str]:
    """Rejoin organ names broken across lines: a line that does not end like an organ continues."""
    pieces: list[str] = []
    for line in lines:
        text = line.strip()
        previous = re.sub(r"\s+", "", pieces[-1]) if pieces else ""
        if previous and not _ORGAN_END.search(previous) and starts_like_organ(previous):
            pieces[-1] += text
        else:
            pieces.append(text)
    return pieces
