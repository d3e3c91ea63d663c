"""Find the clause structure of a cleaned document: 编/章/节/条 and 一、/（一）/1./（1）/① outlines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.corpus.labels import GLUED_ITEM, chinese_number, match_clause_label
from reader.corpus.model import Clause

__all__ = [
    "address_label",
    "chinese_number",
    "clause_at",
    "find_clause",
    "iter_clauses",
    "outline",
    "parse_clauses",
]

# The 第X family, outermost first; a 条 never contains a 章, whatever order they appear in.
# Plans and reports divide into 篇 or 部分 above their chapters (seed 000's 数字经济发展指引).
_ARTICLE_RANK = {"篇": 0, "部分": 0, "编": 1, "章": 2, "节": 3, "条": 4}
# The outline numbering, outermost first, as GB/T 9704 prescribes (一、 > （一） > 1. > （1）)
# and ① below. Ranking them keeps a short "1. 2. 3." list in a notice's preamble from
# swallowing the "一、" sections that follow it.
_OUTLINE_RANK = {"一、": 0, "（一）": 1, "1.": 2, "（1）": 3, "①": 4}

# A heading ends at the first full stop within 40 characters; else the first 30 characters,
# cut back to a comma where one falls after the 12th.
_HEADING_MAX = 30
_HEADING_STOP_MAX = 40
_HEADING_MIN = 12
# A contents entry ends in leader dots and a page number.
_LEADER = re.compile(r"[.．…·。]{3,}\s*\d*\s*$")
_HEADING_STOP = re.compile(r"[。；;：:！？!?]")


@dataclass
class _Node:
    """A clause under construction (offsets and children still growing)."""

    label: str
    kind: str
    family: str
    number: int
    heading: str
    start: int
    end: int = 0
    children: list[_Node] = field(default_factory=list)


def _match_label(line: str) -> tuple[str, str, int, int] | None:
    """Return (label, kind, number, label length) when a paragraph starts with a clause label."""
    found = match_clause_label(line)
    if found is None or found.number is None:
        return None
    return found.label, found.kind, found.number, found.end


def _heading(rest: str) -> str:
    """Take a clause's heading: its short title line, or the first words of its running text."""
    rest = rest.strip(" \u3000\t")
    stop = _HEADING_STOP.search(rest)
    if stop and stop.start() <= _HEADING_STOP_MAX:
        return rest[: stop.start()].strip()
    head = rest[:_HEADING_MAX]
    comma = max(head.rfind("，"), head.rfind(","))
    return (head[:comma] if comma >= _HEADING_MIN else head).strip()


def _family_of(kind: str) -> str:
    """Map a kind to its nesting family (the 第X kinds share one ranked family)."""
    return "第" if kind in _ARTICLE_RANK else kind


def parse_clauses(text: str) -> tuple[Clause, ...]:
    """Return the clause tree of a cleaned text, with character offsets into it.

    Only a paragraph that starts with a label opens a clause (``依照第十二条`` in running text
    does not). The 第X family nests by rank (篇/部分 > 编 > 章 > 节 > 条) and holds the
    outline families, which nest by the GB/T 9704 order 一、 > （一） > 1. > （1） > ①. A clause
    ends where its next sibling (or an ancestor's) starts, without the newline between them.
    """
    roots: list[_Node] = []
    stack: list[_Node] = []
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.lstrip(" \u3000\t")
        found = _match_label(stripped) or _next_item_glued_to_a_number(stripped, stack)
        if found is None:
            continue
        label, kind, number, length = found
        if _LEADER.search(stripped[length:]):
            # A contents entry inside the document ("第一章 总则……1"): the chapter comes later,
            # and it keeps the plain address.
            continue
        start = line_start + (len(line) - len(stripped))
        node = _Node(
            label=label,
            kind=kind,
            family=_family_of(kind),
            number=number,
            heading=_heading(stripped[length:]),
            start=start,
        )
        _place(node, stack, roots)
    _close(roots, len(text), text)
    return _freeze(roots, "")


def _next_item_glued_to_a_number(line: str, stack: list[_Node]) -> tuple[str, str, int, int] | None:
    """Read "118.8万吨/年…" as item 118 when item 117 is open.

    PDF extraction drops the space between an item number and text that starts with a digit
    (seed 000's 鼓励外商投资产业目录: "118.8 万吨/年及以上…", seed 003: "6.2024 年度…"). Such a
    line reads like a decimal, so it counts only when it continues an open "1." list.
    """
    m = GLUED_ITEM.match(line)
    if m is None:
        return None
    previous = next((node for node in reversed(stack) if node.kind == "1."), None)
    number = int(m.group(1))
    if previous is None or previous.number + 1 != number:
        return None
    return f"{number}.", "1.", number, len(m.group(1)) + 1


def _place(node: _Node, stack: list[_Node], roots: list[_Node]) -> None:
    """Put a new clause in the tree under the nearest open clause of an outer rank."""
    if node.family == "第":
        rank = _ARTICLE_RANK[node.kind]
        # Pop outline items and any 第X clause of the same or an inner rank.
        while stack and (stack[-1].family != "第" or _ARTICLE_RANK[stack[-1].kind] >= rank):
            stack.pop()
    else:
        rank = _OUTLINE_RANK[node.kind]
        while stack and (
            (stack[-1].family != "第" and _OUTLINE_RANK[stack[-1].kind] >= rank)
            # A 条 holds （一） items and 1. lists, never 一、 sections: those belong to an
            # attachment or an enclosed text after the last article.
            or (rank == 0 and stack[-1].kind == "条")
        ):
            stack.pop()
    (stack[-1].children if stack else roots).append(node)
    stack.append(node)


def _close(nodes: list[_Node], end: int, text: str) -> None:
    """Set each clause's end: the start of its next sibling, or its parent's end."""
    for i, node in enumerate(nodes):
        stop = nodes[i + 1].start if i + 1 < len(nodes) else end
        node.end = node.start + len(text[node.start : stop].rstrip("\n"))
        _close(node.children, node.end, text)


def _freeze(nodes: list[_Node], prefix: str) -> tuple[Clause, ...]:
    """Turn built nodes into Clause values with unique addresses ("#2" on a repeated label)."""
    seen: dict[str, int] = {}
    out: list[Clause] = []
    for node in nodes:
        key = address_label(node.label)
        seen[key] = seen.get(key, 0) + 1
        own = key if seen[key] == 1 else f"{key}#{seen[key]}"
        address = f"{prefix}/{own}" if prefix else own
        out.append(
            Clause(
                address=address,
                label=node.label,
                kind=node.kind,
                heading=node.heading,
                start=node.start,
                end=node.end,
                children=_freeze(node.children, address),
            )
        )
    return tuple(out)


def address_label(label: str) -> str:
    """Return a label as it appears in addresses: full-width brackets, "1." for 1．/1、/1﹒."""
    label = label.replace("(", "（").replace(")", "）").replace(" ", "")
    return re.sub(r"^(\d+)[．、﹒]$", r"\1.", label)


def iter_clauses(clauses: Iterable[Clause]) -> list[Clause]:
    """Return every clause of a tree, depth first in document order."""
    out: list[Clause] = []
    for clause in clauses:
        out.extend(clause.walk())
    return out


def clause_at(clauses: Iterable[Clause], offset: int) -> Clause | None:
    """Return the deepest clause containing a character offset (what a bookmark points at)."""
    found: Clause | None = None
    level: Iterable[Clause] = clauses
    while True:
        inner = next((c for c in level if c.start <= offset < c.end), None)
        if inner is None:
            return found
        found = inner
        level = inner.children


def find_clause(clauses: Iterable[Clause], address: str) -> Clause | None:
    """Return the clause with a given address, or None when the document has no such clause."""
    return next((c for c in iter_clauses(clauses) if c.address == address), None)


def outline(clauses: Iterable[Clause], max_depth: int = 3) -> list[tuple[int, Clause]]:
    """Return (depth, clause) pairs down to max_depth, for an outline beside the reading pane."""
    out: list[tuple[int, Clause]] = []

    def visit(level: Iterable[Clause], depth: int) -> None:
        for clause in level:
            out.append((depth, clause))
            if depth + 1 < max_depth:
                visit(clause.children, depth + 1)

    visit(clauses, 0)
    return out
