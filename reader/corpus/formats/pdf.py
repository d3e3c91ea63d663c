"""PDF files with a text layer, read page by page with PDFium (pypdfium2).

PDFium is fast, robust against the odd PDFs compilations are made of, and gives each
character's box, which is what telling page furniture from text needs (``pdf_layout``). One
page is loaded at a time and closed before the next, so a 500-page compilation never sits in
memory as pages; only its lines (text and five numbers each) are kept until the layout is done.

Refused in plain words, with nothing imported: a scan (pages that are images, no text), a file
that needs a password, a damaged or truncated file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.corpus.formats.base import Extracted, PageMap, ReadProgress
from reader.corpus.formats.pdf_layout import PdfLine, PdfPage, lay_out
from reader.errors import InputError

NAME = "pdf"
SUFFIXES = (".pdf",)
_MAGIC = b"%PDF-"
_TAIL = 1024  # the spec puts %%EOF in the last 1024 bytes; a cut-off download lacks it
_LINE = re.compile(r"[^\r\n]+")
_SCANNED_CHARS = 20  # a page with fewer printed characters and an image is a scanned page


def recognises(head: bytes, suffix: str) -> bool:
    return head.startswith(_MAGIC) or (suffix in SUFFIXES and b"%PDF" in head)


def read(path: Path, progress: ReadProgress | None = None) -> Extracted:
    """Return the text of every page, furniture dropped, with the page each line is on."""
    import pypdfium2 as pdfium

    name = path.name
    _check_complete(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise InputError(_open_error(error, name)) from None
    try:
        pages, warnings = _read_pages(pdf, name, progress)
    finally:
        pdf.close()
    laid = lay_out(pages)
    if not "".join(laid.lines).strip():
        raise InputError(f"{name}：PDF 中没有可提取的文字，未导入。")
    return Extracted(
        "\n".join(laid.lines) + "\n",
        NAME,
        NAME,
        PageMap(laid.pages, len(pages)),
        warnings=tuple(warnings),
    )


def _check_complete(path: Path) -> None:
    """Refuse a file cut off before its end (PDFium would quietly read what is left)."""
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip(b"\r\n\t \x00").startswith(b"%PDF"):
            raise InputError(f"{path.name}：文件不是有效的 PDF（开头没有 PDF 标记），未导入。")
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _TAIL))
        if b"%%EOF" not in handle.read():
            raise InputError(
                f"{path.name}：PDF 文件不完整（可能下载或复制中断），无法可靠读取，未导入。"
            )


def _open_error(error: Exception, name: str) -> str:
    text = str(error).lower()
    if "password" in text:
        return f"{name}：PDF 已加密，需要密码才能打开；请先解除密码保护后再导入。"
    if "security" in text or "handler" in text:
        return f"{name}：PDF 使用了无法识别的加密方式，无法读取，未导入。"
    return f"{name}：PDF 文件已损坏，无法打开，未导入。"


def _read_pages(
    pdf: Any, name: str, progress: ReadProgress | None
) -> tuple[list[PdfPage], list[str]]:
    """Read each page's lines, one page in memory at a time; refuse a scan."""
    import pypdfium2 as pdfium

    count = len(pdf)
    if count == 0:
        raise InputError(f"{name}：PDF 中没有页面，未导入。")
    pages: list[PdfPage] = []
    image_pages: list[int] = []
    for index in range(count):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            raise InputError(f"{name}：PDF 文件已损坏（第 {index + 1} 页无法读取），未导入。") from None
        try:
            lines = _page_lines(page)
            if sum(len(line.text) for line in lines) < _SCANNED_CHARS and _has_image(page):
                image_pages.append(index + 1)
            width, height = page.get_size()
        finally:
            page.close()
        pages.append(PdfPage(index + 1, width, height, tuple(lines)))
        if progress:
            progress(f"读取 {name}：第 {index + 1}/{count} 页", index + 1, count)
    if len(image_pages) * 2 > count:
        raise InputError(
            f"{name}：这是扫描件，PDF 的页面是图片，没有文字层，无法提取文字。请先用 OCR 软件"
            f"识别为文字（或另存为带文字的 PDF）后再导入。"
        )
    warnings = []
    if image_pages:
        shown = "、".join(map(str, image_pages[:10])) + ("等" if len(image_pages) > 10 else "")
        warnings.append(f"{name}：第 {shown} 页是图片，没有文字，已跳过")
    return pages, warnings


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _page_lines(page: Any) -> list[PdfLine]:
    """Return the page's printed lines with their boxes, in PDFium's reading order."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines: list[PdfLine] = []
        for match in _LINE.finditer(text):
            raw = match.group()
            stripped = raw.strip()
            if not stripped:
                continue
            first = match.start() + (len(raw) - len(raw.lstrip()))
            last = match.start() + len(raw.rstrip()) - 1
            a = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, first)
            b = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, last)
            if a < 0 or b < 0:
                continue
            left, bottom, _, top = textpage.get_charbox(a, loose=True)
            last_left, bottom_b, right, top_b = textpage.get_charbox(b, loose=True)
            lines.append(
                PdfLine(
                    stripped, left, right, max(top, top_b), min(bottom, bottom_b),
                    lead=raw[:1] == " ", char_width=right - last_left,
                )
            )
        return lines
    finally:
        textpage.close()
