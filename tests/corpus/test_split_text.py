"""split_text on small texts a user might import, and on arbitrary text (it must never crash)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus import split_file, split_text
from reader.corpus.split_lines import split_file_lines

NOTICE = """\
国家发展改革委 国家能源局关于
加强电网调峰储能能力建设的指导意见

发改能源〔2024〕187 号

各省、自治区、直辖市发展改革委、能源局：

为加快构建新型电力系统，现提出如下意见。

一、总体要求

（一）指导思想。坚持系统观念。

国家发展改革委

国家能源局

2024 年 2 月 6 日

（此件公开发布）
"""

SECOND = """\
 工业和信息化部办公厅关于印发
《中小企业数字化转型指南》的通知

工信厅信发〔2022〕33号

各省、自治区、直辖市工业和信息化主管部门：

现将《中小企业数字化转型指南》印发给你们，请结合实际抓好贯彻落实。

工业和信息化部办公厅

二〇二二年十一月三日

中小企业数字化转型指南

一、总体要求

推动中小企业数字化转型。
"""


def test_a_single_notice_is_one_document_with_its_metadata() -> None:
    result = split_text(NOTICE, "notice.txt")
    assert result.reason is None
    (doc,) = result.documents
    assert doc.title == "国家发展改革委 国家能源局关于加强电网调峰储能能力建设的指导意见"
    assert doc.issuers == ("国家发展改革委", "国家能源局")
    assert doc.issuers_canonical == ("国家发展改革委", "国家能源局")
    assert doc.doc_number == "发改能源〔2024〕187号"
    assert doc.date == "2024-02-06"
    assert doc.doc_type == "意见"
    assert (doc.source.start_line, doc.source.end_line) == (1, len(split_file_lines(NOTICE)))
    assert "现提出如下意见" in doc.text


def test_two_documents_and_an_enclosed_guide_that_stays_inside() -> None:
    text = NOTICE + SECOND
    result = split_text(text, "two.txt")
    first, second = result.documents
    assert second.title == "工业和信息化部办公厅关于印发《中小企业数字化转型指南》的通知"
    assert second.date == "2022-11-03"
    assert second.issuers == ("工业和信息化部办公厅",)
    assert first.source.end_line == second.source.start_line - 1
    assert second.source.end_line == len(split_file_lines(text))
    assert "推动中小企业数字化转型" in second.text


def test_ids_do_not_depend_on_where_the_document_sits() -> None:
    alone = split_text(SECOND, "a.txt").documents[0]
    after = split_text(NOTICE + "\n\n" + SECOND, "b.txt").documents[1]
    assert alone.id == after.id


def test_the_same_document_twice_gets_two_ids() -> None:
    docs = split_text(NOTICE + NOTICE, "twice.txt").documents
    assert len(docs) == 2
    assert docs[0].id != docs[1].id


def test_text_without_a_title_is_one_untitled_document_named_after_its_file() -> None:
    result = split_text("这是一段普通的文字，没有任何公文。\n\n第二段也没有。\n", "plain.txt")
    assert [(doc.title, doc.source.start_line, doc.source.end_line) for doc in result.documents] == [
        ("plain", 1, 3)
    ]
    assert result.reason is None
    assert any("未识别出文件标题" in warning for warning in result.warnings)


def test_only_a_file_without_text_gives_no_documents_and_a_reason() -> None:
    result = split_text("\n  \n\u3000\n", "blank.txt")
    assert result.documents == ()
    assert result.reason


def test_empty_text_gives_a_reason() -> None:
    result = split_text("", "empty.txt")
    assert result.documents == ()
    assert result.reason


def test_split_file_reads_other_encodings(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(NOTICE.encode("gb18030"))
    result = split_file(path)
    assert result.source == "gbk.txt"
    assert [doc.doc_number for doc in result.documents] == ["发改能源〔2024〕187号"]


_FRAGMENTS = [
    "关于", "印发", "的通知", "国务院办公厅", "国家发展改革委", "〔2024〕12号", "发改能源", "目 录",
    "……", "1.", "第一部分", "各省、自治区：", "2024年3月5日", "（此件公开发布）", "令", "第 5 号",
    "《条例》", "发布部门：", "文号：", "(", "（2024年1月1日）", " ", "\t", "#", "**", "<b>", "。",
]
_LINE = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), max_size=6
).map("".join)
_TEXT = st.lists(_LINE, max_size=40).map(lambda lines: "\n".join(lines))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_split_text_never_crashes_and_spans_stay_ordered(text: str) -> None:
    result = split_text(text, "random.txt")
    total = len(split_file_lines(text))
    previous_end = 0
    for doc in result.documents:
        assert previous_end < doc.source.start_line <= doc.source.end_line <= total
        previous_end = doc.source.end_line
    if not result.documents:
        assert result.reason


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_split_text_survives_any_unicode(text: str) -> None:
    result = split_text(text, "any.txt")
    assert result.documents or result.reason


def test_a_listed_document_missing_from_the_body_is_reported() -> None:
    toc = (
        "目 录\n\n1. 国家发展改革委 国家能源局关于加强电网调峰储能能力建设的指导意见……1\n"
        "2. 国务院办公厅关于一个并不存在的文件的通知……5\n\n"
    )
    result = split_text(toc + NOTICE, "listed.txt")
    assert len(result.documents) == 1
    assert any("并不存在" in warning for warning in result.warnings)
    assert [part.kind for part in result.front_matter] == ["toc"]


def test_a_bare_document_with_only_a_title_is_still_one_document() -> None:
    text = "关于做好2024年度安全生产工作的通知\n\n现就有关事项通知如下。\n\n一、提高认识。\n"
    (doc,) = split_text(text, "bare.txt").documents
    assert doc.title == "关于做好2024年度安全生产工作的通知"
    assert doc.doc_type == "通知"
    assert (doc.source.start_line, doc.source.end_line) == (1, 5)


CITING = """\
国务院办公厅关于做好稳就业工作的通知

国办发〔2024〕9号

各省、自治区、直辖市人民政府：

根据《国务院关于推动高质量充分就业的意见》，现就有关事项通知如下。

国务院办公厅

2024年3月1日

国务院关于推动高质量充分就业的意见

（2024年2月1日）

就业是最基本的民生。
"""


def test_a_document_the_previous_one_only_cites_is_a_document_of_its_own() -> None:
    docs = split_text(CITING, "citing.txt").documents
    assert [doc.title for doc in docs] == [
        "国务院办公厅关于做好稳就业工作的通知",
        "国务院关于推动高质量充分就业的意见",
    ]
    assert docs[1].date == "2024-02-01"
    assert docs[1].issuers == ("国务院",)


def test_a_text_the_notice_sends_out_stays_inside_it() -> None:
    enclosing = CITING.replace("根据《国务院关于推动高质量充分就业的意见》，现就有关事项通知如下。",
                               "现将《国务院关于推动高质量充分就业的意见》印发给你们。")
    docs = split_text(enclosing, "enclosing.txt").documents
    assert len(docs) == 1
    assert "就业是最基本的民生" in docs[0].text
