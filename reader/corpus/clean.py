"""Undo PDF extraction damage: join wrapped lines, drop page furniture and markup, keep structure.

The result of :func:`clean_lines` is what annotations anchor into by character offset, so it is
deterministic: the same lines always give the same text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader.corpus.labels import starts_with_label
from reader.corpus.markup import strip_markup
from reader.corpus.spacing import CJK as _CJK
from reader.corpus.spacing import SPACES as _SPACES
from reader.corpus.spacing import fix_spacing, organs_meet, width

# Other modules take these from here, where the cleaning of a line is described.
__all__ = [
    "clean_lines",
    "find_running_headers",
    "fix_spacing",
    "is_page_number",
    "paragraphs",
    "strip_markup",
    "width",
]

# Two wide spaces at the start of a line are a paragraph's first-line indent kept as text.
_INDENT = re.compile("^[\u3000\u2003]{2}")

# Line breaks inside a given line are honoured; other separators and controls are not text.
_NEWLINE = re.compile(r"\r\n|\r|\n")
_ODD_BREAK = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

# A markdown list marker before an item ("- 71.氢燃料…"); not a dash of "- 12 -".
_MD_BULLET = re.compile(r"^[-*+]\s+(?=\S)")

# Page furniture: a bare number, "- 12 -", "—3—", "第 3 页", "第3页 共20页", "3/20", roman.
# A bare number has at most three digits: a four-digit line is a year in a flattened table.
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,3}|[-—－–]\s*\d{1,4}\s*[-—－–]?"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[IVXivx]{1,5})$"
)

# A line that is a paragraph of its own even after a full line: a 文号, a date, a 附注.
_OWN_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,12}[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d{1,5}\s*号"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
    r"|[（(]此件.{2,8}[）)])$"
)
# Lines that are content even when repeated at page breaks: notes in brackets, form fields,
# "label：value" lines, organ names (signatures), title fragments.
_NOT_FURNITURE = re.compile(
    r"^[（(【\[].*[）)】\]]$|^[□☑■]|[：:]|关于$|印发$|(?:部|委|局|院|厅|办|署|府|室|司|中央|中心)$"
)

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
# A note of who is responsible, "（省发展改革委牵头，各地按职责分工负责）", ends one too.
_SENTENCE_END = re.compile(
    r"(?:[。；！？：:;!?…]+[”’」』）)】]*|[（(][^（）()]*(?:负责|牵头|参与|配合)[）)])$"
)
# A line that obviously runs on: it ends with a comma, an enumeration comma or an opening mark.
_RUNS_ON = re.compile(r"(?:[，、,（(“‘《〔［【]|关于)$")

# A title ends with its document type (optionally a parenthesised note such as （试行）).
_TITLE_END = re.compile(
    r"(?:通知|意见|办法|规定|决定|方案|规划|函|公告|通告|批复|报告|细则|条例|指南|纲要|目录|清单"
    r"|措施|计划|决议|命令|公报|通报|请示|纪要|规则|通则|意见书)(?:[（(][^（）()]{1,12}[）)])?》?$"
)
_ENCLOSING_TITLE_END = re.compile(r"(?:通知|决定|通告|公告)(?:[（(][^（）()]{1,12}[）)])?$")
_TITLE_PUNCT = re.compile(r"[。，；：！？,;:]")
_TITLE_MAX = 100
_TITLE_ZONE = 3  # paragraphs at the top of a document where a title may stand

_WINDOW = 40  # lines either side used to judge the local wrap width and blank-line habit
_MIN_WRAP = 50  # a wrap width under 25 CJK characters is a list or table, not wrapped prose
_FULL_SLACK = 10  # a line this close to the wrap width (5 CJK characters) reached the margin
_PAGE_LINES = 10  # a page holds at least this many lines: headers repeat no closer
_PROSE_MIN = 50  # characters of a line of running prose that cannot be a heading
_WRAPPED_SHARE = 0.4  # share of nearby lines at the margin that shows the text is hard-wrapped
_EXACT_SLACK = 2  # ...and this close means it is not an indented first line either


def is_page_number(line: str) -> bool:
    """Tell whether a line is only a page number ("12", "- 12 -", "第 3 页")."""
    stripped = line.strip(_SPACES + "\t")
    return bool(stripped) and bool(_PAGE_NUMBER.match(stripped))


@dataclass
class _Line:
    """One non-blank line of the source with what the joining rules need to know about it."""

    text: str  # markup removed, spacing fixed
    width: int
    blank_before: bool
    table: bool
    indented: bool = False
    raw: str = ""  # markup removed, spacing as printed (fixed once the paragraph is joined)


def find_running_headers(lines: Iterable[str]) -> frozenset[str]:
    """Find the running headers and footers of a text: short lines repeated at page numbers.

    Best run over a whole compilation (more pages, more repetitions) and handed to
    :func:`clean_lines` for each of its documents. Repetition alone is not enough (a flattened
    table repeats fragments like "公厅" dozens of times, and every document of a compilation
    starts a page with "国务院办公厅关于"), so a line counts only if it is repeated and at least
    half of its occurrences (three or more, on growing page numbers, at least a page apart)
    sit next to a page number, or if it carries a number
    that grows from one occurrence to the next (a footer "惠企政策汇编 · 12"; not a number before
    号, the 文号 a line cites, which a compilation of yearly copies increments too). Dates, 文号,
    clause lines and notes such as （此件公开发布） never count. The result holds lines with
    digits replaced by "#".
    """
    finder = RunningHeaderFinder()
    for line in lines:
        finder.add(line)
    return finder.headers()


class RunningHeaderFinder:
    """:func:`find_running_headers` a line at a time, keeping only a few numbers per line.

    A streamed file is read once for its running headers before it is split, so that every
    window cleans its documents with those of the whole file (a footer that looks like one
    in a single window may repeat elsewhere on pages that do not grow, and then it is text).
    """

    def __init__(self) -> None:
        self._seen: dict[str, _Seen] = {}
        self._nonblank = 0  # non-blank lines so far
        self._page: int | None = None  # the last non-blank line's page number (-1: no digits)
        self._waiting: _Seen | None = None  # the last non-blank line, if a page number may follow

    def add(self, line: str) -> None:
        raw = strip_markup(line)
        if not raw.strip():
            return
        page = _page_of(raw)
        if self._waiting is not None and page is not None:
            self._waiting.beside(page)
        self._waiting = None
        s = raw.strip(_SPACES + "\t")
        if (4 <= len(s) <= 40 and "\t" not in raw and not _SENTENCE_END.search(s)
                and not starts_with_label(s) and not _OWN_LINE.match(s)
                and not _NOT_FURNITURE.search(s)):
            key = re.sub(r"\d+", "#", s)
            seen = self._seen.get(key)
            if seen is None:
                seen = self._seen[key] = _Seen(key)
            found = re.findall(r"\d+", _CITED_NUMBER.sub("", s))
            seen.occur(self._nonblank, int(found[-1]) if found else None)
            if self._page is not None:
                seen.beside(self._page)  # the page number before it counts first
            else:
                self._waiting = seen
        self._page = page
        self._nonblank += 1

    def headers(self) -> frozenset[str]:
        return frozenset(seen.key for seen in self._seen.values() if seen.is_header())


#: A number before 号 (a 文号 cited in a line, 〔2021〕5号, or 第3号令) counts documents, never pages.
_CITED_NUMBER = re.compile(r"\d+\s*号")


def _page_of(line: str) -> int | None:
    """Return the number of a page-number line (-1 when it has no digits), else None."""
    if not is_page_number(line):
        return None
    digits = re.sub(r"\D", "", line)
    return int(digits) if digits else -1


class _Seen:
    """What :class:`RunningHeaderFinder` remembers of one repeated line (digits as "#")."""

    __slots__ = ("count", "key", "last", "number", "numbered", "numbers_grow", "page", "paged",
                 "pages_grow", "spaced")

    def __init__(self, key: str) -> None:
        self.key = key
        self.count = 0
        self.last = -1  # non-blank line of the last occurrence
        self.spaced = True  # every two occurrences at least a page apart
        self.numbered = 0  # occurrences with a number, the last one, all growing
        self.number = -1
        self.numbers_grow = True
        self.paged = 0  # occurrences beside a page number, the last such page, all growing
        self.page = -1
        self.pages_grow = True

    def occur(self, position: int, number: int | None) -> None:
        if self.count and position - self.last < _PAGE_LINES:
            self.spaced = False
        self.count += 1
        self.last = position
        if number is not None:
            if self.numbered and number <= self.number:
                self.numbers_grow = False
            self.numbered += 1
            self.number = number

    def beside(self, page: int) -> None:
        self.paged += 1
        if page >= 0:
            if self.page >= 0 and page <= self.page:
                self.pages_grow = False
            self.page = page

    def is_header(self) -> bool:
        if self.count < 2 or not self.spaced:
            return False
        # A footer's own number counts pages: it grows every time, under 1000. Years and
        # list numbers are ruled out by asking for four CJK characters besides it.
        cjk = len(re.findall(f"[{_CJK}]", self.key))
        if self.numbered >= 3 and self.numbers_grow and self.number < 1000 and cjk >= 4:
            return True
        return self.paged >= 3 and self.paged * 2 >= self.count and self.pages_grow and cjk >= 2


def _prepare(lines: list[str], headers: frozenset[str] | None = None) -> list[_Line]:
    """Strip markup and page furniture, keeping one record per remaining non-blank line."""
    raw = [
        strip_markup(_CONTROL.sub("", _ODD_BREAK.sub(" ", part)))
        for line in lines
        for part in _NEWLINE.split(line.rstrip("\r\n"))
    ]
    if headers is None:
        headers = find_running_headers(raw)
    out: list[_Line] = []
    blank = False
    for line in raw:
        # A leading space marks the first line of a PDF page; it carries no meaning.
        s = line.strip(_SPACES)
        if not s.strip("\t"):
            blank = True
            continue
        if is_page_number(s) or re.sub(r"\d+", "#", s) in headers:
            continue
        if "\t" in s:
            # A table flattened by the converter: one row a line, cells separated by a tab.
            cells = [fix_spacing(c) for c in s.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            text = "\t".join(cells)
            out.append(_Line(text, width(text), blank, table=True, raw=text))
        else:
            indented = bool(_INDENT.match(line.lstrip(" ")))
            s = _MD_BULLET.sub("", s)
            out.append(_Line(fix_spacing(s), width(s), blank, False, indented, raw=s))
        blank = False
    return out


def _wrap_widths(items: list[_Line]) -> list[tuple[int, bool]]:
    """Return, for each line, the width a full line reaches nearby and whether most lines do.

    Judged locally because a compilation glues together PDFs of different page widths. The
    most common width nearby is the margin; where many lines reach it the text is regularly
    hard-wrapped, while text that never was (markdown, one paragraph a line) has no such peak.
    """
    widths = [0 if it.table else it.width for it in items]
    out: list[tuple[int, bool]] = []
    counts: Counter[int] = Counter()  # widths >= _MIN_WRAP in the window
    lines = 0  # non-table lines in the window
    lo = hi = 0
    for i in range(len(items)):
        while hi < min(len(items), i + _WINDOW + 1):
            if widths[hi] >= _MIN_WRAP:
                counts[widths[hi]] += 1
            lines += widths[hi] > 0
            hi += 1
        while lo < i - _WINDOW:
            if widths[lo] >= _MIN_WRAP:
                counts[widths[lo]] -= 1
                if not counts[widths[lo]]:
                    del counts[widths[lo]]
            lines -= widths[lo] > 0
            lo += 1
        if not counts:
            out.append((0, False))
            continue
        wrap = _peak(counts)
        near_margin = sum(n for w, n in counts.items() if wrap - _FULL_SLACK <= w <= wrap + 4)
        out.append((wrap, near_margin >= _WRAPPED_SHARE * lines))
    return out


def _peak(counts: Counter[int]) -> int:
    """Return the most common width, neighbours counting half (digits shift a line a column)."""
    return max(
        counts, key=lambda w: (counts[w] + (counts.get(w - 1, 0) + counts.get(w + 1, 0)) / 2, w)
    )


def _blank_after_every_line(items: list[_Line]) -> list[bool]:
    """Tell, per line, whether nearby lines are all separated by blank lines.

    Several seeds put a blank line after every wrapped line; there a blank line says nothing
    about paragraphs. Elsewhere a blank line is a paragraph break.
    """
    flags = [1 if it.blank_before else 0 for it in items]
    prefix = [0]
    for f in flags:
        prefix.append(prefix[-1] + f)
    out: list[bool] = []
    for i in range(len(items)):
        lo, hi = max(0, i - _WINDOW), min(len(items), i + _WINDOW + 1)
        out.append(prefix[hi] - prefix[lo] > 0.6 * (hi - lo))
    return out


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Group one document's raw lines into paragraphs, each the list of its joined pieces."""
    return [[item.text for item in group] for group in _group(lines)]


def _group(lines: list[str], headers: frozenset[str] | None = None) -> list[list[_Line]]:
    """Group the lines that make up each paragraph."""
    items = _prepare(lines, headers)
    wraps = _wrap_widths(items)
    blanks_everywhere = _blank_after_every_line(items)
    out: list[list[_Line]] = []
    for i, item in enumerate(items):
        if not item.text:
            continue
        if out and i > 0:
            title = "".join(it.text for it in out[-1]) if len(out) <= _TITLE_ZONE else None
            if _continues(items[i - 1], item, wraps[i - 1], blanks_everywhere[i]) or (
                title is not None and _title_continues(title, items[i:])
            ):
                out[-1].append(item)
                continue
        out.append([item])
    return out


def _continues(prev: _Line, cur: _Line, wrap: tuple[int, bool], blanks_everywhere: bool) -> bool:
    """Decide whether a line continues the paragraph of the line before it."""
    if prev.table or cur.table or not prev.text:
        return False
    if cur.blank_before and not blanks_everywhere:
        return False
    if cur.indented or starts_with_label(cur.text) or _OWN_LINE.match(cur.text):
        return False
    if _RUNS_ON.search(prev.text):
        return True
    if _unfinished_prose(prev.text):
        return True
    margin, regular = wrap
    if margin < _MIN_WRAP:
        return False
    if _SENTENCE_END.search(prev.text):
        # A sentence ended exactly at the margin. The next line continues the paragraph only if
        # it is full width too: the first line of a new paragraph is indented by two characters.
        return (
            regular
            and prev.text[-1] in "。；！？"
            and prev.width >= margin - _EXACT_SLACK
            and cur.width >= margin - _EXACT_SLACK
        )
    # Where few lines reach the margin, only a line of prose (commas inside) near it or any
    # line that reaches it exactly was wrapped.
    prose = regular or bool(re.search(r"[，、；,]", prev.text))
    return prev.width >= margin - (_FULL_SLACK if prose else _EXACT_SLACK)


def _title_continues(title: str, following: list[_Line]) -> bool:
    """Tell whether the next lines (up to three) complete a title broken at the top of a document.

    A title is "<issuers>关于<subject>的<type>" or "<issuers>印发《…》"; it carries no
    punctuation and the line that completes it ends with the document type.
    """
    if starts_with_label(title) or _title_complete(title):
        return False
    text = title
    for cur in following[:3]:
        if cur.table or not cur.text or _OWN_LINE.match(cur.text):
            return False
        if starts_with_label(cur.text) or _TITLE_PUNCT.search(cur.text):
            return False
        text += cur.text
        if len(text) > _TITLE_MAX:
            return False
        if _title_complete(text) or (title.endswith(("印发", "转发")) and text.endswith("》")):
            return True
    return False


def _title_complete(title: str) -> bool:
    """Tell whether a title ends with its document type.

    "…关于印发《…指南（试行）》" or "…关于印发…实施方案" does not: the type of the notice that
    encloses them, "的通知", is still to come.
    """
    if "关于印发" in title or "关于转发" in title or "关于发布" in title:
        return bool(_ENCLOSING_TITLE_END.search(title))
    return bool(_TITLE_END.search(title))


def _unfinished_prose(text: str) -> bool:
    """Tell whether a long line of running prose stops without ending its sentence.

    Where the text was not hard-wrapped at one width (seeds 000 and 004 keep a paragraph a
    line, but still break some mid-word), such a line was cut by the PDF. A heading or a title
    rarely has 50 characters, commas inside and no closing mark.
    """
    return (
        len(text) >= _PROSE_MIN
        and not _SENTENCE_END.search(text)
        and not re.search(r"[）)】》”’」』]$", text)
        and bool(re.search(r"[，。；]", text[:-1]))
    )


def _join(pieces: list[str], organs: bool = False) -> str:
    """Join the wrapped pieces of a paragraph, with a space only where the break was one.

    That is between two Latin words and, in a title (``organs``), between two organ names of a
    joint document whose list was broken over lines.
    """
    out = pieces[0]
    for piece in pieces[1:]:
        latin = out[-1:].isascii() and out[-1:].isalpha() and piece[:1].isascii()
        if (latin and piece[:1].isalpha()) or (
            organs and organs_meet(out.rsplit(" ", 1)[-1], piece.split(" ", 1)[0])
        ):
            out += " " + piece
        else:
            out += piece
    return out


# A web address or an attachment's file name that web capture left at the start of a
# paragraph, glued to the text after it (the address runs to the first non-ASCII character).
_GLUED_LINK = re.compile(
    r"^(?:(?:https?://|www\.)[!-~]+?|[A-Za-z0-9_.\-]+\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar))"
    r"(?=[^\x00-\x7f])",
    re.IGNORECASE,
)


def split_glued_link(paragraph: str) -> str:
    """Put a captured link glued to a title on a line of its own (the link is no title)."""
    match = _GLUED_LINK.match(paragraph)
    if match is None or not paragraph[match.end() :].strip(_SPACES):
        return paragraph
    return paragraph[: match.end()] + "\n" + paragraph[match.end() :].lstrip(_SPACES)


def clean_lines(lines: list[str], headers: frozenset[str] | None = None) -> str:
    """Turn one document's raw lines into cleaned text, one paragraph per line.

    ``headers`` are the running headers of the whole compilation (from
    :func:`find_running_headers`); without them they are looked for in ``lines`` alone.
    """
    out: list[str] = []
    for n, group in enumerate(_group(lines, headers)):
        if group[0].table:
            out.append(group[0].text)
        else:
            # Spacing is fixed on the joined paragraph, so a word or an organ name broken
            # across lines is judged whole ("国家乡村振兴局综" / "合司").
            joined = fix_spacing(_join([it.raw for it in group], organs=n < _TITLE_ZONE))
            out.append(split_glued_link(joined))
    return "\n".join(p for p in out if p)
