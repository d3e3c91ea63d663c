"""The plain node tree behind the notes panels and the Markdown export.

Notes are grouped by document (by title), then by clause in reading order, with the orphans
of a document last in a group of their own. The panels' item models only translate indexes
into this tree; the export walks the same tree, so what the user sees and what is exported
are grouped alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.nodes import NodeLinks
from reader.notes.citation import clause_text
from reader.notes.model import DocumentSnapshot, Note
from reader.notes.rows import time_text

ROOT = "root"
DOCUMENT = "document"
CLAUSE = "clause"
ORPHANS = "orphans"
NOTE = "note"



@dataclass(eq=False)
class NoteNode(NodeLinks):
    """One node of the notes tree.

    Attributes:
        kind: ``root``, ``document``, ``clause`` (notes in one clause, or in the text outside
            any clause when ``key`` is None), ``orphans`` or ``note``.
        key: the document id, the clause address, or the note id, by kind.
        document: the document snapshot, on document nodes and below.
        note: the bookmark or annotation of a ``note`` node.
        children: child nodes in display order.
        parent: the parent node, None for the root.
    """

    kind: str
    key: str | None = None
    document: DocumentSnapshot | None = None
    note: Note | None = None
    children: list[NoteNode] = field(default_factory=list)
    parent: NoteNode | None = None

    @property
    def heading(self) -> str:
        """A short text for a group node: the clause as cited, 正文, or 未能定位."""
        if self.kind == CLAUSE:
            return clause_text(self.key) or "正文"
        if self.kind == ORPHANS:
            return "未能定位（原文已改动）"
        if self.kind == DOCUMENT and self.document is not None:
            return self.document.title
        return ""

    def notes(self) -> list[Note]:
        """Return every note at or below this node, in display order."""
        return [node.note for node in self.walk() if node.note is not None]


def _order(note: Note) -> tuple[str, str, bool, int, str, str]:
    doc = note.document
    return (doc.title, doc.doc_id, note.orphan, note.anchor.start, time_text(note.created),
            note.id)


def notes_tree(notes: Iterable[Note]) -> NoteNode:
    """Group bookmarks and annotations into the tree: document → clause → note."""
    root = NoteNode(ROOT)
    doc_node: NoteNode | None = None
    group: NoteNode | None = None
    for note in sorted(notes, key=_order):
        if doc_node is None or doc_node.key != note.document.doc_id:
            doc_node = root.add(NoteNode(DOCUMENT, note.document.doc_id, note.document))
            group = None
        kind = ORPHANS if note.orphan else CLAUSE
        key = None if note.orphan else note.anchor.clause_address
        if group is None or (group.kind, group.key) != (kind, key):
            group = doc_node.add(NoteNode(kind, key, note.document))
        group.add(NoteNode(NOTE, note.id, note.document, note))
    return root
