"""The user's bookmarks and annotations in SQLite: anchoring, export, migrations. No Qt here.

The UI and the command line use this package through the names below; see
``docs/ARCHITECTURE.md`` ("notes") for how they fit together.
"""

from __future__ import annotations

from reader.notes.anchoring import (
    Anchorer,
    Located,
    Method,
    clause_anchor,
    locate,
    make_anchor,
    paragraph_anchor,
)
from reader.notes.citation import cite_selection, clause_text, copy_text, format_citation
from reader.notes.db import Recovery
from reader.notes.exchange import export_json, export_markdown, import_json
from reader.notes.follow import FollowReport, ImportOutcome, Moved, follow_import
from reader.notes.model import (
    Anchor,
    Annotation,
    AnnotationFilter,
    AnnotationId,
    Bookmark,
    BookmarkId,
    Colour,
    DocumentSnapshot,
    Note,
)
from reader.notes.store import NoteNotFound, NotesStore, ReanchorReport
from reader.notes.tree import NoteNode, notes_tree

__all__ = [
    "Anchor",
    "Anchorer",
    "Annotation",
    "AnnotationFilter",
    "AnnotationId",
    "Bookmark",
    "BookmarkId",
    "Colour",
    "DocumentSnapshot",
    "FollowReport",
    "ImportOutcome",
    "Located",
    "Method",
    "Moved",
    "Note",
    "NoteNode",
    "NoteNotFound",
    "NotesStore",
    "ReanchorReport",
    "Recovery",
    "cite_selection",
    "clause_anchor",
    "clause_text",
    "copy_text",
    "export_json",
    "export_markdown",
    "follow_import",
    "format_citation",
    "import_json",
    "locate",
    "make_anchor",
    "notes_tree",
    "paragraph_anchor",
]
