"""The library: dedup across compilations, removal, all-or-nothing imports, repairs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.structfile import StructFile

from reader.errors import DataError, InputError, ReaderError
from reader.library.library import Library
from reader.library.search_index import SCHEMA_KEY
from tests.search.documents import add_documents, gold_documents, make_document, split_result

DOCS = gold_documents()[:6]


def _state(library: Library) -> dict[str, Any]:
    """Everything a reader could notice about the library, plus the index folder's files."""
    return {
        "documents": library.documents(),
        "sources": [(s.name, s.documents) for s in library.sources()],
        "search": [
            [(h.id, h.snippet) for h in library.search(q, 50).hits] for q in ("发展", "数字", "电商")
        ],
        "files": sorted(os.listdir(library.directory / "search")),
    }


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open_folder(tmp_path / "library")
    add_documents(lib, DOCS[:4], "first.txt")
    return lib


def test_a_document_in_two_compilations_is_one_document_with_both_sources(
    library: Library,
) -> None:
    shared = DOCS[1]
    report = library.add_result(split_result([shared, DOCS[4]], "second.txt"), "second.txt", "b")
    assert report.added == (DOCS[4].id,)
    assert report.merged == (shared.id,)
    assert len(library.documents()) == 5
    assert [ref.file for ref in library.document_sources(shared.id)] == ["first.txt", "second.txt"]
    hits = library.search(shared.title, 20).hits
    assert [h.id for h in hits].count(shared.id) == 1
    assert set(library.remove_source("first.txt")) == {d.id for d in DOCS[:4]} - {shared.id}
    assert [s.id for s in library.documents()] == [shared.id, DOCS[4].id]
    assert library.get(shared.id).source.file == "second.txt"
    assert library.search(DOCS[0].title).total == 0 or all(
        h.id != DOCS[0].id for h in library.search(DOCS[0].title).hits
    )


def test_importing_the_same_file_again_changes_nothing(library: Library) -> None:
    before = _state(library)
    report = library.add_result(split_result(DOCS[:4], "first.txt"), "first.txt", _sha(DOCS[:4]))
    assert report.unchanged
    assert _state(library) == before


def _sha(docs: list[Any]) -> str:
    import hashlib

    return hashlib.sha256("".join(d.id for d in docs).encode()).hexdigest()


def test_a_changed_file_of_the_same_name_replaces_its_documents(library: Library) -> None:
    report = library.add_result(split_result(DOCS[4:6], "first.txt"), "first.txt", "changed")
    assert report.replaced
    assert {s.id for s in library.documents()} == {DOCS[4].id, DOCS[5].id}
    assert all(h.id != DOCS[0].id for h in library.search(DOCS[0].title[:12], 5).hits)


def test_a_disk_error_while_indexing_leaves_library_and_index_as_they_were(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _state(library)
    real_write = StructFile.write
    calls = {"n": 0}

    def failing_write(self: StructFile, data: bytes) -> Any:
        calls["n"] += 1
        if calls["n"] > 40:
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(StructFile, "write", failing_write)
    with pytest.raises(DataError, match="磁盘空间不足"):
        library.add_result(split_result(DOCS[4:6], "second.txt"), "second.txt", "c")
    monkeypatch.undo()
    assert calls["n"] > 40
    assert _state(library) == before
    reopened = Library.open_folder(library.directory, on_message=pytest.fail)
    assert _state(reopened) == before


def test_a_failure_midway_through_indexing_changes_nothing(library: Library) -> None:
    before = _state(library)

    def progress(message: str, done: int, total: int) -> None:
        if done == 1 and "建立索引" in message:
            raise RuntimeError("cancelled by the user")

    with pytest.raises(RuntimeError):
        library.add_result(split_result(DOCS[4:6], "second.txt"), "second.txt", "d", "", progress)
    assert _state(library) == before


def test_a_file_without_documents_is_refused_and_nothing_changes(library: Library) -> None:
    before = _state(library)
    empty = split_result([], "notes.txt")
    with pytest.raises(InputError, match="未找到任何文档"):
        library.add_result(empty, "notes.txt", "e")
    assert _state(library) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "为空"),
        (bytes(range(256)) * 40, "不是文本"),
        ("\n\u3000\n  \n".encode("gbk"), "为空|未找到任何文档|没有可读"),
    ],
    ids=["empty", "binary", "gbk-blank"],
)
def test_bad_files_give_a_clear_message_and_change_nothing(
    library: Library, tmp_path: Path, content: bytes, message: str
) -> None:
    before = _state(library)
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReaderError, match=message):
        library.add_file(path)
    assert _state(library) == before


def test_a_gbk_document_is_imported_and_searchable(library: Library, tmp_path: Path) -> None:
    doc = DOCS[2]
    path = tmp_path / "gbk.txt"
    path.write_bytes(doc.text.encode("gbk", errors="replace"))
    report = library.add_file(path)
    assert report.documents >= 1
    assert library.sources()[-1].encoding.lower().replace("-", "") in {"gbk", "gb18030", "gb2312"}


def test_a_damaged_index_is_rebuilt_with_a_message(library: Library) -> None:
    before = _state(library)["search"]
    library.close()
    for name in os.listdir(library.directory / "search"):
        if name.endswith((".seg", ".trm", ".pst")):
            (library.directory / "search" / name).write_bytes(b"garbage")
    messages: list[str] = []
    reopened = Library.open_folder(library.directory, on_message=messages.append)
    assert any("已损坏" in m for m in messages) and any("已重建" in m for m in messages)
    assert _state(reopened)["search"] == before


def test_a_truncated_postings_file_is_rebuilt(library: Library) -> None:
    library.close()
    for path in (library.directory / "search").iterdir():
        if path.suffix == ".pst":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    messages: list[str] = []
    reopened = Library.open_folder(library.directory, on_message=messages.append)
    assert any("已重建" in m for m in messages)
    assert reopened.search("电商").total > 0


def test_an_index_from_an_older_schema_is_rebuilt(library: Library) -> None:
    store = library._store
    with store.transaction():
        store.set_meta(SCHEMA_KEY, "0")
    library.close()
    messages: list[str] = []
    reopened = Library.open_folder(library.directory, on_message=messages.append)
    assert any("另一版本" in m for m in messages)
    assert reopened.search("电商").total > 0


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "newer"
    folder.mkdir()
    with sqlite3.connect(folder / "library.sqlite3") as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(DataError, match="由更新版本的阅读器写入"):
        Library.open_folder(folder)


def test_get_of_an_unknown_id_says_so(library: Library) -> None:
    with pytest.raises(ReaderError, match="文档库中没有编号为 nope 的文档"):
        library.get("nope")


def test_filters_of_the_document_list(library: Library) -> None:
    organ = DOCS[1].issuers_canonical[0]
    assert all(organ in s.issuers_canonical for s in library.documents(issuer=organ))
    assert library.documents(year=2024)
    assert all(s.year == 2024 for s in library.documents(year=2024))


def test_organ_names_and_policy_terms_reach_the_user_dictionary(tmp_path: Path) -> None:
    lib = Library.open_folder(tmp_path / "lib")
    doc = make_document(
        "关于推进碳中和的通知",
        "关于推进碳中和的通知\n为实现碳中和目标，现通知如下。",
        issuers=("国家发展改革委",),
        doc_number="发改环资〔2024〕1号",
    )
    add_documents(lib, [doc], "one.txt")
    assert lib.search("碳中和").total == 1
    assert lib.search("碳中").total == 0
    assert lib.search("发改环资[2024]1号").hits[0].id == doc.id


def test_an_import_while_another_process_writes_is_refused_plainly(library: Library) -> None:
    other = library._index.ix.writer()  # what another process's import holds
    try:
        before = _state(library)
        with pytest.raises(DataError, match="另一个进程"):
            library.add_result(split_result(DOCS[4:6], "second.txt"), "second.txt", "f")
        assert _state(library) == before
    finally:
        other.cancel()


def test_removing_an_unknown_source_says_so(library: Library) -> None:
    with pytest.raises(ReaderError, match=r"没有名为 never-imported\.txt 的来源文件"):
        library.remove_source("never-imported.txt")
