"""PDF import: a seed typeset with reportlab splits as its text does, furniture out, pages right."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from reader.corpus.formats import read_document, split_path
from reader.corpus.formats.pdf_layout import PdfLine, PdfPage, find_furniture, lay_out
from reader.corpus.split import split_text
from reader.errors import InputError
from tests.conftest import SEEDS
from tests.corpus.formats.samples import BODY, SIGNATURE, TITLE
from tests.corpus.formats.typeset import typeset

SEED = SEEDS / "002_2b41b7aea7ba18c4.txt"
HEADER = "政策文件汇编（测试排版）"


@pytest.fixture(scope="module")
def typeset_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int], str]:
    """The seed typeset as a PDF (about 130 pages), the page of each of its lines, its text."""
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("pdf") / "汇编.pdf"
    pages = typeset(text.split("\n"), path, header=HEADER)
    return path, pages, text


def _fields(documents: object) -> list[tuple[object, ...]]:
    return [(d.title, d.doc_number, d.date, d.issuers) for d in documents]  # type: ignore[attr-defined]


def test_a_typeset_seed_splits_into_the_documents_of_its_text(
    typeset_seed: tuple[Path, list[int], str],
) -> None:
    path, pages, text = typeset_seed
    from_text = split_text(text, SEED.name).documents
    from_pdf = split_path(path).documents
    assert len(from_text) >= 15
    assert _fields(from_pdf) == _fields(from_text)
    # Each document starts on the page its first line was typeset on, and ends after it.
    assert [d.source.page for d in from_pdf] == [pages[d.source.start_line - 1] for d in from_text]
    assert all(d.source.end_page is not None and d.source.end_page >= d.source.page for d in from_pdf)  # type: ignore[operator]
    assert from_pdf[-1].source.end_page == max(pages)


def test_page_numbers_and_running_headers_are_gone(
    typeset_seed: tuple[Path, list[int], str],
) -> None:
    path, pages, text = typeset_seed
    extracted = read_document(path)
    lines = extracted.text.split("\n")
    assert HEADER not in extracted.text

    def numbers(lines: list[str]) -> list[str]:
        return [line.strip() for line in lines if line.strip().startswith("— ")]

    # The seed's own text keeps the page numbers of its first printing; the typeset ones go.
    assert numbers(lines) == numbers(text.split("\n"))
    assert extracted.pages is not None and extracted.pages.pages == max(pages)
    # The body's own first and last lines of a page are kept: only furniture goes.
    assert "扩大内需战略规划纲要" in lines[0] + lines[1] + lines[2]


def test_progress_moves_page_by_page(typeset_seed: tuple[Path, list[int], str]) -> None:
    path, pages, _ = typeset_seed
    seen: list[tuple[int, int]] = []
    read_document(path, lambda message, done, total: seen.append((done, total)))
    assert seen == [(n, max(pages)) for n in range(1, max(pages) + 1)]


@pytest.mark.parametrize("style", ["-{}-", "第{}页", "{}", "第 {} 页 共 9 页", "惠企政策汇编 · {}"])
def test_page_number_styles_are_furniture(tmp_path: Path, style: str) -> None:
    lines = [TITLE, *BODY * 6, *SIGNATURE]
    path = tmp_path / "notice.pdf"
    pages = typeset(lines, path, page_number=style, header="某某市人民政府办公室文件汇编")
    assert max(pages) >= 3
    text = read_document(path).text
    assert "某某市人民政府办公室文件汇编" not in text
    assert [line for line in text.split("\n") if line.strip() in
            {style.format(n) for n in range(1, 10)}] == []
    documents = split_path(path).documents
    assert documents[0].title == TITLE and documents[0].source.page == 1


def test_lines_wrapped_in_a_narrow_frame_are_joined_again(tmp_path: Path) -> None:
    """GB/T 9704 sets 28 characters a line (16 pt on A4): titles and paragraphs wrap."""
    long_title = "国务院办公厅关于进一步推进城乡社区便民服务设施建设和运营管理工作的指导意见"
    lines = [long_title, "国办发〔2025〕17号", *BODY, *BODY[1:], *SIGNATURE]  # two pages or more
    path = tmp_path / "公文.pdf"
    typeset(lines, path, size=16, indent=True)
    text = read_document(path).text.split("\n")
    assert text[: len(lines)] == lines
    doc = split_path(path).documents[0]
    assert (doc.title, doc.doc_number) == (long_title, "国办发〔2025〕17号")
    # In a frame as wide as the splitter's own texts (11 pt on A4) wraps are left as printed.
    typeset(lines * 2, path, size=11)
    wide = read_document(path).text.split("\n")
    assert BODY[1] not in wide and any(BODY[1].startswith(line) for line in wide if len(line) > 30)


def _line(text: str, top: float, x0: float = 72, size: float = 11) -> PdfLine:
    return PdfLine(text, x0, x0 + size * len(text), top, top - size * 1.1)


def _page(number: int, *lines: PdfLine) -> PdfPage:
    return PdfPage(number, 595, 842, lines)


def test_a_number_or_a_repeated_line_inside_the_body_is_text() -> None:
    # "2024" and "序号" stand in the middle of each page (a table), not in its margins; the
    # last line of the body repeats at one height but is not in the margin either.
    openings = ["各地区各部门要高度重视", "切实加强组织领导工作", "及时总结推广经验做法",
                "重大情况及时报告", "认真抓好贯彻落实"]
    pages = [
        _page(n, _line(openings[n - 1], 760), _line("序号", 500), _line("2024", 480),
              _line("特此通知。", 200), _line(f"— {n} —", 40))
        for n in range(1, 6)
    ]
    laid = lay_out(pages)
    assert laid.lines.count("序号") == 5 and laid.lines.count("2024") == 5
    assert laid.lines.count("特此通知。") == 5 and laid.lines[0] == openings[0]
    assert not any(line.startswith("—") for line in laid.lines)
    assert laid.pages == tuple(n for n in range(1, 6) for _ in range(4))


def test_a_header_is_furniture_only_where_it_repeats_at_one_height() -> None:
    same = [_page(n, _line("年度政策汇编", 800, size=9), _line(f"正文第{n}页", 700)) for n in range(1, 6)]
    moving = [_page(n, _line("年度政策汇编", 800 - 60 * n), _line(f"正文第{n}页", 300)) for n in range(1, 6)]
    assert {i for _, i in find_furniture(same)} == {0}
    assert find_furniture(moving) == set()


def test_a_document_title_repeated_small_on_a_few_pages_is_a_running_header() -> None:
    body = "这是一行正文内容，用于占据页面主体部分的位置。"
    pages = [
        _page(n, _line("关于加强某项工作的通知" if n <= 4 else "另一份文件的标题", 805, size=8),
              _line(body, 700), _line(body, 680))
        for n in range(1, 9)
    ]
    laid = lay_out(pages)
    assert "关于加强某项工作的通知" not in laid.lines
    assert "另一份文件的标题" not in laid.lines


def _image_pdf(path: Path, pages: int = 2) -> Path:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(picture, format="PNG")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        picture.seek(0)
        pdf.drawImage(ImageReader(picture), 50, 50, 495, 742)
        pdf.showPage()
    pdf.save()
    return path


def test_a_scanned_pdf_is_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"扫描件.*OCR"):
        read_document(_image_pdf(tmp_path / "扫描.pdf"))


def test_an_encrypted_pdf_is_refused_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    typeset([TITLE, *BODY], path, encrypt="secret")
    with pytest.raises(InputError, match=r"加密.*密码"):
        read_document(path)


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    whole = tmp_path / "whole.pdf"
    typeset([TITLE, *BODY * 5], whole)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputError, match="不完整"):
        read_document(cut)


def test_a_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(InputError, match="损坏"):
        read_document(path)


def test_a_300_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(300 * 1024 * 1024)  # sparse: no disk space, nothing to read
    with pytest.raises(InputError, match="太大（300 MB）"):
        read_document(path)
