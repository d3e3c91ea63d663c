"""Relevance on the whole bundled library: what a reader means by a compound or a variant.

Each expected document was chosen by reading it: the query names what the document is about
(its title says so, or the passage the query quotes is its subject), not what the search
happened to return.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.bundled import build_library, seed_files
from reader.library.library import Library
from reader.search.folding import fold_text
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    target: Path = tmp_path_factory.mktemp("relevance") / "library"
    build_library(seed_files(SEEDS), target, workers=2)
    lib = Library.open_folder(target)
    yield lib
    lib.close()


def _numbers(library: Library, query: str, count: int) -> list[str | None]:
    return [hit.doc_number for hit in library.search(query, count).hits]


def _holds(library: Library, doc_id: str, compound: str) -> bool:
    return compound in fold_text(library.get(doc_id).text)


@pytest.mark.parametrize("typed", ["首台套 保险补偿", "首台（套） 保险补偿", "首台(套) 保险"])
def test_the_dedicated_first_set_insurance_document_comes_first(
    library: Library, typed: str
) -> None:
    # Its title: 关于进一步完善首台（套）重大技术装备首批次新材料保险补偿政策的意见.
    assert _numbers(library, typed, 1) == ["工信部联重装〔2024〕89号"]


@pytest.mark.parametrize("compound", ["碳排放权交易", "数据要素", "首台套"])
def test_documents_holding_a_compound_whole_come_before_scattered_parts(
    library: Library, compound: str
) -> None:
    hits = library.search(compound, 40).hits
    whole = [_holds(library, hit.id, compound) for hit in hits]
    assert sum(whole) >= 3
    assert whole == sorted(whole, reverse=True), "a scattered match outranks a whole one"


@pytest.mark.parametrize("query", ["碳排放权交易", "数据要素 流通", "绿色金融"])
def test_no_single_character_piece_is_marked_alone(library: Library, query: str) -> None:
    results = library.search(query, 20)
    assert results.hits
    for hit in results.hits:
        for marked in re.findall(r"<mark>(.*?)</mark>", hit.snippet):
            assert len(marked) > 1, (hit.title, marked)
        for start, end in library.searcher().hit_spans(hit.id, query):
            assert end - start > 1


def test_a_compound_held_whole_is_marked_whole_in_snippet_and_document(library: Library) -> None:
    top = library.search("碳排放权交易", 1).hits[0]
    assert "<mark>碳排放权交易</mark>" in top.snippet
    text = library.get(top.id).text
    spans = library.searcher().hit_spans(top.id, "碳排放权交易")
    assert spans and {text[s:e] for s, e in spans} == {"碳排放权交易"}


def test_data_elements_and_circulation(library: Library) -> None:
    hits = library.search("数据要素 流通", 5).hits
    # The national digital-economy plan has a section 加快数据要素市场化流通.
    assert "“十四五”数字经济发展规划" in [hit.title for hit in hits]
    for hit in hits:
        assert _holds(library, hit.id, "数据要素")
        assert _holds(library, hit.id, "流通")


@pytest.mark.parametrize(("query", "expected"), [
    ("银发经济", "国办发〔2024〕1号"),
    ("涉企行政检查", "国办发〔2024〕54号"),
    ("数字化能碳管理中心", "工信厅节〔2025〕13号"),
    ("数据资产管理", "财资〔2023〕141号"),
    ("公平竞争审查", "国务院令第783号"),
])
def test_a_compound_naming_a_document_finds_it_first(
    library: Library, query: str, expected: str
) -> None:
    assert _numbers(library, query, 1) == [expected]


@pytest.mark.parametrize(("query", "expected"), [
    ("设备更新 以旧换新", {"国发〔2024〕7号", "黔府发〔2024〕4号"}),
    ("铝产业 高质量发展", {"工信部联原〔2025〕62号", "黔工信〔2024〕10号"}),
])
def test_the_national_and_the_provincial_version_come_first(
    library: Library, query: str, expected: set[str]
) -> None:
    assert set(_numbers(library, query, 2)) == expected
