"""A compilation is named by the title on its cover, not by its compiler, date or furniture."""

from __future__ import annotations

from reader.corpus.compilation import compilation_title
from reader.corpus.model import FrontMatter
from reader.corpus.split import split_text
from tests.conftest import SEEDS


def _cover(text: str) -> tuple[FrontMatter, ...]:
    return (FrontMatter("cover", 1, text.count("\n") + 1, text),)


def test_the_cover_title_leaves_out_who_compiled_it_and_when() -> None:
    assert compilation_title(_cover("2025年3月政策汇编\n某某市工商业联合会 编\n2025年4月")) == "2025年3月政策汇编"
    assert compilation_title(_cover("# 惠企政策选编\n（第二辑）\n编印单位：某某区发展和改革局\n二〇二五年一月")) == (
        "惠企政策选编（第二辑）")
    assert compilation_title(_cover("某某省工商业联合会\n某某省总商会\n<b>一季度政策汇编</b>")) == "一季度政策汇编"


def test_page_furniture_and_organs_alone_are_no_title() -> None:
    assert compilation_title(_cover("www.example.com\nII\n3")) is None
    assert compilation_title(_cover("江苏省工商业联合会\n2024年4月")) is None
    assert compilation_title(()) is None
    assert compilation_title((FrontMatter("toc", 1, 2, "目录\n关于…的通知……1"),)) is None


def test_every_document_of_a_seed_carries_its_compilations_title() -> None:
    text = (SEEDS / "004_bf5e8a97a1a13c8b.txt").read_text(encoding="utf-8")
    split = split_text(text, "004.txt")
    assert {doc.source_title for doc in split.documents} == {"2024年第一季度 惠企政策汇编"}
    assert all(doc.source.file == "004.txt" for doc in split.documents)
    untitled = split_text((SEEDS / "002_2b41b7aea7ba18c4.txt").read_text(encoding="utf-8"), "002.txt")
    assert {doc.source_title for doc in untitled.documents} == {None}


def test_a_cover_title_names_a_kind_of_compilation() -> None:
    # A brand or publisher line with the running header's web address names no compilation.
    assert compilation_title(_cover("某某数据 www.example.com\nI")) is None
    assert compilation_title(_cover("某某研究院\n基建政策月报\n2021年12月")) == "基建政策月报"
    assert compilation_title(_cover("某某咨询\n本月要点\n（第12期）")) == "本月要点（第12期）"
    # The period printed on the line above the title belongs to it.
    assert compilation_title(_cover("2025年3月\n政策汇编\n某某市工商业联合会 编")) == "2025年3月 政策汇编"
    assert compilation_title(_cover("2021年12月-2022年1月\n政策动态")) == "2021年12月-2022年1月 政策动态"
    assert compilation_title(_cover("2024年第一季度 惠企政策汇编\n2024年4月")) == "2024年第一季度 惠企政策汇编"


def test_a_report_whose_cover_is_a_running_header_keeps_its_file_name() -> None:
    split = split_text((SEEDS / "001_4892098d42747a5f.txt").read_text(encoding="utf-8"), "001.txt")
    assert [part.kind for part in split.front_matter][:1] == ["cover"]
    assert {doc.source_title for doc in split.documents} == {None}
    titled = split_text((SEEDS / "000_33a0d7a04a8e333f.txt").read_text(encoding="utf-8"), "000.txt")
    assert {doc.source_title for doc in titled.documents} == {"工程咨询文件汇编（2022年）"}
