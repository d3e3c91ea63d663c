"""Document metadata as printed → normalised values: 文号, dates, document types, organs.

PDF extraction scatters spaces through numbers (``发改能源〔2022〕210 号``, ``2025 年 3 月 25
日``) and authors type brackets every way (``[2022]``, ``(2022)``, ``〔2022〕``); search and the
library compare these values, so they are normalised once, here.
"""

from __future__ import annotations

import re

from reader.corpus.organs import canonical_issuer, canonical_issuers

__all__ = [
    "DOC_NUMBER_RE",
    "canonical_issuer",
    "canonical_issuers",
    "doc_type_of",
    "find_doc_numbers",
    "normalize_doc_number",
    "parse_date",
]

# 机关代字〔年份〕序号号. The 代字 is CJK (sometimes with a 字 or digits-free letters); the year
# bracket comes in six shapes after OCR and retyping.
DOC_NUMBER_RE = re.compile(
    r"(?P<code>[\u4e00-\u9fffA-Za-z]{1,16}?)\s*[〔\[［【(（{｛]\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]］】)）}｝]\s*(?P<seq>\d{1,5})\s*号"
)
# 公告 numbers: 财政部 税务总局公告2022年第32号; 令 numbers: 民政部令第69号.
_ANNOUNCEMENT_RE = re.compile(
    r"(?P<code>[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,40}?公告)\s*(?P<year>(?:19|20)\d{2})\s*年\s*"
    r"第\s*(?P<seq>\d{1,5})\s*号"
)
_ORDER_RE = re.compile(
    r"(?P<code>[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,60}?令)\s*(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?"
    r"第\s*(?P<seq>\d{1,5})\s*号"
)


def _squeeze_organs(code: str) -> str:
    """Drop spaces in a 代字 except the single ones between organ names (财政部 税务总局公告)."""
    code = re.sub(r"中华人民共和国(?=\S)", "", code.strip())
    return re.sub(r"\s+", " ", code)


def normalize_doc_number(text: str) -> str | None:
    """Return the 文号 in ``text`` in the official shape, or None when there is none.

    ``发改能源[2022]210 号`` → ``发改能源〔2022〕210号``; ``财政部 税务总局公告 2022年第 32号`` →
    ``财政部 税务总局公告2022年第32号``; ``中华人民共和国民政部令第69号`` → ``民政部令第69号``.
    """
    if not text:
        return None
    match = DOC_NUMBER_RE.search(text)
    if match:
        code = re.sub(r"\s+", "", match.group("code"))
        return f"{code}〔{match.group('year')}〕{int(match.group('seq'))}号"
    match = _ANNOUNCEMENT_RE.search(text)
    if match:
        code = _squeeze_organs(match.group("code"))
        return f"{code}{match.group('year')}年第{int(match.group('seq'))}号"
    match = _ORDER_RE.search(text)
    if match:
        # The order's name follows a date in a 题注 (…2024年7月5日中华人民共和国国务院令第…).
        code = _squeeze_organs(re.sub(r"^[日月年\s]+", "", match.group("code")))
        code = re.sub(r"\s+令$", "令", code)
        year = f"{match.group('year')}年" if match.group("year") else ""
        return f"{code}{year}第{int(match.group('seq'))}号"
    return None


# What cannot be part of a 机关代字, so that a 代字 found in running text starts after it.
_CODE_BREAK = re.compile(r"[^\u4e00-\u9fff\s]|[号的及与或在按据照见于以了为经由将对]")


_ENDING_AT = tuple(re.compile(f"(?:{p.pattern})$") for p in (DOC_NUMBER_RE, _ANNOUNCEMENT_RE,
                                                              _ORDER_RE))


def find_doc_numbers(text: str) -> list[tuple[int, int, str]]:
    """Return every 文号 printed in ``text``: (start, end, the 文号 normalised), in order.

    The same three shapes as ``normalize_doc_number`` (〔年〕号, 公告…年第…号, 令第…号). In
    running text the 代字 would swallow the words before it (根据国发〔2024〕7号): it starts
    after the last character no 代字 holds (and after the 日 of a date before a 令).
    Where two overlap the earlier one wins.
    """
    spans: set[tuple[int, int]] = set()
    # Every shape ends in 号: each pattern is tried, anchored, on the stretch before each 号.
    for end in (m.end() for m in re.finditer("号", text)):
        window = max(0, end - 90)
        for pattern in _ENDING_AT:
            match = pattern.search(text, window, end)
            if match is None:
                continue
            code_end = match.end("code")
            start = match.start()
            for brk in _CODE_BREAK.finditer(text, start, code_end):
                start = brk.end()
            while start < code_end and text[start] in "年月日 ":  # …2024年7月1日国务院令
                start += 1
            if start < code_end:
                spans.add((start, end))
    found: list[tuple[int, int, str]] = []
    for start, end in sorted(spans):
        number = normalize_doc_number(text[start:end])
        if number and (not found or found[-1][1] <= start):
            found.append((start, end, number))
    return found


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "О": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ARABIC_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?"
)
_CN_DATE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九OО]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日)?"
)


def _cn_small(text: str) -> int:
    """Return the value of a Chinese numeral from 一 to 三十一 (十二, 二十三…)."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not (1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def parse_date(text: str) -> str | None:
    """Return the first date in ``text`` as ISO, or None.

    ``2025年3月25日`` and ``2025 年 3 月 25 日`` → ``2025-03-25``; ``二〇二二年十二月八日`` →
    ``2022-12-08``; a month alone (``2025年3月``) → ``2025-03``.
    """
    if not text:
        return None
    arabic = _ARABIC_DATE.search(text)
    chinese = _CN_DATE.search(text)
    if arabic and (not chinese or arabic.start() <= chinese.start()):
        day = int(arabic.group("d")) if arabic.group("d") else None
        return _iso(int(arabic.group("y")), int(arabic.group("m")), day)
    if chinese:
        year = int("".join(str(_CN_DIGITS[c]) for c in chinese.group("y")))
        day = _cn_small(chinese.group("d")) if chinese.group("d") else None
        return _iso(year, _cn_small(chinese.group("m")), day)
    return None


# Types by how titles end, longest first: 指导意见 is an 意见, 实施方案 a 方案.
_TYPE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("决议", "决议"), ("决定", "决定"), ("命令", "命令"), ("令", "令"), ("公报", "公报"),
    ("公告", "公告"), ("通告", "通告"), ("意见", "意见"), ("通知", "通知"), ("通报", "通报"),
    ("报告", "报告"), ("请示", "请示"), ("批复", "批复"), ("议案", "议案"), ("函", "函"),
    ("纪要", "纪要"), ("规划纲要", "规划"), ("纲要", "纲要"), ("规划", "规划"), ("方案", "方案"),
    ("办法", "办法"), ("条例", "条例"), ("规定", "规定"), ("细则", "细则"), ("指南", "指南"),
    ("指引", "指引"), ("规则", "规则"), ("规程", "规程"), ("措施", "措施"), ("计划", "计划"),
    ("目录", "目录"), ("清单", "清单"), ("标准", "标准"), ("要点", "要点"), ("制度", "制度"),
    ("机制", "机制"), ("章程", "章程"), ("规范", "规范"),
    # Laws and judicial interpretations: …法, …法典, 最高人民法院关于…的解释 (办法 is above).
    ("解释", "解释"), ("法典", "法"), ("法", "法"),
)
# What may follow the type word at the end of a title: (试行), （2024—2026年）, 》, quotes.
_TITLE_TAIL = re.compile(r"(?:[（(][^（）()]{0,20}[）)]|[》」』”\"\s])+$")


def doc_type_of(title: str) -> str | None:
    """Return the document type a title ends with (通知, 意见, 办法…), or None.

    ``关于印发《…办法》的通知`` is a 通知 (the outer document), ``…指导意见`` an 意见.
    """
    if not title:
        return None
    core = _TITLE_TAIL.sub("", re.sub(r"\s+", "", title))
    for ending, doc_type in _TYPE_ENDINGS:
        if core.endswith(ending):
            if ending == "令" and not re.search(r"(?:部|委|局|院|署|府|行|会)令$", core):
                continue
            return doc_type
    return None
