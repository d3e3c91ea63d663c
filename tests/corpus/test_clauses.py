"""Clause structure: what the outline shows and what a bookmark or a citation points at."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus.clauses import (
    address_label,
    chinese_number,
    clause_at,
    find_clause,
    iter_clauses,
    outline,
    parse_clauses,
)
from reader.corpus.clean import clean_lines
from reader.corpus.model import Clause
from tests.conftest import SEEDS

REGULATION = """保障中小企业款项支付条例
第一章 总则
第一条 为了促进机关、事业单位和大型企业及时支付中小企业款项，制定本条例。
第二条 机关、事业单位和大型企业采购货物、工程、服务支付中小企业款项，应当遵守本条例。
第二章 款项支付规定
第三条 机关、事业单位有下列情形之一的，依法追究责任：
（一）使用财政资金从中小企业采购货物，未按照批准的预算执行；
（二）要求施工单位对政府投资项目垫资建设。
依照第十二条的规定处理。
第十二条第三款规定的情形除外。
第一百二十三条 本条例自2025年6月1日起施行。"""

NOTICE = """国务院办公厅关于建立健全涉企收费长效监管机制的指导意见
各省、自治区、直辖市人民政府：
一、总体要求
以习近平新时代中国特色社会主义思想为指导，构建协同高效的长效监管机制。
二、重点任务
（一）健全涉企收费目录清单制度。行政事业性收费实行目录清单管理。
1.明确收费项目。
（1）行政事业性收费；
①中央项目；
②地方项目。
（2）政府性基金。
2.公开收费标准。
（二）完善涉企收费政策评估审核工作机制。
三、保障措施
国务院办公厅"""


def _by_address(clauses: tuple[Clause, ...]) -> dict[str, Clause]:
    return {c.address: c for c in iter_clauses(clauses)}


class TestArticles:
    def test_chapters_hold_articles_and_articles_hold_items(self) -> None:
        clauses = parse_clauses(REGULATION)

        assert [c.address for c in clauses] == ["第一章", "第二章"]
        assert [c.address for c in clauses[0].children] == ["第一章/第一条", "第一章/第二条"]
        items = _by_address(clauses)["第二章/第三条"].children
        assert [(c.address, c.kind) for c in items] == [
            ("第二章/第三条/（一）", "（一）"),
            ("第二章/第三条/（二）", "（一）"),
        ]

    def test_kinds_labels_and_headings(self) -> None:
        by = _by_address(parse_clauses(REGULATION))

        chapter = by["第一章"]
        assert (chapter.label, chapter.kind, chapter.heading) == ("第一章", "章", "总则")
        article = by["第一章/第一条"]
        assert (article.label, article.kind) == ("第一条", "条")
        # Running text after the label: the heading is its first words.
        assert article.heading == "为了促进机关、事业单位和大型企业及时支付中小企业款项，制定本条例"
        assert (
            by["第二章/第三条/（一）"].heading
            == "使用财政资金从中小企业采购货物，未按照批准的预算执行"
        )

    def test_parts_of_a_plan_hold_its_outline(self) -> None:
        text = "第一篇总体思路\n一、概念内涵\n二、参考框架\n第二篇 数字产业化\n一、发展重点\n（一）核心产业"

        clauses = parse_clauses(text)

        assert [(c.address, c.kind, c.heading) for c in clauses] == [
            ("第一篇", "篇", "总体思路"),
            ("第二篇", "篇", "数字产业化"),
        ]
        assert [c.address for c in iter_clauses(clauses[1:])] == [
            "第二篇",
            "第二篇/一、",
            "第二篇/一、/（一）",
        ]

    def test_chinese_numerals_into_the_hundreds(self) -> None:
        by = _by_address(parse_clauses(REGULATION))

        assert "第二章/第一百二十三条" in by

    def test_references_in_running_text_are_not_clauses(self) -> None:
        labels = [c.label for c in iter_clauses(parse_clauses(REGULATION))]

        assert "第十二条" not in labels  # "依照第十二条…" and "第十二条第三款规定的…"

    def test_offsets_cover_the_clause_text_and_children(self) -> None:
        clauses = parse_clauses(REGULATION)
        by = _by_address(clauses)

        chapter_two = by["第二章"]
        assert REGULATION[chapter_two.start :].startswith("第二章 款项支付规定")
        assert chapter_two.end == len(REGULATION)
        article = by["第二章/第三条"]
        assert REGULATION[article.start : article.end].endswith("第十二条第三款规定的情形除外。")
        # A clause ends before the newline that separates it from the next one.
        first_chapter = by["第一章"]
        assert first_chapter.end == chapter_two.start - 1
        assert by["第一章/第二条"].end == chapter_two.start - 1
        assert REGULATION[first_chapter.start : first_chapter.end].endswith("应当遵守本条例。")


class TestOutline:
    def test_outline_numbering_nests_by_family(self) -> None:
        clauses = parse_clauses(NOTICE)

        assert [c.address for c in iter_clauses(clauses)] == [
            "一、",
            "二、",
            "二、/（一）",
            "二、/（一）/1.",
            "二、/（一）/1./（1）",
            "二、/（一）/1./（1）/①",
            "二、/（一）/1./（1）/②",
            "二、/（一）/1./（2）",
            "二、/（一）/2.",
            "二、/（二）",
            "三、",
        ]
        kinds = {c.kind for c in iter_clauses(clauses)}
        assert kinds == {"一、", "（一）", "1.", "（1）", "①"}

    def test_contents_entries_inside_a_document_are_not_clauses(self) -> None:
        text = "目录\n第一章 总则……………1\n第二章 款项支付规定.......12\n第一章 总则\n第二章 款项支付规定"

        clauses = parse_clauses(text)

        assert [(c.address, c.heading) for c in clauses] == [
            ("第一章", "总则"),
            ("第二章", "款项支付规定"),
        ]
        assert text[clauses[0].start :].startswith("第一章 总则\n")

    def test_heading_of_a_title_line_and_of_running_text(self) -> None:
        by = _by_address(parse_clauses(NOTICE))

        assert by["一、"].heading == "总体要求"
        assert by["二、/（一）"].heading == "健全涉企收费目录清单制度"
        assert by["二、/（一）/1."].heading == "明确收费项目"

    def test_a_preamble_list_does_not_swallow_the_sections(self) -> None:
        text = "现将有关事项通知如下：\n1.高度重视。\n2.加强领导。\n一、总体要求\n（一）指导思想\n二、重点任务"

        assert [c.address for c in parse_clauses(text)] == ["1.", "2.", "一、", "二、"]

    def test_sections_after_the_last_article_leave_it(self) -> None:
        text = "第一条 本办法自印发之日起施行。\n附件\n一、申报条件\n（一）企业规模"

        assert [c.address for c in parse_clauses(text)] == ["第一条", "一、"]

    def test_repeated_labels_get_distinct_addresses(self) -> None:
        # A notice enclosing a plan: both number their sections from 一、.
        text = "一、通知事项\n二、工作要求\n附件\n一、总体要求\n二、主要任务"

        addresses = [c.address for c in parse_clauses(text)]

        assert addresses == ["一、", "二、", "一、#2", "二、#2"]

    def test_half_width_brackets_and_dots_have_one_address_form(self) -> None:
        text = "一、总体要求\n(一)指导思想\n1．坚持创新\n2、坚持协调\n3﹒坚持绿色"

        addresses = [c.address for c in iter_clauses(parse_clauses(text))]

        assert addresses == [
            "一、",
            "一、/（一）",
            "一、/（一）/1.",
            "一、/（一）/2.",
            "一、/（一）/3.",
        ]
        labels = [c.label for c in iter_clauses(parse_clauses(text))][1:]
        assert labels == ["(一)", "1．", "2、", "3﹒"]

    def test_numbers_are_not_list_items(self) -> None:
        text = "3.5%的增长目标。\n2022年全年完成。\n12.3亿元。\n1.1本月政策提要"

        assert parse_clauses(text) == ()

    def test_item_number_glued_to_a_number_continues_the_list(self) -> None:
        # Seed 000: "118.8 万吨/年及以上无碱玻璃纤维粗纱…" is item 118, not the decimal 118.8.
        text = (
            "117.高性能纤维生产\n118.8万吨/年及以上无碱玻璃纤维粗纱生产\n119.碳纤维制造\n"
            "12.5%的目标\n120.1本章小结"  # a decimal section number, not item 120
        )

        items = parse_clauses(text)

        assert [(c.label, c.heading) for c in items] == [
            ("117.", "高性能纤维生产"),
            ("118.", "8万吨/年及以上无碱玻璃纤维粗纱生产"),
            ("119.", "碳纤维制造"),
        ]

    def test_outline_helper_limits_depth(self) -> None:
        rows = outline(parse_clauses(NOTICE), max_depth=2)

        assert [(depth, c.address) for depth, c in rows] == [
            (0, "一、"),
            (0, "二、"),
            (1, "二、/（一）"),
            (1, "二、/（二）"),
            (0, "三、"),
        ]


class TestLookup:
    def test_clause_at_finds_the_deepest_clause(self) -> None:
        clauses = parse_clauses(NOTICE)
        offset = NOTICE.index("中央项目")

        found = clause_at(clauses, offset)

        assert found is not None
        assert found.address == "二、/（一）/1./（1）/①"

    def test_clause_at_outside_any_clause(self) -> None:
        assert clause_at(parse_clauses(NOTICE), 0) is None
        assert clause_at((), 5) is None

    def test_find_clause(self) -> None:
        clauses = parse_clauses(NOTICE)

        found = find_clause(clauses, "二、/（二）")

        assert found is not None
        assert found.heading == "完善涉企收费政策评估审核工作机制"
        assert find_clause(clauses, "九、") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百二十三", 123),
        ("一百零五", 105),
        ("两百", 200),
        ("三十七", 37),
        ("12", 12),
        ("二〇二二", 2022),
    ],
)
def test_chinese_number(text: str, value: int) -> None:
    assert chinese_number(text) == value


def test_address_label() -> None:
    assert address_label("(三)") == "（三）"
    assert address_label("1．") == "1."
    assert address_label("3、") == "3."
    assert address_label("第十二条") == "第十二条"


def _check_tree(clauses: tuple[Clause, ...], lo: int, hi: int, text: str) -> None:
    previous_end = lo
    for clause in clauses:
        assert lo <= clause.start < clause.end <= hi
        assert clause.start >= previous_end
        before = text[: clause.start].rstrip(" \u3000\t")
        assert before == "" or before.endswith("\n")  # a clause starts a line
        assert not text[clause.start : clause.end].endswith("\n")
        previous_end = clause.end
        _check_tree(clause.children, clause.start, clause.end, text)


_PIECES = st.sampled_from(
    [
        "第一篇",
        "第二部分 ",
        "第一章",
        "第二章 ",
        "第三节",
        "第一条",
        "第十二条 ",
        "第一百条",
        "一、",
        "二、",
        "十、",
        "（一）",
        "(二)",
        "1.",
        "2．",
        "3、",
        "（1）",
        "①",
        "②",
        "依照第十二条",
        "总则",
        "本办法",
        "。",
        "\n",
        "\n",
        "\n",
        " ",
        "2022",
        "年",
        "、",
        "……1",
        "3.5",
        "4.2",
        "﹒",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_offsets_are_ordered_nested_and_inside_the_text(text: str) -> None:
    clauses = parse_clauses(text)

    _check_tree(clauses, 0, len(text), text)
    addresses = [c.address for c in iter_clauses(clauses)]
    assert len(addresses) == len(set(addresses))
    assert parse_clauses(text) == clauses


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_parse_clauses_accepts_any_text(text: str) -> None:
    _check_tree(parse_clauses(text), 0, len(text), text)


def _seed_lines(name: str) -> list[str]:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8").split("\n")


def _find(lines: list[str], title: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if lines[i].strip() == title)


class TestSeeds:
    def test_regulation_of_seed_003(self) -> None:
        lines = _seed_lines("003")
        start = _find(lines, "保障中小企业款项支付条例")
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("第三十七条")) + 1
        text = clean_lines(lines[start:end])

        clauses = parse_clauses(text)

        assert [(c.label, c.heading) for c in clauses] == [
            ("第一章", "总则"),
            ("第二章", "款项支付规定"),
            ("第三章", "监督管理"),
            ("第四章", "法律责任"),
            ("第五章", "附则"),
        ]
        articles = [c for c in iter_clauses(clauses) if c.kind == "条"]
        assert len(articles) == 37
        assert articles[7].address == "第二章/第八条"
        assert articles[-1].address == "第五章/第三十七条"
        items = find_clause(clauses, "第四章/第三十一条")
        assert items is not None
        assert [c.label for c in items.children] == [f"（{n}）" for n in "一二三四五六七"]

    def test_notice_of_seed_003(self) -> None:
        lines = _seed_lines("003")
        start = _find(lines, "国务院办公厅关于")
        end = _find(lines, "国务院办公厅", start + 1)
        text = clean_lines(lines[start:end])

        clauses = parse_clauses(text)

        assert [c.heading for c in clauses][:2] == ["总体要求", "重点任务"]
        item = find_clause(clauses, "二、/（一）")
        assert item is not None
        assert item.heading == "健全涉企收费目录清单制度"
        assert text[item.start : item.end].startswith(
            "（一）健全涉企收费目录清单制度。行政事业性收费"
        )

    def test_plan_of_seed_002(self) -> None:
        lines = _seed_lines("002")
        start = _find(lines, "《扩大内需战略规划纲要（2022－2035 年）》") - 2
        end = _find(lines, "国家发改委印发“十四五”扩大内需战略实施方案", start)
        text = clean_lines(lines[start:end])

        clauses = parse_clauses(text)

        top = [c.label for c in clauses]
        assert top == [
            f"{n}、" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
        ]
        assert clauses[-1].heading == "实施保障"
        items = [c for c in iter_clauses(clauses) if c.kind == "（一）"]
        assert items[-1].address == "十一、/（三十八）"
        assert items[-1].heading == "加大宣传引导力度"
        assert len(items) == 38
