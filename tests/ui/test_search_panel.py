"""The search panel of the real window over the small library: pages fetched as the list
scrolls, the hit bar cleared by a new search, a query typed before search is ready."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.paths import Paths
from reader.ui.search.results_model import ResultsModel
from reader.ui.search.search_panel import SearchPanel
from reader.ui.shell.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS, make_window

# A word nearly every policy document of the seed uses: more hits than several small pages.
MANY_HITS_QUERY = "发展"
SMALL_PAGE = 3


def _search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    with qtbot.waitSignal(window.searchFinished, timeout=LOAD_TIMEOUT_MS):
        window.show_search(query)


def _scroll_to_end(window: MainWindow) -> None:
    bar = window.search_panel.results.verticalScrollBar()
    bar.setValue(bar.maximum())


def _first_page(qtbot: QtBot, window: MainWindow, tester: ModelTester) -> SearchPanel:
    """Search for a query with many hits, small pages, and check the model it fills."""
    panel = window.search_panel
    panel.page_size = SMALL_PAGE
    _search(qtbot, window, MANY_HITS_QUERY)
    tester.check(panel.model)
    return panel


def test_scrolling_reaches_every_result(
    qtbot: QtBot, ready_window: MainWindow, qtmodeltester: ModelTester
) -> None:
    panel = _first_page(qtbot, ready_window, qtmodeltester)
    total = panel.model.total
    assert total > 3 * SMALL_PAGE, "the query must need several pages"
    assert panel.model.rowCount() < total
    assert f"共 {total} 篇" in panel.count_label.text()
    assert f"已显示 {panel.model.rowCount()} 篇" in panel.count_label.text()

    def all_fetched() -> bool:
        _scroll_to_end(ready_window)
        return panel.model.rowCount() == total

    qtbot.waitUntil(all_fetched, timeout=LOAD_TIMEOUT_MS)
    qtmodeltester.check(panel.model)
    ids = [panel.model.hit(row).summary.id for row in range(total)]
    assert len(set(ids)) == total
    assert not panel.model.canFetchMore(panel.model.index(-1, 0))
    assert panel.count_label.text() == f"共 {total} 篇"

    # The same query asked for all at once gives the same documents in the same order.
    panel.page_size = total
    _search(qtbot, ready_window, MANY_HITS_QUERY)
    assert [panel.model.hit(row).summary.id for row in range(total)] == ids


def test_a_later_page_is_asked_for_alone(
    qtbot: QtBot, ready_window: MainWindow, qtmodeltester: ModelTester
) -> None:
    """Scrolling asks the searcher for the next page from where the list ends, not for a
    longer answer whose every snippet is made again."""
    backend = ready_window.backend
    assert backend is not None and backend.searcher is not None
    searcher = backend.searcher
    asked: list[tuple[int, int]] = []
    search = searcher.search

    def recorded(query: str, limit: int = 20, filters: Any = None, offset: int = 0) -> Any:
        asked.append((limit, offset))
        return search(query, limit, filters, offset)

    searcher.search = recorded  # type: ignore[method-assign]
    try:
        panel = _first_page(qtbot, ready_window, qtmodeltester)
        qtbot.waitUntil(lambda: (_scroll_to_end(ready_window), panel.model.rowCount())[1]
                        >= 3 * SMALL_PAGE, timeout=LOAD_TIMEOUT_MS)
    finally:
        searcher.search = search  # type: ignore[method-assign]
    assert asked[:3] == [(SMALL_PAGE, 0), (SMALL_PAGE, SMALL_PAGE), (SMALL_PAGE, 2 * SMALL_PAGE)]
    qtmodeltester.check(panel.model)


def test_a_new_search_starts_on_the_first_page(
    qtbot: QtBot, ready_window: MainWindow, qtmodeltester: ModelTester
) -> None:
    panel = _first_page(qtbot, ready_window, qtmodeltester)
    qtbot.waitUntil(lambda: (_scroll_to_end(ready_window), panel.model.rowCount())[1]
                    > 2 * SMALL_PAGE, timeout=LOAD_TIMEOUT_MS)
    _search(qtbot, ready_window, "配电网")
    qtmodeltester.check(panel.model)
    assert 0 < panel.model.rowCount() <= SMALL_PAGE
    assert panel.results.verticalScrollBar().value() == 0


def test_a_new_search_clears_the_hit_bar(qtbot: QtBot, ready_window: MainWindow) -> None:
    _search(qtbot, ready_window, "配电网")
    ready_window.search_panel.activate_result(0)
    reading = ready_window.reading
    qtbot.waitUntil(lambda: bool(reading.hits()), timeout=LOAD_TIMEOUT_MS)
    assert reading.hit_bar.isVisible()
    assert "命中 1 /" in reading.hit_bar.label.text()

    ready_window.search_panel.query_box.setText("储能")
    ready_window.search_panel.submit()  # cleared when the search starts, before its answer
    assert not reading.hit_bar.isVisible()
    assert reading.hits() == []
    qtbot.waitSignal(ready_window.searchFinished, timeout=LOAD_TIMEOUT_MS).wait()
    assert not reading.hit_bar.isVisible()


@pytest.fixture
def unloaded_window(qtbot: QtBot, paths: Paths) -> Iterator[MainWindow]:
    """The real window before its event loop has run: nothing loaded, search not ready."""
    win = make_window(paths)
    qtbot.addWidget(win)
    yield win
    win.shutdown()


def test_a_query_typed_before_search_is_ready_runs_when_it_is(
    qtbot: QtBot, unloaded_window: MainWindow
) -> None:
    window, panel = unloaded_window, unloaded_window.search_panel
    assert not window.search_is_ready
    # Chinese arrives through the input method, committed as a whole word; then Enter. The
    # events are sent directly, so the event loop (and with it the loading) has not run yet.
    commit = QInputMethodEvent()
    commit.setCommitString("配电网")
    QApplication.sendEvent(panel.query_box, commit)
    enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel.query_box, enter)
    assert panel.query_box.text() == "配电网"
    assert panel.count_label.text() == "检索准备中…"
    assert not window.search_is_ready
    assert panel.model.rowCount() == 0
    finished: list[int] = []
    window.searchFinished.connect(finished.append)
    with qtbot.waitSignal(window.searchReady, timeout=LOAD_TIMEOUT_MS):
        window.resize(1280, 800)
        window.show()
    qtbot.waitUntil(lambda: bool(finished), timeout=LOAD_TIMEOUT_MS)
    assert finished[0] > 0
    assert panel.model.rowCount() > 0
    assert f"共 {finished[0]} 篇" in panel.count_label.text()


def test_a_page_with_nothing_new_ends_the_list(
    ready_window: MainWindow, qtmodeltester: ModelTester
) -> None:
    """A page of new documents is added whatever its length; one holding only documents
    shown already (the library changed between pages) adds nothing and stops the list
    asking for more."""
    backend = ready_window.backend
    assert backend is not None and backend.searcher is not None
    hits = backend.searcher.search(MANY_HITS_QUERY, 5).hits
    assert len(hits) == 5
    model = ResultsModel()
    everything = model.index(-1, 0)
    model.set_hits(hits[:3], 10)
    model.append_hits(hits[3:], 10)  # a page shorter than what is shown
    assert [model.hit(row).summary.id for row in range(5)] == [hit.summary.id for hit in hits]
    assert model.canFetchMore(everything)
    model.append_hits(hits[2:4], 10)
    assert model.rowCount() == 5 and model.total == 5
    assert not model.canFetchMore(everything)
    qtmodeltester.check(model)
