"""The basics: 帮助 (shortcuts, about), the library tree's menu, 编辑 → 复制/全选, Esc and
Ctrl+1 from anywhere, and the desktop file and icon that name the app in a dock."""

from __future__ import annotations

import configparser

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.notes import Colour
from reader.ui.base import texts
from reader.ui.notes.notes_controller import NotesController
from reader.ui.shell.help_dialogs import LICENCES, action_name, app_version
from reader.ui.shell.main_window import MainWindow
from tests.conftest import REPO
from tests.ui.test_annotations import passage, select
from tests.ui.test_bookmarks import GRID, open_doc


def test_the_shortcut_list_holds_every_action_with_keys(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    window.menu_actions.shortcuts.trigger()
    dialog = window.findChild(type(window.show_shortcuts()))
    assert dialog is not None
    qtbot.addWidget(dialog)
    names = {name for name, _keys in dialog.rows}
    keyed = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert {action_name(a) for a in keyed} <= names
    rows = dict(dialog.rows)
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["为所在条款添加书签"] == QKeySequence("Ctrl+D").toString(native)  # the notes'
    assert rows["关闭查找"] == QKeySequence(Qt.Key.Key_Escape).toString(native)
    assert rows["全文检索"] == QKeySequence("Ctrl+K").toString(native)
    assert "复制" in rows and "全选" in rows
    assert dialog.table.rowCount() == len(dialog.rows)


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_about_gives_version_data_folder_and_licences(qtbot: QtBot, window: MainWindow) -> None:
    about = window.show_about()
    qtbot.addWidget(about)
    assert about.version == app_version() != ""
    shown = " ".join(label.text() for label in about.findChildren(type(about.licences)))
    assert f"版本 {about.version}" in shown and str(window.paths.data_dir) in shown
    for name, licence in (("jieba", "MIT"), ("Whoosh", "BSD"), ("Qt / PySide6", "LGPLv3")):
        assert f"{name}：{licence}" in about.licences.text()
    assert len(LICENCES) >= 5
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        qtbot.mouseClick(about.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.opened] == [str(window.paths.data_dir)]


def test_the_version_is_the_one_pyproject_declares() -> None:
    import tomllib

    with (REPO / "pyproject.toml").open("rb") as stream:
        declared = tomllib.load(stream)["project"]["version"]
    assert app_version() == declared


def test_the_library_tree_menu_opens_cites_and_shows_sources(
        qtbot: QtBot, window: MainWindow) -> None:
    panel = window.library_panel
    assert [action_name(a) for a in panel.context_menu(GRID).actions() if a.text()] == [
        "打开", "复制出处", "查看来源", "从文库移除所在汇编"]
    entries = {action_name(a): a for a in panel.context_menu(GRID).actions()}
    with qtbot.waitSignal(window.documentOpened, timeout=5000):
        entries["打开"].trigger()
    assert window.reading.document is not None and window.reading.document.id == GRID
    entries["复制出处"].trigger()
    doc = window.reading.document
    assert QGuiApplication.clipboard().text() == f"《{doc.title}》（发改能源〔2024〕187号）"
    entries["查看来源"].trigger()
    box = window.library_commands.dialog
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert "004_bf5e8a97a1a13c8b.txt，第 273–368 行" in box.text()
    box.close()


def test_removing_a_source_from_the_tree_removes_its_documents_and_orphans_their_notes(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    annotation = notes.highlight(Colour.YELLOW)
    assert annotation is not None
    entries = {action_name(a): a for a in window.library_panel.context_menu(GRID).actions()}
    entries["从文库移除所在汇编"].trigger()
    box = window.library_commands.dialog
    assert isinstance(box, QMessageBox)
    assert "004_bf5e8a97a1a13c8b.txt" in box.text()
    remove = next(b for b in box.buttons() if b.text() == "移除")
    with qtbot.waitSignal(window.libraryChanged, timeout=60_000) as changed:
        remove.click()
    assert changed.args == [0]
    assert window.library_panel.model.root.count == 0
    assert window.backend is not None and window.backend.library.documents() == []
    assert window.reading.document is None
    [orphan] = notes.store.orphans()
    assert orphan.id == annotation.id


def test_edit_copy_and_select_all_act_on_the_reading_pane(
        qtbot: QtBot, window: MainWindow) -> None:
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    window.library_panel.view.setFocus()
    window.menu_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == doc.text[start:end]
    window.menu_actions.select_all.trigger()
    cursor = window.reading.browser.textCursor()
    page_end = window.reading.browser.document().characterCount() - 1
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (0, page_end)


def test_esc_closes_find_from_the_page_and_ctrl_1_focuses_the_tree(
        qtbot: QtBot, window: MainWindow) -> None:
    open_doc(qtbot, window, GRID)
    window.activateWindow()
    window.reading.open_find()
    window.reading.find_bar.edit.insert("电网")
    window.reading.browser.setFocus()
    qtbot.waitUntil(window.reading.browser.hasFocus, timeout=2000)
    qtbot.keyClick(window.reading.browser, Qt.Key.Key_Escape)
    assert not window.reading.find_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.library_panel.view.hasFocus, timeout=2000)


def test_the_desktop_file_and_icons_name_the_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(REPO / "packaging" / f"{texts.APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name[zh_CN]"] == texts.APP_TITLE
    assert desktop["Icon"] == texts.APP_ID and desktop["Exec"] == "reader"
    assert desktop["StartupWMClass"] == texts.APP_ID
    icons = REPO / "resources" / "icons"
    assert (icons / f"{texts.APP_ID}.svg").read_text(encoding="utf-8").startswith("<svg")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(icons / f"{texts.APP_ID}-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.desktopFileName() == texts.APP_ID
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert {(16, 16), (48, 48), (256, 256)} <= sizes
