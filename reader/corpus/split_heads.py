"""Where documents begin: titles recognised by what follows them, by the TOC, by page breaks.

A document's head, as GB/T 9704 lays it out, is a title (``<issuers>关于<subject>的<type>``)
followed by a 文号, a 题注 date, an addressee (主送机关) or, for an order, ``第 N 号``. In
these PDF conversions the title is also often the first line of a page (a line starting with a
single space), may wrap over up to five lines, and may be a markdown heading. A title found
this way is a *head*; headless news items are caught by their page-break title alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.corpus.metadata import doc_type_of
from reader.corpus.organs import looks_like_organ, starts_like_organ, title_prefix
from reader.corpus.split_lines import (
    Row,
    is_addressee,
    is_boundary,
    is_doc_number_line,
    is_order_number_line,
    is_page_row,
    is_title_like,
    law_note,
    note_date,
    opens_law_body,
)
from reader.corpus.toc import Toc, TocEntry, normalize_title

_META = re.compile(r"^(?:发布部门|发文机关|发布机构|文号|发文字号|发布日期|成文日期)[：:]")
_NUMBERED = re.compile(r"^\d{1,3}\s*[.．、]\s*(?!\d)")
_TITLE_WORDS = re.compile(r"关于|印发|转发|决定|公布|办法|条例|规定|细则|指南|方案|规划|意见|通知")
_GENERIC_DIVIDER = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分.{0,20}|(?:19|20)\d{2}年度|(?:国家|省级|市级|地方)层面(?:政策|文件)?)$"
)
_MAX_TITLE_ROWS = 5


@dataclass(frozen=True)
class Head:
    """Where one document begins.

    Attributes:
        row: row position of the title's first line.
        title_end: row position one past the title's last line.
        kind: the evidence: ``docnum``, ``order``, ``note``, ``addressee``, ``meta``, ``toc``,
            ``news`` or ``regulation`` (the text an order promulgates).
        toc: the TOC entry this head was matched to, if any.
        region: row where the 文号/题注 region starts, when not right after the title (a
            document printed twice keeps its first title and the second copy's 文号).
        skip: rows inside the title that are page furniture (a page number, a running
            header) of a title broken across a page break.
    """

    row: int
    title_end: int
    kind: str
    toc: TocEntry | None = None
    region: int | None = None
    skip: tuple[int, ...] = ()  # page furniture inside a title broken across a page break


def find_dividers(rows: list[Row], toc: Toc | None) -> set[int]:
    """Return row positions of section dividers (``第一部分 …``, ``附件一：中央政策原文``).

    A divider named by the TOC is recognised by its name; ``第X部分`` and ``2024 年度`` lines
    are recognised anywhere. A bare ``第一部分`` takes its name from the next line.
    """
    names = {
        normalize_title(entry.title) for entry in (toc.entries if toc else ()) if entry.kind == "divider"
    }
    skip = range(toc.first_row, toc.last_row + 1) if toc else range(0)
    found: set[int] = set()
    for pos, row in enumerate(rows):
        if pos in skip or len(row.compact) > 30:
            continue
        key = normalize_title(row.compact)
        if key in names or _GENERIC_DIVIDER.match(row.compact):
            found.add(pos)
            bare = re.fullmatch(r"第[一二三四五六七八九十]+部分", row.compact)
            if bare and pos + 1 < len(rows) and len(rows[pos + 1].compact) <= 20:
                found.add(pos + 1)
    return found


def is_title(text: str) -> bool:
    """Tell whether joined title rows read like a document title."""
    return 4 <= len(text) <= 160 and bool(_TITLE_WORDS.search(text) or doc_type_of(text))


def title_start(rows: list[Row], anchor: int, stops: set[int], numbered: bool = False) -> int | None:
    """Return where the title ending just before ``anchor`` begins, or None.

    Walks back over title-like rows; a page-break row, the first of a run of markdown
    headings, or (for report appendices) a numbered row ``12.关于…`` is the first line.
    """
    start = None
    pos = anchor - 1
    while pos >= 0 and anchor - pos <= _MAX_TITLE_ROWS and pos not in stops:
        row = rows[pos]
        if numbered and _NUMBERED.match(row.compact) and not is_boundary(row):
            return pos
        if not is_title_like(row):
            break
        start = pos
        if row.lead or (row.marked and (pos == 0 or not rows[pos - 1].marked)):
            break
        pos -= 1
    if numbered:
        return None
    if start is not None and not (rows[start].lead or rows[start].marked):
        # Without a page-break mark the walk may have taken in the tail of the text above
        # (a wrapped ``负责）``, table cells): the title opens at the first row that can.
        for pos in range(start, anchor):
            if _can_open_title(rows[pos]):
                return pos
    return start


_OPENERS = re.compile(r"^(?:关于|印发|转发|中共|中华|中国|国家|国务院|全国|“|省|市|自治区)")


def _can_open_title(row: Row) -> bool:
    """Tell whether a title can begin with this row: an organ, 关于, a quoted name."""
    compact = row.compact
    verb = re.search(r"关于|印发|转发", compact)
    head = compact[: verb.start()] if verb else compact
    if re.search(r"[、）)\d]", head):
        return False
    return bool(_OPENERS.match(compact) or starts_like_organ(compact) or looks_like_organ(head))


def _anchor_kind(rows: list[Row], pos: int) -> str | None:
    """Return what kind of head evidence row ``pos`` is, if any."""
    row = rows[pos]
    if _META.match(row.compact):
        return "meta"
    if is_doc_number_line(row):
        return "docnum"
    if is_order_number_line(row) and pos > 0 and rows[pos - 1].compact.endswith("令"):
        return "order"
    if note_date(rows, pos):
        return "note"
    if law_note(rows, pos) or opens_law_body(row):
        return "law"
    if is_addressee(row) or _wrapped_addressee(rows, pos):
        return "addressee"
    return None


def _wrapped_addressee(rows: list[Row], pos: int) -> bool:
    """Tell whether an addressee starts at ``pos`` and wraps onto the next one or two rows."""
    first = rows[pos].compact
    if not (first.startswith("各") or "、" in first) or first.endswith(("：", ":")) or "。" in first:
        return False
    for end in range(pos + 1, min(pos + 3, len(rows))):
        joined = "".join(row.compact for row in rows[pos : end + 1])
        if "。" in joined:
            return False
        if joined.endswith(("：", ":")):
            return is_addressee(Row(rows[pos].index, joined, joined, False, False))
    return False


def find_heads(rows: list[Row], stops: set[int], allow_news: bool) -> list[Head]:
    """Return the heads found from the text alone, in order (may overlap; merged later)."""
    heads: list[Head] = []
    last_anchor = -10
    headers = _page_headers(rows)
    for pos in range(len(rows)):
        kind = _anchor_kind(rows, pos)
        if kind is None or pos in stops:
            continue
        # Several evidence rows in a row (文号 then addressee) belong to one head.
        if pos - last_anchor <= 2 and heads and heads[-1].title_end >= pos - 2:
            last_anchor = pos
            continue
        end = pos  # the title ends where its evidence begins (an order keeps its 令 line)
        # A page break (page number, running header) may fall between a title and its 题注.
        while end > 0 and end - 1 not in stops and (
            is_page_row(rows[end - 1]) or rows[end - 1].compact in headers
        ):
            end -= 1
        start = title_start(rows, end, stops, numbered=kind == "meta")
        if start is None:
            continue
        title = "".join(row.compact for row in rows[start:end])
        if kind == "meta":
            title = _NUMBERED.sub("", title)
        if not is_title(title) and not title.endswith("令"):
            continue
        if kind == "addressee" and not re.search(r"关于|印发|转发|通知|意见|决定|批复|函|公告", title):
            continue
        if kind == "note" and title.endswith(("名单", "目录", "清单", "表")):
            continue
        if kind == "law" and not _law_title(rows, start, end):
            continue
        upper = _title_before_page_break(rows, start, headers, stops)
        if upper is not None:
            heads.append(Head(upper, end, kind, skip=tuple(range(upper + 1, start))))
            last_anchor = pos
            continue
        heads.append(Head(start, end, kind))
        last_anchor = pos
    if allow_news:
        heads.extend(_news_heads(rows, stops))
    heads.extend(_regulation_heads(rows, heads))
    return sorted(heads, key=lambda head: head.row)


_LAW_TYPES = re.compile(
    r"(?:法|条例|规定|办法|细则|解释|决定|规则|准则|章程|纲要|意见|通知)(?:[（(][^（）()]{1,12}[）)])?$"
)


def _law_title(rows: list[Row], start: int, end: int) -> bool:
    """Tell whether rows ``start:end`` are a law's title standing on their own.

    Above them is the start of the file, a page break or the end of what came before (a
    sentence, a date, a page number); the title ends with the kind of text (…法, …条例).
    """
    title = "".join(row.compact for row in rows[start:end])
    if not _LAW_TYPES.search(title):
        return False
    return start == 0 or rows[start].lead or rows[start].marked or is_boundary(rows[start - 1])


def _page_headers(rows: list[Row]) -> set[str]:
    """Return the running headers: lines printed next to a page number three times or more."""
    beside: dict[str, int] = {}
    for pos, row in enumerate(rows):
        if is_page_row(row):
            for near in (pos - 1, pos + 1):
                if 0 <= near < len(rows) and not is_page_row(rows[near]):
                    beside[rows[near].compact] = beside.get(rows[near].compact, 0) + 1
    return {text for text, count in beside.items() if count >= 3}


def _title_before_page_break(rows: list[Row], start: int, headers: set[str], stops: set[int]) -> int | None:
    """Return where a title starts when its first line ends the page before ``start``.

    ``start`` opens a page (page number and running header above it); the last line of the
    previous page belongs to the title when it is title-like, follows the end of a sentence and
    is not a title of its own (``最高人民法院关于审理…`` / ``— 3 —`` / header / ``…的解释``).
    """
    if not rows[start].lead:
        return None
    pos = start - 1
    while pos >= 0 and pos not in stops and (is_page_row(rows[pos]) or rows[pos].compact in headers):
        pos -= 1
    if pos < 0 or pos == start - 1 or pos in stops or (not is_page_row(rows[pos + 1]) and rows[pos + 1].compact not in headers):
        return None
    upper = rows[pos]
    if not is_title_like(upper) or doc_type_of(upper.compact) or _LAW_TYPES.search(upper.compact):
        return None
    if pos > 0 and not is_boundary(rows[pos - 1]):
        return None
    return pos if _can_open_title(upper) else None


def _typical_width(rows: list[Row]) -> int:
    """Return the usual length of a full wrapped line (the 80th percentile of row lengths)."""
    lengths = sorted(len(row.compact) for row in rows)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def _news_heads(rows: list[Row], stops: set[int]) -> list[Head]:
    """Return heads of news-style items: ``国家发改委印发…方案`` with no 文号 after it.

    Only a row that names its organs before 印发/关于/决定, with no sentence punctuation,
    right after the end of a sentence (or a date, or a page number), qualifies; it usually
    also starts a page, but conversions do not always keep that mark.
    """
    width = _typical_width(rows)
    heads: list[Head] = []
    for pos, row in enumerate(rows):
        if pos in stops or not is_title_like(row):
            continue
        if pos > 0 and not is_boundary(rows[pos - 1]):
            continue
        if _organ_list(row) and pos + 1 < len(rows) and _ISSUES.match(rows[pos + 1].compact):
            # 中共中央办公厅、国务院办公厅 / 印发《…》: the organs on a line of their own.
            heads.append(Head(pos, pos + 2, "news"))
            continue
        end = pos + 1
        while end < len(rows) and end - pos < 3 and is_title_like(rows[end]):
            so_far = "".join(r.compact for r in rows[pos:end])
            unclosed = (
                so_far.count("《") > so_far.count("》")
                or so_far.count("（") > so_far.count("）")
                or so_far.endswith(("印发", "关于", "转发", "发布", "的"))
            )
            previous_full = len(rows[end - 1].compact) >= width - 3
            if not (previous_full or unclosed or len(rows[end].compact) <= width // 2):
                break
            end += 1
        title = "".join(r.compact for r in rows[pos:end])
        # A title that fills its last line runs on into a sentence (a report summarising
        # policies, "…关于印发《…》的通知，要求…"): not a heading.
        local = _typical_width(rows[max(0, pos - 40) : pos + 40]) or width
        runs_on = end < len(rows) and (
            len(rows[end - 1].compact) >= local - 3 or bool(_RUN_ON.match(rows[end].compact))
        )
        if runs_on or not _balanced(title):
            continue
        if title_prefix(title) and re.search(r"印发|关于|决定|发布", title):
            heads.append(Head(pos, end, "news"))
    return heads


_ISSUES = re.compile(r"^(?:联合)?(?:印发|发布|转发)《[^《》]{4,80}》$")


def _organ_list(row: Row) -> bool:
    """Tell whether a row is only organ names (``中共中央办公厅、国务院办公厅``)."""
    names = [name for name in re.split(r"[、\s]+", row.text) if name]
    return bool(names) and all(looks_like_organ(name) for name in names)


# The rest of a title followed by the sentence it is part of: "…规划的通知，提出…".
_RUN_ON = re.compile(r"^[^，。]{0,40}(?:通知|意见|规划|方案|办法|决定|细则|纲要|指南|措施|计划)[》”]?[，、]")


def _balanced(text: str) -> bool:
    """Tell whether every bracket and quote opened in ``text`` is closed."""
    pairs = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"))
    return all(text.count(left) == text.count(right) for left, right in pairs)


_BOOK_TITLE = re.compile(r"《([^《》]{4,80})》")


def _regulation_heads(rows: list[Row], heads: list[Head]) -> list[Head]:
    """Return the heads of regulations printed after the order (令) that promulgates them."""
    found: list[Head] = []
    for head in heads:
        title = "".join(row.compact for row in rows[head.row : head.title_end])
        if not title.endswith("令"):
            continue
        body = "".join(row.compact for row in rows[head.title_end : head.title_end + 4])
        match = _BOOK_TITLE.search(body)
        if not match:
            continue
        target = normalize_title(match.group(1))
        for pos in range(head.title_end + 1, min(len(rows), head.title_end + 30)):
            if rows[pos].compact.startswith("《") or not is_title_like(rows[pos]):
                continue
            one = normalize_title(rows[pos].compact)
            two = normalize_title("".join(row.compact for row in rows[pos : pos + 2]))
            if one.startswith(target) and len(one) <= len(target) + 12:
                found.append(Head(pos, pos + 1, "regulation"))
                break
            if target.startswith(one) and two.startswith(target) and len(two) <= len(target) + 12:
                found.append(Head(pos, pos + 2, "regulation"))
                break
    return found
