"""Every on-screen tree and list model passes Qt's model tester over real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester

from reader.library.library import Library
from reader.library.tree import TREE_MODES, build_tree, filter_tree
from reader.ui.library.tree_model import LibraryTreeModel, group_label
from reader.ui.reading.outline_panel import OutlineModel
from reader.ui.search.results_model import ResultsModel, marked_snippet
from tests.ui.seed_documents import seed_documents


@pytest.mark.parametrize("mode", TREE_MODES)
def test_library_tree_model(qtmodeltester: ModelTester, mode: str) -> None:
    summaries = [doc.summary() for doc in seed_documents()]
    model = LibraryTreeModel()
    model.set_root(build_tree(summaries, mode))
    qtmodeltester.check(model)
    model.set_root(filter_tree(model.root, "通知"))
    qtmodeltester.check(model)
    assert model.rowCount() > 0


def test_group_labels_are_words() -> None:
    assert group_label("year", 2024) == "2024年"
    assert group_label("year", None) == "日期不详"
    assert group_label("month", 3) == "3月"
    assert group_label("issuer", None) == "未署发文机关"


def test_outline_model(qtmodeltester: ModelTester) -> None:
    doc = max(seed_documents(), key=lambda d: len(d.all_clauses()))
    model = OutlineModel()
    model.set_clauses(doc.clauses)
    qtmodeltester.check(model)
    for clause in doc.all_clauses():
        index = model.index_of(clause)
        assert model.clause(index) == clause
        assert model.deepest_at(clause.start) is not None
    model.set_clauses(())
    qtmodeltester.check(model)


def test_results_model(qtmodeltester: ModelTester, built_library: Path) -> None:
    library = Library.open_folder(built_library)
    try:
        results = library.search("发展", 20)
    finally:
        library.close()
    model = ResultsModel()
    model.set_hits(results.hits)
    qtmodeltester.check(model)
    assert model.rowCount() == len(results.hits) > 0


def test_marked_snippet_escapes_text_and_marks_spans() -> None:
    text = "<b>配电网</b> & 电网"
    html = marked_snippet(text, [(3, 6)])
    assert html.startswith("&lt;b&gt;<span")
    assert ">配电网</span>&lt;/b&gt; &amp; 电网" in html
