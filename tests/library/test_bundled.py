"""The bundled library: built from compilations, copied into the user's folder on first use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.library.bundled import build_from_store, build_library, seed_files
from reader.library.install import COMPLETE_MARKER
from reader.library.library import Library
from reader.paths import Paths
from tests.conftest import SEEDS
from tests.search.documents import add_documents, gold_documents

DOCS = gold_documents()[:5]


def _bundle(tmp_path: Path) -> Paths:
    """Return Paths whose bundled index/ holds a small library and whose data folder is new."""
    bundle = tmp_path / "bundle"
    lib = Library.open_folder(bundle / "index")
    add_documents(lib, DOCS, "004.txt")
    lib.close()
    (bundle / "index" / COMPLETE_MARKER).write_text("done\n", encoding="utf-8")
    return Paths(bundle=bundle, data_dir=Paths.resolve().data_dir)


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


def test_first_use_copies_the_bundled_library_into_the_user_data_folder(tmp_path: Path) -> None:
    paths = _bundle(tmp_path)
    assert paths.data_dir == Path(os.environ["READER_DATA_DIR"]).resolve()
    bundled_before = _snapshot(paths.bundled_index_dir)
    messages: list[str] = []
    library = Library.open(paths, on_message=messages.append)
    assert messages == []  # a copy, not a rebuild
    assert library.directory == paths.library_dir
    assert (paths.library_dir / "library.sqlite3").is_file()
    assert [s.id for s in library.documents()] == [d.id for d in DOCS]
    assert library.search(DOCS[2].doc_number or DOCS[2].title).hits[0].id == DOCS[2].id
    add_documents(library, gold_documents()[5:7], "mine.txt")
    assert _snapshot(paths.bundled_index_dir) == bundled_before  # bundled data stays read-only
    library.close()
    again = Library.open(paths)
    assert len(again.documents()) == len(DOCS) + 2  # the user's library, not a fresh copy


def test_without_a_bundled_library_the_user_starts_empty(tmp_path: Path) -> None:
    paths = Paths(bundle=tmp_path / "nothing", data_dir=tmp_path / "data")
    messages: list[str] = []
    library = Library.open(paths, on_message=messages.append)
    assert library.documents() == []
    assert any("空文档库" in m for m in messages)
    assert library.search("发展").total == 0


def test_an_interrupted_first_copy_is_completed(tmp_path: Path) -> None:
    paths = _bundle(tmp_path)
    (paths.library_dir / "search").mkdir(parents=True)  # what a crash mid-copy leaves
    library = Library.open(paths)
    assert len(library.documents()) == len(DOCS)


def test_build_refuses_a_missing_seeds_folder(tmp_path: Path) -> None:
    from reader.errors import InputError

    with pytest.raises(InputError, match="找不到汇编文件夹"):
        seed_files(tmp_path / "absent")


@pytest.mark.slow
def test_the_bundled_library_builds_from_every_seed(tmp_path: Path) -> None:
    target = tmp_path / "index"
    target.mkdir()
    (target / "stale").write_text("from an older build", encoding="utf-8")
    report = build_library(seed_files(SEEDS), target, workers=2)
    assert (target / COMPLETE_MARKER).is_file()
    assert not (target / "stale").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left
    assert report.sources == 5 and report.documents > 200
    paths = Paths(bundle=tmp_path, data_dir=tmp_path / "user")
    library = Library.open(paths, on_message=pytest.fail)
    assert len(library.documents()) == report.documents
    numbered = [s for s in library.documents() if s.doc_number and "〔" in s.doc_number]
    for summary in numbered[::10]:
        code, rest = summary.doc_number.split("〔")
        year, serial = rest.rstrip("号").split("〕")
        first = library.search(f"{code} {year} {serial}").hits[0]
        assert first.doc_number == summary.doc_number
    assert library.search("碳中和").total > 10
    shutil.rmtree(target)


def test_a_build_of_several_segments_opens_without_being_rebuilt(tmp_path: Path) -> None:
    from reader.library.store import DocumentStore
    from reader.search.indexing import open_index

    source = Library.open_folder(tmp_path / "source")
    add_documents(source, gold_documents(), "004.txt")  # several batches of text
    source.close()
    target = tmp_path / "built"
    target.mkdir()
    shutil.copy(tmp_path / "source" / "library.sqlite3", target / "library.sqlite3")
    store = DocumentStore(target / "library.sqlite3")
    build_from_store(store, target, workers=1, limit_mb=0)  # a segment per batch
    store.close()
    assert len(open_index(target / "search")._segments()) > 1
    said: list[str] = []
    library = Library.open_folder(target, on_message=said.append)
    assert said == []  # nothing to rebuild
    assert library.search("电子商务").total > 0
