"""The library tree groups real documents the way a reader looks for them."""

from __future__ import annotations

import pytest

from reader.corpus.model import Document
from reader.library.tree import (
    DOCUMENT,
    ISSUER,
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


def test_every_document_is_under_each_of_its_organs_and_its_year(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    assert root.count == len(docs)
    assert root.document_ids() == {d.id for d in docs}
    for doc in docs:
        organs = doc.issuers_canonical or (None,)
        for organ in organs:
            year = _child(_child(root, organ), doc.year)
            assert year.kind == YEAR
            assert any(leaf.doc_id == doc.id for leaf in year.children)
    joint = next(d for d in docs if len(d.issuers_canonical) >= 5)
    holders = [n.parent.parent.key for n in root.walk() if n.doc_id == joint.id
               if n.parent and n.parent.parent]
    assert sorted(holders) == sorted(joint.issuers_canonical)


def test_counts_are_distinct_documents_and_groups_are_sorted(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    for node in root.walk():
        if node.kind == DOCUMENT:
            assert node.count == 1
        else:
            assert node.count == len(node.document_ids())
        for number, child in enumerate(node.children):
            assert child.parent is node and child.row() == number
    organs = [child.key for child in root.children]
    assert all(child.kind == ISSUER for child in root.children)
    known = [key for key in organs if key is not None]
    assert known == sorted(known)


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
    organ = _child(root, "国家能源局")
    narrowed = filter_tree(root, "国家能源局")
    assert _child(narrowed, "国家能源局").count == organ.count


def test_empty_filter_returns_the_tree_and_unknown_mode_is_refused(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer")
    assert filter_tree(root, "  ") is root
    with pytest.raises(ValueError):
        build_tree([], "colour")
    assert build_tree([], "issuer").children == []


def test_organs_follow_the_given_collation(docs: list[Document]) -> None:
    root = build_tree([d.summary() for d in docs], "issuer", name_key=len)
    lengths = [len(str(child.key)) for child in root.children if child.key is not None]
    assert lengths == sorted(lengths)
