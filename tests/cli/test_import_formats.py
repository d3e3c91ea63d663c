"""``reader-cli import`` of PDF, Word and web pages: the summary, --json, --dry-run, duplicates."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.library import Library
from reader.paths import Paths
from tests.conftest import SEEDS
from tests.corpus.formats.samples import TITLE, file_hashes, gov_page, link_list_page, make_docx
from tests.corpus.formats.typeset import typeset
from tests.search.documents import SMALL_SEED


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A user data folder with an empty library (no bundled copy)."""
    data = tmp_path / "data"
    Library.open_folder(Paths(bundle=tmp_path, data_dir=data).library_dir).close()
    return data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder as a person has it: a PDF of two documents, a Word notice, the same notice as a
    web page, and files that cannot be imported."""
    folder = tmp_path / "收到的文件"
    folder.mkdir()
    lines = (SEEDS / SMALL_SEED).read_text(encoding="utf-8").split("\n")[187:368]
    typeset(lines, folder / "a-汇编.pdf")
    make_docx(folder / "b-通知.docx")
    (folder / "c-网页.html").write_bytes(gov_page("gbk"))
    typeset(["关于某项工作的通知", "正文"], folder / "d-加密.pdf", encrypt="secret")
    (folder / "e-旧文件.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (folder / "f-目录页.html").write_bytes(link_list_page())
    with zipfile.ZipFile(folder / "g-压缩包.docx", "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")
    (folder / "~$b-通知.docx").write_bytes(b"lock file Word leaves beside an open document")
    (folder / "notes.csv").write_text("不导入的表格", encoding="utf-8")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_of_every_format_imports_with_a_summary(
    data_dir: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(folder), "--json")
    summary = json.loads(out)
    assert code == 1  # some files could not be imported
    assert [Path(f["path"]).name for f in summary["files"]] == ["a-汇编.pdf", "b-通知.docx", "c-网页.html"]
    pdf, word, page = summary["files"]
    assert pdf["new"] == pdf["documents_found"] == 2
    assert word["new"] == 1 and word["documents"][0]["title"] == TITLE
    # The web page holds the same notice as the Word file: found, and already there.
    assert page["already_present"] == 1 and page["new"] == 0
    assert (summary["documents_found"], summary["new"], summary["already_present"]) == (4, 3, 1)
    reasons = {Path(s["path"]).name: s["reason"] for s in summary["skipped"]}
    assert set(reasons) == {"d-加密.pdf", "e-旧文件.doc", "f-目录页.html", "g-压缩包.docx"}
    assert "加密" in reasons["d-加密.pdf"] and "另存为 .docx" in reasons["e-旧文件.doc"]
    assert "没有找到政策正文" in reasons["f-目录页.html"]
    assert "普通压缩包" in reasons["g-压缩包.docx"]
    assert "第 1/" in err  # PDF pages are reported as they are read
    library = Library.open_folder(Paths(bundle=folder, data_dir=data_dir).library_dir)
    try:
        assert len(library.documents()) == 3
        assert [s.name for s in library.sources()] == ["a-汇编.pdf", "b-通知.docx", "c-网页.html"]
        first = library.get(summary["files"][0]["documents"][0]["id"])
        assert first.source.page == 1 and first.source.end_page is not None
    finally:
        library.close()


def test_importing_a_file_again_says_nothing_was_added(
    data_dir: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = folder / "c-网页.html"
    _run(capsys, "--data-dir", str(data_dir), "import", str(page))
    library_dir = Paths(bundle=folder, data_dir=data_dir).library_dir
    before = file_hashes(library_dir)
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(page))
    assert code == 0
    assert out.startswith("没有新文档") and "已导入" not in out + err and "新增" not in out
    assert file_hashes(library_dir) == before
    copy = folder / "同一网页的副本.html"
    copy.write_bytes(page.read_bytes())
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(copy), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["new"] == 0 and summary["already_present"] == 1
    assert "已导入" not in err and "没有新增文档" in err
    assert summary["message"] == "没有新文档：找到的 1 篇都已在文档库中。"


def test_dry_run_reports_what_would_be_added_and_changes_no_byte(
    data_dir: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "--data-dir", str(data_dir), "import", str(folder / "b-通知.docx"))
    library_dir = Paths(bundle=folder, data_dir=data_dir).library_dir
    before = file_hashes(library_dir)
    code, out, _ = _run(
        capsys, "--data-dir", str(data_dir), "import", str(folder), "--dry-run", "--json"
    )
    summary = json.loads(out)
    assert code == 1 and summary["dry_run"] is True  # 4 files cannot be imported
    assert (summary["new"], summary["already_present"]) == (2, 2)  # the .docx and the page
    assert len(summary["new_ids"]) == 2 and summary["message"].startswith("试运行（文档库未改动）")
    assert file_hashes(library_dir) == before
    _, out, _ = _run(capsys, "--data-dir", str(data_dir), "import", str(folder), "--dry-run")
    assert out.startswith("试运行（文档库未改动）：找到 4 篇文档：将新增 2 篇，已在文档库中 2 篇。")
    assert "b-通知.docx：1 篇，与上次导入的文件相同，未做改动" in out
    assert file_hashes(library_dir) == before


def test_dry_run_on_a_new_data_folder_creates_nothing(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "fresh"
    code, out, _ = _run(
        capsys, "--data-dir", str(data), "import", str(folder / "c-网页.html"), "--dry-run", "--json"
    )
    assert code == 0 and json.loads(out)["documents_found"] == 1
    assert not data.exists()
