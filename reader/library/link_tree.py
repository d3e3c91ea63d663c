"""The plain node tree behind the 关联 panel: one document's links, in five sections.

本文引用 (the library documents this one cites, each once, with the clauses it names),
引用本文 (who cites it, each mention with its sentence), 其他版本, 废止/修改关系 (read from
either side: what this repeals or amends, what repealed or amended it), and 本文引用，文库中没有
(works it cites that the library lacks). An empty section holds one ``EMPTY`` node, so the
panel always shows all five. Titles come from the library's summaries where it has them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reader.corpus.model import DocumentId, DocumentSummary
from reader.library.link_model import (
    AMENDS,
    IMPLEMENTS,
    REPEALS,
    Citation,
    DocumentLinks,
    Relation,
)
from reader.nodes import NodeLinks

# The sections, in the panel's order.
CITES = "本文引用"
CITED_BY = "引用本文"
VERSIONS = "其他版本"
RELATIONS = "废止/修改关系"
UNRESOLVED = "本文引用，文库中没有"
SECTIONS = (CITES, CITED_BY, VERSIONS, RELATIONS, UNRESOLVED)

# A document's title by id, else the fallback given (the title as the citation printed it).
_Titles = Callable[[str | None, str], str]

# Kinds of a node.
ROOT = "root"
SECTION = "section"
DOCUMENT = "document"  # a cited or citing document, a version, the other side of a relation
MENTION = "mention"  # one place: a clause cited, a citing sentence
MISSING = "missing"  # a work the library lacks
EMPTY = "empty"

# A relation in words, from this document's side and from the other's.
_RELATION_WORDS = {
    REPEALS: ("本文废止", "废止本文"),
    AMENDS: ("本文修改", "修改本文"),
    IMPLEMENTS: ("本文依据", "依据本文"),
}


@dataclass(eq=False)
class LinkNode(NodeLinks):
    """One line of the 关联 panel.

    Attributes:
        kind: one of the kinds above.
        label: what the line says.
        detail: the sentence behind it (a citing sentence, a repeal), "" when none.
        doc_id: the document the line opens, if any.
        clause: the clause address to open it at, if any.
        offset: the text offset to open it at (a citing sentence), if any.
        count: for a section, how many entries it holds.
    """

    kind: str
    label: str
    detail: str = ""
    doc_id: DocumentId | None = None
    clause: str | None = None
    offset: int | None = None
    count: int = 0
    children: list[LinkNode] = field(default_factory=list)
    parent: LinkNode | None = None


def links_tree(links: DocumentLinks, summaries: Mapping[str, DocumentSummary]) -> LinkNode:
    """Return the 关联 panel's tree for ``links``; ``summaries`` gives titles by id."""

    def title(doc_id: str | None, fallback: str) -> str:
        summary = summaries.get(doc_id) if doc_id else None
        return summary.title if summary is not None else fallback

    root = LinkNode(ROOT, "")
    sections = {name: root.add(LinkNode(SECTION, name)) for name in SECTIONS}
    _add_cites(sections[CITES], links, title)
    for citation in links.cited_by:
        node = sections[CITED_BY].add(LinkNode(
            DOCUMENT, f"《{title(citation.source_id, citation.title)}》",
            detail=citation.sentence, doc_id=citation.source_id, offset=citation.start))
        node.add(LinkNode(MENTION, citation.sentence, detail=citation.sentence,
                          doc_id=citation.source_id, offset=citation.start))
    for summary in links.versions:
        when = summary.date or "日期不详"
        sections[VERSIONS].add(LinkNode(DOCUMENT, f"{summary.title}（{when}）",
                                        doc_id=summary.id))
    for relation in links.relations:
        sections[RELATIONS].add(_relation_node(relation, links.doc_id, title))
    seen: set[str] = set()
    for citation in links.unresolved:
        if citation.title not in seen:
            seen.add(citation.title)
            sections[UNRESOLVED].add(LinkNode(MISSING, _quoted(citation.title),
                                              detail=citation.sentence))
    for section in sections.values():
        section.count = len(section.children)
        if not section.children:
            section.add(LinkNode(EMPTY, "无"))
    return root


def _add_cites(section: LinkNode, links: DocumentLinks, title: _Titles) -> None:
    """One node per cited document (first mention first), a child per clause it names."""
    by_target: dict[str, LinkNode] = {}
    for citation in links.cites:
        target = citation.target_id
        if target is None or target == links.doc_id:
            continue  # unresolved ones have their own section; 第X条 of itself is no link out
        node = by_target.get(target)
        if node is None:
            node = section.add(LinkNode(DOCUMENT, f"《{title(target, citation.title)}》",
                                        detail=citation.sentence, doc_id=target))
            by_target[target] = node
        if citation.clause and all(child.clause != citation.clause for child in node.children):
            node.add(_clause_node(citation))


def _clause_node(citation: Citation) -> LinkNode:
    label = citation.clause.replace("/", "") if citation.clause else citation.text
    return LinkNode(MENTION, label, detail=citation.sentence, doc_id=citation.target_id,
                    clause=citation.clause)


def _relation_node(relation: Relation, doc_id: str, title: _Titles) -> LinkNode:
    own, other = _RELATION_WORDS.get(relation.kind, (relation.kind, relation.kind))
    if relation.source_id == doc_id:
        name = title(relation.target_id, relation.target_title)
        return LinkNode(DOCUMENT, f"{own}：{_quoted(name)}", detail=relation.sentence,
                        doc_id=relation.target_id)
    name = title(relation.source_id, relation.source_id)
    return LinkNode(DOCUMENT, f"{other}：{_quoted(name)}", detail=relation.sentence,
                    doc_id=relation.source_id)


def _quoted(title: str) -> str:
    return title if title.startswith("《") else f"《{title}》"
