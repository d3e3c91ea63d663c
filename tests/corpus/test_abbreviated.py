"""Abbreviated organs (省人民政府, 省政府办公厅, 市政府) given back their full names."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import split_file
from reader.corpus.abbreviated import expand, is_abbreviated

FIXTURE = Path(__file__).parent / "fixtures" / "abbreviated_signatures.txt"


def test_the_title_names_the_organ_in_full() -> None:
    assert expand("省政府办公厅", ["广东省人民政府办公厅"], None, None) == "广东省人民政府办公厅"
    assert expand("市政府", ["南京市人民政府"], None, None) == "南京市人民政府"


def test_the_doc_number_names_the_province() -> None:
    assert expand("省人民政府", [], "粤府函〔2022〕264号", None) == "广东省人民政府"
    assert expand("省政府办公厅", [], "苏政办发〔2023〕1号", None) == "江苏省人民政府办公厅"
    assert expand("自治区人民政府", [], "桂政发〔2023〕2号", None) == "广西壮族自治区人民政府"


def test_the_compilation_names_the_province_last() -> None:
    assert expand("省人民政府", [], None, "浙江省") == "浙江省人民政府"
    # A city is never guessed from a province.
    assert expand("市人民政府", [], "粤府〔2022〕1号", "广东省") == "市人民政府"
    assert expand("省人民政府", [], None, None) == "省人民政府"


def test_full_names_are_left_alone() -> None:
    assert not is_abbreviated("广东省人民政府")
    assert not is_abbreviated("市场监管总局")  # 市 begins the word, not a place
    assert expand("国务院办公厅", ["国务院办公厅"], None, None) == "国务院办公厅"


def test_abbreviated_signatures_in_a_provincial_compilation_get_full_names() -> None:
    docs = split_file(FIXTURE).documents
    assert [doc.issuers for doc in docs] == [
        ("浙江省人民政府办公厅",),  # from the title
        ("浙江省人民政府办公厅",),  # from 浙办函
        ("浙江省人民政府",),  # from the compilation's province
    ]
