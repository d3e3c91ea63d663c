"""The values of documents that know each other: citations, relations, validity.

A document's text names other documents: a 《标题》 (or its 简称, or a short form such as
《条例》 after a full mention), a 文号, a 第X条 of itself or of a named law. Each mention is a
``Citation``; resolved, it points at a document of the library (the version in force on the
citing document's date) and, where a 第X条 follows, at a clause. Repeals and amendments read
from the text are ``Relation``s; a document's validity is a ``Status`` that always names the
sentence it comes from. ``DocumentLinks`` is everything the reading pane's 关联 panel and
``reader-cli links`` show for one document.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.corpus.model import DocumentId, DocumentSummary

# Kinds of a citation.
CITE_TITLE = "title"  # 《中华人民共和国安全生产法》
CITE_SHORT = "short"  # 《安全生产法》 declared as 以下简称, or 《条例》 after a full mention
CITE_DOC_NUMBER = "doc_number"  # 国发〔2024〕5号
CITE_ARTICLE = "article"  # 第十条 (of this document, or of the work just named)

# Kinds of a relation, as seen from the document that holds the sentence.
REPEALS = "废止"  # 《…》同时废止 / …不再执行
AMENDS = "修改"  # 将《…》第X条修改为 / 关于修改《…》的决定
IMPLEMENTS = "依据"  # 根据《…》 / 为贯彻落实《…》

# Validity codes (JSON and --status) and the words the window shows for them.
STATUS_LABELS = {
    "in_force": "现行有效",
    "amended": "已修改",
    "repealed": "已废止",
    "not_yet": "尚未施行",
    # Its own 有效期至… has passed (read from its title or text; nothing repealed it).
    "expired": "已失效",
    "unknown": "不详",
}


@dataclass(frozen=True)
class Citation:
    """One mention, in the citing document's text, of another document or of a clause.

    Attributes:
        source_id: the citing document.
        start, end: the mention's character offsets in the citing ``Document.text``.
        text: the mention as printed (``《…》``, a 文号, ``第十条``).
        kind: one of the ``CITE_*`` kinds.
        sentence: the sentence the mention stands in (the backlinks list shows it).
        title: the cited work's full title when known (the 简称 expanded), else the mention.
        target_id: the library document it resolves to, ``None`` when the library lacks it.
        clause: the cited clause's ``Clause.address`` when a 第X条 names one, else ``None``.
    """

    source_id: DocumentId
    start: int
    end: int
    text: str
    kind: str
    sentence: str
    title: str
    target_id: DocumentId | None = None
    clause: str | None = None


@dataclass(frozen=True)
class Relation:
    """A repeal, an amendment or a legal basis, read from one sentence of ``source_id``.

    ``source_id`` holds the sentence (the repealing or amending document); ``target_id`` is
    the document repealed, amended or relied on (``None`` when the library lacks it, with
    ``target_title`` as printed).
    """

    kind: str
    source_id: DocumentId
    target_title: str
    sentence: str
    target_id: DocumentId | None = None


@dataclass(frozen=True)
class Status:
    """A document's validity and the evidence for it (never guessed).

    Attributes:
        code: a key of ``STATUS_LABELS``.
        evidence: the sentence the status comes from (``None`` only for ``unknown``).
        by_id: the document that repealed or superseded this one, when there is one.
    """

    code: str
    evidence: str | None = None
    by_id: DocumentId | None = None

    @property
    def label(self) -> str:
        """The status in words, as the header card, the tree and the command line show it."""
        return STATUS_LABELS[self.code]


@dataclass(frozen=True)
class DocumentLinks:
    """Everything one document's links are: what it cites, who cites it, its relations."""

    doc_id: DocumentId
    cites: tuple[Citation, ...]
    cited_by: tuple[Citation, ...]
    versions: tuple[DocumentSummary, ...]
    relations: tuple[Relation, ...]
    status: Status

    @property
    def unresolved(self) -> tuple[Citation, ...]:
        """Citations of works the library does not hold (本文引用，文库中没有)."""
        return tuple(c for c in self.cites if c.target_id is None and c.kind != CITE_ARTICLE)
