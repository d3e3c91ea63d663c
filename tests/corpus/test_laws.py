"""Laws and regulations as officially published: titles, 题注 events, dates, issuers, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.law_texts import law
from reader.corpus import split_file, split_text
from reader.corpus.law_notes import parse_events

FIXTURES = Path(__file__).parent / "fixtures" / "laws"

# file → (title, issuers, doc_number, date, promulgated, effective, event kinds)
SINGLE: dict[str, tuple[str, tuple[str, ...], str | None, str | None, str | None, str | None, list[str]]] = {
    "law_bracketed.txt": (
        "中华人民共和国城乡社区服务法", ("全国人民代表大会常务委员会",), None, "2018-10-26", None,
        "1996-07-01", ["通过", "修正", "修正"],
    ),
    "regulation_bare.md": (
        "城镇供热设施保护条例", ("国务院",), "国务院令第567号", "2009-11-25", "2009-11-25",
        "2010-03-01", ["通过", "公布", "施行"],
    ),
    "local_regulation.txt": (
        "江川市城市绿化条例", ("江川市人民代表大会常务委员会",), None, "2012-11-29", None,
        "2013-03-01", ["通过", "批准"],
    ),
    "judicial_interpretation.txt": (
        "最高人民法院关于审理民间借贷纠纷案件适用法律若干问题的规定", ("最高人民法院",),
        "法释〔2020〕17号", "2020-12-23", None, None, ["通过", "修正", "修正"],
    ),
    "department_rule.txt": (
        "网络交易商品质量抽查检验管理办法", ("国家市场监督管理总局",),
        "国家市场监督管理总局令第37号", "2021-03-02", "2021-03-02", "2021-05-01", ["公布", "施行"],
    ),
    "page_break.txt": (
        "国家自然保护地巡护条例", ("国务院",), "国务院令第687号", "2024-03-10", "2017-10-07",
        "2017-12-01", ["公布", "修订"],
    ),
    "page_break_note.txt": (
        "海岛旅游资源保护条例", ("国务院",), "国务院令第598号", "2011-06-02", "2011-06-02",
        "2011-08-01", ["通过", "公布", "施行"],
    ),
    "law_with_contents.txt": (
        "中华人民共和国城乡社区服务法", ("全国人民代表大会常务委员会",), None, "1996-03-12", None,
        "1996-07-01", ["通过"],
    ),
    "law_markdown.md": (
        "中华人民共和国城乡社区服务法", ("全国人民代表大会常务委员会",), None, "2009-08-27", None,
        "1996-07-01", ["通过", "修正"],
    ),
    "long_title.md": (
        "全国人民代表大会常务委员会关于授权国务院在部分地区开展城乡建设用地增减挂钩节余指标跨省域调剂"
        "和耕地占补平衡指标跨区域统筹使用试点工作的决定",
        ("全国人民代表大会常务委员会",), None, None, None, None, [],
    ),
}


@pytest.mark.parametrize("name", sorted(SINGLE))
def test_a_file_holding_one_law_is_one_document_with_its_title_and_record(name: str) -> None:
    title, issuers, number, date, promulgated, effective, kinds = SINGLE[name]
    result = split_file(FIXTURES / name)
    assert len(result.documents) == 1
    doc = result.documents[0]
    assert doc.title == title  # the 题注 is never part of it
    assert (doc.issuers, doc.doc_number, doc.date) == (issuers, number, date)
    assert (doc.promulgated, doc.effective) == (promulgated, effective)
    assert [event.kind for event in doc.events] == kinds
    assert doc.source.start_line == 1
    if "条" in doc.text:
        assert doc.clauses, "the articles are still the document's structure"


def test_the_events_say_who_and_when() -> None:
    doc = split_file(FIXTURES / "regulation_bare.md").documents[0]
    assert [(e.kind, e.date, e.by, e.number) for e in doc.events] == [
        ("通过", "2009-08-19", "国务院第77次常务会议", None),
        ("公布", "2009-11-25", "中华人民共和国国务院令第567号", "国务院令第567号"),
        ("施行", "2010-03-01", "", None),
    ]
    json_events = doc.summary_json()["events"]
    assert json_events[1] == {"kind": "公布", "date": "2009-11-25", "by": "中华人民共和国国务院令第567号",
                              "number": "国务院令第567号"}


def test_a_year_left_out_repeats_the_previous_events_year() -> None:
    events = parse_events("（2023年12月5日交通运输部第30次部务会议通过，12月18日公布，自2024年3月1日起施行）")
    assert [(e.kind, e.date) for e in events] == [
        ("通过", "2023-12-05"), ("公布", "2023-12-18"), ("施行", "2024-03-01")
    ]


def test_a_decision_cited_in_the_note_lends_it_no_events() -> None:
    events = parse_events(
        "（2015年6月23日最高人民法院审判委员会第1655次会议通过　根据2020年8月18日最高人民法院审判委员会"
        "第1809次会议通过的《最高人民法院关于修改〈关于…的规定〉的决定》修正）"
    )
    assert [(e.kind, e.date) for e in events] == [("通过", "2015-06-23"), ("修正", "2020-08-18")]


def test_effective_from_promulgation() -> None:
    doc = split_text(
        "某某办法\n（2022年3月1日某某部令第3号公布）\n第一条 为了规范管理，制定本办法。\n"
        "第二条 本办法自公布之日起施行。\n",
        "rule.txt",
    ).documents[0]
    assert (doc.promulgated, doc.effective, doc.doc_number) == ("2022-03-01", "2022-03-01", "某某部令第3号")


def test_two_versions_of_one_interpretation_have_two_ids_and_their_own_dates() -> None:
    new = split_file(FIXTURES / "judicial_interpretation.txt").documents[0]
    old = split_file(FIXTURES / "judicial_interpretation_2015.txt").documents[0]
    assert new.title == old.title
    assert (old.date, new.date) == ("2015-06-23", "2020-12-23")
    assert old.id != new.id


def test_news_style_headings_start_documents_without_a_table_of_contents() -> None:
    docs = split_file(FIXTURES / "news_headings.txt").documents
    assert [doc.title for doc in docs] == [
        "国务院办公厅关于进一步优化营商环境的通知",
        "中共中央办公厅、国务院办公厅印发《有效降低全社会物流成本行动方案》",
        "国家发展改革委、交通运输部印发《关于加快推进多式联运发展的指导意见》",
    ]
    assert [doc.source.start_line for doc in docs] == [1, 9, 15]
    assert docs[1].issuers == ("中共中央办公厅", "国务院办公厅")


def test_a_compilation_of_laws_without_a_toc_splits_into_its_laws() -> None:
    expected = json.loads((FIXTURES / "compilation_15.json").read_text(encoding="utf-8"))
    result = split_file(FIXTURES / "compilation_15.txt")
    assert [doc.title for doc in result.documents] == [item["title"] for item in expected]
    for doc, item in zip(result.documents, expected, strict=True):
        assert doc.date == item["date"], doc.title
        assert doc.issuers == (item["issuer"],), doc.title
        assert doc.doc_number == item["doc_number"], doc.title
        assert doc.effective == item["effective"], doc.title
        assert len(doc.events) == item["events"], doc.title
        # Page numbers and running headers are furniture, never text.
        assert "法规汇编" not in doc.text and "— " not in doc.text
    layouts = {item["layout"] for item in expected}
    assert layouts == {"law", "regulation", "regulation_bare", "local", "judicial", "rule"}


def test_a_title_broken_across_a_page_break_is_whole() -> None:
    result = split_file(FIXTURES / "compilation_15.txt")
    text = (FIXTURES / "compilation_15.txt").read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(text) if line == "最高人民法院关于")
    assert text[broken + 1].startswith("— ")
    doc = next(d for d in result.documents if d.source.start_line == broken + 1)
    assert doc.title.startswith("最高人民法院关于审理") and doc.title.endswith("的解释")


def test_a_file_without_a_title_is_imported_untitled() -> None:
    result = split_file(FIXTURES / "untitled.txt")
    assert [doc.title for doc in result.documents] == ["untitled"]
    assert result.warnings


def _wrap(line: str, width: int = 30) -> list[str]:
    return [line[i : i + width] for i in range(0, len(line), width)] or [line]


# How single-law files differ as people save them: a Markdown title, blank lines between
# paragraphs, a title broken over two lines, everything hard-wrapped by a PDF conversion.
PRINTINGS = {
    "as published": lambda lines: list(lines),
    "markdown title": lambda lines: [f"# {lines[0].removeprefix('# ')}", *(x for line in lines[1:] for x in ("", line))],
    "blank lines": lambda lines: [x for line in lines for x in (line, "")],
    "title on two lines": lambda lines: [*_wrap(lines[0].removeprefix("# "), len(lines[0]) // 2 + 1), *lines[1:]],
    "hard-wrapped": lambda lines: [x for line in lines for x in (_wrap(line) if line else [line])],
}


@pytest.mark.parametrize("printing", sorted(PRINTINGS))
@pytest.mark.parametrize("layout", ["law", "regulation", "regulation_bare", "local", "judicial", "rule"])
def test_every_layout_however_printed_is_one_document_with_title_date_and_issuer(
    layout: str, printing: str
) -> None:
    for n in range(4):
        item = law(n, layout)
        lines = PRINTINGS[printing](item.lines)
        docs = split_text("\n".join(lines) + "\n", f"{n}.txt").documents
        assert len(docs) == 1, (n, [d.title for d in docs])
        doc = docs[0]
        assert (doc.title, doc.date, doc.issuers) == (item.title, item.date, (item.issuer,))
        assert (doc.doc_number, doc.effective, len(doc.events)) == (
            item.doc_number, item.effective, item.events
        )
