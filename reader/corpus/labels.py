"""The one grammar of clause and section labels, for the cleaner, the splitter and the parser.

What a line may start with to be a heading, a clause or a list item of its own, as the official
formats print them:

- the 第X family of laws and plans: 第X篇 / 第X部分 (parts of a plan or a code), 编, 章, 节, 条;
  inside a 条 the 款 are unlabelled paragraphs, the 项 are numbered （一）, the 目 1.;
- the GB/T 9704 outline of a 公文: 一、 > （一） > 1. > （1）, and ①…㊿ below them;
- decimal section numbers of technical texts (``1.2``, ``3.1.4``), which are headings but no
  clause of the outline;
- boxes and attachments: 专栏 N, 附件 N：, 附表, 附：, and an em-dash list (``——加强…``).

:func:`match_label` reads a label; :func:`starts_with_label` only asks whether a line opens
with one. A 第X label followed by 的/中/，/第… is a reference (``第十二条第三款规定的``),
never a label. Every consumer asks here, so a rule added for one is seen by all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Chinese numerals as clause numbers use them (一百二十三, 二〇二二, 两).
CN_DIGITS = "零〇○一二三四五六七八九十百千两"

#: The 第X kinds, outermost first; a plan's 篇 and a code's 部分 stand above its 编.
ARTICLE_KINDS = ("篇", "部分", "编", "章", "节", "条")
#: The outline kinds, outermost first (GB/T 9704), and ① below them.
OUTLINE_KINDS = ("一、", "（一）", "1.", "（1）", "①")
#: Kinds that are headings or markers but never a node of the clause tree.
MARKER_KINDS = ("1.1", "专栏", "附件", "——")
#: What a law calls the outline kinds inside one 条.
LAW_PARTS = {"（一）": "项", "1.": "目"}

_CIRCLED = "①-⑳㉑-㉟㊱-㊿"

# One pattern per kind, tried in this order (the 第X family first: 第一条 is not 一、).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "第",
        re.compile(
            rf"^第\s*([{CN_DIGITS}]{{1,7}}|\d{{1,4}})\s*(部分|[篇编章节条])"
            r"(?![的中，、。和及或至到所第之])"
        ),
    ),
    ("一、", re.compile(rf"^([{CN_DIGITS}]{{1,5}})\s*[、．.](?![\d．.])")),
    ("（一）", re.compile(rf"^[（(]\s*([{CN_DIGITS}]{{1,5}})\s*[）)]")),
    ("（1）", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]")),
    # A decimal section number: "1.2 标题", "3.1.4．" (and a quantity such as "2.5万元" at the
    # start of a line, which breaks a paragraph all the same).
    ("1.1", re.compile(r"^(\d{1,3}(?:[.．]\d{1,3})+)(?:\s*[、．.﹒](?![\d%])|(?![\d%.．]))")),
    ("1.", re.compile(r"^(\d{1,3})\s*[.．、﹒](?![\d.．%])")),
    ("①", re.compile(rf"^([{_CIRCLED}])")),
    ("专栏", re.compile(r"^(专栏)\s*[\d一二三四五六七八九十]{1,3}(?![\d年月%.．])")),
    # 附件 / 附表 with or without a number, then a colon, the end, or the attachment's title.
    (
        "附件",
        re.compile(
            r"^附(?:[件表]\s*(?:[\d一二三四五六七八九十]{1,3}(?:[-－]\d{1,2})?)?\s*"
            r"(?:[：:、.．]|$|(?<=[\d一二三四五六七八九十])(?![）)，,。；;、\d]))|[：:])"
        ),
    ),
    ("——", re.compile(r"^(——)")),
)

# "118.8万吨", "6.2024年度", "2.5G": an item number glued to a quantity with a unit, a year or
# a range by the PDF, unlike "2.1本月…", a decimal section number before its title.
GLUED_ITEM = re.compile(
    r"^(\d{1,3})[.．](?=\d+(?:\.\d+)?\s*(?:[万千亿百十]|[吨年月日米个家人元项台套度份条次倍天周类批级种]"
    r"|[GTMKkDVWmgLCB%％℃°—\-~～]|千瓦|马力|像素|立方|平方|英寸|小时|分钟|兆|微|纳|摄氏))"
)


@dataclass(frozen=True)
class Label:
    """A label at the start of a line.

    Attributes:
        kind: one of ``ARTICLE_KINDS``, ``OUTLINE_KINDS`` or ``MARKER_KINDS``.
        label: the label as printed, without spaces (``第十二条``, ``（三）``, ``2.``, ``㉑``).
        number: its number (the first of a decimal one), or None when it has none.
        end: the offset in the line just past the label.
    """

    kind: str
    label: str
    number: int | None
    end: int

    @property
    def is_clause(self) -> bool:
        """Tell whether the label opens a node of the clause tree."""
        return self.kind in ARTICLE_KINDS or self.kind in OUTLINE_KINDS


_CN_VALUES = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """Read a Chinese numeral up to the thousands (一百二十三 → 123), or Arabic digits."""
    if text.isdigit():
        return int(text)
    if "〇" in text or "○" in text or (len(text) > 1 and not any(u in text for u in _CN_UNITS)):
        # Digit by digit, as in 二〇二二.
        value = 0
        for ch in text:
            if ch not in _CN_VALUES:
                return None
            value = value * 10 + _CN_VALUES[ch]
        return value
    total = 0
    digit = 0
    for ch in text:
        if ch in _CN_VALUES:
            digit = _CN_VALUES[ch]
        elif ch in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:
            return None
    return total + digit


def circled_number(mark: str) -> int:
    """Return the number of a circled digit (① → 1, ㉑ → 21, ㊱ → 36)."""
    if mark <= "⑳":
        return ord(mark) - 0x245F
    if mark <= "㉟":
        return ord(mark) - 0x3250 + 20
    return ord(mark) - 0x32B1 + 36


def _can_open(first: str) -> bool:
    """Tell whether a label can start with this character (most lines are ruled out here)."""
    return (
        first in _FIRST
        or "0" <= first <= "9"
        or "①" <= first <= "⑳"
        or "㉑" <= first <= "㉟"
        or "㊱" <= first <= "㊿"
    )


_FIRST = frozenset("第（(专附—" + CN_DIGITS)


def match_label(line: str) -> Label | None:
    """Return the label a line starts with, or None (leading spaces are the caller's)."""
    if not line or not _can_open(line[0]):
        return None
    for family, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        if family == "第":
            kind = m.group(2)
            return Label(kind, f"第{m.group(1)}{kind}", chinese_number(m.group(1)), m.end())
        if family == "①":
            return Label("①", m.group(1), circled_number(m.group(1)), m.end())
        if family in ("专栏", "附件", "——"):
            return Label(family, re.sub(r"\s", "", m.group(0)), None, m.end())
        if family == "1.1":
            return Label("1.1", m.group(1), int(re.split(r"[.．]", m.group(1))[0]), m.end())
        label = re.sub(r"\s", "", m.group(0))
        if family == "1." and label[-1:].isdigit():
            label = m.group(1)
        return Label(family, label, chinese_number(m.group(1)), m.end())
    return None


def starts_with_label(line: str) -> bool:
    """Tell whether a line starts with any clause, section or list label."""
    return match_label(line) is not None


def match_clause_label(line: str) -> Label | None:
    """Return the label when the line opens a clause of the tree (a numbered one)."""
    found = match_label(line)
    if found is None or not found.is_clause or not found.number:
        return None
    return found
