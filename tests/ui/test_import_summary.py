"""What a person sees of an import in the window: progress per file and overall, the summary
in Chinese, 在文库中显示, dropped files and folders, and a law's versions linked in the pane."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library.import_summary import ImportSummary
from reader.ui.library.import_dialogs import ImportSummaryDialog, import_filter
from reader.ui.library.importer import FILE_STEPS
from reader.ui.shell.main_window import MainWindow
from tests.conftest import SEEDS
from tests.corpus.formats.samples import TITLE, make_docx
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.seed_documents import SMALL_SEED

LAWS = Path(__file__).parent.parent / "corpus" / "fixtures" / "laws"


def run_import(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> ImportSummaryDialog:
    """Import ``paths`` from the window and return the summary dialog it shows."""
    assert window.backend is not None
    with qtbot.waitSignal(window.importer.finished, timeout=LOAD_TIMEOUT_MS):
        assert window.importer.start(window.backend.library, paths) is not None
    dialog = window.importer.summary_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def tree_titles(window: MainWindow) -> list[str]:
    return [node.summary.title for node in window.library_panel.model.root.walk()
            if node.summary is not None]


def test_a_folder_import_shows_progress_and_a_summary_with_the_skipped_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "来稿"
    folder.mkdir()
    make_docx(folder / "通知.docx")
    (folder / "损坏.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf body\n")
    progress: list[tuple[int, int, str]] = []
    window.tasks.taskProgressed.connect(lambda _task, d, t, m: progress.append((d, t, m)))
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS):
        dialog = run_import(qtbot, window, [folder])

    text = dialog.text()
    assert text.splitlines()[0] == "找到 1 篇文档：新增 1 篇。"
    assert "通知.docx：1 篇，新增 1" in text
    assert "跳过 1 个文件：" in text and "损坏.pdf：" in text
    assert "已导入" not in text
    assert window.status.currentMessage() == "找到 1 篇文档：新增 1 篇。"
    # Overall: the bar counts both files; each file's own steps move within its share.
    steps = FILE_STEPS
    starts = [(done, total) for done, total, message in progress if message.endswith("个文件）")]
    assert sorted(starts) == [(0, 2 * steps), (steps, 2 * steps)]
    within = [(done, total, message) for done, total, message in progress
              if "个文件）：" in message]
    assert within and all(total == 2 * steps and 0 <= done <= total for done, total, _ in within)
    assert any(message.startswith("正在导入 通知.docx（第") for _, _, message in within)
    assert TITLE in tree_titles(window)


def test_show_in_library_selects_the_new_documents(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.library_panel.filter_box.setText("不会匹配任何文件的筛选词")
    dialog = run_import(qtbot, window, [make_docx(tmp_path / "通知.docx")])
    assert dialog.show_button is not None and dialog.show_button.text() == "在文库中显示"
    new_ids = list(dialog.summary.new_ids)
    assert len(new_ids) == 1

    dialog.show_button.click()
    assert not dialog.isVisible()
    assert window.library_panel.filter_box.text() == ""
    assert window.library_panel.selected_documents() == new_ids
    assert window.library_panel.view.currentIndex().data() == TITLE


def test_importing_a_duplicate_says_nothing_was_added_and_keeps_the_tree(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = tree_titles(window)
    root = window.library_panel.model.root
    with qtbot.assertNotEmitted(window.libraryChanged):
        dialog = run_import(qtbot, window, [SEEDS / SMALL_SEED])
    text = dialog.text()
    assert text.startswith("没有新文档：")
    assert "与上次导入的相同，未做改动" in text
    assert "已导入" not in text and "新增" not in text
    assert dialog.show_button is None
    assert window.library_panel.model.root is root and tree_titles(window) == before


def test_a_cancelled_import_says_so_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """The import waits behind a gate task on a one-thread pool until cancel is clicked."""
    assert window.backend is not None
    before = [s.id for s in window.backend.library.documents()]
    window.tasks.set_max_threads(1)
    gate = threading.Event()
    window.tasks.start("gate", lambda _progress: gate.wait(LOAD_TIMEOUT_MS / 1000))
    assert window.importer.start(window.backend.library, [make_docx(tmp_path / "a.docx")])
    with qtbot.waitSignal(window.importer.finished, timeout=LOAD_TIMEOUT_MS):
        window.status.cancel_button.click()
        gate.set()
    dialog = window.importer.summary_dialog
    assert dialog is not None and dialog.text() == "导入已取消，文档库未改动。"
    assert [s.id for s in window.backend.library.documents()] == before


def drop(window: MainWindow, urls: list[QUrl]) -> tuple[bool, bool]:
    """Drag ``urls`` over the window and drop them; return (enter accepted, drop accepted)."""
    mime = QMimeData()
    mime.setUrls(urls)
    where = QPointF(window.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    event = QDropEvent(where, actions, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return enter.isAccepted(), event.isAccepted()


def test_dropping_files_and_folders_imports_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "法律"
    folder.mkdir()
    (folder / "解释.txt").write_bytes((LAWS / "judicial_interpretation.txt").read_bytes())
    docx_file = make_docx(tmp_path / "通知.docx")
    with qtbot.waitSignal(window.importer.finished, timeout=LOAD_TIMEOUT_MS):
        accepted = drop(window, [QUrl.fromLocalFile(str(docx_file)),
                                 QUrl.fromLocalFile(str(folder)),
                                 QUrl("https://www.gov.cn/zhengce/content/1.htm")])
        assert accepted == (True, True)
    dialog = window.importer.summary_dialog
    assert dialog is not None
    assert dialog.text().splitlines()[0] == "找到 2 篇文档：新增 2 篇。"
    assert "通知.docx" in dialog.text() and "解释.txt" in dialog.text()
    assert TITLE in tree_titles(window)


def test_a_drop_of_web_addresses_only_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    accepted = drop(window, [QUrl("https://www.gov.cn/zhengce/content/1.htm")])
    assert accepted == (False, False)
    assert not window.importer.running and window.importer.summary_dialog is None


def test_the_tree_shows_a_laws_newest_version_and_the_pane_links_the_other(
    qtbot: QtBot, window: MainWindow
) -> None:
    run_import(qtbot, window, [LAWS / "judicial_interpretation_2015.txt"])
    dialog = run_import(qtbot, window, [LAWS / "judicial_interpretation.txt"])
    assert "新版本 1 篇" in dialog.text().splitlines()[0]
    assert window.backend is not None
    [new_id] = dialog.summary.new_ids
    [old] = window.backend.library.versions(new_id)
    titles = tree_titles(window)
    assert titles.count(old.title) == 1  # one node for the work: the newest text's
    assert window.library_panel.model.root.find_document(new_id) is not None
    assert window.library_panel.model.root.find_document(old.id) is None

    assert window.open_document(new_id)
    bar = window.reading.versions_bar
    assert bar.isVisible() and old.title in bar.text() and "其他版本：" in bar.text()
    assert "http" not in bar.text() and 'href="#version-0"' in bar.text()
    bar.linkActivated.emit("#version-0")
    assert window.reading.document is not None and window.reading.document.id == old.id
    assert new_id in window.reading.version_links()


def test_the_file_dialog_offers_every_supported_type() -> None:
    parts = import_filter().split(";;")
    names = [part.split(" (")[0] for part in parts]
    assert names == ["所有支持的文件", "PDF", "Word", "网页", "文本", "所有文件"]
    assert "*.docx" in parts[0] and "*.pdf" in parts[0] and "*.html" in parts[0]
    assert "*.txt" in parts[0] and parts[-1] == "所有文件 (*)"


def test_an_empty_summary_offers_nothing_to_show(qtbot: QtBot) -> None:
    dialog = ImportSummaryDialog(ImportSummary())
    qtbot.addWidget(dialog)
    assert dialog.text() == "没有导入任何文件。" and dialog.show_button is None


def test_version_links_escape_titles_and_name_no_address(qtbot: QtBot) -> None:
    from dataclasses import replace

    from reader.ui.reading.reading_view import ReadingView
    from tests.ui.seed_documents import seed_documents

    view = ReadingView()
    qtbot.addWidget(view)
    base = seed_documents()[0].summary()
    odd = replace(base, id="x", title='<a href="https://example.org">办法</a>&', date=None)
    view.set_versions([odd])
    text = view.versions_bar.text()
    assert "&lt;a href=&quot;https://example.org&quot;&gt;办法&lt;/a&gt;&amp;" in text
    assert "（日期不详）" in text and text.count("<a ") == 2  # the version and 对照阅读
    assert re.findall(r'href="([^"]*)"', text) == ["#version-0", "#compare-0"]
    with qtbot.waitSignal(view.versionRequested) as chosen:
        view.versions_bar.linkActivated.emit("#version-0")
    assert chosen.args == ["x"]
    with qtbot.waitSignal(view.compareRequested) as compared:
        view.versions_bar.linkActivated.emit("#compare-0")
    assert compared.args == ["x"]
    view.set_versions([])
    assert view.versions_bar.isHidden()
