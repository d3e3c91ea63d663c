"""Start-up: the UI thread stays responsive, state comes back, the command line works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from reader.paths import Paths
from reader.settings import Settings
from tests.conftest import REPO
from tests.ui.conftest import LOAD_TIMEOUT_MS, make_window


def test_longest_ui_thread_stall_during_start_up(qtbot: QtBot, paths: Paths) -> None:
    """Report (never assert) the longest gap between ticks of a 5 ms timer during start-up.

    The start reopens the seed's longest document, as after a restart mid-reading.
    """
    from reader.library.store import DocumentStore

    store = DocumentStore(paths.library_dir / "library.sqlite3")
    longest_doc = max(store.all_summaries(), key=lambda s: s.source.end_line - s.source.start_line)
    store.close()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    started = time.perf_counter()
    timer.start()
    window = make_window(paths, Settings(open_document=longest_doc.id))
    qtbot.addWidget(window)
    built = time.perf_counter()
    window.show()
    with qtbot.waitSignals([window.searchReady, window.documentOpened],
                           timeout=LOAD_TIMEOUT_MS):
        pass
    ready = time.perf_counter()
    timer.stop()
    gaps = [b - a for a, b in zip([built, *ticks], ticks, strict=False)]
    longest = max(gaps, default=0.0)
    print(
        f"\nstart-up: window built in {(built - started) * 1000:.0f} ms; "
        f"longest UI-thread stall after show {longest * 1000:.0f} ms; "
        f"search ready and last document reopened after {(ready - started) * 1000:.0f} ms"
    )
    assert window.library_panel.model.root.count == 35
    window.shutdown()


def test_window_state_is_restored_on_the_next_start(qtbot: QtBot, paths: Paths) -> None:
    first = make_window(paths)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.libraryLoaded, timeout=LOAD_TIMEOUT_MS):
        first.show()
    # The offscreen screen is 800×600; restoreGeometry keeps a window on its screen.
    first.resize(760, 560)
    qtbot.wait(50)
    assert first.backend is not None
    doc = max(first.backend.summaries, key=lambda s: s.source.end_line - s.source.start_line)
    first.open_document(doc.id)
    first.reading.scroll_to_offset(1500)
    first.library_panel.mode_box.setCurrentIndex(first.library_panel.mode_box.findData("type"))
    first.menu_actions.theme_actions["sepia"].trigger()
    first.reading.set_zoom(2)
    first.show_search()
    first.splitter.setSizes([200, 400, 140])
    sizes = first.splitter.sizes()
    first.close()
    assert paths.settings_file.exists()

    settings = Settings.load(paths.settings_file)
    offset = settings.positions[doc.id]
    assert abs(offset - 1500) < 120
    second = make_window(paths, settings)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.documentOpened, timeout=LOAD_TIMEOUT_MS):
        second.show()
    assert second.library_panel.mode == "type"
    assert second.left_tabs.currentWidget() is second.search_panel
    assert second.reading.theme_name == "sepia"
    assert second.reading.zoom == 2
    assert second.reading.document is not None and second.reading.document.id == doc.id
    assert abs(second.reading.top_offset() - offset) < 80
    assert second.splitter.sizes() == sizes
    assert (second.width(), second.height()) == (760, 560)
    second.shutdown()


def _run_reader(args: list[str], data_dir: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READER_DATA_DIR=data_dir, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=300, check=False,
    )


def test_screenshot_writes_a_png_of_the_window(paths: Paths, tmp_path: object) -> None:
    target = paths.data_dir.parent / "shot.png"
    result = _run_reader(["--screenshot", str(target), "--search", "配电网"], str(paths.data_dir))
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    # A screenshot never writes the user's settings.
    assert not paths.settings_file.exists()


def test_screenshot_of_an_unknown_document_fails_with_a_message(paths: Paths) -> None:
    target = paths.data_dir.parent / "none.png"
    result = _run_reader(["--screenshot", str(target), "--open", "no-such-id"],
                         str(paths.data_dir))
    assert result.returncode != 0
    assert "no-such-id" in result.stderr
    assert not target.exists()


def test_many_calls_to_void_methods_do_not_abort() -> None:
    """PySide6 6.12.0 under Python 3.11 aborts after a few thousand void calls (none_dealloc)."""
    code = (
        "from PySide6.QtCore import QObject\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([])\n"
        "obj, widget = QObject(), QWidget()\n"
        "for number in range(20000):\n"
        "    obj.setObjectName('o')\n"
        "    widget.setToolTip('t')\n"
        "print('done')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"


def test_the_tree_shows_before_the_search_index_is_open(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    order: list[str] = []
    window.libraryListed.connect(lambda _n: order.append("listed"))
    window.libraryLoaded.connect(lambda _n: order.append("loaded"))
    with qtbot.waitSignal(window.libraryLoaded, timeout=LOAD_TIMEOUT_MS):
        window.show()
    assert order == ["listed", "loaded"]
    assert window.library_panel.model.root.count == 35
    window.shutdown()


def test_the_app_saves_its_state_when_asked_to_stop(paths: Paths) -> None:
    env = dict(os.environ, READER_DATA_DIR=str(paths.data_dir), QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen([sys.executable, "-m", "reader"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(6)  # past start-up, even on a busy machine
        assert process.poll() is None, process.communicate()[1]
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert Settings.load(paths.settings_file).window_geometry


def test_without_a_display_the_app_says_so(paths: Paths) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["READER_DATA_DIR"] = str(paths.data_dir)
    result = subprocess.run([sys.executable, "-m", "reader"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "没有可以显示窗口的屏幕" in result.stderr


def test_a_document_chosen_before_the_library_is_open_opens_when_it_is(
    qtbot: QtBot, paths: Paths
) -> None:
    window = make_window(paths)
    qtbot.addWidget(window)
    chosen: list[str] = []

    def choose(_count: int) -> None:
        node = next(n for n in window.library_panel.model.root.walk() if n.doc_id)
        chosen.append(str(node.doc_id))
        window.library_panel.documentActivated.emit(chosen[0])

    window.libraryListed.connect(choose)
    with qtbot.waitSignal(window.documentOpened, timeout=LOAD_TIMEOUT_MS) as opened:
        window.show()
    assert chosen and opened.args == chosen
    window.shutdown()
