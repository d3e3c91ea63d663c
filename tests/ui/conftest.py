"""A small real library (seed 004, built once per session) and the real window over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.app import list_library, load_css, open_backend
from reader.paths import Paths
from reader.settings import Settings
from reader.ui.base.backend import BackendLoader
from reader.ui.notes.notes_controller import NotesController
from reader.ui.notes.notes_setup import NotesSetup
from reader.ui.shell.application import prepare_application
from reader.ui.shell.main_window import MainWindow
from tests.ui.seed_documents import GRID, WASTE

# Loading and warming up run on worker threads; generous for a busy two-core machine.
LOAD_TIMEOUT_MS = 60_000
# What the offscreen platform says when asked to size or raise a window it only pretends to
# show, or to let a popup menu grab the keyboard: about the platform, never about the app.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


def pytest_configure(config: pytest.Config) -> None:
    """Fail on Qt warnings (pyproject) except the offscreen platform's, in every UI test."""
    for message in OFFSCREEN_NOISE:
        config.addinivalue_line("qt_log_ignore", message)


@pytest.fixture(scope="session", autouse=True)
def _prepared_application(qapp: QApplication) -> QApplication:
    """Prepare the tests' QApplication as the app prepares its own (translators, style)."""
    prepare_application(qapp)
    return qapp


@pytest.fixture
def paths(built_library: Path, _isolated_data_dir: Path) -> Paths:
    """Paths whose user data folder holds a fresh copy of the small library."""
    resolved = Paths.resolve(_isolated_data_dir)
    shutil.copytree(built_library, resolved.library_dir)
    return resolved


def make_window(paths: Paths, settings: Settings | None = None,
                loader: BackendLoader | None = None) -> MainWindow:
    return MainWindow(
        paths, settings or Settings(), loader or (lambda progress: open_backend(paths, progress)),
        load_css(paths), lister=lambda progress: list_library(paths, progress),
    )


def show_loaded(qtbot: QtBot, win: MainWindow) -> MainWindow:
    """Show ``win`` and wait until its library is loaded."""
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.libraryLoaded, timeout=LOAD_TIMEOUT_MS):
        win.resize(1280, 800)
        win.show()
    return win


@pytest.fixture
def window(qtbot: QtBot, paths: Paths) -> Iterator[MainWindow]:
    """The real main window, shown, with the library loaded."""
    win = show_loaded(qtbot, make_window(paths))
    yield win
    win.shutdown()


@pytest.fixture
def ready_window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """The window once full-text search is ready."""
    if not window.search_is_ready:
        qtbot.waitSignal(window.searchReady, timeout=LOAD_TIMEOUT_MS).wait()
    return window


def add_notes(qtbot: QtBot, window: MainWindow, notes_file: Path) -> NotesSetup:
    """Give ``window`` its notes from ``notes_file``, as the app does, and wait for them."""
    from reader.notes import NotesStore
    from reader.ui.notes.notes_setup import install_notes

    setup = install_notes(window, lambda: NotesStore.open(notes_file))
    qtbot.waitUntil(lambda: setup.controller is not None or setup.problem is not None,
                    timeout=LOAD_TIMEOUT_MS)
    return setup


@pytest.fixture
def notes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> Iterator[NotesController]:
    """The notes of the real window, in a real store in ``tmp_path``."""
    setup = add_notes(qtbot, window, tmp_path / "notes.sqlite3")
    assert setup.controller is not None, setup.problem
    yield setup.controller
    window.shutdown()
    setup.close()


@pytest.fixture
def noted(qtbot: QtBot, window: MainWindow, notes: NotesController) -> NotesController:
    """Notes on two documents: colours, tags, notes and a bookmark."""
    from reader.notes import Colour, make_anchor

    opened = []
    for doc_id in (GRID, WASTE):  # as a user would: the last one stays open
        with qtbot.waitSignal(window.documentOpened, timeout=5000):
            assert window.open_document(doc_id)
        opened.append(window.reading.document)
    grid, waste = opened
    assert grid is not None and waste is not None
    store = notes.store
    store.add_annotation(grid, make_anchor(grid, 40, 60), Colour.YELLOW, "储能配套", ["储能"])
    store.add_annotation(grid, make_anchor(grid, 80, 95), Colour.BLUE, "", ["电价", "储能"])
    store.add_annotation(waste, make_anchor(waste, 30, 50), Colour.GREEN, "回收网络", ["回收"])
    store.bookmark_at(waste, 0)
    notes.refresh()
    return notes
