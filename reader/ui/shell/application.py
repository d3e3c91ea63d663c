"""Creating the QApplication and the main window, and the ``--screenshot`` run."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader.paths import Paths, bundle_root
from reader.settings import Settings
from reader.ui.base import texts
from reader.ui.base.backend import BackendLoader, ListingLoader
from reader.ui.base.translations import install_translators
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.screenshot import ScreenshotRun

# Harmless notes of Qt's offscreen platform that would only confuse someone reading stderr.
_OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)


def _quiet_offscreen(mode: QtMsgType, _context: object, message: str) -> None:
    if message in _OFFSCREEN_NOISE:
        return
    if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(f"Qt: {message}", file=sys.stderr)


def create_application(argv: list[str], offscreen: bool = False) -> QApplication:
    """Return the QApplication (created once), offscreen when no display is wanted."""
    if offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (125 %, 150 %) as the system gives them, not rounded to 1 or 2.
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv)
    prepare_application(app)
    if app.platformName() == "offscreen":
        qInstallMessageHandler(_quiet_offscreen)
    return app


def app_icon(folder: Path | None = None) -> QIcon:
    """Return the app's icon: the SVG and every PNG size in ``resources/icons``."""
    folder = folder or bundle_root() / "resources" / "icons"
    icon = QIcon()
    for png in sorted(folder.glob(f"{texts.APP_ID}-*.png")):
        icon.addFile(str(png))
    svg = folder / f"{texts.APP_ID}.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def prepare_application(app: QApplication) -> None:
    """Give ``app`` what every window of it shares: name, icon, Qt's texts in Chinese, style.

    The desktop file name ties the running window to ``policy-reader.desktop``, so a Linux
    dock shows the app's name and icon (Wayland uses it as the app id).
    """
    app.setApplicationName(texts.APP_ID)
    app.setDesktopFileName(texts.APP_ID)
    app.setWindowIcon(app_icon())
    install_translators(app)
    # Fusion draws every widget from the palette, so a theme reaches every panel and dialog.
    app.setStyle("Fusion")


def create_window(
    paths: Paths,
    settings: Settings,
    loader: BackendLoader,
    css: str,
    persist: bool = True,
    lister: ListingLoader | None = None,
) -> MainWindow:
    """Build the main window; with ``persist`` off it never writes the settings file."""
    return MainWindow(paths, settings, loader, css, persist=persist, lister=lister)


def close_on_signals(window: MainWindow) -> None:
    """Close the window (saving its state) on Ctrl+C in a terminal or a polite kill."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _signum, _frame: window.close())
    # Python runs signal handlers only between bytecodes; an idle timer gives it the chance.
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(200)


def run_screenshot(
    app: QApplication,
    window: MainWindow,
    target: Path,
    open_id: str | None,
    query: str | None,
    size: str,
    timeout: float,
) -> int:
    """Load, optionally open a document and search, save the window as PNG; return exit code."""
    try:
        width, height = (int(part) for part in size.lower().split("x"))
    except ValueError:
        print(f"reader: {texts.BAD_SIZE.format(size=size)}", file=sys.stderr)
        return 2
    run = ScreenshotRun(window, target, open_id, query, timeout)
    window.resize(width, height)
    window.show()
    run.start()
    app.exec()
    # Workers (a pre-render, the listing) may still run; let them end before Python does.
    window.shutdown()
    return run.finish()
