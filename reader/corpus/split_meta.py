"""A document's metadata read from its own lines: title, 文号, date, issuers.

Each value has an order of sources, most trustworthy first. Issuers: the signature block
(full names, every organ of a joint document), then a report's ``发布部门：`` line, then the
order's or 题注's organ, then the title's prefix. Date: the signature's 成文日期, then
``成文日期：``, then a 题注 under the title, then ``发布日期：``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.corpus.abbreviated import expand
from reader.corpus.law_notes import event_date, event_issuers, parse_events
from reader.corpus.metadata import normalize_doc_number, parse_date
from reader.corpus.model import Event
from reader.corpus.organs import looks_like_organ, split_organs, starts_like_organ, title_prefix
from reader.corpus.signature import read_signature
from reader.corpus.split_heads import Head
from reader.corpus.split_lines import (
    Row,
    is_date_line,
    is_doc_number_line,
    is_order_number_line,
    law_note,
    paren_note,
)
from reader.corpus.toc import normalize_title

_NUMBERED = re.compile(r"^\d{1,3}\s*[.．、]\s*(?!\d)")
_TAG = re.compile(r"^【[^】]{1,6}】")
_VERB = re.compile(r"关于|联合印发|印发|转发|决定|发布|公布")
_PRC = re.compile(r"中华人民共和国(?=\S)")
_META_FIELD = re.compile(r"^(发布部门|发文机关|发布机构|文号|发文字号|发布日期|成文日期)[：:]\s*(.*)$")
_HEAD_REGION = 6  # rows after the title where 文号, 题注 and report fields are printed


@dataclass(frozen=True)
class Meta:
    """What a document says about itself."""

    title: str
    issuers: tuple[str, ...]
    doc_number: str | None
    date: str | None
    events: tuple[Event, ...] = ()


def as_printed(meta: Meta, rows: Sequence[Row], title_rows: int) -> Meta:
    """Return ``meta`` with its title and issuers in the characters ``rows`` print them in.

    Rows in traditional characters are matched simplified (``Row.printed`` keeps the print;
    OpenCC's t2s changes characters one for one but for rare phrases). An issuer is taken
    from the place of the first row that names it; the title, joined from its first
    ``title_rows`` rows, character by character from what those rows print.
    """
    if all(row.printed is None for row in rows):
        return meta
    same_length = [row for row in rows if row.printed is None or len(row.printed) == len(row.text)]
    back: dict[str, str] = {}
    for row in same_length[:title_rows]:
        for simple, printed in zip(row.text, row.shown, strict=True):
            back.setdefault(simple, printed)

    def printed_form(text: str) -> str:
        return "".join(back.get(char, char) for char in text)

    def printed_name(name: str) -> str:
        for row in same_length:
            if (at := row.text.find(name)) >= 0:
                return row.shown[at : at + len(name)]
        return printed_form(name)

    return replace(meta, title=printed_form(meta.title), issuers=tuple(map(printed_name, meta.issuers)))


def format_title(rows: list[Row]) -> str:
    """Join title rows into the title as printed, keeping only spaces between organ names.

    ``科技部 住房城乡建设部关于…`` keeps its space; ``商务部等 9 部门关于推动农村电商 高质量…``
    loses the stray ones; a row of organs followed by a row starting with another organ is
    joined with a space (the print put them on separate lines).
    """
    text = ""
    for row in rows:
        part = row.text.strip()
        if text and starts_like_organ(part) and looks_like_organ(text.split()[-1] if text.split() else text):
            text += " " + part
        else:
            text += part
    text = _TAG.sub("", _NUMBERED.sub("", text.strip())).strip()
    match = _VERB.search(text)
    cut = match.start() if match else len(text) if text.endswith("令") else 0
    prefix, rest = text[:cut], text[cut:]
    return _space_organs(prefix) + re.sub(r"\s+", "", rest)


def _space_organs(prefix: str) -> str:
    """Keep a single space between two organ names, drop every other space."""
    tokens = prefix.split()
    out = ""
    for token in tokens:
        if out and looks_like_organ(_last_word(out)) and starts_like_organ(token):
            out += " " + token
        else:
            out += token
    return out


def _last_word(text: str) -> str:
    return text.split()[-1] if text.split() else text


def _meta_fields(rows: list[Row], start: int, end: int) -> dict[str, str]:
    """Return a report's ``发布部门：/文号：/发布日期：`` fields printed under the title."""
    fields: dict[str, str] = {}
    for row in rows[start:end]:
        match = _META_FIELD.match(row.text.replace(" ", "", 1) if row.text.startswith(" ") else row.text)
        if match:
            fields.setdefault(match.group(1), match.group(2).strip())
    return fields


def order_organs(text: str) -> list[str]:
    """Return the organs of an order: ``中华人民共和国国务院令`` → ``["国务院"]``."""
    body = re.sub(r"令.*$", "", text)
    return split_organs(_PRC.sub(" ", body)) if body else []


def read_meta(rows: list[Row], head: Head, end: int, toc_title: str | None) -> Meta:
    """Return a document's metadata from its rows ``head.row`` up to ``end`` (exclusive)."""
    title = format_title([rows[pos] for pos in range(head.row, head.title_end) if pos not in head.skip])
    if toc_title:
        title = _repair_with_toc(title, toc_title)
    region_start = head.region if head.region is not None else head.title_end
    region_end = min(end, region_start + _HEAD_REGION)
    fields = _meta_fields(rows, region_start, region_end)
    note = next(
        (n for pos in range(region_start, min(region_end, region_start + 3)) if (n := paren_note(rows, pos))),
        None,
    )
    law = next(
        (found for pos in range(region_start, min(region_end, region_start + 3)) if (found := law_note(rows, pos))),
        None,
    )
    if law is not None and note is None:
        note = law[0]
    events = parse_events(note) if note else ()
    signature = read_signature(rows, region_start, end)
    doc_number = _doc_number(rows[region_start:region_end], title, fields, note)
    if signature:
        issuers = list(signature.issuers)
    else:
        issuers = _unsigned_issuers(rows, title, fields, note, region_start, end, events)
    title_organs = split_organs(title_prefix(title)) if title_prefix(title) else []
    issuers = [expand(name, title_organs, doc_number, None) for name in issuers]
    date = signature.date if signature else None
    if date is None and fields.get("成文日期"):
        date = parse_date(fields["成文日期"])
    if date is None and note and parse_date(note):
        date = event_date(events) or _note_date(note)
    if date is None and fields.get("发布日期"):
        date = parse_date(fields["发布日期"])
    if date is None:
        date = _fallback_date(rows, head.title_end, end)
    return Meta(title, tuple(issuers), doc_number, date, events)


def _published_by(fields: dict[str, str]) -> str:
    return fields.get("发布部门") or fields.get("发文机关") or fields.get("发布机构") or ""


def _doc_number(region: list[Row], title: str, fields: dict[str, str], note: str | None) -> str | None:
    """Return the 文号 printed under the title (a 文号 line, an order's 第N号, a report field).

    A report that put a 文号 into its ``发布部门：`` field has shifted its fields, and its
    ``文号：`` line then belongs to another document: the number in 发布部门 wins.
    """
    doc_number = None
    for row in region:
        if is_doc_number_line(row):
            doc_number = normalize_doc_number(row.text)
        elif is_order_number_line(row) and title.endswith("令"):
            doc_number = normalize_doc_number(title + row.compact)
        if doc_number:
            break
    if fields:
        doc_number = (
            normalize_doc_number(_published_by(fields))
            or normalize_doc_number(fields.get("文号", "") or fields.get("发文字号", ""))
            or doc_number
        )
    if doc_number is None and note:
        doc_number = normalize_doc_number(note)
    return doc_number


def _unsigned_issuers(
    rows: list[Row],
    title: str,
    fields: dict[str, str],
    note: str | None,
    start: int,
    end: int,
    events: tuple[Event, ...] = (),
) -> list[str]:
    """Return the issuers of a document without a signature block, from the next best source."""
    published_by = _published_by(fields)
    if published_by and not normalize_doc_number(published_by):
        return split_organs(published_by)
    if title.endswith("令"):
        return order_organs(title)
    if event_issuers(events) and not title_prefix(title):
        # A law's title names no organ; its 题注 says who passed or promulgated it.
        return event_issuers(events)
    if note and "令" in note:
        match = re.search(r"([\u4e00-\u9fff\s]{2,40}?)令\s*第", note)
        if match:
            return order_organs(re.sub(r"^[日月年\s]+", "", match.group(1)) + "令")
    prefix = title_prefix(title)
    issuers = split_organs(prefix) if prefix else []
    if issuers and re.search(r"等\s*[0-9一二三四五六七八九十]*\s*部门", prefix):
        return _enumerated_organs(rows, start, end, issuers[0]) or issuers
    return issuers


_ENUMERATION = re.compile(
    r"((?:[\u4e00-\u9fff]{2,24}、){1,30}[\u4e00-\u9fff]{2,24}?)(?:决定|联合|共同|印发|发布|近日)"
)


def _enumerated_organs(rows: list[Row], start: int, end: int, lead: str) -> list[str]:
    """Return the organs a news item's lead names when its title says only ``商务部等8部门``.

    ``商务部、发展改革委、财政部…决定，…`` in the first lines lists them, lead organ first.
    """
    text = "".join(row.compact for row in rows[start : min(end, start + 4)])
    for match in _ENUMERATION.finditer(text):
        names = match.group(1).split("、")
        if names[0].endswith(lead) and all(looks_like_organ(name) for name in names):
            return [lead, *names[1:]]
    return []


def _note_date(note: str) -> str | None:
    """Return a 题注's date: the 公布 date when it names one (``1月8日公布``), else its first."""
    first = parse_date(note)
    published = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:公布|发布|印发)", note)
    if first and published and not re.search(r"\d{4}\s*年\s*$", note[: published.start()]):
        return f"{first[:4]}-{int(published.group(1)):02d}-{int(published.group(2)):02d}"
    return first


def _fallback_date(rows: list[Row], start: int, end: int) -> str | None:
    """Return a date printed without organs above it: under an order's signing official
    (``总理：李强``), a list's dated subtitle (``（2022年11月3日，按行政区划排序）``), or a
    bare date line early in the document."""
    for pos in range(start, min(end, start + 12)):
        row = rows[pos]
        if is_date_line(row) and pos > start and re.fullmatch(r".{1,16}[：:].{1,6}", rows[pos - 1].compact):
            return parse_date(row.compact)
    for pos in range(start, end):
        compact = rows[pos].compact
        if compact[:1] in "(（" and re.match(r"^[（(](?:19|20)\d{2}年\d{1,2}月\d{1,2}日", compact):
            return parse_date(compact)
    # A 成文日期 whose organ line the print left out: a bare date line in the notice part.
    for pos in range(start, min(end, start + 60)):
        if is_date_line(rows[pos]):
            return parse_date(rows[pos].compact)
    return None


def _repair_with_toc(title: str, toc_title: str) -> str:
    """Undo a doubled character the PDF put into a body title when the TOC prints it once."""
    body = normalize_title(title)
    toc = normalize_title(toc_title)
    if len(body) == len(toc) + 1:
        for i in range(1, len(body)):
            if body[i] == body[i - 1] and body[:i] + body[i + 1 :] == toc:
                doubled = re.search(re.escape(body[i]) + r"\s*" + re.escape(body[i]), title)
                if doubled:
                    return title[: doubled.start()] + body[i] + title[doubled.end() :]
    return title
