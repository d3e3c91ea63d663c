"""The levels of the by-organ tree, and finding an organ's documents by any of its names.

``corpus.organ_levels`` says where one organ stands (中央 → 国务院 → 国务院组成部门 → 财政部 →
财政部办公厅; 地方 → 广东省 → 广州市 → 广州市应急管理局). Here the library's documents are hung
on those levels: a joint document under each of its organs, a city or an abbreviated organ
under the province its document points to. The same reading of names serves the tree's
filter and ``reader-cli list --issuer``, so 国家发展和改革委员会 and 国家发展改革委 find the same
documents everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader.corpus.abbreviated import PROVINCE_CODES, is_abbreviated, province_of
from reader.corpus.organ_levels import ORGAN, Level, organ_path
from reader.corpus.organs import canonical_issuer, is_known_organ, is_sub_unit

if TYPE_CHECKING:
    from reader.corpus.model import DocumentSummary
    from reader.library.tree import TreeNode

# Where the documents that print no organ sort: after every level.
_UNSIGNED_ORDER = 10_000


@lru_cache(maxsize=8192)
def _canonical(name: str) -> str:
    return canonical_issuer(name)


@lru_cache(maxsize=8192)
def _path(organ: str, province: str | None) -> tuple[Level, ...]:
    return organ_path(organ, province)


def organs_of(summary: DocumentSummary) -> tuple[str, ...]:
    """Return a document's organs under their canonical names (read again from the printed
    names, so a library stored before a new alias or rule still groups by it)."""
    names = summary.issuers or summary.issuers_canonical
    return tuple(dict.fromkeys(_canonical(name) for name in names if name.strip()))


def _number_province(doc_number: str | None) -> str | None:
    return PROVINCE_CODES.get(doc_number[:1]) if doc_number else None


def source_provinces(summaries: Iterable[DocumentSummary]) -> dict[str, str]:
    """Return, for each source, the province most of its organs belong to (if any)."""
    names: dict[str, list[str]] = {}
    for summary in summaries:
        names.setdefault(summary.source.file, []).extend(organs_of(summary))
    found = {source: province_of(organs) for source, organs in names.items()}
    return {source: province for source, province in found.items() if province}


def province_hint(summary: DocumentSummary, by_source: dict[str, str]) -> str | None:
    """Return the province a document points to when an organ of it does not say.

    Its other organs first, then its 文号's 机关代字 (粤府办: 广东), then its compilation.
    """
    return (province_of(organs_of(summary)) or _number_province(summary.doc_number)
            or by_source.get(summary.source.file))


def add_organs(
    root: TreeNode, items: list[DocumentSummary], collate: Callable[[str], Any]
) -> list[tuple[TreeNode, list[DocumentSummary]]]:
    """Add the organ levels under ``root``; return each organ node with its own documents.

    Documents that print no organ go under one last node whose key is None.
    """
    from reader.library.tree import ISSUER, LEVEL, TreeNode

    by_source = source_provinces(items)
    nodes: dict[tuple[str, ...], TreeNode] = {}
    order: dict[int, tuple[int, Any]] = {}
    own: dict[int, dict[str, DocumentSummary]] = {}
    unsigned: list[DocumentSummary] = []
    for summary in items:
        organs = organs_of(summary)
        if not organs:
            unsigned.append(summary)
            continue
        hint = province_hint(summary, by_source)
        for organ in organs:
            parent = root
            names: tuple[str, ...] = ()
            for level in _path(organ, hint):
                names = (*names, level.name)
                node = nodes.get(names)
                if node is None:
                    kind = ISSUER if level.kind == ORGAN else LEVEL
                    node = nodes[names] = parent.add(TreeNode(kind=kind, key=level.name))
                    order[id(node)] = (level.order, collate(level.name))
                parent = node
            own.setdefault(id(parent), {})[summary.id] = summary
    if unsigned:
        node = root.add(TreeNode(kind=ISSUER, key=None))
        order[id(node)] = (_UNSIGNED_ORDER, "")
        own[id(node)] = {summary.id: summary for summary in unsigned}
    out: list[tuple[TreeNode, list[DocumentSummary]]] = []
    for node in root.walk():
        node.children.sort(key=lambda child: order[id(child)])
    for node in root.walk():
        if id(node) in own:
            out.append((node, list(own[id(node)].values())))
    return out


def organ_named(text: str) -> str | None:
    """Return the organ ``text`` names by any of its spellings (canonical name), or None.

    ``国家发展和改革委员会``, ``国家发改委`` and ``国家发展改革委`` all give ``国家发展改革委``;
    a text that is no known organ's name gives None.
    """
    squashed = "".join(text.split())
    if not squashed:
        return None
    canonical = _canonical(squashed)
    if is_known_organ(squashed) or canonical != squashed or is_known_organ(canonical):
        return canonical
    return None


def issued_by(summary: DocumentSummary, organ: str) -> bool:
    """Tell whether ``organ`` (a canonical name) or one of its sub-units issued the document."""
    return any(name == organ or (name.startswith(organ) and is_sub_unit(name[len(organ):]))
               for name in organs_of(summary))


def matching_issuer(summaries: Iterable[DocumentSummary], wanted: str) -> list[DocumentSummary]:
    """Return the documents issued by ``wanted``: any spelling of an organ, or a name as stored.

    A known organ by any alias (and its sub-units: 工业和信息化部 takes in its 办公厅); any other
    name by its canonical or printed form, as the documents carry it.
    """
    organ = organ_named(wanted)
    if organ is not None:
        return [summary for summary in summaries if issued_by(summary, organ)]
    names = {wanted.strip(), _canonical(wanted)}
    return [summary for summary in summaries
            if names & {*summary.issuers, *summary.issuers_canonical, *organs_of(summary)}]


def bare_organs(root: TreeNode) -> list[str]:
    """Return the organ nodes of a tree that leave their place out (省人民政府, 财政厅)."""
    from reader.library.tree import ISSUER

    return [str(node.key) for node in root.walk()
            if node.kind == ISSUER and node.key is not None and is_abbreviated(str(node.key))]


def organ_counts(summaries: Iterable[DocumentSummary]) -> Counter[str]:
    """Return how many documents each organ issued, by canonical name (for a filter's list)."""
    return Counter(organ for summary in summaries for organ in organs_of(summary))
