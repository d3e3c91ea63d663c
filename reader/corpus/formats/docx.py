"""Word documents (.docx) through python-docx: paragraphs, headings, numbering and tables.

The body is read in order, one paragraph a line. A heading (style 标题 N / Heading N / Title,
or an outline level) is written as a Markdown heading (``# …``), the mark the splitter knows
from converted text; a numbered paragraph gets the label Word prints (``一、``, ``（二）``, see
``docx_numbering``); a table becomes one line a row with its cells separated by tabs, the form
the cleaner keeps as a table. Footnotes and the page header and footer are not part of the
body and are left out, as page furniture is from a PDF.

Refused in plain words: an old binary .doc (Word 97-2003), a .docx that is a zip of something
else (a renamed .xlsx, a plain archive) or a damaged one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from reader.corpus.formats.base import Extracted, ReadProgress
from reader.errors import InputError

NAME = "docx"
SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps")
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_PARTS = ("word/document.xml", "[Content_Types].xml")
_OTHER_OFFICE = (
    ("xl/workbook.xml", "Excel 表格"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿"),
    ("content.xml", "OpenDocument（WPS/LibreOffice）文档"),
)


def recognises(head: bytes, suffix: str) -> bool:
    """Claim Word's own suffixes and every OLE2 file (to name it in the refusal)."""
    return head.startswith(_OLE2) or suffix in SUFFIXES


def read(path: Path, progress: ReadProgress | None = None) -> Extracted:
    """Return the document's body text: headings marked, numbering printed, tables tabbed."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_package(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise InputError(f"{path.name}：Word 文档已损坏，无法打开（{type(error).__name__}），未导入。") from None
    except Exception as error:  # lxml raises its own errors for broken XML inside the zip
        if type(error).__module__.startswith("lxml"):
            raise InputError(f"{path.name}：Word 文档已损坏（内部 XML 无法解析），未导入。") from None
        raise
    lines = list(_body_lines(document))
    if not any(line.strip(" #\t") for line in lines):
        raise InputError(f"{path.name}：Word 文档中没有文字，未导入。")
    if progress:
        progress(f"已读取 {path.name}", 1, 1)
    return Extracted("\n".join(lines) + "\n", NAME, NAME)


def _check_package(path: Path) -> None:
    """Refuse what is not a .docx package, saying what it is when we can tell."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE2):
        kind = "Word 97-2003 文档（.doc）" if path.suffix.lower() in (".doc", ".wps", ".dot") else (
            "Office 97-2003 文件（.doc/.xls/.ppt）"
        )
        raise InputError(
            f"{path.name}：这是旧版 {kind}，无法直接读取。请在 Word 或 WPS 中打开，另存为 .docx"
            f"（或 .pdf）后再导入。"
        )
    if not head.startswith(_ZIP):
        raise InputError(f"{path.name}：这不是 Word 文档（.docx 文件应是一个压缩包），未导入。")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise InputError(f"{path.name}：Word 文档已损坏或不完整，无法打开，未导入。") from None
    if all(part in names for part in _WORD_PARTS):
        return
    for part, kind in _OTHER_OFFICE:
        if part in names:
            raise InputError(f"{path.name}：这个文件其实是{kind}，不是 Word 文档，未导入。")
    raise InputError(f"{path.name}：这个 .docx 文件其实是一个普通压缩包，里面没有 Word 文档，未导入。")


def _body_lines(document: Any) -> list[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from reader.corpus.formats.docx_numbering import Numbering

    try:
        numbering_element = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_element = None
    numbering = Numbering(numbering_element)
    out: list[str] = []

    def visit(container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                line = _paragraph_line(Paragraph(child, document), numbering)
                if line:
                    out.append(line)
            elif child.tag == qn("w:tbl"):
                out.extend(_table_lines(Table(child, document)))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    visit(content)

    visit(document.element.body)
    return out


def _heading_level(paragraph: Any) -> int:
    """Return 1–9 for a heading paragraph (by its style or outline level), 0 for body text."""
    style = paragraph.style
    while style is not None:
        name = (style.name or "").replace(" ", "").lower()
        if name == "title":
            return 1
        for prefix in ("heading", "标题"):
            if name.startswith(prefix) and name[len(prefix):].isdigit():
                return min(int(name[len(prefix):]), 9)
        if level := _outline_level(style.element.pPr):
            return level
        style = style.base_style
    return _outline_level(paragraph._p.pPr)


def _outline_level(p_pr: Any) -> int:
    """Return the outline level (1–9) paragraph properties set, or 0 for body text."""
    from docx.oxml.ns import qn

    level = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
    value = level.get(qn("w:val"), "9") if level is not None else "9"
    return int(value) + 1 if value.isdigit() and int(value) < 9 else 0


def _numbering_of(paragraph: Any) -> tuple[str, int] | None:
    """Return (numId, level) of a numbered paragraph, from the paragraph or its style."""
    from docx.oxml.ns import qn

    for p_pr in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style else None):
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is not None:
            level = ilvl.get(qn("w:val"), "0") if ilvl is not None else "0"
            return num_id.get(qn("w:val"), "0"), int(level) if level.isdigit() else 0
    return None


def _paragraph_line(paragraph: Any, numbering: Any) -> str:
    text = " ".join(paragraph.text.replace("\t", " ").split("\n")).strip()
    if not text:
        return ""
    numbered = _numbering_of(paragraph)
    if numbered is not None:
        label = numbering.label(*numbered)
        if label and not text.startswith(label.strip()):
            text = label + text
    level = _heading_level(paragraph)
    return f"{'#' * level} {text}" if level else text


def _table_lines(table: Any) -> list[str]:
    """Return one line a row, cells separated by tabs; merged cells counted once."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines
