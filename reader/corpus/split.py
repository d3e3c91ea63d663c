"""Split a compilation (汇编) into its documents, with line spans and metadata.

The pipeline: lines → rows (non-blank lines) → table of contents and section dividers (front
matter) → heads (where documents begin: TOC entries found in the body, titles followed by a
文号/题注/addressee/order number, report appendices with ``发布部门：`` fields, news items on a
fresh page) → enclosed texts folded back into the notice that encloses them → spans → metadata
read from each span. Spans are in the file's own 1-based lines.

Where each step lives: ``split_lines`` (rows and what a row is), ``toc`` (tables of contents),
``split_heads`` (heads and dividers), ``signature`` (署名 and 成文日期), ``split_meta`` (title,
文号, date, issuers of one document), ``metadata`` and ``organs`` (normalised values).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

from reader.corpus.abbreviated import expand, province_of
from reader.corpus.clauses import parse_clauses
from reader.corpus.clean import clean_lines, find_running_headers
from reader.corpus.compilation import compilation_title
from reader.corpus.law_notes import effective_date, promulgated_date
from reader.corpus.metadata import doc_type_of
from reader.corpus.model import Document, DocumentId, FrontMatter, SourceRef, SplitResult
from reader.corpus.organs import canonical_issuers, looks_like_organ, title_prefix
from reader.corpus.split_heads import Head, find_dividers, find_heads, is_title
from reader.corpus.split_lines import (
    Row,
    is_doc_number_line,
    is_order_number_line,
    is_page_row,
    is_title_like,
    make_rows,
    split_file_lines,
)
from reader.corpus.split_meta import Meta, as_printed, read_meta
from reader.corpus.toc import Toc, find_toc, match_entries, normalize_title

_NEAR = 3  # heads this many rows apart describe the same title
# What a notice says it sends out: 现将修订后的《X》印发给你们 / 现将《X》转发给你们.
_ENCLOSING = re.compile(r"(?:现将|特将|将)[^。《]{0,12}《([^《》]{4,80})》[^。]{0,12}(?:印发|转发|发给|公布)")
# When two kinds of evidence find the same head, the head keeps the most telling kind.
_KIND_RANK = ["regulation", "toc", "meta", "order", "law", "docnum", "note", "addressee", "news", "title"]


@dataclass
class DocumentState:
    """What building documents carries from one window of a streamed file to the next."""

    ids: Counter[str] = field(default_factory=Counter)
    parent: Meta | None = None  # the order (令) whose regulation may follow
    on_document: Callable[[int], None] | None = None  # told after each document is built
    marks: int = 0  # page numbers printed so far, how many of them rose, and the last one
    rising: int = 0
    last_page: int | None = None


@dataclass
class Window:
    """What finding heads carries from one window of a streamed file to the next.

    ``entry`` is the first TOC entry not yet found; ``matched`` what this window found (entry
    → row); ``listed`` whether any entry was found so far (then, as in a whole file, the TOC
    decides where documents start); ``head`` the head the window begins with.
    """

    first: bool = True
    entry: int = 0
    listed: bool = False
    head: Head | None = None
    matched: dict[int, int] = field(default_factory=dict)


def split_file(path: str | Path) -> SplitResult:
    """Read a file of any supported format (text, PDF, Word, web page) and split it.

    Raises:
        InputError: the file is empty, binary, of a kind that cannot be read, or undecodable.
    """
    from reader.corpus.formats import split_path

    return split_path(path)


def split_text(text: str, source: str, encoding: str = "utf-8") -> SplitResult:
    """Split the text of a compilation (or of a single document) into documents.

    Never raises on odd text: a text with no recognisable document gives an empty result with
    a ``reason`` a person can read.
    """
    return split_lines(split_file_lines(text), source, encoding)


def missing_entry_warning(title: str) -> str:
    """The warning for a table-of-contents entry whose document the text does not hold."""
    return f"目录中列出的《{title}》在正文中没有找到"


def split_lines(
    lines: list[str], source: str, encoding: str = "utf-8", state: DocumentState | None = None
) -> SplitResult:
    """Split the lines of a file, as :func:`split_text` splits its text."""
    rows = make_rows(lines)
    if not rows:
        return SplitResult(source, encoding, (), reason="文件中没有文字")
    toc = find_toc(rows)
    dividers = find_dividers(rows, toc)
    warnings: list[str] = []
    heads = _markdown_document(rows, lines) or _collect_heads(rows, toc, dividers, warnings)
    heads = heads or _single_document(rows)
    chapters = _own_chapters(toc, heads)
    if chapters and len(chapters) < len(heads):
        heads = [head for head in heads if head.row not in chapters]
    else:
        chapters = set()
    if not heads:
        # Readable text is never refused: it is one document, named after its file.
        heads = [Head(0, 0, "file")]
        warnings.append("未识别出文件标题：全文作为一份文件导入，以文件名作标题")
    # Running headers repeat too rarely inside one document to be recognised there.
    headers = find_running_headers(lines)
    cuts = dividers | chapters
    documents = _with_full_organs(_build_documents(rows, lines, heads, cuts, source, headers,
                                                   state))
    front = _front_matter(rows, lines, toc, dividers, heads[0].row)
    chapter_parts = _chapter_parts(rows, lines, chapters, {head.row for head in heads} | dividers, headers)
    front = tuple(sorted(front + chapter_parts, key=lambda part: part.start_line))
    title = compilation_title(front)
    if title:
        documents = [replace(doc, source_title=title) for doc in documents]
    return SplitResult(source, encoding, tuple(documents), front, warnings=tuple(warnings))


def _collect_heads(
    rows: list[Row], toc: Toc | None, dividers: set[int], warnings: list[str],
    window: Window | None = None,
) -> list[Head]:
    """Return the heads of the documents, in order, one per document.

    TOC entries not found in the body are reported in ``warnings``: the reader should know
    that the compilation lists a document the split could not place. A ``window`` of a
    streamed file (not its first) has no TOC rows; it looks for the entries not found yet,
    starts with the head carried over from the window before, and leaves the warnings to the
    stream's end.
    """
    stops = set(dividers)
    body_start = 0
    toc_heads: list[Head] = []
    if toc:
        entries = toc.documents()
        first = 0 if window is None else window.entry
        if window is None or window.first:
            stops.update(range(toc.first_row, toc.last_row + 1))
            body_start = toc.last_row + 1
        matched = match_entries(entries[first:], rows, body_start)
        for e_pos, r_pos in matched.items():
            entry = entries[first + e_pos]
            toc_heads.append(Head(r_pos, _title_end(rows, r_pos, entry.title), "toc", entry))
        if window is not None:
            window.matched = {first + e_pos: r_pos for e_pos, r_pos in matched.items()}
        else:
            for e_pos, entry in enumerate(entries):
                if e_pos not in matched:
                    warnings.append(missing_entry_warning(entry.title))
    found = [head for head in find_heads(rows, stops, allow_news=toc is None) if head.row >= body_start]
    if window is not None:
        window.listed = window.listed or bool(toc_heads)
        found += [window.head] if window.head is not None else []
    if toc_heads or (window is not None and window.listed):
        # The TOC lists the documents; structure adds only what a TOC never lists: the
        # regulation an order promulgates, and documents the TOC's page missed that carry a 文号.
        found = [head for head in found if head.kind in ("regulation", "docnum", "order", "note", "meta")
                 or (window is not None and head is window.head)]
    merged = _merge(rows, sorted(toc_heads + found, key=lambda head: head.row))
    return _drop_enclosed(rows, merged)


def _own_chapters(toc: Toc | None, heads: list[Head]) -> set[int]:
    """Return the rows where the compilation's own chapters begin (a report's 本月要点提示).

    Its table of contents lists them like documents, but a chapter's title names no document
    (no organ, no 关于, no type: 通知, 意见, 办法…) and its own sections follow it in the table
    (``1.本月要点提示`` then ``1.1本月政策提要``). They are the editor's text, not documents.
    """
    if toc is None:
        return set()
    entries = list(toc.entries)
    chapters = [entry for pos, entry in enumerate(entries[:-1])
                if entry.kind == "document" and not is_title(entry.title)
                and entries[pos + 1].kind == "section"]
    return {head.row for head in heads if head.toc is not None and head.toc in chapters}


def _chapter_parts(
    rows: list[Row], lines: list[str], chapters: set[int], cuts: set[int], headers: frozenset[str]
) -> tuple[FrontMatter, ...]:
    """Return each chapter of the compilation's own as front matter, up to the next cut.

    Its text is cleaned as a document's is (wraps joined, page furniture dropped): it is read.
    """
    parts = []
    for start in sorted(chapters):
        later = [cut for cut in cuts | chapters if cut > start]
        end = min(later) if later else len(rows)
        first, last = rows[start].index, rows[end - 1].index
        parts.append(FrontMatter("chapter", first + 1, last + 1,
                                 clean_lines(lines[first : last + 1], headers)))
    return tuple(parts)


def _single_document(rows: list[Row]) -> list[Head]:
    """Return a head for a file that is one bare document: a title line, then its text.

    A single notice saved from a web page may have no 文号, addressee or signature; its first
    lines are still its title when they read like one (关于…的通知, …办法).
    """
    end = 0
    while end < min(len(rows), 3) and is_title_like(rows[end]):
        end += 1
        title = "".join(row.compact for row in rows[:end])
        if is_title(title) and (end == len(rows) or not is_title_like(rows[end])):
            return [Head(0, end, "title")]
    return []


def _markdown_document(rows: list[Row], lines: list[str]) -> list[Head]:
    """Return the head of a Markdown file that is one document: its only ``# 标题`` comes first.

    That heading is the title whatever its length; a file with several ``# `` headings is a
    compilation and is split as usual.
    """
    level_one = [pos for pos, row in enumerate(rows) if re.match(r"^\s*#(?!#)\s*\S", lines[row.index])]
    return [Head(0, 1, "title")] if level_one == [0] else []


def _title_end(rows: list[Row], start: int, title: str) -> int:
    """Return where a TOC-matched title ends: enough rows to cover the entry's title."""
    target = len(normalize_title(title))
    end = start
    covered = 0
    while end < len(rows) and end - start < 5 and covered < target - 2:
        if end > start and (not is_title_like(rows[end]) or is_order_number_line(rows[end])):
            break
        covered += len(normalize_title(re.sub(r"^\d{1,3}\s*[.．、]\s*", "", rows[end].compact)))
        end += 1
    return max(end, start + 1)


def _merge(rows: list[Row], heads: list[Head]) -> list[Head]:
    """Merge heads that describe the same title; the earliest start wins, the TOC entry stays."""
    merged: list[Head] = []
    for head in heads:
        if merged and head.row - merged[-1].row <= _NEAR and head.row < merged[-1].title_end + _NEAR:
            keep = merged[-1]
            toc = keep.toc or head.toc
            kind = min(keep.kind, head.kind, key=_KIND_RANK.index)
            row = keep.row
            listed = head if head.toc else keep if keep.toc else None
            if listed is not None:
                # The TOC names the title exactly; rows above it belong to the title only
                # when they are organ names on a line of their own.
                row = listed.row
                while row > min(keep.row, head.row) and looks_like_organ(rows[row - 1].compact):
                    row -= 1
            region = keep.region if keep.region is not None else head.region
            skip = keep.skip or head.skip
            merged[-1] = Head(row, max(keep.title_end, head.title_end), kind, toc, region, skip)
            continue
        merged.append(head)
    return merged


def _drop_enclosed(rows: list[Row], heads: list[Head]) -> list[Head]:
    """Drop heads of texts a notice encloses (its plan, 办法 or 细则 printed after it).

    ``关于印发《X》的通知`` is followed by X's own title; X is part of the notice, not a
    document of its own — unless X is promulgated by an order (令), which stays separate.
    """
    kept: list[Head] = []
    for head in heads:
        if kept and head.kind not in ("toc", "regulation"):
            previous = kept[-1]
            outer = normalize_title("".join(row.compact for row in rows[previous.row : previous.title_end]))
            # What the notice's own text names as enclosed: 现将《X》印发给你们.
            opening = "".join(row.compact for row in rows[previous.row : head.row][:40])
            named = {normalize_title(name) for name in _ENCLOSING.findall(opening)}
            inner = normalize_title("".join(row.compact for row in rows[head.row : head.title_end]))
            inner = re.sub(r"\(\d{4}.{0,12}\)$", "", inner)
            enclosed = head.kind not in ("docnum", "meta", "order") and not outer.endswith("令")
            if inner == outer and head.kind in ("note", "law"):
                enclosed = False  # the same title with its own 题注: another text of it
            mentioned = any(_close(inner, name) for name in named)
            if len(inner) >= 4 and (inner in outer or mentioned) and enclosed:
                continue
            # A bare heading of the same organ under a notice that sends texts out (…印发…
            # 及配套制度的通知): one of the texts it sends, not a document of its own.
            sends = re.search(r"印发|转发", outer) and head.kind in ("news", "law")
            if sends and title_prefix(inner) and title_prefix(inner) == title_prefix(outer):
                continue
            # The same title again shortly after, the first without a 文号: a document printed
            # twice (a summary page, then the full text with its 文号); it is one document.
            numbered = any(is_doc_number_line(row) for row in rows[previous.title_end : previous.title_end + 3])
            if inner == outer and head.row - previous.row < 40 and not numbered:
                kept[-1] = Head(previous.row, previous.title_end, previous.kind, previous.toc, head.title_end)
                continue
        kept.append(head)
    return kept


def document_id(title: str, doc_number: str | None, date: str | None, text: str | None = None) -> str:
    """Return the id of a document: the same wherever and however often it is split.

    Derived from what the document says about itself (title without whitespace, quotes or
    bracket-width differences; 文号; date), never from its position, so a re-split keeps
    bookmarks attached and the same document in two compilations is recognised as one.
    A second copy within one file gets ``-2``, ``-3``… appended by the caller.

    ``text`` is given only for another version of an undated document (same title, no date
    printed, another text): a digest of its text tells the versions apart.
    """
    key = "|".join((normalize_title(title), doc_number or "", date or ""))
    if text is not None:
        key += "|" + hashlib.sha1("".join(text.split()).encode("utf-8")).hexdigest()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _close(a: str, b: str) -> bool:
    """Tell whether two titles are the same but for a character or two (的, a bracket)."""
    return abs(len(a) - len(b)) <= 3 and SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _build_documents(
    rows: list[Row],
    lines: list[str],
    heads: list[Head],
    dividers: set[int],
    source: str,
    headers: frozenset[str],
    state: DocumentState | None = None,
    count: int | None = None,
) -> list[Document]:
    """Return one document per head, spanning up to the next head or divider.

    ``state`` carries the numbering of repeated ids and the order a regulation follows from
    one window of a streamed file to the next; ``count`` builds only the first heads (the
    next one still ends the last of them).
    """
    cuts = sorted({head.row for head in heads} | dividers)
    pages = _page_numbers(rows, state, heads[count].row if count is not None and count < len(heads) else len(rows))
    documents: list[Document] = []
    state = state or DocumentState()
    ids, parent = state.ids, state.parent
    for head in heads[:count]:
        later = [cut for cut in cuts if cut > head.row]
        end_row = later[0] if later else len(rows)
        end_line = rows[end_row].index - 1 if end_row < len(rows) else len(lines) - 1
        meta = read_meta(rows, head, end_row, head.toc.title if head.toc else None)
        if not meta.title:
            meta = replace(meta, title=Path(source).stem)
        if head.kind == "regulation" and parent is not None:
            meta = Meta(
                meta.title,
                parent.issuers or meta.issuers,
                parent.doc_number or meta.doc_number,
                parent.date or meta.date,
                meta.events,
            )
        parent = meta if meta.title.endswith("令") else None
        start_line = rows[head.row].index
        page = head.toc.page if head.toc and head.toc.page else pages.get(head.row)
        raw = lines[start_line : end_line + 1]
        text = clean_lines(raw, headers)
        # Matching read simplified characters; the document keeps those it prints.
        printed = as_printed(meta, rows[head.row : end_row], head.title_end - head.row)
        digest = document_id(printed.title, meta.doc_number, meta.date)
        ids[digest] += 1
        doc_id = digest if ids[digest] == 1 else f"{digest}-{ids[digest]}"
        documents.append(
            Document(
                id=DocumentId(doc_id),
                title=printed.title,
                issuers=printed.issuers,
                issuers_canonical=canonical_issuers(meta.issuers),
                doc_number=meta.doc_number,
                date=meta.date,
                doc_type=doc_type_of(meta.title),
                source=SourceRef(source, start_line + 1, end_line + 1, page),
                text=text,
                clauses=parse_clauses(text),
                extra={"evidence": head.kind},
                events=meta.events,
                promulgated=promulgated_date(meta.events),
                effective=effective_date(meta.events, text, meta.date),
            )
        )
        if state.on_document is not None:
            state.on_document(len(documents))
    state.parent = parent
    return documents


def _with_full_organs(
    documents: list[Document], before: Sequence[tuple[tuple[str, ...], str | None]] = ()
) -> list[Document]:
    """Complete organs from the rest of the compilation.

    A provincial compilation prints most of its organs in full; the province most of them
    belong to is the one an abbreviated signature (省人民政府) leaves out. A document that
    names no organ at all, but whose 文号 has the 机关代字 of other documents here (中咨协标准
    and 中咨协资信), is issued by the organ those agree on. ``before`` are the issuers and 文号
    of the documents of a streamed file's earlier windows.
    """
    known = [*before, *((doc.issuers, doc.doc_number) for doc in documents)]
    province = province_of(name for issuers, _ in known for name in issuers)
    codes: dict[str, set[tuple[str, ...]]] = {}
    for issuers, doc_number in known:
        code = _organ_code(doc_number)
        if code and issuers:
            codes.setdefault(code, set()).add(issuers)
    out: list[Document] = []
    for doc in documents:
        issuers = tuple(expand(name, (), doc.doc_number, province) for name in doc.issuers)
        code = _organ_code(doc.doc_number)
        if not issuers and code and len(codes.get(code, ())) == 1:
            issuers = next(iter(codes[code]))
        if issuers != doc.issuers:
            doc = replace(doc, issuers=issuers, issuers_canonical=canonical_issuers(issuers))
        out.append(doc)
    return out


def _organ_code(doc_number: str | None) -> str | None:
    """Return the organ part of a 文号's 机关代字: its first three characters (中咨协, 粤府办)."""
    if not doc_number or "〔" not in doc_number:
        return None
    code = doc_number.split("〔", 1)[0]
    return code[:3] if len(code) >= 4 else None


def _page_numbers(rows: list[Row], state: DocumentState | None = None, upto: int = 0) -> dict[int, int]:
    """Return row position → printed page for files whose pages end in a page number.

    The first page number printed after a document's first line is the page it starts on.
    Only trusted when the file has many page numbers that mostly increase; in a streamed
    file, counting those of the windows before (``state``, rows before ``upto`` counted).
    """
    marks = [
        (pos, int(re.sub(r"\D", "", row.compact)))
        for pos, row in enumerate(rows)
        if is_page_row(row) and re.sub(r"\D", "", row.compact)
    ]
    pairs = [(a, b) for (_, a), (_, b) in pairwise(marks)]
    count, rising = len(marks), sum(1 for a, b in pairs if 0 < b - a <= 3)
    if state is not None and state.last_page is not None and marks:
        count += state.marks
        rising += state.rising + (0 < marks[0][1] - state.last_page <= 3)
    if state is not None:
        kept = [mark for mark in marks if mark[0] < upto]
        if kept:
            state.marks += len(kept)
            state.rising += sum(1 for (_, a), (_, b) in pairwise(kept) if 0 < b - a <= 3)
            state.rising += state.last_page is not None and 0 < kept[0][1] - state.last_page <= 3
            state.last_page = kept[-1][1]
    if count < 10:
        return {}
    if rising < 0.7 * (count - 1):
        return {}
    out: dict[int, int] = {}
    mark = 0
    for pos in range(len(rows)):
        while mark < len(marks) and marks[mark][0] < pos:
            mark += 1
        if mark < len(marks):
            out[pos] = marks[mark][1]
    return out


def _front_matter(
    rows: list[Row], lines: list[str], toc: Toc | None, dividers: set[int], first_head: int | None
) -> tuple[FrontMatter, ...]:
    """Return the parts of the file that are not documents: cover, TOC, dividers."""
    parts: list[FrontMatter] = []
    body_start = first_head if first_head is not None else len(rows)
    cover_end = toc.first_row if toc else body_start
    if cover_end > 0:
        cover_rows = [row for row in rows[:cover_end] if row.index < rows[min(cover_end, len(rows) - 1)].index]
        if cover_rows:
            parts.append(_part("cover", cover_rows))
    if toc:
        parts.append(_part("toc", rows[toc.first_row : toc.last_row + 1]))
    for pos in sorted(dividers):
        if pos - 1 in dividers:
            continue
        group = [rows[pos]] + ([rows[pos + 1]] if pos + 1 in dividers else [])
        parts.append(_part("divider", group))
    return tuple(parts)


def _part(kind: str, rows: list[Row]) -> FrontMatter:
    return FrontMatter(kind, rows[0].index + 1, rows[-1].index + 1, "\n".join(row.shown for row in rows))
