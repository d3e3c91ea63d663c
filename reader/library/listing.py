"""The library's document list, read without opening the library.

The window fills its tree from this before the search index is open: it imports only the
store (no Whoosh, no jieba) and writes nothing. ``STORE_FILE`` is the one place the store's
file name inside a library folder is spelled.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus.model import DocumentSummary, FrontPart

STORE_FILE = "library.sqlite3"


@dataclass(frozen=True)
class Listing:
    """The library's documents in import order and its sources' names in import order."""

    summaries: list[DocumentSummary]
    source_order: list[str]
    #: Each source's front matter (cover, contents, the editor's chapters), for the by-source tree.
    front_matter: dict[str, tuple[FrontPart, ...]] = field(default_factory=dict)


def read_listing(directory: Path) -> Listing | None:
    """Return the documents of the library in ``directory``, or None if it cannot be listed.

    None when there is no store yet (the first start installs one) or when the store is of
    another schema version: opening the library runs at the same time and alone may migrate
    it, so only a store that needs no migration is read (opening it then writes nothing).
    """
    from reader.library.store import SCHEMA_VERSION, DocumentStore

    store_file = directory / STORE_FILE
    if not store_file.is_file():
        return None
    with contextlib.closing(sqlite3.connect(f"{store_file.as_uri()}?mode=ro", uri=True)) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        return None
    store = DocumentStore(store_file)
    try:
        sources = store.sources()
        return Listing(store.all_summaries(), [source.name for source in sources],
                       {source.name: source.parts for source in sources})
    finally:
        store.close()
