"""The library tree as a policy researcher reads it: organs in levels, sources by their names."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.corpus.abbreviated import is_abbreviated
from reader.corpus.model import DocumentSummary, FrontPart
from reader.library.tree import DOCUMENT, FRONT, ISSUER, SOURCE, TreeNode
from reader.ui.library.library_panel import LibraryPanel
from reader.ui.search.search_panel import SearchPanel
from reader.ui.shell.main_window import MainWindow
from tests.conftest import SEEDS
from tests.ui.seed_documents import seed_documents

ALL_SEEDS = sorted(path.name for path in SEEDS.glob("*.txt"))


def _all_documents() -> list[DocumentSummary]:
    return [doc.summary() for seed in ALL_SEEDS for doc in seed_documents(seed)]


def _front_matter() -> dict[str, tuple[FrontPart, ...]]:
    from reader.corpus import split_file

    return {seed: tuple(part.part() for part in split_file(SEEDS / seed).front_matter)
            for seed in ALL_SEEDS}


def _labels(panel: LibraryPanel, parent: QModelIndex) -> list[str]:
    model = panel.model
    return [str(model.index(row, 0, parent).data()) for row in range(model.rowCount(parent))]


def _child(panel: LibraryPanel, parent: QModelIndex, name: str) -> QModelIndex:
    for row, label in enumerate(_labels(panel, parent)):
        if label.rsplit(" (", 1)[0] == name:
            return panel.model.index(row, 0, parent)
    raise AssertionError(f"{name} not among {_labels(panel, parent)}")


def _shown_ids(panel: LibraryPanel) -> set[str]:
    return panel.model.root.document_ids()


def test_the_tree_of_every_seed_has_levels_and_no_organ_without_its_place(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    summaries = _all_documents()
    panel.set_documents(summaries, ALL_SEEDS, _front_matter())
    qtmodeltester.check(panel.model)
    top = [label.rsplit(" (", 1)[0] for label in _labels(panel, QModelIndex())]
    assert top == ["中央", "地方", "人民团体", "行业协会", "金融机构", "企业", "未署发文机关"]
    central = _child(panel, QModelIndex(), "中央")
    assert [label.rsplit(" (", 1)[0] for label in _labels(panel, central)][:2] == [
        "党中央及其部门", "国务院"]
    council = _child(panel, central, "国务院")
    assert _labels(panel, council)[0].startswith("国务院办公厅 (")
    ministries = _child(panel, council, "国务院组成部门")
    ndrc = _child(panel, ministries, "国家发展改革委")
    assert _child(panel, ndrc, "国家发展改革委办公厅").isValid()
    local = _child(panel, QModelIndex(), "地方")
    guangdong = _child(panel, local, "广东省")
    assert _child(panel, _child(panel, guangdong, "广州市"), "广州市应急管理局").isValid()
    # Bare 省人民政府 / 财政厅 have their province; 中华人民共和国交通运输局 is 交通运输部.
    organs = [node for node in panel.model.root.walk() if node.kind == ISSUER and node.key]
    assert not [node.key for node in organs if is_abbreviated(str(node.key))]
    assert "贵州省财政厅" in {node.key for node in organs}
    assert "交通运输局" not in {node.key for node in organs}
    # Counts on every node are its distinct documents; the top levels count the library.
    for node in panel.model.root.walk():
        if node.kind not in (DOCUMENT, FRONT):
            assert node.count == len(node.document_ids())
            label = node_label(panel, node)
            assert node.parent is None or label.endswith(f"({node.count})")
    assert panel.model.root.count == len({s.id for s in summaries})  # one document, two sources
    # Only a document that prints no organ is 未署发文机关: a plan printed without one.
    unsigned = _child(panel, QModelIndex(), "未署发文机关")
    titles = {node.summary.title for node in panel.model.node(unsigned).walk() if node.summary}
    assert titles == {"“十四五”数字经济发展规划"}


def node_label(panel: LibraryPanel, node: TreeNode) -> str:
    return str(panel.model.index_of(node).data())


def test_a_joint_document_is_under_each_of_its_organs(qtbot: QtBot) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    summaries = _all_documents()
    panel.set_documents(summaries)
    joint = next(s for s in summaries if len(s.issuers_canonical) >= 7)
    holders = {node.parent.parent.key for node in panel.model.root.walk()
               if node.doc_id == joint.id and node.parent and node.parent.parent}
    assert holders == set(joint.issuers_canonical)


def test_the_filter_box_finds_an_organ_by_any_alias(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.library_panel
    found = []
    for typed in ("国家发展和改革委员会", "国家发展改革委", "国家发改委"):
        # Cleared first, so each answer read is the one for the text just typed.
        panel.filter_box.clear()
        qtbot.waitUntil(lambda: panel.status.text().startswith("共"))
        panel.filter_box.setText(typed)
        qtbot.waitUntil(lambda: panel.status.text().startswith("筛选出"))
        found.append(_shown_ids(panel))
    assert found[0] and found[0] == found[1] == found[2]
    issued = {s.id for s in panel.summaries()
              if any(name.startswith("国家发展改革委") for name in s.issuers_canonical)}
    assert found[0] == issued


def test_sources_are_named_by_their_titles_with_front_matter_beside_documents(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.library_panel
    panel.mode_box.setCurrentIndex(panel.mode_box.findData("source"))
    source = panel.model.index(0, 0)
    assert source.data(Qt.ItemDataRole.DisplayRole) == "2024年第一季度 惠企政策汇编 (35)"
    assert ">004_bf5e8a97a1a13c8b.txt<" in source.data(Qt.ItemDataRole.ToolTipRole)
    kinds = [panel.model.node(panel.model.index(row, 0, source)).kind
             for row in range(panel.model.rowCount(source))]
    assert kinds[:2] == [FRONT, FRONT] and kinds.count(DOCUMENT) == 35
    assert _labels(panel, source)[0].startswith("〔封面〕")
    assert _labels(panel, source)[1].startswith("〔目录〕")
    assert panel.model.node(source).kind == SOURCE and panel.model.node(source).count == 35


def _every_seed_by_source(qtbot: QtBot) -> LibraryPanel:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_documents(_all_documents(), ALL_SEEDS, _front_matter())
    panel.mode_box.setCurrentIndex(panel.mode_box.findData("source"))
    return panel


def test_a_reports_chapters_are_listed_under_its_source_not_as_documents(qtbot: QtBot) -> None:
    panel = _every_seed_by_source(qtbot)
    report = _child(panel, QModelIndex(), "001_4892098d42747a5f.txt")
    labels = _labels(panel, report)
    chapters = [label for label in labels if label.startswith("〔编者章节〕")]
    assert chapters == ["〔编者章节〕1.本月要点提示", "〔编者章节〕2.本月重要政策和报告内容要点列表",
                        "〔编者章节〕3.本月重点政策和活动解读"]
    assert panel.model.node(report).count == len(seed_documents("001_4892098d42747a5f.txt"))
    documents = {s.title for s in _all_documents()}
    assert not documents & {"本月要点提示", "本月重要政策和报告内容要点列表", "本月重点政策和活动解读"}


def test_the_search_panel_lists_each_organ_once_whatever_alias_it_printed(qtbot: QtBot) -> None:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.set_filter_choices(_all_documents())
    organs = [panel.issuer_box.itemData(row) for row in range(1, panel.issuer_box.count())]
    assert "国家发展改革委" in organs
    assert not {"国家发展和改革委员会", "发展改革委", "科学技术部", "交通运输局"} & set(organs)
    assert len(organs) == len(set(organs))


def test_a_chapter_of_the_report_opens_to_be_read_from_its_source(qtbot: QtBot) -> None:
    panel = _every_seed_by_source(qtbot)
    report = _child(panel, QModelIndex(), "001_4892098d42747a5f.txt")
    row = next(row for row, label in enumerate(_labels(panel, report))
               if label == "〔编者章节〕1.本月要点提示")
    index = panel.model.index(row, 0, report)
    with qtbot.assertNotEmitted(panel.documentActivated):
        panel.view.activated.emit(index)
    view = panel.front_matter_view
    assert view is not None and view.isVisible()
    assert view.windowTitle() == "001_4892098d42747a5f.txt · 编者章节"
    text = view.text.toPlainText()
    assert text.startswith("1.本月要点提示\n1.1本月政策提要")
    assert "生态环境部办公厅等部门发布关于开展气候投融资试点工作的通知" in text  # wraps joined
    view.close()
