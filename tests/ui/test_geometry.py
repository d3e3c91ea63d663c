"""The window fits the screen it opens on, its panels in proportion, sharp on high-DPI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from reader.paths import Paths
from reader.settings import Settings
from reader.ui.shell.geometry import LARGEST, Proportions, available_area, first_geometry, fit_into
from tests.conftest import REPO
from tests.ui.conftest import LOAD_TIMEOUT_MS, make_window

LAPTOP = QRect(0, 0, 1366, 768 - 28)  # a 1366×768 screen less a 28-pixel panel
DESKTOP = QRect(0, 0, 1920, 1080 - 40)


def test_a_first_start_fits_the_screen_with_its_status_bar(qtbot: QtBot, paths: Paths) -> None:
    window = make_window(paths, Settings())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.libraryLoaded, timeout=LOAD_TIMEOUT_MS):
        window.show()
    area = available_area(window)
    assert area.contains(window.frameGeometry())
    assert window.width() >= area.width() * 0.8 or window.width() == LARGEST.width()
    status = window.status.geometry()
    assert status.bottom() < window.height() and window.status.isVisible()
    left, reading, right = window.splitter.sizes()
    assert reading > left > 0 and reading > right > 0
    window.shutdown()


def test_a_remembered_size_from_a_larger_monitor_is_shrunk_to_fit(
        qtbot: QtBot, paths: Paths) -> None:
    big = make_window(paths, Settings())
    qtbot.addWidget(big)
    big.setGeometry(QRect(40, 40, 2400, 1500))
    settings = Settings(window_geometry=bytes(big.saveGeometry().toBase64().data()).decode())
    big.shutdown()
    window = make_window(paths, settings)
    qtbot.addWidget(window)
    assert available_area(window).contains(window.geometry())
    window.shutdown()


def test_first_geometry_of_a_laptop_and_a_desktop() -> None:
    laptop = first_geometry(LAPTOP)
    assert LAPTOP.contains(laptop) and laptop.height() <= LAPTOP.height() - 48
    assert laptop.width() >= 1200
    desktop = first_geometry(DESKTOP)
    assert DESKTOP.contains(desktop) and desktop.width() >= 1600
    huge = first_geometry(QRect(0, 0, 3840, 2160))
    assert huge.size() == LARGEST and huge.center() == QRect(0, 0, 3840, 2160).center()


def test_fit_into_moves_and_shrinks_only_as_needed() -> None:
    inside = QRect(100, 100, 800, 500)
    assert fit_into(inside, LAPTOP) == inside
    fitted = fit_into(QRect(900, 500, 1300, 900), LAPTOP)
    assert LAPTOP.contains(fitted) and fitted.width() == 1300


def test_the_reading_pane_gets_most_of_the_width() -> None:
    for width in (1000, 1366, 1920):
        shares = Proportions.of(width)
        assert shares.reading >= width * 0.5
        assert sum(shares.sizes()) == width or width < 1000


def test_on_a_high_dpi_screen_the_window_is_drawn_at_the_screen_s_scale(
        tmp_path: Path, paths: Paths) -> None:
    target = tmp_path / "shot.png"
    env = dict(os.environ, READER_DATA_DIR=str(paths.data_dir), QT_QPA_PLATFORM="offscreen",
               QT_SCALE_FACTOR="1.5")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--screenshot", str(target), "--size", "1000x700"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1500, 1050)
