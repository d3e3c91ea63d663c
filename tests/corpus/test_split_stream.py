"""A very large text is split window by window: the same documents, bounded memory, progress."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from bench.big_text import make_big_text
from reader.corpus import encoding, split_file
from reader.corpus import split_stream as split_stream_module
from reader.corpus.encoding import open_stream, read_text
from reader.corpus.formats import split_path
from reader.corpus.model import SplitResult
from reader.corpus.spill import SpilledDocuments
from reader.corpus.split import split_text
from reader.corpus.split_lines import split_file_lines
from reader.corpus.split_stream import STREAM_FROM, split_stream
from reader.library.import_summary import import_paths
from reader.library.library import Library
from tests.conftest import seed_files


def _same(streamed: SplitResult, whole: SplitResult) -> None:
    assert list(streamed.documents) == list(whole.documents)
    assert streamed.front_matter == whole.front_matter
    assert sorted(streamed.warnings) == sorted(whole.warnings)
    assert streamed.encoding == whole.encoding


@pytest.mark.parametrize("seed", seed_files(), ids=lambda path: path.stem)
def test_a_seed_split_in_small_windows_is_split_as_a_whole(seed: Path) -> None:
    # Windows of 60,000 characters cut every seed in several places: tables of contents,
    # orders and their regulations, running headers and page numbers cross the cuts.
    streamed = split_stream(open_stream(seed), seed.name, window_chars=60_000)
    assert isinstance(streamed.documents, SpilledDocuments)
    _same(streamed, split_file(seed))


def _compilation(first_page: int) -> list[str]:
    """Return the lines of a compilation of 36 notices, a footer on each page, pages numbered."""
    topics = [f"{field}{work}" for work in ("管理", "监督", "服务")
              for field in ("农业", "工业", "林业", "渔业", "交通", "水利", "教育", "卫生", "文化", "体育",
                            "旅游", "金融")]
    lines: list[str] = []
    page = first_page
    for number, topic in enumerate(topics, 1):
        lines += [f"关于加强{topic}安全工作的通知", "", f"某政办发〔2021〕{number}号", "",
                  "各县（市、区）人民政府，市政府各部门：", ""]
        for clause in range(1, 31):
            lines += [f"第{clause}条 各地要加强{topic}领域的安全工作，落实主体责任，完善工作机制。", ""]
            if clause % 12 == 0:
                lines += ["政策资料网www.zcwj.example", "", str(page), ""]
                page += 1
        lines += ["某市人民政府办公室", "2021年3月1日", ""]
    return lines


def test_a_footer_is_judged_over_the_whole_streamed_file(tmp_path: Path) -> None:
    # Two copies of a compilation, each numbering its pages from 1: inside one window the
    # footer sits on growing page numbers, over the whole file it does not, so the whole-file
    # split keeps it as text. A streamed split must keep it too, in every window.
    path = tmp_path / "two.txt"
    path.write_text("\n".join(_compilation(1) + _compilation(1)) + "\n", encoding="utf-8")
    streamed = split_stream(open_stream(path), path.name, window_chars=40_000)
    whole = split_file(path)
    assert all("政策资料网" in doc.text for doc in whole.documents[:-1])
    _same(streamed, whole)


def test_streamed_lines_are_the_files_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoding, "STREAM_CHUNK", 5)  # \r\n and characters cut by chunks
    text = "第一行\r\n第二行\r\r\n\n第四行\u2028同一行\n最后一行没有换行"
    for name in ("utf-8", "gb18030", "utf-8-sig", "utf-16"):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.encode(name))
        stream = open_stream(path)
        assert list(stream.lines()) == split_file_lines(read_text(path).text), name
        assert stream.done == path.stat().st_size


def test_a_large_text_streams_with_progress_and_the_same_documents(tmp_path: Path) -> None:
    path = make_big_text(tmp_path / "big.txt", 6)  # copies of the seeds, 6 MB
    assert path.stat().st_size > STREAM_FROM
    calls: list[tuple[str, int, int]] = []
    streamed = split_path(path, lambda message, done, total: calls.append((message, done, total)))

    assert isinstance(streamed.documents, SpilledDocuments)
    whole = split_text(read_text(path).text, path.name)
    # The same documents, lines, metadata and cleaned text.
    assert list(streamed.documents) == list(whole.documents)
    assert streamed.front_matter == whole.front_matter
    # Progress by megabytes read, in order, over both readings of the file (its running
    # headers, then its documents); told at least once a window (600,000 characters: under
    # 2 MB of UTF-8) and read chunk (1 MB).
    total = calls[0][2]
    assert total == 2 * -(-path.stat().st_size // (1024 * 1024))
    done = [d for _, d, _ in calls]
    assert done == sorted(done) and done[-1] == total
    steps = sorted(set(done))
    assert max(b - a for a, b in pairwise(steps)) <= 3
    assert all(message.startswith("正在拆分 big.txt") for message, _, _ in calls)


def test_a_large_text_is_imported_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The streaming path at a small scale: any text file streams, in windows of 60,000
    # characters, so a 1 MB file is stored and indexed from its spilled documents.
    monkeypatch.setattr(split_stream_module, "STREAM_FROM", 0)
    monkeypatch.setattr(split_stream_module, "WINDOW_CHARS", 60_000)
    path = make_big_text(tmp_path / "big.txt", 1)
    library = Library.open_folder(tmp_path / "library")
    messages: list[str] = []
    try:
        summary = import_paths(library, [path], progress=lambda m, d, t: messages.append(m))
        expected = split_text(read_text(path).text, path.name)
        assert summary.found == len(expected.documents) > 20
        assert {doc.id for doc in library.documents()} == {doc.id for doc in expected.documents}
        last = expected.documents[-1]
        assert library.get(last.id).text == last.text
        assert library.search(last.title, 5).hits[0].id == last.id
        assert any(m.startswith("正在拆分") for m in messages)
        assert any(m.startswith("正在保存") for m in messages)
    finally:
        library.close()
