"""The 题注 of a law or regulation: who passed, approved, promulgated and revised it, and when.

Officially published laws print, under the title, the record of the text's life, either in one
bracketed paragraph or as bare lines::

    （1996年3月12日第八届全国人民代表大会常务委员会第十八次会议通过　根据2009年8月27日…
    《关于修改部分法律的决定》第一次修正）

    2009年11月25日 中华人民共和国国务院令第567号公布
    2010年3月1日 施行

Each event ends with its verb (通过 批准 公布/发布 修正 修订 施行) and starts with its date
(a year may be left out when it repeats: ``1月8日公布``). The 题注 is metadata, never title: it
gives the issuers (the enacting body), the 令号, the date of *this* text (its newest 公布, 修正 or
修订) and when it was promulgated and takes effect.
"""

from __future__ import annotations

import re

from reader.corpus.metadata import normalize_doc_number
from reader.corpus.model import Event

_CN = "一二三四五六七八九十百零〇"
_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# The verb that closes an event; 通过的《…决定》 and 修正案 are not events of this text.
_VERB = re.compile(r"(通过|批准|公布|发布|修正|修订|施行)(?![的案])")
_KINDS = {"发布": "公布"}
# A bare 题注 line: a date (or 根据/自 and a date) … a verb at its end.
_EVENT_LINE = re.compile(
    r"^(?:根据|自|经)?(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日).{0,160}"
    r"(?:通过|批准|公布|发布|修正|修订|施行)(?:[，,；;。]|$)"
)
_EFFECTIVE = re.compile(
    r"本(?:法|条例|规定|办法|细则|解释|决定|规则|准则|实施细则|实施办法)"
    r"(?:自|从)(?:(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)|(?P<now>公布|发布|印发)之日)起施行"
)
_CONGRESS = re.compile(
    rf"(?P<place>[\u4e00-\u9fff]{{0,12}}?)第[{_CN}\d]{{1,4}}届(?P<national>全国)?人民代表大会"
    r"(?P<sc>常务委员会)?"
)
_MEETING = re.compile(
    rf"^(?P<organ>[\u4e00-\u9fff]{{2,30}}?)(?:第[{_CN}\d]{{1,5}}次)?"
    r"(?:常务会议|全体会议|部务会议|局务会议|委务会议|署务会议|行务会议|主任办公会议|办公会议|会议)"
)
_PRC = re.compile(r"^中华人民共和国(?=\S)")


def is_event_line(compact: str) -> bool:
    """Tell whether a line (whitespace removed) is one bare line of a 题注."""
    return len(compact) <= 200 and bool(_EVENT_LINE.match(compact)) and bool(parse_events(compact))


def has_events(compact: str) -> bool:
    """Tell whether a bracketed paragraph records events (a 题注), not a mere note."""
    return bool(parse_events(compact))


def _masked(text: str) -> str:
    """Return ``text`` with the inside of every 《…》 (nesting included) replaced by □.

    The decision that revised a law is cited in 《…》 and may name dates and verbs of its own.
    """
    out = []
    depth = 0
    for ch in text:
        if ch in "《〈":
            depth += 1
            out.append(ch)
        elif ch in "》〉" and depth:
            depth -= 1
            out.append(ch)
        else:
            out.append("□" if depth else ch)
    return "".join(out)


def parse_events(text: str) -> tuple[Event, ...]:
    """Return the events a 题注 records, in the order printed."""
    text = re.sub(r"\s+", " ", text).strip(" （）()")
    masked = _masked(text)
    events: list[Event] = []
    start = 0
    year: str | None = None
    for verb in _VERB.finditer(masked):
        segment = masked[start : verb.start()]
        original = text[start : verb.start()]
        start = verb.end()
        kind = _KINDS.get(verb.group(1), verb.group(1))
        date_match = _DATE.search(segment)
        date = None
        by = original
        if date_match:
            if date_match.group("y"):
                year = date_match.group("y")
            if year:
                date = f"{year}-{int(date_match.group('m')):02d}-{int(date_match.group('d')):02d}"
            by = original[date_match.end() :]
        elif kind == "施行" and re.search(r"(?:公布|发布)之日", segment):
            date = next((e.date for e in events if e.kind == "公布"), None)
            by = "自公布之日起"
        elif not events or kind in ("通过", "批准"):
            continue  # a verb in running text, not an event
        # What is left around the organ: separators, 根据… and …起 (自…起施行), never a
        # character of the organ's name (自然资源部, 经济…).
        by = re.sub(r"^[\s　，,、；;]*(?:根据|起)?[\s　，,、；;]*|[\s　，,、；;]*(?:的|起)?$", "", by)
        by = re.sub(r"第[一二三四五六七八九十\d]+次$", "", by).strip()
        number = normalize_doc_number(by) if "令" in by else None
        events.append(Event(kind, date, by, number))
    return tuple(events)


def organ_of(event: Event) -> str | None:
    """Return the organ behind an event: the order's organ, the congress, the court, the meeting."""
    by = event.by
    if "令" in by:
        organ = _PRC.sub("", re.split(r"令", by)[0]).strip()
        return None if organ in ("主席", "国家主席", "") else organ
    for court in ("最高人民法院", "最高人民检察院"):
        if by.startswith(court):
            return court
    congress = _CONGRESS.search(by)
    if congress:
        place = "全国" if congress.group("national") else congress.group("place")
        return f"{place}人民代表大会{congress.group('sc') or ''}"
    meeting = _MEETING.match(by)
    if meeting:
        return _PRC.sub("", meeting.group("organ"))
    return None


def event_issuers(events: tuple[Event, ...]) -> list[str]:
    """Return the issuers: who passed the text, else who promulgated or approved it."""
    for kinds in (("通过",), ("公布",), ("批准",), ("修订", "修正")):
        organs = [o for e in events if e.kind in kinds and (o := organ_of(e))]
        if organs:
            return list(dict.fromkeys(organs))
    return []


def event_date(events: tuple[Event, ...]) -> str | None:
    """Return the date of this text: its newest 公布/修正/修订, else its newest 通过/批准."""
    for kinds in (("公布", "修正", "修订"), ("通过", "批准")):
        dates = [e.date for e in events if e.kind in kinds and e.date]
        if dates:
            return max(dates)
    return None


def promulgated_date(events: tuple[Event, ...]) -> str | None:
    """Return when the text was first promulgated (its first 公布), if the 题注 says."""
    return next((e.date for e in events if e.kind == "公布" and e.date), None)


def effective_date(events: tuple[Event, ...], text: str, date: str | None) -> str | None:
    """Return when the text takes effect: the 题注's 施行, else ``本条例自…起施行`` in the text.

    ``自公布之日起施行`` means the day it was promulgated (or, failing that, its date).
    """
    dated = [e.date for e in events if e.kind == "施行" and e.date]
    if dated:
        return dated[-1]
    compact = re.sub(r"\s+", "", text)
    found = _EFFECTIVE.search(compact)
    if not found:
        return None
    if found.group("date"):
        m = _DATE.search(found.group("date"))
        assert m is not None
        return f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    return promulgated_date(events) or date
