"""Folder imports commit files in batches, yet each file is all or nothing for the user."""

from __future__ import annotations

from pathlib import Path

from bench.law_texts import law
from reader.errors import ReaderError
from reader.library.library import Library


def _folder(tmp_path: Path, count: int) -> list[Path]:
    folder = tmp_path / "laws"
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"{n:03d}.md"
        path.write_text(law(n).text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_folder_is_imported_in_batches_with_a_line_per_file(tmp_path: Path) -> None:
    paths = _folder(tmp_path, 7)
    bad = paths[0].parent / "003.md"
    bad.write_bytes(b"")  # an empty file among them
    library = Library.open_folder(tmp_path / "library")
    messages: list[str] = []
    outcomes = list(library.add_files(paths, lambda m, d, t: messages.append(m), batch=3))

    assert sorted(path for path, _ in outcomes) == paths  # each file told once
    errors = {path: outcome for path, outcome in outcomes if isinstance(outcome, ReaderError)}
    assert list(errors) == [bad]
    titles = sorted(summary.title for summary in library.documents())
    assert titles == sorted(law(n).title for n in range(7) if n != 3)
    assert [m for m in messages if m.startswith("[")] == [f"[{n}/7] {p}" for n, p in enumerate(paths, 1)]
    # The search index holds every imported document.
    assert library.search(law(5).title, 5).total >= 1


def test_a_batch_that_fails_to_commit_is_imported_file_by_file(tmp_path: Path) -> None:
    paths = _folder(tmp_path, 4)
    library = Library.open_folder(tmp_path / "library")
    failed = {"done": False}

    def progress(message: str, done: int, total: int) -> None:
        # The first commit of several files fails (as a full disk would); later ones work.
        if message.startswith("正在建立索引") and not failed["done"] and total > 1 and done == total:
            failed["done"] = True
            raise ReaderError("磁盘已满")

    outcomes = list(library.add_files(paths, progress, batch=4))
    assert failed["done"]
    assert all(not isinstance(outcome, ReaderError) for _, outcome in outcomes)
    assert sorted(s.title for s in library.documents()) == sorted(law(n).title for n in range(4))
    again = list(library.add_files(paths, None))
    assert all(not isinstance(o, ReaderError) and o.unchanged for _, o in again)
