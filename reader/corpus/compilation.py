"""What a compilation says about itself: its own title, read from its cover.

A compilation's file name (``003_bf27126f95cd8607.txt``) means nothing to a reader; its
cover does (``工程咨询文件汇编（2022年）``, ``2024年第一季度 惠企政策汇编``). The cover also prints
who compiled it and when, and the page furniture of a converted PDF (a web address, a page
number); none of that is the title.

A cover's title names a kind of compilation (汇编, 选编, 月报, 要点…), alone or after the
period it covers; a line that names none is a publisher, a brand or a running header
(``明树数据 www.bridata.com``), and a cover without such a line has no title: the file name
stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.corpus.markup import strip_markup
from reader.corpus.model import FrontMatter
from reader.corpus.organs import looks_like_organ, split_organs

_URL = re.compile(r"(?:https?://|www\.)\S+")
_PAGE = re.compile(r"^(?:[IVXLCDM]+|[ivxlcdm]+|\d{1,4}|-\s*\d{1,4}\s*-)$")
_DATE = re.compile(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年(?:\s*[\d一二三四五六七八九十]{1,2}\s*月)?"
                   r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?[)）]?$")
# 广东省工程咨询协会 编, 编印单位：…, 主办：…: who made the compilation.
_COMPILER = re.compile(r"^(?:编印|编制|主办|编者|出品)(?:单位)?[：:]")
_COMPILED_BY = re.compile(r"^(.+?)\s*(?:编|编印|编制|主编|出品)$")
# A bracketed line that qualifies the title (年份, 季度, 第N期): part of it.
_QUALIFIER = re.compile(r"^[（(][^（）()]{1,20}[)）]$")
# What a compilation calls itself: the words that make a cover line its title.
_KIND = re.compile(r"汇编|选编|摘编|汇集|合集|文集|专辑|读本|手册|白皮书|一览|月报|周报|季报|年报"
                   r"|简报|快报|动态|通讯|要点|辑要|指南|资料")
# A period before the title on a line of its own (``2025年3月`` / ``政策汇编``).
_PERIOD = re.compile(r"^\d{4}\s*年(?:度|第?[一二三四1-4]季度|上半年|下半年|\s*\d{1,2}\s*月)?"
                     r"(?:\s*[-—～~至]\s*\d{4}\s*年(?:\s*\d{1,2}\s*月)?)?$")
_YEAR_FIRST = re.compile(r"^\d{4}\s*年")
_MAX_TITLE = 60


def compilation_title(front_matter: Iterable[FrontMatter]) -> str | None:
    """Return the compilation's own title from its cover, or None when it prints none."""
    cover = next((part for part in front_matter if part.kind == "cover"), None)
    if cover is None:
        return None
    lines = [line for line in (_clean(raw) for raw in cover.text.splitlines()) if line]
    for pos, line in enumerate(lines):
        by = _COMPILED_BY.match(line)
        if _DATE.match(line) or _COMPILER.match(line) or _is_organs(line) or (
            by and _is_organs(by.group(1))
        ) or not _KIND.search(line):
            continue
        title = line
        if pos > 0 and _PERIOD.match(lines[pos - 1]) and not _YEAR_FIRST.match(line):
            title = f"{lines[pos - 1]} {line}"
        if pos + 1 < len(lines) and _QUALIFIER.match(lines[pos + 1]):
            title += "（" + lines[pos + 1][1:-1] + "）"
        return title if len(title) <= _MAX_TITLE else None
    return None


def _clean(line: str) -> str:
    text = _URL.sub(" ", strip_markup(line).replace("#", " "))
    text = re.sub(r"\s+", " ", text).strip()
    return "" if _PAGE.match(text) else text


def _is_organs(line: str) -> bool:
    """Tell whether a cover line only names organs (the compilers, one or several)."""
    names = split_organs(line)
    return bool(names) and all(looks_like_organ(name) for name in names)
