"""Documents that know each other, in the real window: citation links, 关联, 时效, 对照阅读."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from reader.app import open_backend
from reader.library.compare import ADDED, CHANGED, DELETED, SAME
from reader.library.link_tree import (
    CITED_BY,
    CITES,
    EMPTY,
    RELATIONS,
    SECTIONS,
    UNRESOLVED,
    VERSIONS,
)
from reader.notes import Colour, make_anchor
from reader.paths import Paths
from reader.ui.base.backend import Backend
from reader.ui.base.tasks import Progress
from reader.ui.reading.citation_links import citation_href, parse_citation_href
from reader.ui.reading.compare_view import CompareView
from reader.ui.shell.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS, add_notes, make_window, show_loaded
from tests.ui.link_fixtures import (
    AS_HOSTILE,
    CITED,
    CITED_NUMBER,
    LEADERS,
    LEADERS_CLAUSE,
    MISSING,
    PLAN,
    LinkedLibrary,
    build,
)
from tests.ui.test_bookmarks import open_doc
from tests.ui.test_hostile_text import MARKUP, SCRIPT, shown


@pytest.fixture
def linked(paths: Paths) -> LinkedLibrary:
    return build(paths.library_dir)


@pytest.fixture
def window(qtbot: QtBot, paths: Paths, linked: LinkedLibrary) -> Iterator[MainWindow]:
    """The real window over the linked library, its backend giving the hand-made links."""
    win = with_links(qtbot, show_loaded(qtbot, make_window(paths, loader=linked.loader(paths))))
    yield win
    win.shutdown()


def with_links(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Wait until the window has resolved the library's links (on a worker, after loading)."""
    qtbot.waitUntil(lambda: window.links.ready, timeout=LOAD_TIMEOUT_MS)
    return window


def anchor_at(window: MainWindow, offset: int) -> str:
    """Return the anchor of the page character showing text ``offset`` ("" for none)."""
    cursor = QTextCursor(window.reading.browser.document())
    cursor.setPosition(window.reading.page_map.position(offset) + 1)
    fmt = cursor.charFormat()
    return fmt.anchorHref() if fmt.isAnchor() else ""


def viewport_point(window: MainWindow, offset: int) -> QPoint:
    """Return the viewport point over text ``offset``, scrolled into view."""
    reading = window.reading
    reading.scroll_to_offset(offset)
    cursor = QTextCursor(reading.browser.document())
    cursor.setPosition(reading.page_map.position(offset) + 2)
    return reading.browser.cursorRect(cursor).center()


def test_the_anchor_names_a_document_and_a_clause_and_nothing_else() -> None:
    href = citation_href("3049d7d1cca42ed0", "三、/（三）")
    assert href == "cite:3049d7d1cca42ed0#三、/（三）"
    assert parse_citation_href(href) == ("3049d7d1cca42ed0", "三、/（三）")
    assert parse_citation_href("cite:3049d7d1cca42ed0") == ("3049d7d1cca42ed0", None)
    for outside in ("https://example.org/", "file:///etc/passwd", "#version-0", "cite:"):
        assert parse_citation_href(outside) is None


def test_a_resolved_citation_is_a_link_that_opens_the_cited_document_at_the_clause(
    qtbot: QtBot, window: MainWindow
) -> None:
    plan = open_doc(qtbot, window, PLAN)
    start = plan.text.index(CITED)
    assert anchor_at(window, start) == citation_href(LEADERS, LEADERS_CLAUSE)
    assert anchor_at(window, plan.text.index(CITED_NUMBER)) == citation_href(LEADERS, None)
    # Works the library lacks stay plain text, and so does the text around a link.
    assert all(anchor_at(window, plan.text.index(title)) == "" for title in MISSING)
    assert anchor_at(window, start - 3) == ""
    placed = window.reading.citations.placed()
    assert len(placed) == 3
    browser = window.reading.browser
    for begin, end, _href in placed:
        cursor = QTextCursor(browser.document())
        cursor.setPosition(begin)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText().startswith(("《", "人社部发"))

    point = viewport_point(window, start)
    with qtbot.waitSignal(window.documentOpened, timeout=5000) as opened:
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [LEADERS]
    leaders = window.reading.document
    assert leaders is not None and leaders.id == LEADERS
    clause = next(c for c in leaders.all_clauses() if c.address == LEADERS_CLAUSE)
    assert window.reading.caret_offset() == clause.start
    assert abs(window.reading.top_offset() - clause.start) < 40


def test_hovering_a_citation_shows_the_cited_documents_card_as_text(
    qtbot: QtBot, window: MainWindow, linked: LinkedLibrary
) -> None:
    plan = open_doc(qtbot, window, PLAN)
    viewport = window.reading.browser.viewport()
    point = viewport_point(window, plan.text.index(AS_HOSTILE))
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point,
                                                viewport.mapToGlobal(point)))
    tip = QToolTip.text()
    assert tip == window.reading.citations.tooltip(citation_href(linked.hostile, None))
    text = shown(tip)
    # The hostile title is shown as its characters; nothing in it is read as markup.
    assert SCRIPT in text and "发文字号：发改能源〔2031〕99号" in text
    assert MARKUP.search(tip) is None
    QToolTip.hideText()


def test_the_links_panel_lists_each_section_and_opens_what_it_lists(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_doc(qtbot, window, PLAN)
    panel = window.links.panel
    sections = {node.label: node for node in panel.sections()}
    assert list(sections) == list(SECTIONS)
    cited = sections[CITES].children
    assert cited[0].label == "《人力资源社会保障部等七部门关于实施高技能领军人才培育计划的通知》"
    assert [child.label for child in cited[0].children] == ["三、（三）"]
    assert sections[CITES].count == 2  # the cited document once, and the hostile stand-in
    assert [node.label for node in sections[UNRESOLVED].children] == list(MISSING)
    assert sections[RELATIONS].children[0].label.startswith("本文废止：《关于印发江苏省高技能")
    assert [node.kind for node in sections[CITED_BY].children] == [EMPTY]
    assert [node.kind for node in sections[VERSIONS].children] == [EMPTY]
    assert panel.status_label.text().startswith("时效性：现行有效（依据：“")

    # The cited document lists who cites it, with the sentence; opening goes to that sentence.
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        panel.activate(cited[0])
    sections = {node.label: node for node in panel.sections()}
    backlinks = sections[CITED_BY].children
    assert len(backlinks) == 2 and "人社部发〔2024〕29号" in backlinks[0].detail
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        panel.activate(backlinks[0].children[0])
    plan = window.reading.document
    assert plan is not None and plan.id == PLAN
    assert window.reading.caret_offset() == plan.text.index(CITED)


def test_the_status_is_in_the_header_card_and_filters_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    plan = open_doc(qtbot, window, PLAN)
    page = window.reading.browser.toPlainText()
    card = page[: page.index(plan.text.split("\n", 1)[0], 10)]
    assert "时效性" in card and "现行有效（依据：“" in card
    if not window.search_is_ready:
        qtbot.waitSignal(window.searchReady, timeout=LOAD_TIMEOUT_MS).wait()
    panel = window.search_panel
    assert panel.status_box.isVisibleTo(panel)
    assert [panel.status_box.itemText(i) for i in range(panel.status_box.count())] == [
        "全部", "现行有效", "已修改", "已废止", "尚未施行", "已失效", "不详"]
    panel.query_box.setText("高技能人才")
    with qtbot.waitSignal(window.searchFinished, timeout=LOAD_TIMEOUT_MS) as everything:
        panel.submit()
    assert everything.args[0] > 1
    panel.status_box.setCurrentIndex(panel.status_box.findData("in_force"))
    with qtbot.waitSignal(window.searchFinished, timeout=LOAD_TIMEOUT_MS) as in_force:
        panel.submit()
    assert in_force.args == [1]
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1) == PLAN
    # No words, a validity alone: every document of that validity.
    panel.query_box.setText("")
    with qtbot.waitSignal(window.searchFinished, timeout=LOAD_TIMEOUT_MS) as alone:
        panel.submit()
    assert alone.args[0] >= 1
    shown = {panel.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
             for row in range(panel.model.rowCount())}
    assert PLAN in shown


def test_a_new_status_after_an_import_reaches_the_open_header_card(
    qtbot: QtBot, window: MainWindow, linked: LinkedLibrary
) -> None:
    from dataclasses import replace

    from reader.library.link_model import Status

    plan = open_doc(qtbot, window, PLAN)
    window.reading.scroll_to_offset(plan.text.index(CITED))
    where = window.reading.top_offset()
    assert "现行有效（依据" in window.reading.browser.toPlainText()
    repealed = Status("repealed", "本办法自2026年1月1日起废止。", LEADERS)
    linked.links[PLAN] = replace(linked.links[PLAN], status=repealed)
    with qtbot.waitSignal(window.links.linksReady, timeout=LOAD_TIMEOUT_MS):
        window.library_edited(())  # what the window runs after an import
    page = window.reading.browser.toPlainText()
    assert "已废止（依据：“本办法自2026年1月1日起废止。”）" in page and "现行有效（依据" not in page
    assert window.links.panel.status_label.text().startswith("时效性：已废止")
    assert window.reading.top_offset() == where
    assert len(window.reading.citations.placed()) == 3


def test_a_window_without_links_shows_none(qtbot: QtBot, paths: Paths) -> None:
    def without_links(progress: Progress) -> Backend:
        return dataclasses.replace(open_backend(paths, progress), links=None)

    win = with_links(qtbot, show_loaded(qtbot, make_window(paths, loader=without_links)))
    try:
        plan = open_doc(qtbot, win, PLAN)
        assert win.reading.citations.placed() == []
        assert win.links.panel.sections() == []
        assert win.links.panel.status_label.text() == "没有关联信息"
        assert not win.search_panel.status_box.isVisibleTo(win.search_panel)
        assert "时效性" not in win.reading.browser.toPlainText()[:400] and plan.title
    finally:
        win.shutdown()


def open_compare(qtbot: QtBot, window: MainWindow) -> CompareView:
    qtbot.waitUntil(lambda: bool(window.links.compare_views), timeout=LOAD_TIMEOUT_MS)
    view = window.links.compare_views[-1]
    qtbot.addWidget(view)
    return view


def test_two_versions_side_by_side_with_the_older_ones_notes(
    qtbot: QtBot, window: MainWindow, linked: LinkedLibrary, tmp_path: Path
) -> None:
    setup = add_notes(qtbot, window, tmp_path / "notes.sqlite3")
    assert setup.store is not None
    window.links.connect_notes(setup)
    old = open_doc(qtbot, window, linked.old_law)
    quote = old.text.index("六时至二十二时")
    setup.store.add_annotation(old, make_anchor(old, quote, quote + 7), Colour.YELLOW,
                               "开放时间要核对", [])
    setup.store.bookmark_at(old, old.text.index("处五十元"))
    new = open_doc(qtbot, window, linked.new_law)
    # From the versions bar above the newer text: 对照阅读 beside the older version.
    assert "对照阅读" in window.reading.versions_bar.text()
    window.reading.versions_bar.linkActivated.emit("#compare-0")
    view = open_compare(qtbot, window)
    assert view.comparison.old_id == old.id and view.comparison.new_id == new.id
    kinds = [(row.kind, row.old and row.old.label, row.new and row.new.label)
             for row in view.shown_rows()]
    assert kinds[2:7] == [(ADDED, None, "第三条"), (SAME, "第三条", "第四条"),
                          (CHANGED, "第四条", "第五条"), (CHANGED, "第五条", "第六条"),
                          (DELETED, "第六条", None)]
    assert "修改 3 条" in view.counts.text() and "新增 2 条" in view.counts.text()
    # Row 0 of the table is the heading; the note made on old 第四条 is beside new 第五条.
    changed = kinds.index((CHANGED, "第四条", "第五条")) + 1
    assert view.cell_text(changed, 1).startswith("【修改】 第五条（原第四条）")
    assert "节假日可以延长开放时间" in view.cell_text(changed, 1)
    assert "开放时间要核对" in view.cell_text(changed, 2)
    assert "六时至二十二时" in view.cell_text(changed, 2)
    deleted = kinds.index((DELETED, "第六条", None)) + 1
    assert view.cell_text(deleted, 0).startswith("【删除】 第六条")
    assert view.cell_text(deleted, 2).startswith("书签：")
    assert view.cell_text(1, 2) == ""
    view.changes_only.setChecked(True)
    assert {row.kind for row in view.shown_rows()} == {ADDED, CHANGED, DELETED}
    assert view.table().rows() == 1 + 6
    view.close()

    # From the 关联 panel's 其他版本: the same comparison.
    panel = window.links.panel
    version = next(node for node in panel.sections() if node.label == VERSIONS).children[0]
    panel.select(version)
    assert panel.compare_button.isEnabled()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    again = open_compare(qtbot, window)
    assert again.comparison.rows == view.comparison.rows
    again.close()
    window.shutdown()
    setup.close()


def test_every_text_of_the_links_panel_and_the_comparison_is_chinese(
    qtbot: QtBot, window: MainWindow, linked: LinkedLibrary
) -> None:
    from tests.ui.english_words import untranslated, widget_texts

    plan = open_doc(qtbot, window, PLAN)
    # The sentences quoted from the document are its words, not the app's (A类, B类).
    texts = [text for text in widget_texts(window.links.panel)
             if shown(text).strip() not in plan.text]
    texts += widget_texts(window.search_panel)
    open_doc(qtbot, window, linked.new_law)
    window.links.compare(linked.old_law)
    view = open_compare(qtbot, window)
    texts += [*widget_texts(view), view.browser.toPlainText(), window.reading.versions_bar.text()]
    assert untranslated(texts) == {}
    assert untranslated([*texts, "Compare versions"]) != {}  # the walk reads these widgets
    view.close()


def test_the_librarys_own_links_reach_the_page_and_the_panel(qtbot: QtBot, paths: Paths) -> None:
    """The default window asks the library: a seed document's resolved citations are links."""
    from reader.library.library import Library

    library = Library.open(paths)
    try:
        every = [library.links(summary.id) for summary in library.documents()]
    finally:
        library.close()
    links = next(one for one in every
                 if any(c.target_id not in (None, one.doc_id) for c in one.cites))
    doc_id = links.doc_id
    resolved = [c for c in links.cites if c.target_id not in (None, doc_id)]
    win = with_links(qtbot, show_loaded(qtbot, make_window(paths)))
    try:
        with qtbot.waitSignal(win.documentOpened, timeout=LOAD_TIMEOUT_MS):
            assert win.open_document(doc_id)
        qtbot.waitUntil(lambda: bool(win.reading.citations.placed()), timeout=LOAD_TIMEOUT_MS)
        hrefs = {href for _start, _end, href in win.reading.citations.placed()}
        assert {citation_href(c.target_id or "", c.clause) for c in resolved} <= hrefs
        cited = next(node for node in win.links.panel.sections() if node.label.startswith("本文引用"))
        assert {node.doc_id for node in cited.children} >= {c.target_id for c in resolved}
        assert win.links.panel.status_label.text() != "没有关联信息"
    finally:
        win.shutdown()


def test_the_library_tree_names_a_repealed_document_and_fades_it(
    qtbot: QtBot, paths: Paths
) -> None:
    from reader.library.library import Library
    from reader.ui.library.tree_model import DOC_ID_ROLE

    fixtures = Path(__file__).parents[1] / "library" / "fixtures" / "links"
    library = Library.open(paths)
    try:
        repealed = library.add_file(fixtures / "fee_2015.txt").added[0]
        repealing = library.add_file(fixtures / "rules_2024.txt").added[0]
    finally:
        library.close()
    win = with_links(qtbot, show_loaded(qtbot, make_window(paths)))
    try:
        panel = win.library_panel
        qtbot.waitUntil(lambda: repealed in panel.model.statuses, timeout=LOAD_TIMEOUT_MS)
        node = panel.model.root.find_document(repealed)
        assert node is not None
        index = panel.model.index_of(node)
        assert index.data(DOC_ID_ROLE) == repealed
        assert index.data(Qt.ItemDataRole.DisplayRole).endswith("（已废止）")
        assert "时效性：已废止" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
        other = panel.model.index_of(panel.model.root.find_document(repealing))
        from reader.library.link_model import STATUS_LABELS

        marks = tuple(f"（{label}）" for label in STATUS_LABELS.values())
        assert not other.data(Qt.ItemDataRole.DisplayRole).endswith(marks)
        assert other.data(Qt.ItemDataRole.ForegroundRole) is None
    finally:
        win.shutdown()
