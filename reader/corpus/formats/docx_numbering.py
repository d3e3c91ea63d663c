"""The numbers Word prints before numbered paragraphs (一、 （二） 1. ①), from numbering.xml.

Word does not store a list item's label in its text: the paragraph names a numbering (numId)
and a level, and the label is computed from the level's format (``chineseCounting``,
``decimal``, ``decimalEnclosedCircle``…) and text pattern (``%1、``, ``（%2）``). The labels
matter here: ``一、`` and ``（三）`` are the clause structure of a policy document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

_CN = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def chinese_number(n: int) -> str:
    """Write 1…9999 the way Chinese numbering does (十一, 二十, 一百零五)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _CN[rest] if rest < 10 else _tens(rest))
        return _CN[n // 100] + "百" + tail
    return str(n)


def _tens(n: int) -> str:
    return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Return ``n`` in a Word number format; unknown formats fall back to digits."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital",
               "japaneseCounting", "chineseLegalSimplified", "taiwaneseCounting"):
        return chinese_number(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class Numbering:
    """Counts the numbered paragraphs of one document, in order, and labels them."""

    def __init__(self, numbering_element: Any | None) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._starts: dict[tuple[str, int], int] = {}
        self._counters: dict[str, list[int]] = {}
        if numbering_element is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in numbering_element.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                levels[ilvl] = _Level(
                    _val(lvl, "w:numFmt", "decimal") or "decimal",
                    _val(lvl, "w:lvlText", "") or "",
                    int(_val(lvl, "w:start", "1") or "1"),
                )
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering_element.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            self._levels[num_id] = abstract.get(_val(num, "w:abstractNumId", "") or "", {})
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    self._starts[(num_id, int(override.get(qn("w:ilvl"), "0")))] = int(start)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``num_id`` at ``ilvl`` and return the printed label."""
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if counters[ilvl] == 0:
            counters[ilvl] = self._starts.get((num_id, ilvl), levels[ilvl].start)
        else:
            counters[ilvl] += 1
        text = levels[ilvl].text
        for level in range(ilvl + 1):
            fmt = levels[level].fmt if level in levels else "decimal"
            value = counters[level] or (levels[level].start if level in levels else 1)
            text = text.replace(f"%{level + 1}", format_number(value, fmt))
        return "" if levels[ilvl].fmt in ("bullet", "none") else text
