"""``reader-cli import`` of a corrected file: the user's notes follow the renamed document,
and those on a document that left the library become orphans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.library.library import Library
from reader.notes import Colour, NotesStore, make_anchor
from reader.paths import Paths
from tests.library import reimport as r


@pytest.fixture
def paths(_isolated_data_dir: Path) -> Paths:
    """The user's data folder with an empty library (so no bundled copy is made)."""
    resolved = Paths.resolve()
    Library.open_folder(resolved.library_dir).close()
    return resolved


def test_import_moves_notes_of_a_document_whose_title_was_corrected(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compilation = r.write(tmp_path / "汇编.txt", r.GREEN, r.GRID, r.typo(r.STORAGE), r.HEALTH)
    assert main(["import", str(compilation)]) == 0
    library = Library.open_folder(paths.library_dir)
    storage = library.get(r.by_title(library, "能力建没"))
    grid = library.get(r.by_title(library, "配电网"))
    health = library.get(r.by_title(library, "卫生健康文化"))
    library.close()
    with NotesStore.for_paths(paths) as notes:
        start = storage.text.index(r.PASSAGE)
        note = notes.add_annotation(storage, make_anchor(storage, start, start + len(r.PASSAGE)),
                                    Colour.PINK, "储能")
        grid_mark = notes.bookmark_clause(grid, grid.all_clauses()[1])
        gone_note = notes.add_annotation(health, make_anchor(health, 0, 20))
    capsys.readouterr()

    r.write(compilation, r.GREEN, r.GRID, r.edited(r.STORAGE), r.VILLAGE)
    assert main(["import", str(compilation)]) == 0
    err = capsys.readouterr().err
    library = Library.open_folder(paths.library_dir)
    fresh = library.get(r.by_title(library, "能力建设"))
    library.close()
    assert f"文档 {storage.id} 的笔记已移到 {fresh.id}" in err
    assert "汇编.txt：1 条笔记所在的文档已不在文档库中，已作为未能定位的笔记保留" in err
    with NotesStore.for_paths(paths) as notes:
        moved = notes.annotation(note.id)
        assert moved.document.doc_id == fresh.id and not moved.orphan
        assert fresh.text[moved.anchor.start:moved.anchor.end] == r.PASSAGE
        assert notes.bookmark(grid_mark.id) == grid_mark
        left = notes.annotation(gone_note.id)
        assert left.document.doc_id == health.id and left.anchor == gone_note.anchor
        assert left.orphan and [n.id for n in notes.orphans()] == [gone_note.id]


def test_import_says_nothing_of_orphans_when_no_note_was_lost(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compilation = r.write(tmp_path / "汇编.txt", r.GREEN, r.GRID, r.HEALTH)
    assert main(["import", str(compilation)]) == 0
    library = Library.open_folder(paths.library_dir)
    grid = library.get(r.by_title(library, "配电网"))
    library.close()
    with NotesStore.for_paths(paths) as notes:
        mark = notes.bookmark_clause(grid, grid.all_clauses()[0])
    capsys.readouterr()

    r.write(compilation, r.GREEN, r.GRID)  # the health document, which has no notes, goes
    assert main(["import", str(compilation)]) == 0
    assert "unplaced notes" not in capsys.readouterr().err
    with NotesStore.for_paths(paths) as notes:
        assert notes.bookmark(mark.id) == mark and notes.orphans() == []


def test_import_without_a_notes_file_does_not_create_one(
    paths: Paths, tmp_path: Path
) -> None:
    compilation = r.write(tmp_path / "汇编.txt", r.GREEN, r.typo(r.STORAGE))
    assert main(["import", str(compilation)]) == 0
    r.write(compilation, r.GREEN, r.STORAGE)
    assert main(["import", str(compilation)]) == 0
    assert not paths.notes_db.exists()


def test_import_places_the_notes_of_a_changed_document_in_its_new_text(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same policy as the window's: a document that keeps its id is re-anchored."""
    compilation = r.write(tmp_path / "汇编.txt", r.GREEN, r.typo(r.STORAGE))
    assert main(["import", str(compilation)]) == 0
    library = Library.open_folder(paths.library_dir)
    storage = library.get(r.by_title(library, "能力建没"))
    library.close()
    start = storage.text.index(r.PASSAGE)
    with NotesStore.for_paths(paths) as notes:
        note = notes.add_annotation(storage, make_anchor(storage, start, start + len(r.PASSAGE)))

    r.write(compilation, r.GREEN, [line.replace("是提升电力系统", "是全面提升电力系统")
                               for line in r.typo(r.STORAGE)])
    assert main(["import", str(compilation)]) == 0
    assert "未能定位" not in capsys.readouterr().err
    with NotesStore.for_paths(paths) as notes:
        placed = notes.annotation(note.id)
    assert placed.document.doc_id == storage.id and not placed.orphan
    assert placed.anchor.start == start + 2
