"""Word import: a notice made with python-docx reads as its text, numbering and tables kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reader.corpus.formats import read_document, split_path
from reader.corpus.formats.docx_numbering import chinese_number, format_number
from reader.errors import InputError
from tests.corpus.formats.samples import DATE, DOC_NUMBER, ISSUER, TITLE, make_docx


def test_a_notice_made_with_python_docx_is_one_document_with_its_metadata(tmp_path: Path) -> None:
    documents = split_path(make_docx(tmp_path / "通知.docx")).documents
    assert len(documents) == 1
    doc = documents[0]
    assert (doc.title, doc.doc_number, doc.date, doc.issuers) == (TITLE, DOC_NUMBER, DATE, (ISSUER,))
    assert [c.label for c in doc.clauses] == ["一、", "二、", "三、"]
    assert [c.label for c in doc.clauses[1].children] == ["（一）", "（二）", "（三）"]
    # The table stays a table: one row a line, cells separated by tabs.
    assert "任务\t牵头单位\t完成时限" in doc.text.split("\n")
    assert "完善设施布局\t住房城乡建设部\t2026年底" in doc.text.split("\n")


def test_headings_are_marked_as_headings(tmp_path: Path) -> None:
    text = read_document(make_docx(tmp_path / "通知.docx")).text.split("\n")
    assert text[0] == f"# {TITLE}"
    assert "# 一、总体要求" in text and "（一）完善设施布局。" in "".join(text)


def _numbered_docx(path: Path) -> Path:
    """A document whose list numbering is Chinese (一、 and （一）), as Word and WPS write it."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    ))
    for text, level in (("总体要求", 0), ("重点任务", 0), ("完善设施布局", 1), ("丰富服务内容", 1),
                        ("保障措施", 0), ("加强组织领导", 1)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))
    document.save(str(path))
    return path


def test_word_numbering_is_printed_as_word_prints_it(tmp_path: Path) -> None:
    lines = read_document(_numbered_docx(tmp_path / "编号.docx")).text.split("\n")
    assert lines[:6] == ["一、总体要求", "二、重点任务", "（一）完善设施布局", "（二）丰富服务内容",
                         "三、保障措施", "（一）加强组织领导"]


def test_number_formats() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百零五", "一百一十"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(12, "decimalFullWidth") == "１２"
    assert format_number(4, "upperRoman") == "IV" and format_number(2, "lowerLetter") == "b"


def test_an_old_binary_doc_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "旧文件.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(InputError, match=r"旧版 Word 97-2003 文档.*另存为 \.docx"):
        read_document(path)


def test_a_docx_that_is_a_zip_of_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "报表.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("数据/2024.csv", "序号,名称\n1,测试\n")
    with pytest.raises(InputError, match="普通压缩包"):
        read_document(path)
    excel = tmp_path / "表格.docx"
    with zipfile.ZipFile(excel, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="Excel 表格"):
        read_document(excel)


def test_a_truncated_or_fake_docx_is_refused(tmp_path: Path) -> None:
    whole = make_docx(tmp_path / "whole.docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputError, match="损坏"):
        read_document(cut)
    fake = tmp_path / "fake.docx"
    fake.write_text("这其实是一个文本文件", encoding="utf-8")
    with pytest.raises(InputError, match="不是 Word 文档"):
        read_document(fake)


def test_an_empty_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "空白.docx"
    docx.Document().save(str(path))
    with pytest.raises(InputError, match="没有文字"):
        read_document(path)
