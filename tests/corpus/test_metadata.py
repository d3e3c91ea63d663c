"""文号, dates and document types as printed become one normalised value each."""

from __future__ import annotations

import pytest

from reader.corpus.metadata import doc_type_of, normalize_doc_number, parse_date


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("发改能源[2022]210 号", "发改能源〔2022〕210号"),
        ("发改能源〔2022〕210号", "发改能源〔2022〕210号"),
        ("国办函〔2025〕30 号", "国办函〔2025〕30号"),
        ("（苏政办发〔2024〕10号）", "苏政办发〔2024〕10号"),
        ("文号：国办发〔2021〕46 号", "国办发〔2021〕46号"),
        ("国市监注发(2024)10号", "国市监注发〔2024〕10号"),
        ("财政部 税务总局公告 2022年第 32号", "财政部 税务总局公告2022年第32号"),
        ("中华人民共和国民政部令第69号", "民政部令第69号"),
        ("中华人民共和国国务院令 第 802 号", "国务院令第802号"),
        ("没有文号的一句话", None),
        ("", None),
    ],
)
def test_doc_numbers_are_normalised(printed: str, expected: str | None) -> None:
    assert normalize_doc_number(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2025年3月25日", "2025-03-25"),
        ("2025 年 3 月 25 日", "2025-03-25"),
        ("二〇二二年十二月八日", "2022-12-08"),
        ("二○二三年二月二十一日", "2023-02-21"),
        ("（2024 年 10 月 12 日）", "2024-10-12"),
        ("2025年3月", "2025-03"),
        ("二〇二三年二月", "2023-02"),
        ("2025年13月1日", None),
        ("no date here", None),
    ],
)
def test_dates_become_iso(printed: str, expected: str | None) -> None:
    assert parse_date(printed) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("国务院办公厅关于建立健全涉企收费长效监管机制的指导意见", "意见"),
        ("科技部 住房城乡建设部关于印发《“十四五”城镇化与城市发展科技创新专项规划》的通知", "通知"),
        ("社会组织名称管理办法", "办法"),
        ("保障中小企业款项支付条例", "条例"),
        ("广东省人民政府关于设立广州琶洲经济开发区的批复", "批复"),
        ("财政部 税务总局关于企业投入基础研究税收优惠政策的公告", "公告"),
        ("中华人民共和国国务院令", "令"),
        ("江苏省卓越技师培育计划实施办法（试行）", "办法"),
        ("“十四五”数字经济发展规划", "规划"),
        ("本月要点提示", None),
    ],
)
def test_document_type_comes_from_the_end_of_the_title(title: str, expected: str | None) -> None:
    assert doc_type_of(title) == expected
