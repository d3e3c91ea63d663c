"""A compilation's front matter is kept with its source, and read back by the listing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reader.library.library import Library
from reader.library.listing import STORE_FILE, read_listing
from tests.conftest import SEEDS


def test_front_matter_is_kept_with_its_source_and_listed(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    library = Library.open_folder(folder)
    try:
        library.add_file(SEEDS / "001_4892098d42747a5f.txt")
        (source,) = library.sources()
    finally:
        library.close()
    kinds = [part.kind for part in source.parts]
    assert source.front_matter == tuple(kinds)
    assert kinds.count("chapter") == 3 and kinds[:2] == ["cover", "toc"]
    chapter = next(part for part in source.parts if part.kind == "chapter")
    assert chapter.heading == "1.本月要点提示" and "1.1本月政策提要" in chapter.text
    listing = read_listing(folder)
    assert listing is not None
    assert listing.front_matter[source.name] == source.parts


def test_a_source_stored_with_kinds_only_still_reads(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    library = Library.open_folder(folder)
    try:
        library.add_file(SEEDS / "004_bf5e8a97a1a13c8b.txt")
    finally:
        library.close()
    with sqlite3.connect(folder / STORE_FILE) as db:
        db.execute("UPDATE sources SET front_matter = ?", (json.dumps(["cover", "toc"]),))
    library = Library.open_folder(folder)
    try:
        (source,) = library.sources()
    finally:
        library.close()
    assert source.front_matter == ("cover", "toc") and source.parts == ()
