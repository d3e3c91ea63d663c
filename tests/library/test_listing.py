"""The document list read without opening the library: what the tree shows first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library.library import Library
from reader.library.listing import STORE_FILE, read_listing
from tests.search.documents import add_documents, gold_documents

DOCS = gold_documents()[:3]


def test_the_listing_is_the_library_s_own_list(tmp_path: Path) -> None:
    library = Library.open_folder(tmp_path / "library")
    add_documents(library, DOCS[:2], "first.txt")
    add_documents(library, DOCS[2:], "second.txt")
    expected = (library.documents(), [source.name for source in library.sources()])
    library.close()
    store = tmp_path / "library" / STORE_FILE
    before = store.read_bytes()

    listing = read_listing(tmp_path / "library")

    assert listing is not None
    assert (listing.summaries, listing.source_order) == expected
    assert listing.source_order == ["first.txt", "second.txt"]
    assert store.read_bytes() == before


def test_nothing_to_list_without_a_store(tmp_path: Path) -> None:
    assert read_listing(tmp_path / "library") is None


def test_a_store_that_needs_migrating_is_left_to_the_full_open(tmp_path: Path) -> None:
    Library.open_folder(tmp_path / "library").close()
    store = tmp_path / "library" / STORE_FILE
    with sqlite3.connect(store) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute(f"PRAGMA user_version = {version + 1}")
    before = store.read_bytes()
    assert read_listing(tmp_path / "library") is None
    assert store.read_bytes() == before
