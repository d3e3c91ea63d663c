"""Versions of one work: the same law (title and issuers) with another text.

A revised law is a new text of the same work; the library keeps every version, shows the
newest first and lets each version find the others. A dated version's id differs by its
date; an undated text that would take a stored document's id gets one from a digest of its
text instead, so that no text is ever dropped as "already known".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.corpus.model import Document, DocumentId, DocumentSummary
from reader.library.store import DocumentStore

# Titles that name a kind of text, not one work: each order (令) or 公告 is its own.
_NO_VERSIONS = ("令", "公告", "通告")


def work_key(summary: DocumentSummary) -> str | None:
    """Return what the versions of one work share: its title and its issuers.

    Two provinces' 关于科学绿化的实施意见 are two works; two texts of one law by one organ are
    two versions. An order or a 公告 has no versions (its title names only its kind).
    """
    from reader.corpus.toc import normalize_title

    if summary.doc_type in _NO_VERSIONS:
        return None
    return normalize_title(summary.title) + "|" + "、".join(sorted(summary.issuers_canonical))


def newest_versions(summaries: Sequence[DocumentSummary]) -> list[DocumentSummary]:
    """Keep, of each work, only its newest version (latest date; the later import on a tie)."""
    best: dict[str, DocumentSummary] = {}
    for number, summary in enumerate(summaries):
        key = work_key(summary) or f"#{number}"
        kept = best.get(key)
        if kept is None or (summary.date or "") >= (kept.date or ""):
            best[key] = summary
    chosen = {id(summary) for summary in best.values()}
    return [summary for summary in summaries if id(summary) in chosen]


def other_versions(summaries: Sequence[DocumentSummary], doc_id: str) -> list[DocumentSummary]:
    """Return the other versions of a document among ``summaries``, newest first."""
    own = next((s for s in summaries if s.id == doc_id), None)
    key = work_key(own) if own is not None else None
    if key is None:
        return []
    others = [s for s in summaries if s.id != doc_id and work_key(s) == key]
    return sorted(others, key=lambda s: s.date or "", reverse=True)


def as_version(store: DocumentStore, doc: Document, name: str) -> Document:
    """Give an undated document another id when the library holds a different text of it.

    A dated document's id already tells its versions apart (the date of each text is in it);
    an undated one with the same title and 文号 as a stored document of another source, but
    another text, would otherwise be taken for it and its text dropped.
    """
    if doc.date is not None or store.source_names(doc.id) in ((), (name,)):
        return doc
    stored = store.text(doc.id)
    if stored is None or "".join(stored.split()) == "".join(doc.text.split()):
        return doc
    from reader.corpus.split import document_id

    return replace(doc, id=DocumentId(document_id(doc.title, doc.doc_number, None, doc.text)))


class WorkIndex:
    """Which documents of a library belong to which work (built once for many questions)."""

    def __init__(self, summaries: Sequence[DocumentSummary]) -> None:
        self._key_of: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        for summary in summaries:
            if (key := work_key(summary)) is not None:
                self._key_of[summary.id] = key
                self._members.setdefault(key, []).append(summary.id)

    def new_versions(self, added: Sequence[DocumentId]) -> tuple[DocumentId, ...]:
        """Return the ``added`` documents whose work the library held before they came."""
        new = set(added)
        return tuple(
            doc_id
            for doc_id in added
            if (key := self._key_of.get(doc_id)) is not None
            and any(other not in new for other in self._members[key])
        )
