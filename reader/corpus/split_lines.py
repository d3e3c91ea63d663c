"""The lines of a compilation as the splitter sees them, and what each line looks like.

Splitting works on non-blank lines (``Row``): some PDF conversions put a blank line after every
printed line, others one per paragraph, so blank lines carry no structure of their own. Each
row keeps its 0-based position in the file so spans can be reported in the file's own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reader.corpus.clean import is_page_number, strip_markup
from reader.corpus.labels import match_label
from reader.corpus.labels import starts_with_label as label_at_start
from reader.corpus.law_notes import has_events, is_event_line
from reader.corpus.metadata import DOC_NUMBER_RE, parse_date
from reader.corpus.variants import to_simplified

_SPACES = " \t\u3000\u00a0\u2002\u2003"


@dataclass(frozen=True)
class Row:
    """One non-blank line of the file.

    Attributes:
        index: 0-based line index in the file.
        text: the line with conversion markup removed and outer whitespace trimmed.
        compact: ``text`` with all whitespace removed (what comparisons use).
        lead: the raw line starts with a single space: in these PDF conversions that marks the
            first line of a new page, which is where most documents begin.
        marked: a markdown heading or bold line (``# …``, ``**…**``, ``<b>…</b>``).
        printed: ``text`` as printed when it is in traditional characters (``text`` and
            ``compact`` are then simplified, for matching); None when they are the same.
    """

    index: int
    text: str
    compact: str
    lead: bool
    marked: bool
    printed: str | None = None

    @property
    def shown(self) -> str:
        """The row's text as printed (what titles and issuers are taken from)."""
        return self.text if self.printed is None else self.printed


def split_file_lines(text: str) -> list[str]:
    """Split text into the file's lines; a final newline does not start another line."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def make_rows(lines: list[str]) -> list[Row]:
    """Return the non-blank lines of a file as rows."""
    rows: list[Row] = []
    for index, raw in enumerate(lines):
        if not raw.strip(_SPACES):
            continue
        stripped = raw.lstrip(_SPACES)
        marked = stripped.startswith(("#", "**", "<b>", "<strong>"))
        text = strip_markup(raw).strip(_SPACES + "*")
        if stripped.startswith(("- ", "* ")):
            text = re.sub(r"^[-*]\s+", "", text)  # a markdown list bullet from the conversion
        compact = "".join(text.split())
        if not compact:
            continue
        # One leading space marks a page break; indentation (two or more) does not.
        lead = raw.startswith(" ") and not raw.startswith(("  ", " \t"))
        rows.append(Row(index, text, compact, lead, marked))
    return _simplified(rows)


def _simplified(rows: list[Row]) -> list[Row]:
    """Return rows whose traditional characters are simplified for matching, printed kept."""
    texts = to_simplified([row.text for row in rows])
    return [
        row if text == row.text else replace(row, text=text, compact="".join(text.split()), printed=row.text)
        for row, text in zip(rows, texts, strict=True)
    ]


# --- what a row is -----------------------------------------------------------------------------

_DOC_NUMBER_LINE = re.compile(
    r"^[（(]?(?:文号[：:])?[（(]?" + DOC_NUMBER_RE.pattern.replace(r"\s*", "") + r"[）)]?[）)]?$"
)
_ANNOUNCEMENT_LINE = re.compile(r"^[\u4e00-\u9fff]{2,40}公告(?:19|20)\d{2}年第\d{1,5}号$")
_ORDER_NO_LINE = re.compile(r"^[（(]?第\d{1,5}号[）)]?$")
_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九OО]{4}年[一二三四五六七八九十]{1,3}月"
    r"[一二三四五六七八九十]{1,3}日)$"
)
# A month alone (a cover's 二〇二三年二月, 2024年4月): not a signature date, but nothing runs on
# across it either.
_MONTH_LINE = re.compile(r"^(?:(?:19|20)\d{2}年\d{1,2}月|[〇○零一二三四五六七八九OО]{4}年[一二三四五六七八九十]{1,3}月)$")
_NOTE_LINE = re.compile(r"^[（(](?:此件|本文|本件|有删减|根据|注[：:]).{0,20}[）)]$")
_SENTENCE_END = re.compile(r"[。！？；;!?…]$|[。！？；][）)”’」』]$")
_ADDRESSEE_EXCLUDE = re.compile(
    r"(?:如下|以下|下列|通知|说明|联系人|电话|地址|邮箱|传真|附件|发布部门|发布日期|文号|成文日期|"
    r"来源|网址|提出|主要内容|规定|要求|包括|指出|强调|表示|认为)"
)


def is_doc_number_line(row: Row) -> bool:
    """Tell whether a row is only a 文号 (``国办函〔2025〕30号``, ``（苏政办发〔2024〕10号）``)."""
    compact = row.compact
    if len(compact) > 40:
        return False
    return bool(_DOC_NUMBER_LINE.match(compact) or _ANNOUNCEMENT_LINE.match(compact))


def is_order_number_line(row: Row) -> bool:
    """Tell whether a row is the number under an order's title (``第 802 号``)."""
    return bool(_ORDER_NO_LINE.match(row.compact))


def is_date_line(row: Row) -> bool:
    """Tell whether a row is only a date, as under a signature (``2025 年 3 月 25 日``)."""
    return bool(_DATE_LINE.match(row.compact))


def paren_note(rows: list[Row], pos: int) -> str | None:
    """Return the 题注 starting at row ``pos`` (joined if it wraps over up to 3 rows), or None.

    A 题注 is the parenthesised line under a title that dates it or records its adoption:
    ``（2024年1月10日）``, ``(…部务会议通过，1月8日公布，自…起施行)``.
    """
    compact = rows[pos].compact
    if compact[:1] not in "(（":
        return None
    joined = compact
    end = pos + 1
    while joined[-1:] not in ")）" and end < len(rows) and end - pos < 3:
        if not is_page_row(rows[end]):  # a page break inside the note
            joined += rows[end].compact
        end += 1
    if joined[-1:] not in ")）" or len(joined) > 200 or _NOTE_LINE.match(joined):
        return None
    return joined


# A law's bracketed 题注 opens with the date of its first event.
_NOTE_START = re.compile(r"^[（(](?:根据|经)?(?:19|20)\d{2}年")
_EVENT_START = re.compile(r"^(?:根据|自)?(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")


def law_note(rows: list[Row], pos: int) -> tuple[str, int] | None:
    """Return the 题注 of a law starting at row ``pos`` and the row after it, or None.

    Bracketed, it may wrap over several rows and across a page break (the page number is
    skipped); bare, it is a run of event lines (``2009年11月25日 国务院令第567号公布``). Only a
    paragraph that records events (通过, 公布, 修正…) counts.
    """
    compact = rows[pos].compact
    if compact[:1] in "(（":
        if not _NOTE_START.match(compact):
            return None
        joined = compact
        end = pos + 1
        while joined[-1:] not in ")）" and end < len(rows) and end - pos < 12:
            if not is_page_row(rows[end]):
                joined += rows[end].compact
            end += 1
        if joined[-1:] in ")）" and len(joined) <= 1200 and has_events(joined):
            return joined, end
        return None
    if not _EVENT_START.match(compact):
        return None  # a bare 题注 line opens with its date
    end = pos
    found: list[str] = []
    while end < len(rows):
        if is_event_line(rows[end].compact):
            found.append(rows[end].compact)
            end += 1
            continue
        joined = rows[end].compact + (rows[end + 1].compact if end + 1 < len(rows) else "")
        if _EVENT_START.match(rows[end].compact) and is_event_line(joined):
            found.append(joined)  # one event line wrapped in two
            end += 2
            continue
        # A page break between two event lines: its number, then perhaps a running header.
        after = next((n for n in (end + 1, end + 2) if n < len(rows) and is_event_line(rows[n].compact)), None)
        if not found or not is_page_row(rows[end]) or after is None:
            break
        end = after
    if not found:
        return None
    return "　".join(found), end


def opens_law_body(row: Row) -> bool:
    """Tell whether a row opens the body of a law: 目录, or its first 编/章/节/条."""
    compact = row.compact
    if compact in ("目录", "目次"):
        return True
    if not compact.startswith("第"):
        return False
    found = match_label(compact)
    return found is not None and found.kind in ("编", "章", "节", "条") and found.number == 1


def note_date(rows: list[Row], pos: int) -> str | None:
    """Return the date of the 题注 at row ``pos``, else None."""
    note = paren_note(rows, pos)
    return parse_date(note) if note else None


def is_note_line(row: Row) -> bool:
    """Tell whether a row is a 附注 like ``（此件公开发布）`` or ``（本文有删减）``."""
    return bool(_NOTE_LINE.match(row.compact))


def is_page_row(row: Row) -> bool:
    """Tell whether a row is page furniture: a page number such as ``135`` or ``— 143 —``."""
    return is_page_number(row.text) or bool(re.fullmatch(r"[—\-－–]\s*\d{1,4}\s*[—\-－–]", row.text))


def ends_sentence(row: Row) -> bool:
    """Tell whether a row ends a sentence (so whatever follows starts something new)."""
    return bool(_SENTENCE_END.search(row.compact))


def starts_with_label(row: Row) -> bool:
    """Tell whether a row starts with a clause or list label (第三条, 一、, （二）, 1.)."""
    return label_at_start(row.compact)


def is_addressee(row: Row) -> bool:
    """Tell whether a row is a 主送机关 line (``各省、自治区、直辖市人民政府：``)."""
    compact = row.compact
    if not compact.endswith(("：", ":")) or len(compact) > 200 or "。" in compact:
        return False
    body = compact[:-1]
    if not body or "：" in body or ":" in body or _ADDRESSEE_EXCLUDE.search(body):
        return False
    if starts_with_label(row):
        return False
    return body.startswith("各") or "、" in body or bool(
        re.search(r"(?:政府|部|委|局|厅|院|办|会|单位|企业|公司|社|行)$", body)
    )


def is_boundary(row: Row) -> bool:
    """Tell whether a row closes what came before it (a title cannot continue across it)."""
    return (
        ends_sentence(row)
        or is_date_line(row)
        or bool(_MONTH_LINE.match(row.compact))
        or is_note_line(row)
        or is_page_row(row)
        or is_doc_number_line(row)
        or is_event_line(row.compact)
    )


def is_title_like(row: Row) -> bool:
    """Tell whether a row could be (part of) a document title."""
    compact = row.compact
    if len(compact) > 70 or is_boundary(row) or starts_with_label(row):
        return False
    if re.search(r"[。；：:！？，,]", compact) or "\t" in row.text or _NOTE_START.match(compact):
        return False  # (a dated bracket opens a 题注, never a line of a title)
    return not (compact.startswith(("(", "（")) and compact.endswith((")", "）")))
