"""The real window over a real library: tree, reading pane, outline, search, find, zoom."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.corpus.model import Document
from reader.library.tree import DOCUMENT
from reader.ui.library.tree_model import DOC_ID_ROLE, NODE_KIND_ROLE
from reader.ui.shell.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS


def _documents(window: MainWindow) -> list[Document]:
    assert window.backend is not None
    library = window.backend.library
    return [library.get(summary.id) for summary in window.backend.summaries]


def _walk(model: object, parent: QModelIndex = QModelIndex()) -> list[QModelIndex]:  # noqa: B008
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    out: list[QModelIndex] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(_walk(model, index))
    return out


def test_tree_holds_every_document_under_its_organs_and_years(window: MainWindow) -> None:
    docs = _documents(window)
    assert len(docs) == 35
    model = window.library_panel.model
    placed: dict[str, set[tuple[str, str]]] = {}
    for index in _walk(model):
        if index.data(NODE_KIND_ROLE) != DOCUMENT:
            continue
        year = index.parent()
        organ = year.parent()
        placed.setdefault(str(index.data(DOC_ID_ROLE)), set()).add(
            (str(organ.data()).rsplit(" (", 1)[0], str(year.data()).rsplit(" (", 1)[0])
        )
    assert set(placed) == {doc.id for doc in docs}
    for doc in docs:
        year = f"{doc.year}年" if doc.year else "日期不详"
        organs = doc.issuers_canonical or ("未署发文机关",)
        assert placed[doc.id] == {(organ, year) for organ in organs}, doc.title


def test_tree_modes_and_filter(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.library_panel
    panel.mode_box.setCurrentIndex(panel.mode_box.findData("date"))
    assert window.settings.tree_mode == "date"
    assert str(panel.model.index(0, 0).data()).startswith("2024年")
    # Qt's test key events only know ASCII; CJK text arrives as a finished input-method string.
    panel.filter_box.insert("配电网")
    qtbot.waitUntil(lambda: panel.model.root.count < 35, timeout=2000)
    titles = [str(i.data()) for i in _walk(panel.model) if i.data(NODE_KIND_ROLE) == DOCUMENT]
    assert titles and all("配电网" in title for title in titles)
    assert "筛选出" in panel.status.text()


def test_opening_a_document_shows_title_card_and_clauses(qtbot: QtBot, window: MainWindow) -> None:
    doc = next(d for d in _documents(window) if "配电网高质量发展" in d.title)
    node = window.library_panel.model.root.find_document(doc.id)
    assert node is not None
    index = window.library_panel.model.index_of(node)
    window.library_panel.view.scrollTo(index)
    with qtbot.waitSignal(window.documentOpened, timeout=5000) as opened:
        qtbot.mouseClick(window.library_panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.library_panel.view.visualRect(index).center())
    assert opened.args == [doc.id]
    page = window.reading.browser.toPlainText()
    assert page.lstrip().startswith(doc.title)
    assert "发改能源〔2024〕187号" in page
    assert "一、总体要求" in page and "（一）指导思想" in page
    outline = window.outline.model
    assert outline.rowCount() == len(doc.clauses)
    assert str(outline.index(0, 0).data()) == "一、总体要求"
    assert doc.title in window.windowTitle()


def test_outline_click_jumps_and_follows_scrolling(qtbot: QtBot, window: MainWindow) -> None:
    doc = max(_documents(window), key=lambda d: len(d.all_clauses()))
    window.open_document(doc.id)
    target = doc.clauses[len(doc.clauses) // 2]
    index = window.outline.model.index_of(target)
    view = window.outline.view
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())
    top = window.reading.top_offset()
    assert target.start - 80 <= top <= target.start + 5
    assert window.reading.browser.verticalScrollBar().value() > 0
    # Scrolling back makes the outline follow.
    middle = doc.clauses[1]
    with qtbot.waitSignal(window.reading.topOffsetChanged, timeout=3000):
        window.reading.scroll_to_offset(middle.start + 1)
    current = window.outline.current_clause()
    assert current is not None and current.start <= middle.start + 1 < current.end


def test_position_is_remembered_per_document(qtbot: QtBot, window: MainWindow) -> None:
    docs = sorted(_documents(window), key=lambda d: len(d.text))
    long_doc, other = docs[-1], docs[-2]
    window.open_document(long_doc.id)
    offset = long_doc.all_clauses()[len(long_doc.all_clauses()) // 2].start
    window.reading.scroll_to_offset(offset)
    window.open_document(other.id)
    window.open_document(long_doc.id)
    assert abs(window.reading.top_offset() - offset) < 80


def test_search_opens_the_first_hit_with_every_hit_marked(
    qtbot: QtBot, ready_window: MainWindow
) -> None:
    window = ready_window
    window.show_search("配电网")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)
    assert "共" in window.search_panel.count_label.text()
    first = window.search_panel.model.hit(0)
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        window.search_panel.activate_result(0)
    reading = window.reading
    assert reading.document is not None and reading.document.id == first.id
    hits = reading.hits()
    assert hits and reading.hit_index == 0
    start, end = hits[0]
    assert reading.document.text[start:end] == "配电网"
    cursor = reading.browser.textCursor()
    assert cursor.position() == reading.page_map.position(start)
    selections = reading.browser.extraSelections()
    assert len(selections) == len(hits)
    assert all(s.cursor.selectedText() == "配电网" for s in selections)
    assert reading.hit_bar.isVisible()
    reading.hit_bar.next_button.click()
    assert reading.hit_index == 1
    reading.hit_bar.previous_button.click()
    reading.hit_bar.previous_button.click()
    assert reading.hit_index == len(hits) - 1


def test_search_filters_narrow_the_results(qtbot: QtBot, ready_window: MainWindow) -> None:
    panel = ready_window.search_panel
    ready_window.show_search("发展")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)
    organ = "国家能源局"
    panel.issuer_box.setCurrentIndex(panel.issuer_box.findData(organ))
    with qtbot.waitSignal(ready_window.searchFinished, timeout=LOAD_TIMEOUT_MS):
        panel.submit()
    hits = [panel.model.hit(row) for row in range(panel.model.rowCount())]
    assert hits and all(organ in hit.summary.issuers_canonical for hit in hits)


def test_find_in_page_with_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    doc = next(d for d in _documents(window) if "配电网高质量发展" in d.title)
    window.open_document(doc.id)
    window.reading.browser.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.find_bar.isVisible()
    window.reading.find_bar.edit.insert("电网")
    total = window.reading.find_matches()
    assert total == window.reading.browser.toPlainText().count("电网")
    first = window.reading.browser.textCursor().selectionStart()
    qtbot.keyClick(window.reading.find_bar.edit, Qt.Key.Key_F3)
    assert window.reading.browser.textCursor().selectionStart() > first
    qtbot.keyClick(window.reading.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.reading.browser.textCursor().selectionStart() == first
    assert window.reading.browser.textCursor().selectedText() == "电网"
    qtbot.keyClick(window.reading.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.reading.find_bar.isVisible()


def test_zoom_and_theme_keep_the_reading_position(qtbot: QtBot, window: MainWindow) -> None:
    doc = max(_documents(window), key=lambda d: len(d.text))
    window.open_document(doc.id)
    offset = doc.clauses[len(doc.clauses) // 2].start
    window.reading.scroll_to_offset(offset)
    size = window.reading.browser.document().defaultFont().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.browser.document().defaultFont().pointSizeF() > size
    assert window.settings.zoom == 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.browser.document().defaultFont().pointSizeF() == size
    window.menu_actions.theme_actions["dark"].trigger()
    assert window.reading.theme_name == "dark"
    assert 'class="theme-dark"' in window.reading.browser.toHtml() or \
        window.reading.browser.palette().base().color().name() == "#1e2124"
    assert abs(window.reading.top_offset() - offset) < 80


def test_document_text_cannot_open_links(window: MainWindow) -> None:
    assert not window.reading.browser.openLinks()
    assert not window.reading.browser.openExternalLinks()


def test_page_positions_match_text_offsets(window: MainWindow) -> None:
    for doc in _documents(window)[:8]:
        window.open_document(doc.id)
        page = window.reading.browser.document()
        mapping = window.reading.page_map
        for paragraph_start in [c.start for c in doc.all_clauses()][:20]:
            cursor = QTextCursor(page)
            cursor.setPosition(mapping.position(paragraph_start))
            cursor.setPosition(mapping.position(paragraph_start + 4),
                               QTextCursor.MoveMode.KeepAnchor)
            assert cursor.selectedText() == doc.text[paragraph_start : paragraph_start + 4]


def test_ctrl_k_brings_the_search_box_forward(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.left_tabs.currentWidget() is window.search_panel
    qtbot.waitUntil(window.search_panel.query_box.hasFocus, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.left_tabs.currentWidget() is window.library_panel


def test_organs_are_in_pinyin_order(window: MainWindow) -> None:
    model = window.library_panel.model

    def names(parent: QModelIndex) -> list[str]:
        return [str(model.index(row, 0, parent).data()).rsplit(" (", 1)[0]
                for row in range(model.rowCount(parent))]

    def child(parent: QModelIndex, name: str) -> QModelIndex:
        return model.index(names(parent).index(name), 0, parent)

    # The levels come in the state's order; organs of one rank in pinyin order.
    assert names(QModelIndex())[:2] == ["中央", "地方"]
    jiangsu = names(child(child(QModelIndex(), "地方"), "江苏省"))
    assert jiangsu.index("江苏省财政厅") < jiangsu.index("江苏省工业和信息化厅") < jiangsu.index("江苏省科学技术厅")


def test_side_panels_can_be_added_beside_the_outline(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    index = window.add_side_panel(QLabel("书签"), "书签")
    assert window.right_tabs.tabText(index) == "书签"
    assert window.right_tabs.widget(0) is window.outline


def test_copy_with_citation(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    doc = next(d for d in _documents(window) if d.doc_number == "发改能源〔2024〕187号")
    window.open_document(doc.id)
    clause = next(c for c in doc.all_clauses() if c.address == "一、/（一）")
    reading = window.reading
    cursor = QTextCursor(reading.browser.document())
    cursor.setPosition(reading.page_map.position(clause.start))
    cursor.setPosition(reading.page_map.position(clause.start + 12),
                       QTextCursor.MoveMode.KeepAnchor)
    reading.browser.setTextCursor(cursor)
    window.menu_actions.copy_cited.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(doc.text[clause.start : clause.start + 12])
    assert copied.endswith(f"《{doc.title}》（发改能源〔2024〕187号）一、（一）")
    # Without a selection the clause at the caret is copied whole.
    cursor.clearSelection()
    reading.browser.setTextCursor(cursor)
    copied = window.copy_with_citation()
    assert doc.text[clause.start : clause.end].strip() in copied
