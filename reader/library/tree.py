"""The plain node tree behind the library view: documents grouped by issuer, date, source, type.

The tree holds structure and keys only (an organ's name, a year as a number, ``None`` for
"unknown"); turning keys into words is the view's job, so the UI can translate them. A joint
document appears under each of its organs, so counts are of distinct documents below a node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.nodes import NodeLinks

if TYPE_CHECKING:  # reader.corpus loads the splitter; the tree needs only the names
    from reader.corpus.model import DocumentId, DocumentSummary, FrontPart

TREE_MODES = ("issuer", "date", "source", "type")

# Node kinds. Group kinds name what their key is; documents carry their summary.
ROOT = "root"
LEVEL = "level"  # a level of the organ tree above organs: 中央, 国务院组成部门, 江苏省, 广州市
ISSUER = "issuer"
YEAR = "year"
MONTH = "month"
SOURCE = "source"
TYPE = "type"
DOCUMENT = "document"
FRONT = "front"  # a source's front matter (cover, contents, the editor's chapters): no document

GroupKey = str | int | None


@dataclass(eq=False)
class TreeNode(NodeLinks):
    """One node of the library tree.

    Attributes:
        kind: ``root``, a group kind (``issuer``, ``year``, ``month``, ``source``, ``type``)
            or ``document``.
        key: the group's value (organ name, year, month number, file name, type), ``None``
            when unknown (undated, no issuer); for documents the document id.
        summary: the document's summary, for ``document`` nodes only.
        children: child nodes in display order.
        parent: the parent node, ``None`` for the root.
        count: distinct documents at or below this node.
        title: a source's own title (from its cover), for ``source`` nodes that have one.
        part: the front matter a ``front`` node stands for (its key is its first line).
    """

    kind: str
    key: GroupKey
    summary: DocumentSummary | None = None
    children: list[TreeNode] = field(default_factory=list)
    parent: TreeNode | None = None
    count: int = 0
    title: str | None = None
    part: FrontPart | None = None

    @property
    def doc_id(self) -> DocumentId | None:
        """The document id of a document node, else None."""
        return self.summary.id if self.summary is not None else None

    def document_ids(self) -> set[DocumentId]:
        """Return the ids of every document at or below this node."""
        return {node.summary.id for node in self.walk() if node.summary is not None}

    def find_document(self, doc_id: str) -> TreeNode | None:
        """Return the first node showing ``doc_id``, depth first, or None."""
        for node in self.walk():
            if node.summary is not None and node.summary.id == doc_id:
                return node
        return None

    def path(self) -> tuple[tuple[str, GroupKey], ...]:
        """Return (kind, key) pairs from below the root down to this node.

        The path survives rebuilding the tree, so a view can restore its expanded groups.
        """
        parts: list[tuple[str, GroupKey]] = []
        node: TreeNode | None = self
        while node is not None and node.parent is not None:
            parts.append((node.kind, node.key))
            node = node.parent
        return tuple(reversed(parts))


def _newest_first(summary: DocumentSummary) -> tuple[str, str]:
    return (summary.date or "", summary.title)


def _by_date_desc(items: list[DocumentSummary]) -> list[DocumentSummary]:
    dated = sorted((s for s in items if s.date), key=_newest_first, reverse=True)
    undated = sorted((s for s in items if not s.date), key=lambda s: s.title)
    return dated + undated


def _month(summary: DocumentSummary) -> int | None:
    if summary.date and len(summary.date) >= 7:
        try:
            return int(summary.date[5:7])
        except ValueError:
            return None
    return None


def _group(
    parent: TreeNode,
    kind: str,
    items: list[DocumentSummary],
    key_of: Callable[[DocumentSummary], Iterable[GroupKey]],
    order: Callable[[GroupKey], tuple[int, Any]],
) -> list[tuple[TreeNode, list[DocumentSummary]]]:
    """Add one level of groups under ``parent``; return each group with its documents."""
    buckets: dict[GroupKey, list[DocumentSummary]] = {}
    for summary in items:
        for key in dict.fromkeys(key_of(summary)):
            buckets.setdefault(key, []).append(summary)
    out = []
    for key in sorted(buckets, key=order):
        node = parent.add(TreeNode(kind=kind, key=key))
        out.append((node, buckets[key]))
    return out


def _unknown_last_desc(key: GroupKey) -> tuple[int, str | int]:
    """Newest first for numbers; unknown last."""
    if key is None:
        return (1, 0)
    return (0, -key if isinstance(key, int) else key)


def _leaves(parent: TreeNode, items: list[DocumentSummary]) -> None:
    for summary in items:
        parent.add(TreeNode(kind=DOCUMENT, key=summary.id, summary=summary, count=1))


def _by_year(parent: TreeNode, items: list[DocumentSummary]) -> None:
    for year, in_year in _group(parent, YEAR, items, lambda s: [s.year], _unknown_last_desc):
        _leaves(year, _by_date_desc(in_year))


def build_tree(
    summaries: Iterable[DocumentSummary],
    mode: str = "issuer",
    source_order: list[str] | None = None,
    name_key: Callable[[str], Any] | None = None,
    front_matter: Mapping[str, Sequence[FrontPart]] | None = None,
) -> TreeNode:
    """Return the root of the library tree for ``summaries`` grouped by ``mode``.

    Modes: ``issuer`` (canonical organ → year → documents, a joint document under every
    organ), ``date`` (year → month → documents), ``source`` (compilation → documents in the
    order they appear in it), ``type`` (document type → documents). ``source_order`` lists
    source file names in the order their groups should appear (default: by name).
    ``name_key`` orders organ and type names (the UI passes a collation that sorts Chinese
    by pinyin; the default is code point order). ``front_matter`` lists each source's front
    matter; the by-source tree shows it among the source's documents, in the order of the file.
    """
    if mode not in TREE_MODES:
        raise ValueError(f"unknown tree mode {mode!r}; expected one of {TREE_MODES}")
    items = list(summaries)
    root = TreeNode(kind=ROOT, key=None)
    collate = name_key or str

    def by_name(key: GroupKey) -> tuple[int, Any]:
        return (1, "") if key is None else (0, collate(str(key)))

    if mode == "issuer":
        from reader.library.organ_tree import add_organs

        for organ, docs in add_organs(root, items, collate):
            _by_year(organ, docs)
    elif mode == "date":
        for year, docs in _group(root, YEAR, items, lambda s: [s.year], _unknown_last_desc):
            for month, in_month in _group(year, MONTH, docs, lambda s: [_month(s)],
                                          _unknown_last_desc):
                _leaves(month, _by_date_desc(in_month))
    elif mode == "source":
        rank = {name: number for number, name in enumerate(source_order or [])}

        def source_rank(key: GroupKey) -> tuple[int, str | int]:
            name = str(key)
            return (0, rank[name]) if name in rank else (1, name)

        for source, docs in _group(root, SOURCE, items, lambda s: [s.source.file], source_rank):
            source.title = next((s.source_title for s in docs if s.source_title), None)
            _leaves(source, sorted(docs, key=lambda s: s.source.start_line))
            _add_front_matter(source, (front_matter or {}).get(str(source.key), ()))
    else:
        for doc_type, docs in _group(root, TYPE, items, lambda s: [s.doc_type], by_name):
            _leaves(doc_type, _by_date_desc(docs))
    _count(root)
    return root


def _add_front_matter(source: TreeNode, parts: Sequence[FrontPart]) -> None:
    """Put a source's front matter among its documents, where it stands in the file."""
    for part in parts:
        source.add(TreeNode(kind=FRONT, key=part.heading, part=part))

    def line(node: TreeNode) -> int:
        if node.part is not None:
            return node.part.start_line
        return node.summary.source.start_line if node.summary is not None else 0

    source.children.sort(key=line)


def _count(node: TreeNode) -> set[DocumentId]:
    """Set ``count`` on every node to its number of distinct documents; return their ids."""
    if node.summary is not None:
        node.count = 1
        return {node.summary.id}
    ids: set[DocumentId] = set()
    for child in node.children:
        ids |= _count(child)
    node.count = len(ids)
    return ids


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def matches(summary: DocumentSummary, needle: str) -> bool:
    """Return whether a document's title, 文号, issuers or date contain ``needle``.

    A needle that names a known organ (any alias) matches the documents that organ issued.
    Spaces are ignored on both sides: PDF text puts them in odd places
    (``国家发展改革委 国家能源局``), and people type ``发改能源 2022`` for ``发改能源〔2022〕``.
    """
    wanted = _squash(needle)
    if not wanted:
        return True
    from reader.library.organ_tree import issued_by, organ_named

    organ = organ_named(needle)
    if organ is not None:
        # An organ's name by any alias finds what it (or a sub-unit of it) issued, the same
        # documents whichever spelling is typed.
        return issued_by(summary, organ)
    haystack = _squash(
        " ".join(
            [
                summary.title,
                summary.doc_number or "",
                summary.date or "",
                summary.doc_type or "",
                *summary.issuers,
                *summary.issuers_canonical,
            ]
        )
    )
    if wanted in haystack:
        return True
    # 〔2022〕 and [2022] and (2022) all match a typed 2022.
    plain = haystack.translate(_BRACKETS)
    return _squash(needle).translate(_BRACKETS) in plain


_BRACKETS = str.maketrans("", "", "〔〕[]【】()（）")


def filter_tree(root: TreeNode, text: str) -> TreeNode:
    """Return a copy of ``root`` keeping documents that match ``text``, empty groups dropped.

    A group whose own name matches keeps all its documents (typing an organ's name shows
    everything it issued).
    """
    if not _squash(text):
        return root
    from reader.library.organ_tree import organ_named

    # An organ typed by any alias is matched by its documents (``matches``), not by the
    # letters of a node's name: 国务院 must not keep every ministry below the 国务院 node.
    wanted = None if organ_named(text) else _squash(text)

    def copy(node: TreeNode, keep_all: bool) -> TreeNode | None:
        if node.summary is not None:
            if keep_all or matches(node.summary, text):
                return TreeNode(kind=node.kind, key=node.key, summary=node.summary)
            return None
        names = _squash(f"{node.key or ''} {node.title or ''}")
        own = (wanted is not None and node.kind in (ISSUER, LEVEL, SOURCE, TYPE, FRONT)
               and node.key is not None and wanted in names)
        if node.kind == FRONT:
            return TreeNode(kind=FRONT, key=node.key, part=node.part) if keep_all or own else None
        clone = TreeNode(kind=node.kind, key=node.key, title=node.title)
        for child in node.children:
            kept = copy(child, keep_all or own)
            if kept is not None:
                clone.add(kept)
        if clone.children or node.kind == ROOT:
            return clone
        return None

    result = copy(root, False)
    assert result is not None
    _count(result)
    return result
