"""One theme for the whole window: every panel, list, dialog and the page take its colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.base.themes import THEMES, theme_for_scheme
from reader.ui.notes.note_editor import NoteEditor
from reader.ui.notes.notes_controller import NotesController
from reader.ui.shell.main_window import MainWindow
from tests.ui.test_bookmarks import GRID, open_doc

ROLE = QPalette.ColorRole


def colours_of(widget: QWidget) -> tuple[str, str]:
    """Return the background a widget paints and its text colour, as ``#rrggbb``."""
    palette = widget.palette()
    if isinstance(widget, (QAbstractItemView, QLineEdit)):
        return palette.color(ROLE.Base).name(), palette.color(ROLE.Text).name()
    return palette.color(ROLE.Window).name(), palette.color(ROLE.WindowText).name()


@pytest.mark.parametrize("name", ["dark", "sepia", "light"])
def test_a_theme_colours_every_panel_dialog_and_the_page(
        qtbot: QtBot, window: MainWindow, notes: NotesController, name: str) -> None:
    open_doc(qtbot, window, GRID)
    window.menu_actions.theme_actions[name].trigger()
    QApplication.processEvents()  # Qt hands the new palette to existing widgets by event
    chosen = THEMES[name]
    wanted_panel = {chosen.window, chosen.panel}
    panels = [window.library_panel.view, window.search_panel, window.outline.view,
              notes.bookmarks_panel.view, notes.annotations_panel.view,
              window.library_panel.filter_box, window.left_tabs, window.statusBar(),
              window.menuBar()]
    for panel in panels:
        background, text = colours_of(panel)
        assert background in wanted_panel, (panel, background)
        assert text == chosen.text, (panel, text)
    page = window.reading.browser.palette()
    assert page.color(ROLE.Base).name() == chosen.base
    editor = NoteEditor.for_annotation("引文", parent=window)
    box = QMessageBox(QMessageBox.Icon.Information, "笔记", "已保存", parent=window)
    for dialog in (editor, box):
        qtbot.addWidget(dialog)
        assert colours_of(dialog) == (chosen.window, chosen.text)
    if chosen.dark:
        assert QColor(chosen.window).lightness() < 80
    assert window.settings.theme == name


def test_the_system_s_dark_preference_chooses_the_dark_theme() -> None:
    assert theme_for_scheme(Qt.ColorScheme.Dark) == "dark"
    assert theme_for_scheme(Qt.ColorScheme.Light) is None
    assert theme_for_scheme(Qt.ColorScheme.Unknown) is None


def test_a_first_start_follows_the_system_and_later_starts_the_user_s_choice() -> None:
    from reader.app import starting_theme

    assert starting_theme("light", None, first_start=True, system="dark") == "dark"
    assert starting_theme("sepia", None, first_start=False, system="dark") == "sepia"
    assert starting_theme("light", None, first_start=True, system=None) == "light"
    assert starting_theme("light", "sepia", first_start=True, system="dark") == "sepia"
