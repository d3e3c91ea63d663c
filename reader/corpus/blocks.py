"""What each paragraph of a document is on the page: heading, lead sentence, list item, box,
table, link line — read from the document's numbering, not from where a PDF broke its lines.

The rules follow the layout of 公文 (GB/T 9704) and of published laws:

- a section label alone on its line with a short title (``一、总体要求``, ``第一章 总则``) is a
  heading; a numbered paragraph that runs on (``一、对企业出资给……，`` followed by the rest of
  its sentence) is one paragraph whose lead — up to its first ``。`` or ``：`` outside brackets
  and quotes, whatever its length — is bold when more text follows it; a paragraph that is
  one sentence is body text with only its label bold (bolding all of it would make a
  sentence look like a title);
- the enumerated items of an article (条) or of a paragraph — （一）, 1., （1）, ① that are
  neither short titles over their own text nor lead sentences — are one indented list, in one
  style for all the items that share a parent and a kind, whatever their lengths;
- a 专栏 (a box set beside the text of a plan) is its title line and what follows it up to the
  next section of the text;
- a line that is only web addresses or file names (left by web capture) is a plain link line.

Nothing here changes the text: the layout only says how to show each paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.corpus.model import Clause, Document
from reader.corpus.tables import Grid, Line, Table, find_tables

# Kinds that title a part of the text when they stand alone on a line.
_SECTION_KINDS = frozenset({"篇", "部分", "编", "章", "节"})
# Articles and their sub-items are body text with a bold label, even when only one sentence.
_ARTICLE_KINDS = frozenset({"条", "款"})
_MAX_HEADING_CHARS = 60
# An outline item is a title over its text when it is this short and has no sentence in it.
_MAX_ITEM_HEADING_CHARS = 40
# A title may end in a full stop when it is a few words (``（一）指导思想。``), not a sentence.
_MAX_STOPPED_TITLE_CHARS = 12
# A line this short after a title, with no sentence in it, is the rest of the title.
_WRAPPED_REST_CHARS = 5
_SENTENCE = re.compile(r"[。；;！!？?，,：:\t]")  # a tab: a table row, not a title
# A group of numbered paragraphs whose first sentences are this short are lead paragraphs;
# longer first sentences over a list of them are enumerated items (their leads still bold).
_MAX_LEAD_VOTE_CHARS = 40
_LEAD_END = re.compile(r"[。：:！？]")
_BRACKETS = (("（", "）"), ("(", ")"), ("《", "》"), ("“", "”"), ("〔", "〕"), ("[", "]"))
_BOX_TITLE = re.compile(r"^专栏\s*\d{1,3}\s*[：:、.．]?\s*\S")
_MAX_BOX_TITLE_CHARS = 40
_MAX_BOX_PARAGRAPHS = 40
_LINK = r"(?:(?:https?://|www\.)[!-~]+|[\w.\-]+\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|html?))"
LINK_LINE = re.compile(rf"^{_LINK}(?:[ \u3000]+{_LINK})*$", re.IGNORECASE)


@dataclass(frozen=True)
class Start:
    """A clause that starts inside a paragraph: its index in ``Document.all_clauses()``."""

    index: int
    clause: Clause
    depth: int


@dataclass(frozen=True)
class Para:
    """One paragraph as the page shows it.

    ``role`` is ``heading`` (of ``level``), ``text``, ``item`` (in a list, ``level`` deep) or
    ``link``; ``bold`` is how many of its first characters are bold (a label, a lead).
    """

    number: int
    role: str
    level: int = 0
    bold: int = 0


@dataclass(frozen=True)
class ItemList:
    """Consecutive list items (and the paragraphs that continue them)."""

    items: tuple[Para, ...]


@dataclass(frozen=True)
class Box:
    """A 专栏: its title paragraph and what it holds."""

    title: Para
    body: tuple[Node, ...]


Node = Para | ItemList | Box | Table | Grid


@dataclass(frozen=True)
class Layout:
    """The page's nodes in order, and the clauses starting in each paragraph."""

    nodes: tuple[Node, ...]
    starts: tuple[tuple[Start, ...], ...]


def clause_starts(doc: Document, starts_of: list[int]) -> list[list[Start]]:
    """Return, per paragraph (given by its start offset), the clauses that start inside it."""
    indexed: list[Start] = []

    def visit(clause: Clause, depth: int) -> None:
        indexed.append(Start(len(indexed), clause, depth))
        for child in clause.children:
            visit(child, depth + 1)

    for clause in doc.clauses:
        visit(clause, 0)
    indexed.sort(key=lambda item: (item.clause.start, item.depth))
    out: list[list[Start]] = [[] for _ in starts_of]
    cursor = 0
    for number in range(len(starts_of)):
        end = starts_of[number + 1] if number + 1 < len(starts_of) else len(doc.text) + 1
        while cursor < len(indexed) and indexed[cursor].clause.start < end:
            out[number].append(indexed[cursor])
            cursor += 1
    return out


def _parents(doc: Document) -> dict[int, Clause | None]:
    out: dict[int, Clause | None] = {}

    def visit(clause: Clause, parent: Clause | None) -> None:
        out[id(clause)] = parent
        for child in clause.children:
            visit(child, clause)

    for clause in doc.clauses:
        visit(clause, None)
    return out


def _label_length(text: str, clause: Clause) -> int:
    return len(clause.label) if clause.label and text.startswith(clause.label) else 0


def lead_length(text: str, label: int) -> int:
    """Return how much of a numbered paragraph is its lead: the label and its first sentence
    or colon clause with its stop, when text follows; else the label alone.

    A stop inside brackets or quotes (``《…：…》``, ``“…。”``) does not end the lead, so the
    bold run never ends inside a title or a quotation.
    """
    for stop in _LEAD_END.finditer(text, label):
        if _open_bracket(text[label : stop.start()]):
            continue
        end = stop.end()
        return end if text[end:].strip(" \u3000") else label
    return label


def _is_title(text: str, label: int) -> bool:
    """Tell a title (``（一）指导思想``) from a sentence (``八、本公告自印发之日起施行。``)."""
    rest = text[label:].rstrip(" \u3000")
    if rest.endswith("。") and len(rest) <= _MAX_STOPPED_TITLE_CHARS:
        rest = rest[:-1]  # （一）指导思想。
    return (
        len(rest) >= 2
        and len(text) <= _MAX_ITEM_HEADING_CHARS
        and not _SENTENCE.search(rest.rstrip("：:"))
        and not _open_bracket(rest)
    )


def _open_bracket(text: str) -> bool:
    """Tell whether a line leaves a bracket open: a title wrapped onto the next line."""
    return any(text.count(left) > text.count(right) for left, right in _BRACKETS)


class _Classifier:
    """Decide each paragraph's role; outline items are decided for their sibling group."""

    def __init__(self, doc: Document, lines: list[Line], starts: list[list[Start]]) -> None:
        self.doc = doc
        self.lines = lines
        self.starts = starts
        self.parents = _parents(doc)
        self.opening: list[Start | None] = [
            next((s for s in found if s.clause.start <= line.start), None)
            for found, line in zip(starts, lines, strict=True)
        ]
        self.group_role: dict[tuple[int, str], str] = {}
        self._decide_groups()

    def _inside_article(self, clause: Clause) -> bool:
        parent = self.parents.get(id(clause))
        while parent is not None:
            if parent.kind in _ARTICLE_KINDS:
                return True
            parent = self.parents.get(id(parent))
        return False

    def _group(self, clause: Clause) -> tuple[int, str]:
        return id(self.parents.get(id(clause))), clause.kind

    def _decide_groups(self) -> None:
        """Title, lead or list for each group of outline items that share parent and kind."""
        votes: dict[tuple[int, str], set[str]] = {}
        for number, start in enumerate(self.opening):
            if start is None or start.clause.kind in _SECTION_KINDS | _ARTICLE_KINDS:
                continue
            clause, text = start.clause, self.lines[number].text
            label = _label_length(text, clause)
            if self._inside_article(clause):
                vote = "item"
            elif self._is_heading(number, clause, label):
                vote = "heading"
            elif label < lead_length(text, label) <= label + _MAX_LEAD_VOTE_CHARS:
                vote = "lead"
            else:
                vote = "item"
            votes.setdefault(self._group(clause), set()).add(vote)
        for key, seen in votes.items():
            if key[1] == "一、":
                self.group_role[key] = "mixed"  # sections: each a heading or a lead paragraph
            elif "item" in seen:
                self.group_role[key] = "item"
            else:
                self.group_role[key] = "mixed"

    def _is_heading(self, number: int, clause: Clause, label: int) -> bool:
        """A title over text of its own, not a line a PDF wrapped (``2.提高发展就业带动`` /
        ``力``: the next line is a few characters of the same phrase)."""
        line = self.lines[number]
        if not _is_title(line.text, label):
            return False
        if number + 1 >= len(self.lines) or self.lines[number + 1].start >= clause.end:
            return False  # no text of its own under it
        if self.opening[number + 1] is None:
            after = self.lines[number + 1].text
            if len(after) <= _WRAPPED_REST_CHARS and not _SENTENCE.search(after):
                return False
        return True

    def para(self, number: int) -> Para:
        text = self.lines[number].text
        start = self.opening[number]
        if start is None:
            return Para(number, "link" if LINK_LINE.match(text) else "text")
        clause = start.clause
        label = _label_length(text, clause)
        level = min(start.depth + 2, 6)
        if clause.kind in _ARTICLE_KINDS:
            return Para(number, "text", bold=label)
        if clause.kind in _SECTION_KINDS:
            rest = text[label:].rstrip(" \u3000：:")
            if len(text) <= _MAX_HEADING_CHARS and not _SENTENCE.search(rest) \
                    and not _open_bracket(rest):
                return Para(number, "heading", level)
            return Para(number, "text", bold=lead_length(text, label))
        role = self.group_role.get(self._group(clause), "mixed")
        if role == "item":
            return Para(number, "item", start.depth, bold=label)
        if self._is_heading(number, clause, label):
            return Para(number, "heading", level)
        return Para(number, "text", bold=lead_length(text, label))

    def item_end(self, number: int) -> int:
        """Return the end offset of the clause a list item paragraph opens."""
        start = self.opening[number]
        return start.clause.end if start is not None else 0


def is_box_title(text: str) -> bool:
    return bool(_BOX_TITLE.match(text)) and len(text) <= _MAX_BOX_TITLE_CHARS


def layout(doc: Document, lines: list[Line]) -> Layout:
    """Return how to show ``lines`` (the paragraphs of ``doc.text``), in order."""
    starts = clause_starts(doc, [line.start for line in lines])
    classifier = _Classifier(doc, lines, starts)
    paras = [classifier.para(number) for number in range(len(lines))]
    titles = {n for n, line in enumerate(lines) if is_box_title(line.text)}
    # A short numbered line inside a run of cells is a cell; a chapter's title never is.
    chapters = {n for n, start in enumerate(classifier.opening)
                if start is not None and start.clause.kind in _SECTION_KINDS}
    barred = frozenset(chapters | titles)
    tables = {table.first: table for table in find_tables(lines, barred)}
    flat: list[Node] = []
    number = 0
    while number < len(lines):
        table = tables.get(number)
        if table is not None:
            flat.append(table)
            number = table.last + 1
            continue
        para = paras[number]
        if para.role != "item":
            flat.append(para)
            number += 1
            continue
        items: list[Para] = []
        end = classifier.item_end(number)
        while number < len(lines) and number not in tables:
            para = paras[number]
            if para.role == "item":
                end = max(end, classifier.item_end(number)) if items else classifier.item_end(number)
                items.append(para)
            elif (
                classifier.opening[number] is None
                and lines[number].start < end
                and number not in titles  # a box after the items is no part of them
            ):
                items.append(Para(number, "item", items[-1].level, 0))  # the item goes on
            else:
                break
            number += 1
        flat.append(ItemList(tuple(items)))
    return Layout(tuple(_boxes(flat, titles, classifier)), tuple(tuple(s) for s in starts))


def _first_number(node: Node) -> int:
    if isinstance(node, Para):
        return node.number
    if isinstance(node, ItemList):
        return node.items[0].number
    if isinstance(node, Box):
        return node.title.number
    return node.first


def _boxes(flat: list[Node], titles: set[int], classifier: _Classifier) -> list[Node]:
    """Gather each 专栏 title and what it holds into a box.

    What the box holds is told by its first part: a table is the whole box; items of one kind
    run until a paragraph of another kind or a heading; unnumbered paragraphs run until the
    next numbered one.
    """
    out: list[Node] = []
    number = 0
    while number < len(flat):
        node = flat[number]
        number += 1
        if not (isinstance(node, Para) and node.number in titles):
            out.append(node)
            continue
        body: list[Node] = []
        kind: str | None = None
        while number < len(flat) and len(body) < _MAX_BOX_PARAGRAPHS:
            part = flat[number]
            first = _first_number(part)
            opening = classifier.opening[first]
            part_kind = opening.clause.kind if opening is not None else ""
            if first in titles or (isinstance(part, Para) and part.role == "heading"):
                break
            if not body:
                kind = part_kind
            elif isinstance(part, Table | Grid) or (part_kind and part_kind != kind):
                break  # an unnumbered paragraph inside numbered items goes on
            body.append(part)
            number += 1
            if isinstance(part, Table | Grid) and len(body) == 1:
                break
        out.append(Box(node, tuple(body)))
    return out
