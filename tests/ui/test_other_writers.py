"""The window open while ``reader-cli`` imports into the same library."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.paths import Paths
from reader.ui.shell.main_window import MainWindow
from tests.library.writers import WORDS, query_words, run_cli, search_total, write_notice
from tests.ui.conftest import LOAD_TIMEOUT_MS


def test_the_window_shows_and_searches_what_the_command_line_imported(
    qtbot: QtBot, ready_window: MainWindow, paths: Paths, tmp_path: Path
) -> None:
    window = ready_window
    assert window.backend is not None
    before = len(window.backend.summaries)
    code, _, err = run_cli(paths.data_dir, "import", str(write_notice(tmp_path, 0)))
    assert code == 0, err
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS) as changed:
        window.watch.check()
    assert changed.args[0] == before + 1
    assert window.library_panel.model.root.count == before + 1
    with qtbot.waitSignal(window.searchFinished, timeout=LOAD_TIMEOUT_MS) as found:
        window.show_search(WORDS[0])
    assert found.args[0] == 1

    # The window's own import keeps the words the command line added, and the reverse.
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS):
        assert window.importer.start(window.backend.library, [write_notice(tmp_path, 1)])
    assert [search_total(paths.data_dir, word) for word in WORDS[:2]] == [1, 1]
    assert query_words(paths.data_dir, WORDS[0]) == [WORDS[0]]
    assert query_words(paths.data_dir, WORDS[1]) == [WORDS[1]]


def test_nothing_changed_means_no_refresh(qtbot: QtBot, ready_window: MainWindow) -> None:
    window = ready_window
    assert window.backend is not None
    assert window.backend.library.catch_up() is False
    with qtbot.assertNotEmitted(window.watch.changed, wait=200):
        window.watch.check()
        qtbot.waitUntil(lambda: not window.tasks.running(), timeout=LOAD_TIMEOUT_MS)
