"""One table of label examples, and the cleaner, the splitter and the parser all held to it."""

from __future__ import annotations

import pytest

from reader.corpus.clauses import parse_clauses
from reader.corpus.clean import clean_lines
from reader.corpus.labels import LAW_PARTS, chinese_number, circled_number, match_label
from reader.corpus.split_lines import is_title_like, make_rows, starts_with_label

# (line, kind of the label it starts with or None, the label as printed, its number)
LABELS: list[tuple[str, str | None, str | None, int | None]] = [
    ("第一编 总则", "编", "第一编", 1),
    ("第二章 款项支付规定", "章", "第二章", 2),
    ("第三节 监督检查", "节", "第三节", 3),
    ("第一百二十三条 本条例自2025年6月1日起施行。", "条", "第一百二十三条", 123),
    ("第 12 条 数字编号的条", "条", "第12条", 12),
    ("第一篇 发展基础", "篇", "第一篇", 1),
    ("第二部分 省级层面政策", "部分", "第二部分", 2),
    ("一、总体要求", "一、", "一、", 1),
    ("一．总则", "一、", "一．", 1),
    ("十二、保障措施", "一、", "十二、", 12),
    ("（一）健全涉企收费目录清单制度。", "（一）", "（一）", 1),
    ("(三)完善评估机制", "（一）", "(三)", 3),
    ("1.明确收费项目。", "1.", "1.", 1),
    ("2、公开收费标准", "1.", "2、", 2),
    ("（1）行政事业性收费；", "（1）", "（1）", 1),
    ("①中央项目；", "①", "①", 1),
    ("⑳第二十项；", "①", "⑳", 20),
    ("㉑第二十一项；", "①", "㉑", 21),
    ("㊱第三十六项；", "①", "㊱", 36),
    ("1.2 主要目标", "1.1", "1.2", 1),
    ("3.1.4．技术要求", "1.1", "3.1.4", 3),
    ("专栏 1 “十三五”能源发展主要成就", "专栏", "专栏1", None),
    ("专栏3 能源绿色低碳转型工程", "专栏", "专栏3", None),
    ("附件1：申报材料清单", "附件", "附件1：", None),
    ("附件", "附件", "附件", None),
    ("附表2 项目汇总表", "附件", "附表2", None),
    ("——加强统筹协调，", "——", "——", None),
    # References and running text, not labels.
    ("第十二条第三款规定的情形除外。", None, None, None),
    ("第三章的规定同样适用，", None, None, None),
    ("附件所列项目由市政府确定，", None, None, None),
    ("附件2)进行评价，", None, None, None),
    ("专栏中提出的工程量为预计数，", None, None, None),
    ("12.5%的企业已经完成改造，", None, None, None),
    ("2024年以来各地相继出台，", None, None, None),
    ("依照第十二条的规定处理，", None, None, None),
]
CLAUSE_KINDS = {"篇", "部分", "编", "章", "节", "条", "一、", "（一）", "1.", "（1）", "①"}
# A line of running prose that stops mid-sentence: whatever follows it continues it, unless
# it opens with a label.
_PROSE = "各地区各部门要结合实际认真贯彻落实本通知提出的各项要求，切实加强组织领导，"


@pytest.mark.parametrize(("line", "kind", "label", "number"), LABELS)
def test_the_grammar_reads_the_label(
    line: str, kind: str | None, label: str | None, number: int | None
) -> None:
    found = match_label(line)
    if kind is None:
        assert found is None
        return
    assert found is not None
    assert (found.kind, found.label, found.number) == (kind, label, number)
    assert found.is_clause == (kind in CLAUSE_KINDS)


@pytest.mark.parametrize(("line", "kind", "label", "number"), LABELS)
def test_the_cleaner_starts_a_paragraph_at_a_label(
    line: str, kind: str | None, label: str | None, number: int | None
) -> None:
    paragraphs = clean_lines([_PROSE, line]).split("\n")
    assert len(paragraphs) == (2 if kind else 1)


@pytest.mark.parametrize(("line", "kind", "label", "number"), LABELS)
def test_the_splitter_sees_the_label(
    line: str, kind: str | None, label: str | None, number: int | None
) -> None:
    row = make_rows([line])[0]
    assert starts_with_label(row) == (kind is not None)
    if kind is not None:
        assert not is_title_like(row)


@pytest.mark.parametrize(("line", "kind", "label", "number"), LABELS)
def test_the_parser_opens_a_clause_for_a_numbered_label(
    line: str, kind: str | None, label: str | None, number: int | None
) -> None:
    clauses = parse_clauses(line)
    if kind in CLAUSE_KINDS:
        assert [(c.kind, c.start) for c in clauses] == [(kind, 0)]
        assert clauses[0].label == (label or "").replace(" ", "")
    else:
        assert clauses == ()


def test_circled_numbers_past_twenty_follow_each_other_in_one_list() -> None:
    text = "⑳第二十项；\n㉑第二十一项；\n㉒第二十二项。"
    assert [c.label for c in parse_clauses(text)] == ["⑳", "㉑", "㉒"]
    assert clean_lines(["⑳第二十项，", "㉑第二十一项，"]).count("\n") == 1
    assert [circled_number(chr(0x3251 + n)) for n in range(3)] == [21, 22, 23]


def test_numbers_and_the_parts_of_an_article() -> None:
    assert chinese_number("一百二十三") == 123
    assert chinese_number("二〇二二") == 2022
    assert LAW_PARTS == {"（一）": "项", "1.": "目"}
