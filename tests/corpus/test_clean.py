"""The reading pane shows paragraphs, not PDF lines: wraps joined, page furniture and markup gone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus.clean import (
    clean_lines,
    find_running_headers,
    fix_spacing,
    is_page_number,
    split_glued_link,
    strip_markup,
)
from tests.conftest import SEEDS


def _wrapped(paragraph: str, width: int, blank_after: bool = True) -> list[str]:
    """Hard-wrap a paragraph the way the seeds' PDF extraction did (optionally double-spaced)."""
    out: list[str] = []
    for i in range(0, len(paragraph), width):
        out.append(paragraph[i : i + width])
        if blank_after:
            out.append("")
    return out


PARA_1 = (
    "加强涉企收费监管是降低企业经营成本、优化营商环境的重要举措，对激发市场活力、促进经济社会"
    "高质量发展具有重要意义。为贯彻落实党中央、国务院决策部署，建立健全涉企收费长效监管机制，"
    "经国务院同意，现提出以下意见。"
)
PARA_2 = (
    "以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届二中、三中全会精神，"
    "坚持问题导向、防治并举、标本兼治，聚焦政府部门及下属单位、行政审批中介服务机构、行业协会"
    "商会、经营自然垄断环节业务的企业等涉企收费主体，着力优化营商环境，健全涉企收费监管制度。"
)


def _document(width: int = 35) -> list[str]:
    """A short notice laid out like the seeds: double-spaced, hard-wrapped, indented paragraphs."""
    lines = [
        "国务院办公厅关于",
        "建立健全涉企收费长效监管机制的指导意见",
        "",
        "国办函〔2025〕30 号",
        "",
    ]
    lines += _wrapped("  " + PARA_1, width)
    lines += ["一、总体要求", ""]
    lines += _wrapped("  " + PARA_2, width)
    lines += ["国务院办公厅", "", "2025 年 3 月 25 日", ""]
    # The first line of a paragraph is two characters short: extraction lost its indent.
    return [line.replace("  ", "", 1) if line.startswith("  ") else line for line in lines]


class TestJoiningWraps:
    def test_double_spaced_hard_wrapped_paragraphs_are_rejoined(self) -> None:
        text = clean_lines(_document())

        assert PARA_1 in text.split("\n")
        assert PARA_2 in text.split("\n")

    def test_headings_dates_and_doc_numbers_stay_on_their_own_lines(self) -> None:
        lines = clean_lines(_document()).split("\n")

        assert "一、总体要求" in lines
        assert "国办函〔2025〕30号" in lines
        assert "国务院办公厅" in lines
        assert "2025年3月25日" in lines

    def test_title_broken_after_guanyu_is_joined(self) -> None:
        lines = clean_lines(_document()).split("\n")

        assert lines[0] == "国务院办公厅关于建立健全涉企收费长效监管机制的指导意见"

    @pytest.mark.parametrize(
        ("pieces", "title"),
        [
            (
                ["国务院办公厅关于转发商务部、国家发展改革委《2025年稳外资行动方案》", "的通知"],
                "国务院办公厅关于转发商务部、国家发展改革委《2025年稳外资行动方案》的通知",
            ),
            (
                ["贵州省人民政府关于印发贵州省推动大规模设备更新", "和消费品以旧换新实施方案", "的通知"],
                "贵州省人民政府关于印发贵州省推动大规模设备更新和消费品以旧换新实施方案的通知",
            ),
            (
                ["中国人民银行 银保监会 财政部", "工业和信息化部 市场监管总局", "关于进一步加大对小微企业贷款延期还本付息", "支持力度的通知"],
                # Organ names of a joint title keep the space between them across the break.
                "中国人民银行 银保监会 财政部 工业和信息化部 市场监管总局关于进一步加大对小微企业贷款延期还本付息支持力度的通知",
            ),
        ],
    )  # fmt: skip
    def test_titles_broken_over_lines_are_joined(self, pieces: list[str], title: str) -> None:
        lines = [line for piece in pieces for line in (piece, "")] + ["国办函〔2025〕13号", ""]

        out = clean_lines(lines).split("\n")

        assert out == [title, "国办函〔2025〕13号"]

    def test_a_word_broken_across_lines_is_joined(self) -> None:
        # As in seed 001: "…项目收益相匹配。规范债" / "券发行管理…", the line at the margin.
        para = (
            "专项债务限额与政府性基金预算收入及项目收益相匹配。规范债券发行管理，优化债券期限结构。"
        )
        cut = para.index("券")
        whole = PARA_1[: 80 - cut] + para
        lines = _wrapped(whole, 40)
        assert lines[2].endswith("规范债")

        text = clean_lines(lines)

        assert text == whole

    def test_clause_lines_start_paragraphs_even_after_a_full_line(self) -> None:
        body = "机关、事业单位和大型企业不得要求中小企业接受不合理的付款期限、方式、条件和违约责任等交易条件"
        lines = [
            body[:35],
            "",
            body[35:] + "。",
            "",
            "第八条 机关、事业单位使用财政资金从中小企业采购货物",
            "",
        ]
        lines = _wrapped(PARA_2, 35) + lines

        out = clean_lines(lines).split("\n")

        assert out[-2] == body + "。"
        assert out[-1].startswith("第八条 机关")

    def test_a_responsibility_note_ends_a_paragraph(self) -> None:
        # Seed 001: "…按职责分工负责）" fills the line; the next line starts a new paragraph.
        note = (
            "（省发展改革委、省财政厅、省农业农村厅、省生态环境厅、省自然资源厅等按职责分工负责）"
        )
        whole = PARA_2[:-1] + note
        whole = PARA_1[: -len(whole) % 41] + whole  # make the note end a full line
        lines = [*_wrapped(whole, 41), "附件：信用信息共享清单", ""]
        assert len(lines[-4]) == 41

        out = clean_lines(lines).split("\n")

        assert out == [whole, "附件：信用信息共享清单"]

    def test_blank_lines_are_paragraph_breaks_where_text_is_not_double_spaced(self) -> None:
        lines = ["第一段的内容比较短", "", "第二段也很短", "第二段的第二行"]

        assert clean_lines(lines) == "第一段的内容比较短\n第二段也很短\n第二段的第二行"

    def test_sentence_at_the_margin_followed_by_an_unindented_line_continues(self) -> None:
        # A sentence may end exactly at the right margin while the paragraph goes on; the next
        # line of a new paragraph would be indented (two characters shorter), this one is not.
        sentences = (
            "消费基础性作用持续强化。最终消费支出占国内生产总值的比重连续保持在合理水平。" * 6
        )
        lines = _wrapped(sentences, 38)
        assert lines[0].endswith("。")

        assert clean_lines(lines) == sentences

    def test_em_space_indent_starts_a_paragraph(self) -> None:
        lines = _wrapped(PARA_1, 35, blank_after=False)
        lines.append("\u2003\u2003" + PARA_2)

        assert clean_lines(lines).split("\n") == [PARA_1, PARA_2]

    def test_leading_space_of_a_pdf_page_break_is_dropped(self) -> None:
        lines = _wrapped(PARA_1, 35)
        lines[4] = " " + lines[4]

        assert clean_lines(lines) == PARA_1

    def test_table_rows_stay_rows_with_tab_separated_cells(self) -> None:
        lines = [
            "指标\t2015 年\t2020 年\t年均/累计",
            "能源消费总量（亿吨标准煤）\t43.4\t49.8\t2.8%\t\t",
        ]

        assert (
            clean_lines(lines)
            == "指标\t2015年\t2020年\t年均/累计\n能源消费总量（亿吨标准煤）\t43.4\t49.8\t2.8%"
        )


class TestFurniture:
    @pytest.mark.parametrize(
        "line", ["12", "- 12 -", "—3—", "第 3 页", "第3页 共20页", " 7 ", "II"]
    )
    def test_page_numbers(self, line: str) -> None:
        assert is_page_number(line)
        assert clean_lines(["第一段。", line, "第二段。"]) == "第一段。\n第二段。"

    @pytest.mark.parametrize("line", ["2035年", "1.总体要求", "12345", "2025", "第十二条", "2021-"])
    def test_not_page_numbers(self, line: str) -> None:
        assert not is_page_number(line)

    def test_running_header_at_page_breaks_is_dropped(self) -> None:
        lines: list[str] = []
        for page in range(1, 5):
            body = [*_wrapped(PARA_1, 30), *_wrapped(PARA_2, 30)]
            lines += ["惠企政策汇编（2024年第一季度）", *body, f"- {page} -"]

        text = clean_lines(lines)

        assert "惠企政策汇编" not in text
        assert text.split("\n") == [PARA_1, PARA_2] * 4

    def test_footer_with_its_own_page_number_is_dropped(self) -> None:
        lines: list[str] = []
        for page in range(7, 11):
            body = [*_wrapped(PARA_1, 30), *_wrapped(PARA_2, 30)]
            lines += [*body, f"2024年第一季度惠企政策汇编 · {page}"]

        assert clean_lines(lines).split("\n") == [PARA_1, PARA_2] * 4

    def test_a_cited_doc_number_that_grows_is_no_page_counter(self) -> None:
        # Yearly copies of one notice cite the 文号 of their own year: the same wrapped line
        # with a growing number, a page apart. A number before 号 counts documents.
        lines: list[str] = []
        for number in range(3, 8):
            cited = f"按照《实施办法》（某政发〔2024〕{number}号）精神，现就"
            lines += [*_wrapped(PARA_1, 20), *_wrapped(PARA_2, 20), cited]

        assert find_running_headers(lines) == frozenset()
        assert clean_lines(lines).count("某政发〔2024〕") == 5

    def test_headers_found_in_the_whole_compilation_apply_to_each_document(self) -> None:
        lines = (SEEDS / "001_4892098d42747a5f.txt").read_text(encoding="utf-8").split("\n")

        headers = find_running_headers(lines)

        assert headers == {"明树数据 www.bridata.com"}
        page = [*_wrapped(PARA_1, 35), "明树数据 www.bridata.com", "", "68"]
        assert clean_lines(page, headers) == PARA_1
        assert "明树数据" in clean_lines(page, frozenset())

    @pytest.mark.parametrize("name", ["000", "002", "003", "004"])
    def test_no_running_headers_in_the_other_seeds(self, name: str) -> None:
        # Signatures, 附注, dates and table cells repeat at page breaks there; none is furniture.
        assert find_running_headers(_seed_lines(name)) == frozenset()

    def test_repeated_table_fragments_are_not_mistaken_for_headers(self) -> None:
        # A flattened table of the seeds repeats cell fragments ("民政府办" / "公厅") dozens of
        # times; they are content, not running headers.
        lines: list[str] = []
        for _ in range(6):
            lines += [
                "江西省人",
                "",
                "民政府办",
                "",
                "公厅",
                "",
                "关于加快农村寄递物流体系建设的实施意见。",
                "",
            ]

        assert clean_lines(lines).count("民政府办") == 6


class TestMarkup:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("<b>第一部分 国家各部委颁布文件</b>", "第一部分 国家各部委颁布文件"),
            ("#### **（十一）医药制造业**", "（十一）医药制造业"),
            ("## **(十二) 化学纤维制造业", "(十二) 化学纤维制造业"),
            ("<p>CO<sub>2</sub>排放&amp;能耗</p>", "CO2排放&能耗"),
            ("单位：万元<br>", "单位：万元"),
            ("面积（m<sup>2</sup>）", "面积（m2）"),
            ("&lt;智能汽车创新发展战略&gt;", "<智能汽车创新发展战略>"),
            # Inline TeX that seed 000's converter wrote for symbols, units and formulas.
            ("（单丝直径 $\\leq 9$  微米）", "（单丝直径 ≤9  微米）"),
            ("抗压强度$\\geq 35\\text{MPa}$", "抗压强度≥35MPa"),
            ("$\\text{Si}_3\\text{N}_4$陶瓷", "Si3N4陶瓷"),
            ("纯度$>99\\%$", "纯度>99%"),
            ("耐温$25^{\\circ}$C", "耐温25°C"),
            ("粒径$> 9$", "粒径>9"),
            ("$\\frac{1}{2}$", "$\\frac{1}{2}$"),
            ("价格 $5 和 $6", "价格 $5 和 $6"),
            ("12 米\\_\\_\\_及以上", "12 米___及以上"),
            ("④带\\*的为2019年数据。", "④带*的为2019年数据。"),
        ],
    )
    def test_strip_markup(self, raw: str, clean: str) -> None:
        assert strip_markup(raw) == clean

    def test_literal_angle_brackets_in_titles_survive(self) -> None:
        assert strip_markup("<智能汽车创新发展战略>") == "<智能汽车创新发展战略>"

    def test_markdown_list_marker_is_dropped(self) -> None:
        assert clean_lines(["- 71.氢燃料绿色制备技术开发", "- 72.大型工业气体的生产和供应"]) == (
            "71.氢燃料绿色制备技术开发\n72.大型工业气体的生产和供应"
        )


class TestSpacing:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            (
                "《扩大内需战略规划纲要（2022－2035 年）》",
                "《扩大内需战略规划纲要（2022－2035年）》",
            ),
            ("中华人民共和国商务部令 第 52 号", "中华人民共和国商务部令第52号"),
            ("2025 年 3 月 25 日", "2025年3月25日"),
            ("目 录", "目录"),
            ("第一章 总 则", "第一章 总则"),
            ("第十二条 本办法自印发之日起施行。", "第十二条 本办法自印发之日起施行。"),
            ("科技部 住房城乡建设部", "科技部 住房城乡建设部"),
            ("国家发展改革委 交通运输部关于印发《国家公路网规划》的通知", None),
            ("中共中央 国务院关于全面推进美丽中国建设的意见", None),
            ("江苏省财政厅 江苏省市场监督管理局", None),
            ("主管部 门", "主管部门"),
            ("依法 依规 限制 相关 消费 行为", "依法依规限制相关消费行为"),
            ("的通知 发改能源〔2022〕210 号", "的通知 发改能源〔2022〕210号"),
        ],
    )
    def test_fix_spacing(self, raw: str, clean: str | None) -> None:
        assert fix_spacing(raw) == (raw if clean is None else clean)


def _seed_lines(name: str) -> list[str]:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8").split("\n")


def _find(lines: list[str], title: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if lines[i].strip() == title)


class TestSeeds:
    def test_regulation_from_seed_003_reads_as_articles(self) -> None:
        lines = _seed_lines("003")
        start = _find(lines, "保障中小企业款项支付条例")
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("第三十七条")) + 1

        paragraphs = clean_lines(lines[start:end]).split("\n")

        articles = [p for p in paragraphs if re.match(r"第[一二三四五六七八九十]+条 ", p)]
        assert len(articles) == 37
        assert "第一章 总则" in paragraphs
        assert "第五章 附则" in paragraphs
        assert paragraphs[-1] == "第三十七条 本条例自2025年6月1日起施行。"
        # Every article's first paragraph ends a sentence: no wrap was left unjoined.
        assert all(re.search(r"[。：；]$", p) for p in articles)

    def test_seed_002_plan_has_whole_paragraphs(self) -> None:
        lines = _seed_lines("002")
        start = _find(lines, "《扩大内需战略规划纲要（2022－2035 年）》") - 2
        end = _find(lines, "（二）重大意义", start)

        paragraphs = clean_lines(lines[start:end]).split("\n")

        assert "（一）我国扩大内需已取得显著成效" in paragraphs
        consumption = next(p for p in paragraphs if p.startswith("消费基础性作用持续强化。"))
        assert "连续11年保持在50%以上" in consumption
        assert consumption.endswith("。")
        assert len(paragraphs) < 20

    @pytest.mark.parametrize("name", ["001", "002", "003"])
    def test_double_spaced_seeds_shrink_to_paragraphs(self, name: str) -> None:
        lines = _seed_lines(name)
        nonblank = sum(1 for line in lines if line.strip())

        paragraphs = clean_lines(lines).split("\n")

        # Roughly two of every three PDF lines were wrapped mid-paragraph in these seeds.
        assert len(paragraphs) < 0.45 * nonblank
        assert all(p and p == p.strip() for p in paragraphs)


_ALPHABET = st.sampled_from(
    [
        *list("第一二三十条章、（）()1.．。，；：国务院办公厅关于 \t\n\r"),
        "<b>",
        "</b>",
        "#",
        "&amp;",
        "- 3 -",
        "\u3000",
        "\ufeff",
        "**",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=40).map("".join), max_size=30))
def test_clean_lines_never_fails_and_is_deterministic(lines: list[str]) -> None:
    first = clean_lines(lines)

    assert clean_lines(list(lines)) == first
    assert "\n\n" not in first
    assert all(p and p == p.strip(" \u3000") for p in first.split("\n")) or first == ""


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=20))
def test_clean_lines_accepts_any_text(lines: list[str]) -> None:
    text = clean_lines(lines)

    assert clean_lines(lines) == text
    # One paragraph a line, whatever separators the input held: offsets count the same way
    # whether a reader splits on "\n" or with str.splitlines().
    assert text.splitlines() == (text.split("\n") if text else [])


class TestCapturedLinks:
    def test_a_link_glued_to_a_title_goes_on_its_own_line(self) -> None:
        lines = [
            "附件：储能行动方案",
            "",
            "https://www.example.gov.cn/zhengce/202502/P020250217000000000001.pdf",
            "",
            "76",
            "",
            "储能制造业高质量发展行动方案",
            "",
            "储能制造业是为储能提供能量存储等产品的制造业的总称。",
        ]
        text = clean_lines(lines).split("\n")

        assert "https://www.example.gov.cn/zhengce/202502/P020250217000000000001.pdf" in text
        assert "储能制造业高质量发展行动方案" in text

    def test_a_file_name_glued_to_a_title_is_split_and_a_link_in_a_sentence_is_not(self) -> None:
        assert split_glued_link("P0202502.pdf行动方案") == "P0202502.pdf\n行动方案"
        assert split_glued_link("见https://example.cn/a网页") == "见https://example.cn/a网页"
        assert split_glued_link("https://example.cn/a.html") == "https://example.cn/a.html"
