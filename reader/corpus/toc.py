"""Tables of contents (目录): find them, read their entries, find each entry in the body.

A compilation's TOC is the editor's own list of its documents, so when there is one it is the
best evidence of where documents begin. Entries look like ``标题 文号 .....\t52`` or
``1. 标题…………… 8``; long ones wrap onto a second line; page headers of the TOC's own pages
(``明树数据 www.bridata.com``, ``II``) sit between them. Body titles differ from their entries
in small ways (typos, a dropped word, ASCII brackets), so matching is fuzzy but in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.corpus.labels import match_label
from reader.corpus.metadata import DOC_NUMBER_RE, normalize_doc_number
from reader.corpus.split_lines import Row, is_page_row

_TOC_HEADING = re.compile(r"^目录$")
_LEADER = re.compile(r"(?:[.．。…·⋯]{2,}|-{4,}|_{4,})")
# A single leader character before the page number: "…的通知… 82", "…的通知.134".
_LEADER_END = re.compile(r"(?<=[\u4e00-\u9fff》）)”])[.．…]\s*\d{1,4}$")
_NUMBERING = re.compile(r"^(\d{1,3})\s*[.．、]\s*(?!\d)")
_SUB_NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+|政策[一二三四五六七八九十]+[：:]|[（(][一二三四五六七八九十]+[）)])")
_DIVIDER = re.compile(r"^(?:第[一二三四五六七八九十]+部分|附件[一二三四五六七八九十]+[：:]|附录)")
_TAG = re.compile(r"^【[^】]{1,6}】\s*")
_TRAILING_PAGE = re.compile(r"(?<=[\u4e00-\u9fff》）)”])\s*(\d{1,4})$")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*(?:\d{4}\s*年|有效期)[^（）()]*[）)]$")


@dataclass(frozen=True)
class TocEntry:
    """One entry of a table of contents.

    ``kind`` is ``"document"`` (an entry that should start a document), ``"section"`` (a
    heading inside a document, such as ``1.1`` or ``政策一：``) or ``"divider"`` (``第一部分``,
    ``附件一：``).
    """

    row: int  # 0-based line index of the entry's first line
    title: str
    number: str | None
    doc_number: str | None
    page: int | None
    kind: str


@dataclass(frozen=True)
class Toc:
    """A table of contents: its rows (positions in the row list) and entries."""

    first_row: int
    last_row: int
    entries: tuple[TocEntry, ...]

    def documents(self) -> list[TocEntry]:
        """Return the entries that stand for documents, in order."""
        return [entry for entry in self.entries if entry.kind == "document"]


_TITLE_FOLD = str.maketrans({"（": "(", "）": ")", "—": "-", "－": "-"})
_TITLE_DROP = re.compile(r"[《》〈〉“”\"'‘’「」*#]")


def normalize_title(text: str) -> str:
    """Return a title reduced for comparison: no spaces, markup, quotes or bracket variants."""
    return _TITLE_DROP.sub("", "".join(text.split()).translate(_TITLE_FOLD))


def _has_leader(compact: str) -> bool:
    """Tell whether a row ends with a dot leader and/or a page number after a title."""
    return bool(_LEADER.search(compact) or _LEADER_END.search(compact))


def find_toc(rows: list[Row], search_rows: int = 400) -> Toc | None:
    """Return the table of contents near the start of the file, or None."""
    for pos in range(min(search_rows, len(rows))):
        if _TOC_HEADING.match(rows[pos].compact):
            toc = _read_toc(rows, pos)
            if toc and len(toc.documents()) >= 2:
                return toc
    return None


def _read_toc(rows: list[Row], heading: int) -> Toc | None:
    """Read entries after a 目录 heading until the body starts.

    An entry is complete when a row ends with a leader or page number; rows before it without
    one are the entry's first lines (a wrapped title). Four rows in a row without a leader
    mean the body has begun, and so does a numbered row repeating an entry already read (the
    body's first heading, ``1.本月要点提示``).
    """
    pending: list[Row] = []
    entries: list[TocEntry] = []
    seen: set[str] = set()
    last = heading
    misses = 0
    for pos in range(heading + 1, len(rows)):
        row = rows[pos]
        if is_page_row(row) or "www." in row.compact or "http" in row.compact:
            continue
        numbered = _NUMBERING.match(row.compact)
        if _has_leader(row.compact):
            if numbered and pending and _NUMBERING.match(pending[0].compact):
                entries.append(_entry(pending))
                pending = []
            entry = _entry([*pending, row])
            entries.append(entry)
            seen.add(normalize_title(entry.title))
            pending = []
            last = pos
            misses = 0
            continue
        if numbered and normalize_title(_TAG.sub("", row.compact[numbered.end():])) in seen:
            break
        misses += 1
        if misses > 3:
            break
        if numbered:
            if pending and _NUMBERING.match(pending[0].compact):
                entries.append(_entry(pending))
            pending = [row]
        else:
            pending = [*pending, row][-2:]
    if not entries:
        return None
    return Toc(heading, last, tuple(entries))


def _entry(rows: list[Row]) -> TocEntry:
    """Parse the rows of one entry into title, numbering, 文号 and page."""
    text = "".join(row.text for row in rows)
    page: int | None = None
    leaders = list(_LEADER.finditer(text))
    single = _LEADER_END.search(text)
    if leaders:
        tail = text[leaders[-1].end():].strip()
        text = text[: leaders[-1].start()]
        if re.fullmatch(r"\d{1,4}", tail):
            page = int(tail)
    elif single:
        page = int(re.findall(r"\d+", single.group(0))[-1])
        text = text[: single.start()]
    else:
        trailing = _TRAILING_PAGE.search(text)
        if trailing:
            page = int(trailing.group(1))
            text = text[: trailing.start()]
    text = text.strip()
    number_match = _NUMBERING.match(text)
    number = number_match.group(1) if number_match else None
    label = match_label(text)
    if _DIVIDER.match(text):
        kind = "divider"
    elif _SUB_NUMBERING.match(text) or (label is not None and label.kind in ("编", "章", "节", "条")):
        # 第一章 总则……1: a law's own contents, the chapters of one document.
        kind = "section"
    else:
        kind = "document"
    title = _TAG.sub("", text[number_match.end():] if number_match else text).strip()
    doc_number = None
    found = list(DOC_NUMBER_RE.finditer(title))
    if found and found[-1].end() >= len(title.rstrip()) - 1:
        doc_number = normalize_doc_number(found[-1].group(0))
        title = title[: found[-1].start()].strip()
    title = _TRAILING_NOTE.sub("", title).strip()
    return TocEntry(rows[0].index, title, number, doc_number, page, kind)


def _row_key(row: Row) -> str:
    text = row.compact
    text = _NUMBERING.sub("", text)
    return normalize_title(_TAG.sub("", text))


def match_entries(entries: list[TocEntry], rows: list[Row], start: int) -> dict[int, int]:
    """Find where each document entry begins in the body, in TOC order.

    Returns entry position (in ``entries``) → row position. An entry not found is left out.
    Body rows are compared with the entry title joined over up to five rows, so titles broken
    across lines still match; a row carrying the entry's own number (``12.关于…``) wins.
    """
    keys = [_row_key(row) for row in rows]
    found: dict[int, int] = {}
    pos = start
    for e_pos, entry in enumerate(entries):
        target = normalize_title(_TAG.sub("", entry.title))
        if len(target) < 4:
            continue
        best = _search(target, entry.number, rows, keys, pos)
        if best is not None:
            found[e_pos] = best
            pos = best + 1
    return found


def _search(target: str, number: str | None, rows: list[Row], keys: list[str], start: int) -> int | None:
    """Return the first row from ``start`` whose text begins like ``target``."""
    head = target[:4]
    fallback: int | None = None
    for pos in range(start, len(rows)):
        key = keys[pos]
        if not key or key[:2] != head[:2]:
            continue
        joined = key
        nxt = pos + 1
        while len(joined) < len(target) + 4 and nxt < len(rows) and nxt < pos + 6:
            joined += keys[nxt]
            nxt += 1
        candidate = joined[: len(target)]
        if not candidate.startswith(head) and _similar(candidate[:8], target[:8]) < 0.7:
            continue
        if _similar(candidate, target) < 0.82:
            continue
        numbered = _NUMBERING.match(rows[pos].compact)
        if number is None or (numbered and numbered.group(1) == number):
            return pos
        if fallback is None:
            fallback = pos
    return fallback


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
