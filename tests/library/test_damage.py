"""Damaged library files as a person meets them: a message, the file kept, a repair if any."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.damage import store_problem
from reader.library.library import Library
from tests.conftest import SEEDS
from tests.search.documents import SMALL_SEED


@pytest.fixture
def data_dir(built_library: Path, tmp_path: Path) -> Iterator[Path]:
    data = tmp_path / "data"
    shutil.copytree(built_library, data / "library")
    yield data


def _run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _set_aside(data: Path) -> list[Path]:
    return sorted((data / "library").glob("library.sqlite3.damaged-*"))


def _damage(path: Path, offset: int, length: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(bytes(range(256)) * (length // 256))


@pytest.mark.parametrize("how", ["empty", "header", "middle"])
def test_a_damaged_store_is_set_aside_and_explained(
    how: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = data_dir / "library" / "library.sqlite3"
    size = store.stat().st_size
    if how == "empty":
        store.write_bytes(b"")
    elif how == "header":
        _damage(store, 0, 1024)
    else:
        _damage(store, size // 2 // 4096 * 4096, 8 * 4096)
    damaged = store.read_bytes()
    for command in (("list",), ("search", "电商"), ("import", str(SEEDS / SMALL_SEED))):
        code, out, err = _run(capsys, data_dir, *command)
        assert code == 1 and "Traceback" not in err
        if _set_aside(data_dir) and not store.exists():
            break
    assert "已损坏" in err and "改名保留" in err and "没有删除任何内容" in err
    (kept,) = _set_aside(data_dir)
    assert str(kept) in err
    assert kept.read_bytes() == damaged  # never deleted, never rewritten
    assert "reader-cli import" in err
    # The next start begins from the bundled library: it works again, said nothing silently.
    code, out, err = _run(capsys, data_dir, "list")
    assert code == 0 and out
    assert kept.exists()


def test_the_message_names_the_imported_files_still_on_disk(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "mine.txt"
    shutil.copy(SEEDS / "002_2b41b7aea7ba18c4.txt", own)
    assert _run(capsys, data_dir, "import", str(own))[0] == 0
    store = data_dir / "library" / "library.sqlite3"
    _damage(store, store.stat().st_size // 2 // 4096 * 4096, 16 * 4096)
    code, _, err = _run(capsys, data_dir, "list")
    assert code == 1 and str(own) in err


def test_a_document_that_cannot_be_read_is_reported(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = data_dir / "library" / "library.sqlite3"
    with sqlite3.connect(store) as db:
        doc_id = db.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]
        db.execute("UPDATE documents SET text = CAST(x'ff00fe' AS TEXT), clauses = '[{' "
                   "WHERE id = ?", (doc_id,))
    code, out, err = _run(capsys, data_dir, "show", doc_id)
    assert code == 1 and out == "" and "Traceback" not in err
    assert f"文档 {doc_id} 无法读取" in err and "重新导入" in err
    code, out, _ = _run(capsys, data_dir, "list")  # the rest of the library still reads
    assert code == 0 and doc_id in out


def test_a_damaged_postings_block_is_rebuilt_when_a_search_meets_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, data_dir, "search", "乡村", "--json")
    assert code == 0
    expected = out
    (postings,) = (data_dir / "library" / "search").glob("*.pst")
    _damage(postings, _postings_offset(data_dir / "library" / "search", "乡村"), 64 * 1024)
    code, out, err = _run(capsys, data_dir, "search", "乡村", "--json")
    assert code == 0 and "Traceback" not in err
    assert "搜索索引已损坏" in err and "搜索索引已重建" in err
    assert out == expected
    code, out, err = _run(capsys, data_dir, "search", "乡村", "--json")
    assert out == expected and "重建" not in err


def _postings_offset(index_dir: Path, word: str) -> int:
    """Where in the postings file the block of ``word`` starts (Whoosh's term info)."""
    from reader.search.indexing import open_index

    with open_index(index_dir).reader() as reader:
        return int(reader.term_info("body", word)._offset)  # no public name for it


def test_a_library_given_by_a_relative_path_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Library.open_folder(Path("relative")).close()
    reopened = Library.open_folder(Path("relative"))  # checked for damage this time
    assert reopened.documents() == []
    reopened.close()


def test_a_store_that_passed_is_checked_again_once_it_changed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = data_dir / "library" / "library.sqlite3"
    checked = store.with_name(store.name + ".checked")
    assert _run(capsys, data_dir, "list")[0] == 0
    assert checked.is_file() and checked.stat().st_mode & 0o777 == 0o600
    remembered = checked.read_bytes()
    assert _run(capsys, data_dir, "list")[0] == 0  # unchanged: remembered as it was
    assert checked.read_bytes() == remembered
    # Damage in the middle after a good check: the store changed, so it is checked again.
    _damage(store, store.stat().st_size // 2 // 4096 * 4096, 8 * 4096)
    code, _, err = _run(capsys, data_dir, "list")
    assert code == 1 and "已损坏" in err and len(_set_aside(data_dir)) == 1
    assert not checked.exists()


def test_a_copied_store_is_checked_as_a_new_one(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, data_dir, "list")[0] == 0
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)  # the record of the check comes along
    store = copy / "library" / "library.sqlite3"
    times = store.stat()
    _damage(store, store.stat().st_size // 2 // 4096 * 4096, 8 * 4096)
    # A backup restored with its times: only the file itself (its inode) is another.
    os.utime(store, ns=(times.st_atime_ns, times.st_mtime_ns))
    problem = store_problem(store)
    assert problem is not None
    assert store_problem(data_dir / "library" / "library.sqlite3") is None
