"""Undo PDF extraction damage: join wrapped lines, drop page furniture and markup, keep structure."""

from __future__ import annotations

import html
import re
from collections import Counter

# A CJK ideograph or CJK punctuation/full-width form (used for the spacing rules).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"

# HTML left over from conversion: tags we know, comments and <br>; entities are unescaped.
_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|p|br|sup|sub|span|div|font|a|td|tr|th|table|tbody|thead|h[1-6]|"
    r"li|ul|ol|center|small|big|s|strike|hr|img)\b[^<>]*/?>|<!--.*?-->",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")

# Page furniture: a bare number, "- 12 -", "第 3 页", "第3页 共20页", "3/20", a roman numeral.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–]?\s*\d{1,4}\s*[-—－–]?|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[IVXLivxl]{1,6})$"
)

_NUM = "一二三四五六七八九十百千零〇两"
# Lines that start a paragraph of their own: clause and outline labels, attachments, dates.
_STRUCTURE_START = re.compile(
    rf"^(?:第[{_NUM}\d]{{1,6}}\s*[编章节条部分款]"
    rf"|[{_NUM}]{{1,4}}\s*[、．.]"
    rf"|[（(]\s*[{_NUM}]{{1,4}}\s*[）)]"
    rf"|\d{{1,3}}(?:\.\d{{1,3}})*\s*[、．.](?!\d)"
    rf"|\d{{1,3}}(?:\.\d{{1,3}})+(?!\d)"
    rf"|[（(]\s*\d{{1,3}}\s*[）)]"
    rf"|[①-⑳]"
    rf"|附件\s*\d*\s*[：:]?"
    rf"|附\s*[：:]"
    rf")"
)
# Sentence-final punctuation (optionally followed by closing quotes/brackets).
_SENTENCE_END = re.compile(r"[。；！？：:;!?…]+[”’」』）)】]*$")
_TERMINAL_LINE = re.compile(
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月"
    r"(?:[一二三四五六七八九十]{1,3}日)?|号|）|\))$"
)

# Spaces the PDF put between CJK characters and digits/letters: "2035 年", "第 52 号".
_SPACE_CJK_ASCII = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \u3000\u00a0]+(?=[0-9A-Za-z%])")
_SPACE_ASCII_CJK = re.compile(rf"(?<=[0-9A-Za-z%.])[ \u3000\u00a0]+(?=[{_CJK}{_CJK_PUNCT}])")
_SPACE_CJK_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \u3000\u00a0]+(?=[{_CJK}{_CJK_PUNCT}])")
_MULTI_SPACE = re.compile(r"[ \u3000\u00a0]{2,}")

# An organ name ends with one of these; a space after it separates joint issuers or an issuer
# from the title ("科技部 住房城乡建设部", "国家发展改革委 交通运输部关于…") and must stay.
_ORGAN_END = re.compile(
    r"(?:部|委|局|院|厅|办|署|行|会|府|室|中心|总局|委员会|政府|中央|联合会|协会|总商会|银行)$"
)
_LABEL_END = re.compile(rf"^(?:第[{_NUM}\d]{{1,6}}[编章节条部分款]|附件\d*|[{_NUM}]{{1,4}}、)$")


def strip_markup(line: str) -> str:
    """Remove HTML tags, entities and markdown heading marks left over from conversion."""
    line = _TAG.sub("", line)
    if "&" in line:
        line = html.unescape(line)
    line = _MD_HEADING.sub("", line)
    line = _MD_BOLD.sub(r"\1", line)
    return line.replace("\u200b", "").replace("\ufeff", "")


def is_page_number(line: str) -> bool:
    """Tell whether a stripped line is only a page number."""
    return bool(_PAGE_NUMBER.match(line.strip())) and bool(line.strip())


def fix_spacing(line: str) -> str:
    """Remove the stray spaces PDF extraction puts around CJK characters, keep meaningful ones."""
    line = _SPACE_CJK_ASCII.sub("", line)
    line = _SPACE_ASCII_CJK.sub("", line)

    def keep_or_drop(match: re.Match[str]) -> str:
        before = match.string[: match.start()]
        word = re.split(r"[ \u3000\u00a0]", before)[-1]
        if _ORGAN_END.search(word) or _LABEL_END.match(word):
            return " "
        return ""

    line = _SPACE_CJK_CJK.sub(keep_or_drop, line)
    return _MULTI_SPACE.sub(" ", line).strip()


def _width(line: str) -> int:
    """Display width: a CJK or full-width character counts 2, anything else 1."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)


def _running_headers(lines: list[str]) -> set[str]:
    """Find short lines repeated on many pages: running headers and footers of the PDF."""
    counts = Counter(s for s in (ln.strip() for ln in lines) if s and len(s) <= 40)
    total = sum(1 for ln in lines if ln.strip())
    threshold = max(3, total // 400)
    out: set[str] = set()
    for text, n in counts.items():
        if n < threshold or _STRUCTURE_START.match(text) or "\t" in text:
            continue
        if _SENTENCE_END.search(text):
            continue
        out.add(text)
    return out


def clean_lines(lines: list[str]) -> str:
    """Turn one document's raw lines into cleaned text, one paragraph per line.

    Deterministic: annotations anchor into the result by character offset.
    """
    raw = [strip_markup(ln.rstrip("\n").rstrip("\r")) for ln in lines]
    headers = _running_headers(raw)
    # In some compilations every wrapped line is followed by a blank line, so blank lines say
    # nothing about paragraphs there; elsewhere a blank line is a paragraph break.
    nonblank = [i for i, ln in enumerate(raw) if ln.strip()]
    followed_by_blank = sum(1 for i in nonblank if i + 1 < len(raw) and not raw[i + 1].strip())
    blanks_meaningful = not nonblank or followed_by_blank < 0.5 * len(nonblank)

    # Width a full wrapped line reaches: the most common width among the longer lines.
    widths = Counter(
        _width(fix_spacing(ln)) for ln in raw if ln.strip() and "\t" not in ln
    )
    long_widths = sorted((w for w in widths.elements() if w >= 40), reverse=True)
    wrap_width = long_widths[len(long_widths) // 10] if long_widths else 0

    paragraphs: list[str] = []
    current: list[str] = []
    prev_full = False
    blank_since = False

    def flush() -> None:
        if current:
            paragraphs.append("".join(current))
            current.clear()

    for ln in raw:
        stripped = ln.strip()
        if not stripped:
            blank_since = True
            continue
        if is_page_number(stripped) or stripped in headers:
            continue
        if "\t" in stripped:
            # A table row flattened by the converter: keep it as a row, cells tab-separated.
            flush()
            cells = [fix_spacing(c) for c in stripped.split("\t")]
            paragraphs.append("\t".join(cells))
            prev_full = False
            blank_since = False
            continue
        piece = fix_spacing(stripped)
        starts_new = (
            not current
            or (blanks_meaningful and blank_since)
            or bool(_STRUCTURE_START.match(piece))
            or not prev_full
        )
        if starts_new:
            flush()
            current.append(piece)
        else:
            prev = current[-1]
            if prev and prev[-1].isascii() and prev[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
                current.append(" " + piece)
            else:
                current.append(piece)
        prev_full = (
            wrap_width > 0
            and _width(piece) >= wrap_width * 0.85
            and not _SENTENCE_END.search(piece)
        ) or _ends_mid_sentence(piece)
        blank_since = False
    flush()
    return "\n".join(p for p in paragraphs if p)


def _ends_mid_sentence(piece: str) -> bool:
    """Tell whether a line obviously continues: it ends with a comma or an open bracket."""
    return bool(re.search(r"[，、,（(“《]$", piece))
