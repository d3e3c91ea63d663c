"""The library tree groups real documents the way a reader looks for them."""

from __future__ import annotations

import pytest

from reader.corpus.model import Document
from reader.library.tree import (
    DOCUMENT,
    ISSUER,
    LEVEL,
    MONTH,
    SOURCE,
    YEAR,
    TreeNode,
    build_tree,
    filter_tree,
)
from tests.ui.seed_documents import seed_documents


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return list(seed_documents())


def _child(node: TreeNode, key: object) -> TreeNode:
    return next(child for child in node.children if child.key == key)


def _organ_nodes(root: TreeNode, organ: str) -> list[TreeNode]:
    return [node for node in root.walk() if node.kind == ISSUER and node.key == organ]


def test_every_document_is_under_each_of_its_organs_and_its_year(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    assert root.count == len(docs)
    assert root.document_ids() == {d.id for d in docs}
    for doc in docs:
        for organ in doc.issuers_canonical or (None,):
            (node,) = _organ_nodes(root, organ)
            year = _child(node, doc.year)
            assert year.kind == YEAR
            assert any(leaf.doc_id == doc.id for leaf in year.children)
    joint = next(d for d in docs if len(d.issuers_canonical) >= 5)
    holders = [n.parent.parent.key for n in root.walk() if n.doc_id == joint.id
               if n.parent and n.parent.parent]
    assert sorted(holders) == sorted(joint.issuers_canonical)


def test_counts_are_distinct_documents_and_levels_come_in_state_order(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    for node in root.walk():
        if node.kind == DOCUMENT:
            assert node.count == 1
        else:
            assert node.count == len(node.document_ids())
        for number, child in enumerate(node.children):
            assert child.parent is node and child.row() == number
    tops = [child.key for child in root.children]
    assert tops[:2] == ["中央", "地方"]
    assert all(child.kind == LEVEL for child in root.children if child.key is not None)


def test_the_state_council_holds_its_office_and_its_kinds_of_organ(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    council = _child(_child(root, "中央"), "国务院")
    assert council.kind == ISSUER
    kinds = [child.key for child in council.children if child.kind != YEAR]
    assert kinds[0] == "国务院办公厅"
    assert kinds[1:] == sorted(kinds[1:], key=["国务院组成部门", "国务院直属特设机构",
                                               "国务院直属机构", "国务院办事机构",
                                               "国务院直属事业单位", "国务院部委管理的国家局",
                                               "国务院议事协调机构"].index)
    ministries = _child(council, "国务院组成部门")
    assert {"国家发展改革委", "工业和信息化部", "财政部"} <= {c.key for c in ministries.children}
    (energy,) = _organ_nodes(root, "国家能源局")
    assert energy.parent is not None and energy.parent.key == "国务院部委管理的国家局"


def test_provincial_organs_are_under_their_province(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    jiangsu = _child(_child(root, "地方"), "江苏省")
    organs = [node.key for node in jiangsu.walk() if node.kind == ISSUER]
    assert organs and all("江苏" in str(organ) for organ in organs)
    government = _child(jiangsu, "江苏省人民政府")
    assert government.count >= _child(government, "江苏省人民政府办公厅").count > 0
    assert _child(root, "行业协会").count >= 1  # the compilation's own association stands apart


def test_by_date_is_year_then_month_newest_first(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "date")
    years = [child.key for child in root.children]
    dated_years = [y for y in years if y is not None]
    assert dated_years == sorted(dated_years, reverse=True)
    for doc in docs:
        if doc.date and len(doc.date) >= 7:
            month = _child(_child(root, doc.year), int(doc.date[5:7]))
            assert month.kind == MONTH
            assert any(leaf.doc_id == doc.id for leaf in month.children)
    assert root.count == len(docs)


def test_by_source_keeps_the_compilation_order(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in reversed(docs)], "source")
    assert [child.kind for child in root.children] == [SOURCE]
    leaves = [leaf.doc_id for leaf in root.children[0].children]
    assert leaves == [d.id for d in docs]


def test_by_type_puts_untyped_documents_last(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "type")
    assert root.children[-1].key is None or all(c.key is not None for c in root.children)
    assert root.count == len(docs)


def test_filter_narrows_to_matching_documents(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    narrowed = filter_tree(root, "配电网")
    titles = {leaf.summary.title for leaf in narrowed.walk() if leaf.summary is not None}
    assert titles and all("配电网" in title for title in titles)
    assert narrowed.count == len({d.id for d in docs if "配电网" in d.title})
    assert all(group.children for group in narrowed.walk() if group.kind != DOCUMENT)


def test_filter_finds_a_doc_number_however_it_is_typed(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "date")
    for typed in ("发改能源〔2024〕187号", "发改能源 2024 187", "发改能源[2024]187号"):
        found = {leaf.summary.doc_number for leaf in filter_tree(root, typed).walk()
                 if leaf.summary is not None}
        assert found == {"发改能源〔2024〕187号"}, typed


def test_filter_on_an_organ_name_keeps_everything_it_issued(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    (organ,) = _organ_nodes(root, "国家能源局")
    narrowed = filter_tree(root, "国家能源局")
    (kept,) = _organ_nodes(narrowed, "国家能源局")
    assert kept.count == organ.count


def test_any_alias_of_an_organ_finds_the_same_documents(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    found = [filter_tree(root, typed).document_ids()
             for typed in ("国家发展改革委", "国家发展和改革委员会", "国家发改委", "国家 发展改革委")]
    assert found[0] and all(ids == found[0] for ids in found)
    issued = {d.id for d in docs if any(o.startswith("国家发展改革委") for o in d.issuers_canonical)}
    assert found[0] == issued


def test_empty_filter_returns_the_tree_and_unknown_mode_is_refused(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    assert filter_tree(root, "  ") is root
    with pytest.raises(ValueError):
        build_tree([], "colour")
    assert build_tree([], "issuer").children == []


def test_organs_follow_the_given_collation(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer", name_key=len)
    jiangsu = _child(_child(root, "地方"), "江苏省")
    departments = [str(c.key) for c in jiangsu.children
                   if c.kind == ISSUER and str(c.key).startswith("江苏省") and "政府" not in str(c.key)]
    assert len(departments) > 3
    assert [len(name) for name in departments] == sorted(len(name) for name in departments)


def test_an_organ_typed_finds_it_and_its_offices_not_the_organs_it_leads(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    found = filter_tree(root, "国务院").document_ids()
    council = {d.id for d in docs if {"国务院", "国务院办公厅"} & set(d.issuers_canonical)}
    led = {d.id for d in docs if d.id not in council
           and {"国务院国资委", "财政部", "国家发展改革委"} & set(d.issuers_canonical)}
    assert council and led and found == council
