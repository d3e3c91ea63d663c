"""Importing from the window: progress, the tree refreshed, cancel leaves the library as it was."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from reader.ui.shell.main_window import MainWindow
from tests.conftest import SEEDS
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.seed_documents import SMALL_SEED

SECOND_SEED = SEEDS / "002_2b41b7aea7ba18c4.txt"


def test_import_adds_documents_to_the_tree_and_search(
    qtbot: QtBot, ready_window: MainWindow
) -> None:
    window = ready_window
    assert window.backend is not None
    before = len(window.backend.summaries)
    progress: list[tuple[int, int, str]] = []
    window.tasks.taskProgressed.connect(lambda _task, d, t, m: progress.append((d, t, m)))
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS) as changed:
        task = window.importer.start(window.backend.library, [SECOND_SEED])
        assert task is not None
        assert window.status.progress.isVisible() and window.status.cancel_button.isVisible()
    after = changed.args[0]
    assert after > before
    assert window.library_panel.model.root.count == after
    assert any("002_2b41b7aea7ba18c4.txt" in message for _, _, message in progress)
    window.library_panel.mode_box.setCurrentIndex(window.library_panel.mode_box.findData("source"))
    sources = [str(window.library_panel.model.index(row, 0).data())
               for row in range(window.library_panel.model.rowCount())]
    assert any(label.startswith("002_") for label in sources)


def test_cancelled_import_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    """A cancel that reaches the import before it commits leaves the library as it was.

    The import waits behind another task on a one-thread pool until the cancel has been
    clicked, so the cancel always comes first, however loaded the machine is.
    """
    assert window.backend is not None
    before = [s.id for s in window.backend.library.documents()]
    window.tasks.set_max_threads(1)
    gate = threading.Event()
    window.tasks.start("gate", lambda _progress: gate.wait(LOAD_TIMEOUT_MS / 1000))
    task = window.importer.start(window.backend.library, [SECOND_SEED])
    assert task is not None
    with qtbot.waitSignal(window.importer.finished, timeout=LOAD_TIMEOUT_MS):
        window.status.cancel_button.click()
        gate.set()
    assert [s.id for s in window.backend.library.documents()] == before
    assert "已取消" in window.status.currentMessage()
    qtbot.waitUntil(lambda: not window.tasks.running(), timeout=LOAD_TIMEOUT_MS)
    assert not window.status.progress.isVisible()


def test_an_import_can_start_as_soon_as_the_last_one_is_announced(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Two imports back to back: the second is accepted, whenever the first is heard of."""
    assert window.backend is not None
    library = window.backend.library
    second: list[object] = []

    def start_again(_count: int) -> None:
        window.importer.imported.disconnect(start_again)
        second.append(window.importer.start(library, [SEEDS / SMALL_SEED]))

    # Start the next import from inside the first one's announcement, the earliest moment
    # a listener (the window, a user's next drop) can ask for it.
    window.importer.imported.connect(start_again)
    with qtbot.waitSignal(window.importer.finished, timeout=LOAD_TIMEOUT_MS):
        assert window.importer.start(library, [SECOND_SEED]) is not None
    assert second and second[0] is not None
    with qtbot.waitSignal(window.importer.finished, timeout=LOAD_TIMEOUT_MS):
        pass
    assert not window.importer.running
