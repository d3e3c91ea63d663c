"""A second start on the same data folder brings the first window forward and ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui.shell.single_window import SOCKET_FILE, SingleWindow, socket_path
from tests.conftest import REPO
from tests.ui.conftest import LOAD_TIMEOUT_MS


def _start_reader(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "reader", "--data-dir", str(data_dir)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_a_second_start_raises_the_first_window_and_exits(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    first = SingleWindow(data)
    assert first.claim()
    try:
        second = _start_reader(data)
        with qtbot.waitSignal(first.raiseRequested, timeout=LOAD_TIMEOUT_MS):
            pass
        _, err = second.communicate(timeout=LOAD_TIMEOUT_MS / 1000)
        assert second.returncode == 0
        assert "已在另一个窗口中打开" in err and "Traceback" not in err
        assert not (data / "library").exists()  # the second start opened nothing
    finally:
        first.release()


def test_the_folder_is_free_again_once_the_first_window_let_go(tmp_path: Path) -> None:
    first = SingleWindow(tmp_path)
    assert first.claim()
    assert (tmp_path / SOCKET_FILE).exists()
    first.release()
    assert not (tmp_path / SOCKET_FILE).exists()
    again = SingleWindow(tmp_path)
    assert again.claim()
    again.release()


def test_a_crashed_first_window_does_not_keep_the_folder(qtbot: QtBot, tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from reader.ui.shell.single_window import SingleWindow\n"
        "app = QCoreApplication([])\n"
        f"claim = SingleWindow(Path({str(tmp_path)!r}))\n"
        "assert claim.claim()\n"
        "os._exit(9)\n"  # dies holding the lock, as a crash would
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False)
    assert (tmp_path / ".window.lock").exists() and (tmp_path / SOCKET_FILE).exists()
    after = SingleWindow(tmp_path)
    assert after.claim()
    try:  # the socket the crash left behind was replaced: a next start reaches this window
        with qtbot.waitSignal(after.raiseRequested, timeout=LOAD_TIMEOUT_MS):
            assert not SingleWindow(tmp_path).claim()
    finally:
        after.release()


def test_a_folder_too_deep_for_a_socket_path_still_gets_one(qtbot: QtBot, tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["一个很长的文件夹名称"] * 6)
    deep.mkdir(parents=True)
    assert socket_path(deep).parent != deep.resolve()
    first = SingleWindow(deep)
    assert first.claim()
    try:
        with qtbot.waitSignal(first.raiseRequested, timeout=LOAD_TIMEOUT_MS):
            assert not SingleWindow(deep).claim()
    finally:
        first.release()
    assert not socket_path(deep).exists()
