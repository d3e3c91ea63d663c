"""Variant folding: each family of printed variants finds the others, at index and query time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.library import Library
from reader.search.analysis import Segmenter
from reader.search.folding import fold
from reader.search.terms import POLICY_TERMS
from tests.search.documents import make_document, small_library

DOCS = [
    make_document("关于首台套装备的通知", "关于首台套装备的通知\n推进首台（套）重大技术装备保险补偿。"),
    make_document("关于首台半角的通知", "关于首台半角的通知\n支持首台(套)装备示范应用。"),
    make_document("关于首台方括号的通知", "关于首台方括号的通知\n落实首台〔套〕推广目录。"),
    make_document("关于全角字母的通知", "关于全角字母的通知\n推动ＡＩ应用，到２０２６年完成。"),
    make_document("关于半角字母的通知", "关于半角字母的通知\n推动AI应用，到2027年完成。"),
    make_document("关于转发文件的通知", "关于转发文件的通知\n现将发改能源[2022]210号文件转发给你们。"),
    make_document("关于成文日期的通知", "关于成文日期的通知\n特此通知。\n二〇二二年十二月八日"),
    make_document("关于另一日期的通知", "关于另一日期的通知\n特此通知。\n二零二三年一月五日"),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = small_library(tmp_path_factory.mktemp("folding") / "library", DOCS)
    yield lib
    lib.close()


def _titles(library: Library, query: str) -> set[str]:
    return {hit.title for hit in library.search(query, 50).hits}


def _marked(library: Library, title: str, query: str) -> list[str]:
    doc = next(d for d in DOCS if d.title == title)
    return [doc.text[s:e] for s, e in library.searcher().hit_spans(doc.id, query)]


def test_the_fold_keeps_offsets_into_the_printed_text() -> None:
    text = "推进首台（套）装备，２０２４年"
    folded = fold(text)
    assert folded.text == "推进首台套装备，2024年"
    spans = [(word, text[s:e]) for word, s, e in Segmenter(POLICY_TERMS).tokens(text)]
    assert ("首台套", "首台（套）") in spans
    assert ("2024", "２０２４") in spans


BRACKETED = {"关于首台套装备的通知", "关于首台半角的通知", "关于首台方括号的通知"}


@pytest.mark.parametrize("typed", ["首台套", "首台（套）", "首台(套)", "首台[套]"])
def test_an_optional_character_in_any_brackets_is_one_word(library: Library, typed: str) -> None:
    assert _titles(library, typed) == BRACKETED
    assert _marked(library, "关于首台半角的通知", typed) == ["首台(套)"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("AI应用", {"关于全角字母的通知", "关于半角字母的通知"}),
    ("ＡＩ应用", {"关于全角字母的通知", "关于半角字母的通知"}),
    ("2026年", {"关于全角字母的通知"}),
    ("２０２７年", {"关于半角字母的通知"}),
])
def test_full_and_half_width_letters_and_digits_are_the_same(
    library: Library, typed: str, expected: set[str]
) -> None:
    assert _titles(library, typed) == expected


@pytest.mark.parametrize("typed", [
    "发改能源〔2022〕210号", "发改能源（2022）210号", "发改能源【2022】210号", "发改能源［２０２２］２１０号",
])
def test_a_doc_number_cited_in_any_bracket_family_is_found(library: Library, typed: str) -> None:
    assert _titles(library, typed) == {"关于转发文件的通知"}
    assert _marked(library, "关于转发文件的通知", typed) == ["发改能源[2022]210号"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("二零二二年十二月八日", "关于成文日期的通知"),
    ("二〇二二年十二月八日", "关于成文日期的通知"),
    ("二〇二三年一月五日", "关于另一日期的通知"),
])
def test_ling_and_the_circle_zero_are_the_same_in_a_date(
    library: Library, typed: str, expected: str
) -> None:
    assert _titles(library, typed) == {expected}


def test_a_zero_outside_numerals_is_left_alone() -> None:
    assert fold("零售〇号").text == "零售〇号"


def test_an_index_of_the_old_schema_is_rebuilt(tmp_path: Path) -> None:
    from reader.library.search_index import SCHEMA_KEY

    lib = small_library(tmp_path / "library", DOCS[:2])
    lib._store.set_meta(SCHEMA_KEY, "1")
    lib.close()
    messages: list[str] = []
    reopened = Library.open_folder(tmp_path / "library", on_message=messages.append)
    assert any("另一版本" in m for m in messages)
    assert reopened.search("首台套").total == 2
    reopened.close()
