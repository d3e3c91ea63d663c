"""One pipeline for every format: readers chosen by signature, bad files change nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader.corpus.formats import read_document, reader_for, split_path, supported_suffixes
from reader.corpus.model import Document, DocumentId, SourceRef
from reader.corpus.render import render_markdown
from reader.errors import InputError
from reader.library.import_summary import import_paths
from reader.library.library import Library, expand_paths
from tests.corpus.formats.samples import (
    BODY,
    SIGNATURE,
    TITLE,
    file_hashes,
    gov_page,
    link_list_page,
)
from tests.corpus.formats.test_pdf import _image_pdf
from tests.corpus.formats.typeset import typeset

NOTICE = [TITLE, "国办发〔2025〕17号", *BODY, *SIGNATURE]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open_folder(tmp_path / "library")
    page = tmp_path / "已有.html"
    page.write_bytes(gov_page("utf-8"))
    library.add_file(page)
    return library


def _badfile_hashes(folder: Path) -> list[Path]:
    folder.mkdir()
    scanned = _image_pdf(folder / "扫描件.pdf")
    encrypted = folder / "加密.pdf"
    typeset(NOTICE, encrypted, encrypt="secret")
    whole = folder / "whole.pdf"
    typeset(NOTICE * 3, whole)
    truncated = folder / "截断.pdf"
    truncated.write_bytes(whole.read_bytes()[:-2000])
    fake = folder / "其实是压缩包.docx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("a.txt", "文字")
    links = folder / "目录.html"
    links.write_bytes(link_list_page())
    huge = folder / "巨大.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(300 * 1024 * 1024)
    return [scanned, encrypted, truncated, fake, links, huge]


def test_every_bad_file_is_refused_and_the_library_keeps_every_byte(
    library: Library, tmp_path: Path
) -> None:
    before = file_hashes(library.directory)
    documents = library.documents()
    for path in _badfile_hashes(tmp_path / "bad"):
        with pytest.raises(InputError) as caught:
            library.add_file(path)
        message = str(caught.value)
        assert path.name in message and not any(word in message for word in ("Error", "error"))
    assert file_hashes(library.directory) == before
    assert library.documents() == documents


def test_a_cancelled_import_leaves_the_file_out_whole(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "三页.pdf"
    typeset(NOTICE * 4, path)
    before = file_hashes(library.directory)
    pages: list[int] = []

    def progress(message: str, done: int, total: int) -> None:
        if "页" in message:
            pages.append(done)

    summary = import_paths(library, [path], progress=progress, cancelled=lambda: len(pages) >= 2)
    assert summary.cancelled and not summary.files and summary.headline() == "导入已取消，文档库未改动。"
    assert file_hashes(library.directory) == before


def test_a_file_is_read_by_its_signature_whatever_its_name(tmp_path: Path) -> None:
    pdf = tmp_path / "notice.txt"  # a PDF saved under the wrong name
    typeset(NOTICE, pdf)
    assert reader_for(pdf).NAME == "pdf"
    assert split_path(pdf).documents[0].title == TITLE
    page = tmp_path / "page.txt"
    page.write_bytes(b"<!DOCTYPE html>" + gov_page("utf-8").split(b">", 1)[1])
    assert reader_for(page).NAME == "html"


def test_folders_pick_up_every_supported_format(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.pdf", "d.docx", "e.html", "f.htm", "g.mhtml", "h.csv",
                 ".hidden.txt", "~$d.docx"):
        (tmp_path / name).write_bytes(b"x")
    found = [path.name for path in expand_paths([tmp_path])]
    assert found == ["a.txt", "b.md", "c.pdf", "d.docx", "e.html", "f.htm", "g.mhtml"]
    assert {".txt", ".pdf", ".docx", ".html", ".mhtml"} <= set(supported_suffixes())


def test_text_files_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes("\n".join(NOTICE).encode("gbk"))
    extracted = read_document(path)
    assert (extracted.format, extracted.encoding, extracted.pages) == ("text", "gb18030", None)
    with pytest.raises(InputError, match="这不是文本文件，而是 zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.txt", "文字")
        path.write_bytes(buffer.getvalue())
        read_document(path)


def _document(source: SourceRef) -> Document:
    return Document(DocumentId("x"), TITLE, ("国务院办公厅",), ("国务院办公厅",), None, None, "意见",
                    source, "正文")


def test_the_header_card_shows_the_pages_of_a_pdf_document() -> None:
    assert "汇编.pdf，第 12–15 页" in render_markdown(_document(SourceRef("汇编.pdf", 30, 90, 12, 15)))
    assert "汇编.pdf，第 12 页" in render_markdown(_document(SourceRef("汇编.pdf", 30, 40, 12, 12)))
    # A text file says where by lines, and by its printed page where it has page numbers.
    assert "汇编.txt，第 30–90 行，第 12 页" in render_markdown(_document(SourceRef("汇编.txt", 30, 90, 12)))
