"""Versions of one law: both kept, the newest shown first, each knowing the other; 题注 stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.corpus import split_file
from reader.library.library import Library
from reader.library.store import MIGRATIONS, SCHEMA_VERSION, DocumentStore
from reader.library.versions import newest_versions

LAWS = Path(__file__).parent.parent / "corpus" / "fixtures" / "laws"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open_folder(tmp_path / "library")


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def test_a_newer_text_of_a_law_is_another_version_and_nothing_is_dropped(
    library: Library, tmp_path: Path
) -> None:
    old = library.add_file(LAWS / "judicial_interpretation_2015.txt")
    new = library.add_file(LAWS / "judicial_interpretation.txt")

    assert len(old.added) == 1 and old.versions == ()
    assert len(new.added) == 1 and new.versions == new.added
    old_id, new_id = old.added[0], new.added[0]
    assert old_id != new_id
    assert [s.id for s in library.versions(new_id)] == [old_id]
    assert [s.id for s in library.versions(old_id)] == [new_id]
    assert [s.id for s in newest_versions(library.documents())] == [new_id]
    # Both texts stay: notes made on the older one stay on it.
    assert "民法通则" in library.get(old_id).text and "民法典" in library.get(new_id).text

    again = library.add_file(LAWS / "judicial_interpretation.txt")
    assert again.unchanged and again.versions == ()


def test_an_undated_text_of_the_same_title_gets_an_id_from_its_text(
    library: Library, tmp_path: Path
) -> None:
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("某某市停车场管理办法\n第一条 为了规范停车场管理，制定本办法。\n", encoding="utf-8")
    second.write_text(
        "某某市停车场管理办法\n第一条 为了规范停车场管理，方便群众出行，制定本办法。\n", encoding="utf-8"
    )
    one = library.add_file(first)
    two = library.add_file(second)
    assert one.added != two.added and len(two.added) == 1
    assert two.versions == two.added
    assert len(library.documents()) == 2
    # The very same text from another file is the same document, not a version.
    same = library.add_file(_copy(first, tmp_path / "c.txt"))
    assert same.added == () and same.merged == one.added and same.versions == ()


def test_the_events_are_stored_with_the_document(library: Library) -> None:
    report = library.add_file(LAWS / "regulation_bare.md")
    split = split_file(LAWS / "regulation_bare.md").documents[0]
    stored = library.get(report.added[0])
    assert stored.events == split.events and len(stored.events) == 3
    assert (stored.promulgated, stored.effective) == ("2009-11-25", "2010-03-01")


def test_a_library_of_the_first_schema_is_migrated_and_keeps_its_documents(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0].statements:
        db.execute(statement)
    db.execute(
        "INSERT INTO documents VALUES ('d1', '某某条例', '[]', '[]', NULL, '2020-01-02', '条例', "
        "'f.txt', 1, 9, NULL, '正文', '[]', '{}')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    store = DocumentStore(path)
    try:
        doc = store.document("d1")
        assert doc is not None
        assert (doc.title, doc.text, doc.events, doc.promulgated, doc.effective,
                doc.source_title) == ("某某条例", "正文", (), None, None, None)
    finally:
        store.close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
