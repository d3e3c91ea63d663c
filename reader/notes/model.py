"""The values of the user's own data: anchors, bookmarks, annotations and their documents.

Every note carries a snapshot of its document's metadata (title, 文号, issuers), so lists,
filters and exports work without the library — and keep working after the document is removed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import NewType

from reader.corpus.model import Document, DocumentId
from reader.records import field_names

BookmarkId = NewType("BookmarkId", str)
AnnotationId = NewType("AnnotationId", str)

CONTEXT_CHARS = 32


class Colour(StrEnum):
    """The five highlight colours; the stored value is the English name, the label is shown."""

    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    PINK = "pink"
    PURPLE = "purple"

    @property
    def label(self) -> str:
        """The colour's name as shown to the user."""
        return _COLOUR_LABELS[self]


_COLOUR_LABELS = {
    Colour.YELLOW: "黄色",
    Colour.GREEN: "绿色",
    Colour.BLUE: "蓝色",
    Colour.PINK: "粉色",
    Colour.PURPLE: "紫色",
}


def new_bookmark_id() -> BookmarkId:
    """Return a fresh id; uuids keep ids unique across machines so imports merge cleanly."""
    return BookmarkId(uuid.uuid4().hex)


def new_annotation_id() -> AnnotationId:
    """Return a fresh annotation id (a uuid, for the same reason as bookmarks)."""
    return AnnotationId(uuid.uuid4().hex)


def now() -> datetime:
    """Return the current time in UTC, the only time zone stored."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Anchor:
    """Where a note points, described redundantly so it can be found again after edits.

    Modelled on the W3C Web Annotation selectors: a text position selector (``start``/``end``
    offsets in ``Document.text``), a text quote selector (``quote`` with ``prefix`` and
    ``suffix`` context) and, specific to policy documents, the clause address the passage was in.
    """

    doc_id: DocumentId
    clause_address: str | None
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class DocumentSnapshot:
    """A document's metadata as it was when a note was last attached to it.

    The fields are a chosen part of ``DocumentSummary``'s, under the same names (``doc_id``
    is the document's ``id``): they are the columns of the notes database's ``documents``
    table and the keys of a document in the JSON export, both read and written by name. A
    field added here needs its column (a step in ``notes/schema.py``) and a default, so that
    older exports still import.
    """

    doc_id: DocumentId
    title: str
    doc_number: str | None
    issuers: tuple[str, ...]
    issuers_canonical: tuple[str, ...]
    date: str | None

    @classmethod
    def of(cls, document: Document) -> DocumentSnapshot:
        """Take the snapshot of a library document: its fields of the same names."""
        return cls(doc_id=document.id, **{name: getattr(document, name)
                                          for name in field_names(cls, without=("doc_id",))})


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked clause or paragraph.

    ``orphan`` is true when the passage could not be found after the document changed; the
    bookmark is kept (with its last known quote) until the user re-attaches or deletes it.
    """

    id: BookmarkId
    document: DocumentSnapshot
    anchor: Anchor
    label: str
    note: str
    created: datetime
    updated: datetime
    orphan: bool = False


@dataclass(frozen=True)
class Annotation:
    """A highlighted passage with a colour, an optional note and tags."""

    id: AnnotationId
    document: DocumentSnapshot
    anchor: Anchor
    colour: Colour
    note: str
    tags: tuple[str, ...]
    created: datetime
    updated: datetime
    orphan: bool = False


# Either kind of note: lists, the tree, the editor and undo treat both alike.
Note = Bookmark | Annotation


@dataclass(frozen=True)
class AnnotationFilter:
    """What the annotation browser asks for; every field left as None matches everything.

    ``text`` is searched (case-insensitively, as a substring, which suits unsegmented Chinese)
    in the note, the quoted passage and the tags. ``issuer`` matches an issuer as printed or
    under its canonical name.
    """

    doc_id: DocumentId | None = None
    colour: Colour | None = None
    tag: str | None = None
    issuer: str | None = None
    text: str | None = None
    orphans_only: bool = False


def normalize_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Return tags stripped, without empties or repeats, sorted (so stored order is stable)."""
    return tuple(sorted({t.strip() for t in tags if t.strip()}))
