"""The values that splitting produces: documents, their clauses and where they came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field, fields
from typing import Any, NewType

from reader.records import to_plain

DocumentId = NewType("DocumentId", str)


@dataclass(frozen=True)
class Clause:
    """One node of a document's clause structure (编/章/节/条/款, 一、/（一）/1./（1）).

    Attributes:
        address: stable path of labels from the root, e.g. ``第三章/第十二条`` or ``二、/（三）``.
        label: this node's own label as printed, e.g. ``第十二条`` or ``（三）``.
        kind: the numbering family: ``编`` ``篇`` ``部分`` ``章`` ``节`` ``条`` ``一、``
            ``（一）`` ``1.`` ``（1）`` ``①`` (the family, not the number).
        heading: the heading text after the label (may be empty for a 条 without a title).
        start: character offset of the clause's first character in ``Document.text``.
        end: character offset one past the clause's last character (children included).
        children: nested clauses in document order.
    """

    address: str
    label: str
    kind: str
    heading: str
    start: int
    end: int
    children: tuple[Clause, ...] = ()

    def walk(self) -> list[Clause]:
        """Return this clause and all its descendants in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class SourceRef:
    """Where a document was found: file name, 1-based inclusive line span, pages.

    ``page`` is the page the document starts on where known (printed page numbers of a text,
    the page of a PDF); ``end_page`` the page it ends on, known for formats with pages.
    """

    file: str
    start_line: int
    end_line: int
    page: int | None = None
    end_page: int | None = None


@dataclass(frozen=True)
class Event:
    """One event of a law's 题注: it was passed, approved, promulgated, amended or took effect.

    Attributes:
        kind: ``通过`` ``批准`` ``公布`` (also for 发布) ``修正`` ``修订`` ``施行``.
        date: ISO date, or None when the 题注 prints none for this event.
        by: who, as printed: the meeting, the congress, the order (令) with its number, the
            decision that amended the text.
        number: the order's number normalised (``国务院令第567号``), when the event has one.
    """

    kind: str
    date: str | None
    by: str
    number: str | None = None


@dataclass(frozen=True)
class DocumentSummary:
    """A document's metadata without its text: what lists, trees and search results carry.

    These fields are the one list of a document's metadata. The library's rows
    (``library.codec``), the command line's JSON (``to_json``), ``Document`` (a summary plus
    text) and the notes' snapshots (``notes.model.DocumentSnapshot``, by field name) are all
    derived from it, through ``reader.records``.

    A law or regulation also carries the ``events`` of its 题注; ``date`` is then the date of
    this text (its newest 公布/修正/修订), ``promulgated`` its first 公布 and ``effective`` the day
    it takes effect (from the 题注 or from ``本条例自…起施行``).

    ``source_title`` is the compilation's own title (``工程咨询文件汇编（2022年）``) where its
    cover prints one: what a reader calls the source; ``source.file`` stays the file's name.

    ``issuers`` are the organs as printed (every organ of a joint document);
    ``issuers_canonical`` are the same organs under one canonical name each, in the same order
    and deduplicated. ``doc_number`` is normalised to full-width 〔〕 with no spaces; ``date``
    is ISO (``2025-03-25``, or ``2025-03`` where only the month is printed).
    """

    id: DocumentId
    title: str
    issuers: tuple[str, ...]
    issuers_canonical: tuple[str, ...]
    doc_number: str | None
    date: str | None
    doc_type: str | None
    source: SourceRef
    _: KW_ONLY
    # A new metadata field goes here, with a default (stores and exports written before it
    # existed lack it), e.g. ``effective: str | None = None``; see docs/ARCHITECTURE.md.
    events: tuple[Event, ...] = ()
    promulgated: str | None = None
    effective: str | None = None
    #: The own title of the compilation ``source`` names (from its cover), where it prints one.
    source_title: str | None = None

    @property
    def year(self) -> int | None:
        """The year of ``date``, or None when the document is undated."""
        return int(self.date[:4]) if self.date else None

    def summary(self) -> DocumentSummary:
        """Return the metadata alone (a ``Document`` without its text)."""
        return DocumentSummary(**{f.name: getattr(self, f.name) for f in fields(DocumentSummary)})

    def to_json(self) -> dict[str, Any]:
        """Return the metadata as DESIGN.md's command-line contract prints it.

        Every field by its name, except ``source``, which is spelled out as ``source`` (the
        file), ``start_line``, ``end_line``, ``page`` and ``end_page``.
        """
        out: dict[str, Any] = {}
        for item in fields(DocumentSummary):
            value = getattr(self, item.name)
            if isinstance(value, SourceRef):
                out.update(source=value.file, start_line=value.start_line,
                           end_line=value.end_line, page=value.page, end_page=value.end_page)
            else:
                out[item.name] = to_plain(value)
        return out


@dataclass(frozen=True)
class Document(DocumentSummary):
    """One real document of a compilation: its metadata (``DocumentSummary``), cleaned text
    and clause structure.

    ``to_json`` (and ``summary_json``) give the metadata only, never the text.
    """

    text: str
    clauses: tuple[Clause, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def all_clauses(self) -> list[Clause]:
        """Return every clause of the document, depth first in document order."""
        out: list[Clause] = []
        for clause in self.clauses:
            out.extend(clause.walk())
        return out

    def summary_json(self) -> dict[str, Any]:
        """Return the fields of DESIGN.md's command-line contract (no text)."""
        return self.to_json()


@dataclass(frozen=True)
class FrontMatter:
    """A part of a compilation that is not a document (cover, table of contents, divider, the
    editor's own chapters such as a monthly report's 本月要点提示)."""

    kind: str  # "cover", "toc", "divider", "preface", "chapter"
    start_line: int
    end_line: int
    text: str

    def part(self) -> FrontPart:
        """Return what the library keeps of it: kind, lines and its first line as heading."""
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), "")
        return FrontPart(self.kind, self.start_line, self.end_line, first[:_HEADING_MAX], self.text)


_HEADING_MAX = 40


@dataclass(frozen=True)
class FrontPart:
    """Front matter as the library lists it under its source: kind, lines, first line, text."""

    kind: str
    start_line: int
    end_line: int
    heading: str
    text: str = ""


@dataclass(frozen=True)
class SplitResult:
    """What splitting one file produced.

    ``reason`` explains an empty ``documents`` (e.g. "no document title was recognised"), so
    callers can tell the user why nothing was imported.
    """

    source: str
    encoding: str
    documents: Sequence[Document]  # a tuple, or spilled to disk for a very large file
    front_matter: tuple[FrontMatter, ...] = ()
    reason: str | None = None
    warnings: tuple[str, ...] = ()
