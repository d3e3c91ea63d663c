"""What a document's text says about other documents: its mentions, repeals and own validity.

Everything here is read from one ``Document`` and nothing else, so it can be stored with the
document at import and resolved against the library later, as the library grows
(``reader.library.links``). Mentions are:

- a ``《标题》`` (the outermost pair; 〈〉 inside it are the inner work's quotes);
- a 简称 declared as ``（以下简称《…》）`` or ``（以下简称"…"）`` right after a full mention, and
  every later use of it (bare, for a quoted 简称 that names a kind of text: 公司法, 条例);
- a short form that is only a kind of text (《条例》《办法》《实施方案》), taken to mean the last
  full mention of that kind, else the document's own work;
- a 文号 in any shape ``metadata.find_doc_numbers`` reads, except the document's own;
- a ``第X条`` (``第X条第X款``) in running text, of the work named just before it, else of the
  document itself; a 条 that opens a paragraph is a clause label, not a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reader.corpus.metadata import doc_type_of, find_doc_numbers, normalize_doc_number, parse_date
from reader.corpus.model import Document
from reader.records import from_plain, to_plain

# Kinds of a mention (the same words as ``reader.library.link_model``'s CITE_* kinds).
TITLE, SHORT, DOC_NUMBER, ARTICLE = "title", "short", "doc_number", "article"
# Kinds of a relation sentence (the words of link_model's REPEALS, AMENDS, IMPLEMENTS).
REPEALS, AMENDS, IMPLEMENTS = "废止", "修改", "依据"

_SENTENCE_END = "。！？；\n"
_OPEN, _CLOSE = "《〈", "》〉"
_BRACKET_CHARS = re.compile("[《》〈〉\n]")
_QUOTES = "\"“”「」『』'‘’"
_ALIAS = re.compile(r"\s*[（(]\s*(?:以下简称|下称|简称)\s*([《\"“「『])([^》\"”」』]{1,30})[》\"”」』]\s*[）)]")
# A short form that names only a kind of text: 《条例》 《实施办法》 《本规定》.
_GENERIC = re.compile(
    r"^(?:本|该|上述|实施|暂行|管理|试行)?(?:条例|办法|规定|细则|方案|意见|通知|规划|决定|纲要|指南"
    r"|计划|措施|目录|清单|法|标准|规则|实施方案|实施意见|行动方案|实施细则|指导意见)$"
)
_NUMERAL = "零〇一二三四五六七八九十百千0-9"
_ARTICLE = re.compile(rf"第[{_NUMERAL}]+条(?:第[{_NUMERAL}]+款)?(?:第[{_NUMERAL}]+项)?")
_ARTICLE_LABEL = re.compile(rf"第[{_NUMERAL}]+条")
# Between a work and its 第X条: the 文号 in brackets, 的, spaces, 规定的.
_WORK_TO_ARTICLE = re.compile(r"^(?:\s*[（(][^（）()]{0,40}[）)])?\s*(?:的|中的|规定的)?\s*$")
_CHAIN = re.compile(r"^\s*(?:、|，|和|及|以及|或者|或|至|、第)?\s*$")
_OWN_WORK = re.compile(r"本(?:法|条例|办法|规定|细则|决定|规则|解释|通知|意见|方案|准则|章程)$")
_REPEAL = re.compile(r"同时废止|予以废止|同时停止执行|不再执行|停止执行|宣布失效|同时失效|废止")
_AMEND = re.compile(r"修改为|作如下修改|作出如下修改|予以修改|修正为")
_BETWEEN_BASIS = re.compile(r"^(?:\s*[、，和及与]|\s*以及|\s*[（(][^（）()]{0,40}[）)]|\s)*$")
_IN_FORCE = re.compile(
    r"自\s*(?P<when>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年"
    r"[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|印发之日|发布之日|公布之日|下发之日"
    r"|颁布之日|签发之日)\s*起\s*(?:施行|实施|执行|生效|试行)"
)
_EXPIRES = re.compile(
    r"有效期(?:至|到|截至)\s*(?P<until>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"|有效期(?:为)?\s*(?P<years>[1-9]|[一二三四五六七八九十])\s*年"
)
_CN_YEARS = {c: n for n, c in enumerate("一二三四五六七八九十", 1)}


@dataclass(frozen=True)
class Mention:
    """One mention of a work, a 文号 or a clause, with what resolving it needs.

    ``title`` is the cited work's title as printed (a 简称 or short form expanded to the full
    mention it stands for; the document's own title when it names the document itself);
    ``doc_number`` a 文号 printed with the title (``《…》（国发〔2024〕7号）``) or the 文号
    itself; ``work`` for an article: the index of the mention it belongs to, ``-1`` for the
    document itself; ``own`` when the mention names the citing document's own work.
    """

    start: int
    end: int
    text: str
    kind: str
    sentence: str
    title: str
    doc_number: str | None = None
    work: int | None = None
    article: str | None = None
    own: bool = False


@dataclass(frozen=True)
class RelationSentence:
    """A sentence that repeals, amends or relies on the works of ``mentions`` (indexes)."""

    kind: str
    mentions: tuple[int, ...]
    sentence: str


@dataclass(frozen=True)
class Dated:
    """A date the document gives itself (its entry into force, its end) and the sentence."""

    date: str
    sentence: str


@dataclass(frozen=True)
class Extraction:
    """Everything ``extract`` reads from one document (stored as JSON with it)."""

    mentions: tuple[Mention, ...] = ()
    relations: tuple[RelationSentence, ...] = ()
    effective: Dated | None = None
    expires: Dated | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(to_plain(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        return from_plain(cls, data)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    rights = [i for c in _SENTENCE_END if (i := text.find(c, end)) >= 0]
    return left, (min(rights) + 1 if rights else len(text))


def _brackets(text: str) -> Iterator[tuple[int, int]]:
    """Yield the outermost ``《…》`` pairs; 〈〉 and 《》 nest inside them."""
    depth, begin = 0, 0
    for found in _BRACKET_CHARS.finditer(text):
        char, pos = found.group(), found.start()
        if char == "《" and depth == 0:
            depth, begin = 1, pos
        elif depth and char in _OPEN:
            depth += 1
        elif depth and char in _CLOSE:
            depth -= 1
            if depth == 0 and pos - begin > 1:
                yield begin, pos + 1
        elif depth and char == "\n":
            depth = 0  # an unclosed 《 does not run into the next paragraph


def _inner(mention: str) -> str:
    return mention[1:-1].translate(str.maketrans("〈〉", "《》")).strip()


def own_work(title: str) -> str:
    """Return the work a title carries: 关于印发《X》的通知 → X; else the title itself."""
    inside = re.findall(r"《([^《》]+)》", title)
    if len(inside) == 1 and re.search(r"(?:印发|转发|发布|公布|颁布)", title):
        return inside[0]
    match = re.search(r"(?:印发|转发|发布|公布|颁布)(.+?)的(?:通知|通告|公告)$", title)
    if match:
        return match.group(1)
    match = re.search(r"(?:印发|转发|发布|公布|颁布)(.+?)$", title)
    return match.group(1) if match and doc_type_of(match.group(1)) else title


def _kind_word(title: str) -> str | None:
    return doc_type_of(title)


class _Reader:
    """One pass over one document's text; the state is the mentions read so far."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.own_number = normalize_doc_number(doc.doc_number or "")
        self.mentions: list[Mention] = []
        self.aliases: dict[str, int] = {}  # 简称 → index of the full mention

    def sentence(self, start: int, end: int) -> str:
        left, right = _sentence_bounds(self.text, start, end)
        return self.text[left:right].strip()

    def add(self, mention: Mention) -> int:
        self.mentions.append(mention)
        return len(self.mentions) - 1

    def read_titles(self) -> None:
        own = own_work(self.doc.title)
        quoted_aliases: dict[str, int] = {}
        declared = -1  # where the last （以下简称《…》） ends: its 《…》 is the 简称 itself
        for start, end in _brackets(self.text):
            inner = _inner(self.text[start:end])
            if not inner:
                continue
            key = re.sub(r"\s+", "", inner)
            target = self._alias_target(key)
            if start < declared and target is None:
                continue
            if target is not None:
                full = self.mentions[target]
                self.add(Mention(start, end, self.text[start:end], SHORT, self.sentence(start, end),
                                 full.title, full.doc_number, own=full.own))
                continue
            number = self._number_after(end)
            own_match = _same(key, own) or _same(key, self.doc.title)
            self.add(Mention(start, end, self.text[start:end], TITLE, self.sentence(start, end),
                             inner, number, own=own_match))
            alias = _ALIAS.match(self.text, self._after_number(end))
            if alias:
                declared = alias.end()
                name = re.sub(r"\s+", "", alias.group(2))
                self.aliases[name] = len(self.mentions) - 1
                if alias.group(1) != "《" and doc_type_of(name):
                    quoted_aliases[name] = len(self.mentions) - 1
        self._read_bare_aliases(quoted_aliases)

    def _alias_target(self, key: str) -> int | None:
        if key in self.aliases:
            return self.aliases[key]
        if not _GENERIC.match(key):
            return None
        kind = _kind_word(key)
        for index in range(len(self.mentions) - 1, -1, -1):
            earlier = self.mentions[index]
            if earlier.kind == TITLE and not _GENERIC.match(earlier.title) and (
                _kind_word(earlier.title) == kind or earlier.title.endswith(key.lstrip("本该"))
            ):
                return index
        return None

    def _after_number(self, end: int) -> int:
        bracket = re.match(r"\s*[（(][^（）()]{2,40}[）)]", self.text[end:end + 44])
        if bracket and normalize_doc_number(bracket.group(0)):
            return end + bracket.end()
        return end

    def _number_after(self, end: int) -> str | None:
        bracket = re.match(r"\s*[（(]([^（）()]{2,40})[）)]", self.text[end:end + 44])
        return normalize_doc_number(bracket.group(1)) if bracket else None

    def _read_bare_aliases(self, aliases: dict[str, int]) -> None:
        """Later bare uses of a quoted 简称 that names a kind of text (公司法, 条例)."""
        taken = [(m.start, m.end) for m in self.mentions]
        for name, index in aliases.items():
            full = self.mentions[index]
            for match in re.finditer(re.escape(name), self.text, full.end):
                start, end = match.span()
                before = self.text[max(0, start - 1):start]
                if (before and before in _QUOTES + "本该此《") or any(
                    s <= start < e for s, e in taken
                ):
                    continue
                self.add(Mention(start, end, name, SHORT, self.sentence(start, end), full.title,
                                 full.doc_number, own=full.own))

    def read_numbers(self) -> None:
        taken = [(m.start, m.end) for m in self.mentions]
        for start, end, number in find_doc_numbers(self.text):
            if number == self.own_number or any(s <= start < e for s, e in taken):
                continue
            title_before = next((m for m in self.mentions if m.kind in (TITLE, SHORT)
                                 and m.doc_number == number and 0 <= start - m.end <= 3), None)
            title = title_before.title if title_before else number
            self.add(Mention(start, end, self.text[start:end], DOC_NUMBER,
                             self.sentence(start, end), title, number,
                             own=bool(title_before and title_before.own)))

    def read_articles(self) -> None:
        works = sorted((m.end, i) for i, m in enumerate(self.mentions) if m.kind != DOC_NUMBER)
        inside = [(m.start, m.end) for m in self.mentions]
        previous: Mention | None = None
        for match in _ARTICLE.finditer(self.text):
            start, end = match.span()
            line_start = self.text.rfind("\n", 0, start) + 1
            if not self.text[line_start:start].strip() or any(s <= start < e for s, e in inside):
                continue  # a clause label, or part of a title
            work = -1
            before = [(e, i) for e, i in works if e <= start]
            if before and _WORK_TO_ARTICLE.match(self.text[before[-1][0]:start]):
                work = before[-1][1]
            elif previous is not None and _CHAIN.match(self.text[previous.end:start]):
                work = previous.work if previous.work is not None else -1
            elif _OWN_WORK.search(self.text[max(line_start, start - 6):start]):
                work = -1
            label = _ARTICLE_LABEL.match(match.group(0))
            title = self.mentions[work].title if work >= 0 else self.doc.title
            previous = Mention(start, end, match.group(0), ARTICLE, self.sentence(start, end),
                               title, self.mentions[work].doc_number if work >= 0 else None,
                               work=work, article=label.group(0) if label else None,
                               own=work < 0 or self.mentions[work].own)
            self.add(previous)

    def relations(self) -> list[RelationSentence]:
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for index, mention in enumerate(self.mentions):
            if mention.kind in (TITLE, SHORT, DOC_NUMBER) and not mention.own:
                bounds = _sentence_bounds(self.text, mention.start, mention.end)
                by_sentence.setdefault(bounds, []).append(index)
        out: list[RelationSentence] = []
        for (left, right), indexes in sorted(by_sentence.items()):
            sentence = self.text[left:right].strip()
            works = tuple(self._distinct(indexes))
            repeal = _REPEAL.search(self.text, left, right)
            amend = _AMEND.search(self.text, left, right)
            if amend and any(self.mentions[i].start < amend.start() for i in works):
                out.append(RelationSentence(AMENDS, works, sentence))
            elif repeal and not re.search(r"不得|禁止|是否", self.text[left:repeal.start()]):
                cited = tuple(i for i in works if self.mentions[i].end <= repeal.start())
                if cited:
                    out.append(RelationSentence(REPEALS, cited, sentence))
            basis = tuple(i for i in works if self._is_basis(i, left))
            if basis:
                out.append(RelationSentence(IMPLEMENTS, basis, sentence))
        return out

    def _distinct(self, indexes: list[int]) -> Iterator[int]:
        """Each work once: a 文号 printed with its title is the same work."""
        for index in indexes:
            mention = self.mentions[index]
            if mention.kind == DOC_NUMBER and any(
                self.mentions[i].doc_number == mention.doc_number and i != index
                for i in indexes
            ):
                continue
            yield index

    def _is_basis(self, index: int, left: int) -> bool:
        mention = self.mentions[index]
        head = self.text[left:mention.start]
        for other in reversed(self.mentions[:index]):
            if other.start >= left and other.end <= mention.start:
                head = head[: other.start - left] + " " * (other.end - other.start) + head[
                    other.end - left:]
        keywords = list(_BASIS_WORDS.finditer(head))
        return bool(keywords) and bool(_BETWEEN_BASIS.match(head[keywords[-1].end():]))

    def own_dates(self) -> tuple[Dated | None, Dated | None]:
        """Return when the document says it takes effect and when it ends, with the sentence.

        The last ``自…起施行`` whose sentence names no other work counts (《…条例》自…起施行
        in a notice is that 条例's date); ``自印发之日起`` is the document's own date. A law's
        题注 (``Document.effective``) is the fallback.
        """
        effective: Dated | None = None
        for match in _IN_FORCE.finditer(self.text):
            left, _ = _sentence_bounds(self.text, match.start(), match.end())
            if any(left <= m.start < match.start() and not m.own for m in self.mentions
                   if m.kind in (TITLE, SHORT)):
                continue
            when = match.group("when")
            date = self.doc.date if when.endswith("之日") else parse_date(when)
            if date:
                effective = Dated(date, self.sentence(match.start(), match.end()))
        if effective is None and self.doc.effective:
            line = next((row for row in self.text.split("\n")[:12] if "施行" in row), None)
            effective = Dated(self.doc.effective, (line or self.doc.title).strip())
        expires: Dated | None = None
        for source in (self.doc.title, self.text):
            found = _EXPIRES.search(source)
            if found is None:
                continue
            until = parse_date(found.group("until") or "")
            start = effective.date if effective else self.doc.date
            if until is None and start and len(start) == 10:
                years = found.group("years")
                count = int(years) if years.isdigit() else _CN_YEARS[years]
                until = f"{int(start[:4]) + count:04d}{start[4:]}"
            if until:
                left, right = _sentence_bounds(source, found.start(), found.end())
                expires = Dated(until, source[left:right].strip())
            break
        return effective, expires


_BASIS_WORDS = re.compile(r"根据|依据|依照|按照|遵照|为贯彻落实|为落实|贯彻落实|为贯彻|贯彻")


def _same(key: str, title: str) -> bool:
    """Tell whether a mention names ``title`` (spaces, quotes and bracket shapes aside)."""
    fold = str.maketrans("()〈〉", "（）《》", "《》“”\"「」、 ")
    return key.translate(fold) == re.sub(r"\s+", "", title).translate(fold)


def extract(doc: Document) -> Extraction:
    """Read every mention, relation sentence and own validity date of ``doc``."""
    reader = _Reader(doc)
    reader.read_titles()
    reader.read_numbers()
    reader.read_articles()
    relations = reader.relations()
    effective, expires = reader.own_dates()
    return Extraction(tuple(reader.mentions), tuple(relations), effective, expires)
