"""Every text a user can reach from the window is Chinese: menus, dialogs, context menus.

The walk opens what the menus open (Qt's file dialogs with the app's filters, message boxes,
the note editor, the notes browser), asks every text box for its right-click menu, and reads
every label, button, tooltip, item and entry (see ``english_words``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.notes import Colour
from reader.ui.library.import_dialogs import import_filter
from reader.ui.notes.note_editor import NoteEditor
from reader.ui.notes.notes_controller import NotesController
from reader.ui.notes.notes_menu import EXPORT_KINDS
from reader.ui.shell.main_window import MainWindow
from tests.ui.english_words import (
    action_texts,
    english_words,
    menu_texts,
    untranslated,
    widget_texts,
)
from tests.ui.test_annotations import passage, select
from tests.ui.test_bookmarks import GRID, open_doc


def text_box_menus(root: QWidget) -> Iterator[str]:
    """Yield the entries of the right-click menu of every text box in ``root``."""
    for box in [*root.findChildren(QLineEdit), *root.findChildren(QTextEdit),
                *root.findChildren(QPlainTextEdit)]:
        if box.objectName() == "readingPane":
            continue  # its menu is the reading view's own, read below
        menu = box.createStandardContextMenu()
        yield from menu_texts(menu)
        menu.deleteLater()


def walked(qtbot: QtBot, widget: QWidget) -> list[str]:
    """Show ``widget`` (a dialog), read it and its text boxes' menus, close it."""
    qtbot.addWidget(widget)
    widget.show()
    texts = [*widget_texts(widget), *text_box_menus(widget)]
    # Entries of menus built on demand (a file list's 重命名, 显示隐藏文件…) exist as actions.
    texts += [text for action in widget.findChildren(QAction) for text in action_texts(action)]
    widget.close()
    return texts


def file_dialogs(parent: QWidget) -> Iterator[QFileDialog]:
    """The file dialogs the window opens, as Qt draws them where no system dialog is used."""
    modes = [(QFileDialog.FileMode.ExistingFiles, import_filter(), False),
             (QFileDialog.FileMode.Directory, "", False)]
    modes += [(QFileDialog.FileMode.AnyFile, pattern, True) for _, pattern in EXPORT_KINDS.values()]
    for mode, name_filter, save in modes:
        dialog = QFileDialog(parent, "导入", "", name_filter)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(mode)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        yield dialog


def everything(qtbot: QtBot, window: MainWindow, notes: NotesController) -> list[str]:
    """Open a document, make a note of each kind, then read all a user can reach."""
    doc = open_doc(qtbot, window, GRID)
    start, end = passage(doc)
    select(window, start, end)
    annotation = notes.highlight(Colour.GREEN)
    bookmark = notes.bookmark_here()
    assert annotation is not None and bookmark is not None
    select(window, start, end)
    texts = list(widget_texts(window))
    texts += menu_texts(window.reading.context_menu(QPoint(10, 10)))
    texts += menu_texts(window.outline.context_menu())
    texts += menu_texts(notes.bookmarks_panel.context_menu(bookmark))
    texts += menu_texts(notes.annotations_panel.context_menu(annotation))
    texts += menu_texts(window.library_panel.context_menu(GRID))
    texts += text_box_menus(window)
    for dialog in file_dialogs(window):
        texts += walked(qtbot, dialog)
    buttons = QMessageBox.StandardButton
    texts += walked(qtbot, QMessageBox(QMessageBox.Icon.Question, "笔记", "确定吗？",
                                       buttons.Ok | buttons.Cancel | buttons.Yes | buttons.No,
                                       window))
    texts += walked(qtbot, NoteEditor.for_annotation("引文", existing=True, parent=window))
    texts += walked(qtbot, NoteEditor.for_bookmark("引文", "书签", parent=window))
    assert notes.host is window
    browser = window.findChild(QWidget, "notesBrowser")
    if browser is None:
        from reader.ui.notes.notes_menu import NotesActions

        actions = notes.parent().findChild(NotesActions)
        assert actions is not None
        browser = actions.show_browser()
    texts += walked(qtbot, browser)
    texts += walked(qtbot, window.show_shortcuts())
    texts += walked(qtbot, window.show_about())
    commands = window.library_commands
    for dialog in (commands.show_sources(GRID), commands.confirm_remove("汇编.txt")):
        assert dialog is not None
        texts += walked(qtbot, dialog)
    return texts


def test_every_text_a_user_can_reach_is_chinese(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    assert untranslated(everything(qtbot, window, notes)) == {}


def test_the_walk_finds_an_english_entry_in_a_menu(
        qtbot: QtBot, window: MainWindow, notes: NotesController) -> None:
    menu = window.menuBar().actions()[0].menu()
    menu.addAction(QAction("Open Recent\tCtrl+R", menu))
    found = untranslated(everything(qtbot, window, notes))
    assert found == {"Open Recent\tCtrl+R": ["Open", "Recent"]}



def help_words(text: str) -> list[str]:
    """Return the English of a ``--help`` text, less what stays: option and command names,
    placeholders (FILE, WxH), choices, the programs' names."""
    text = re.sub(r"--?[\w-]+|\{[^}]*\}|\b[A-Z_]+\b|\bWxH\b|\b\d+x\d+\b|\breader(-cli)?\b",
                  "", text)
    return english_words(text)


def test_the_command_line_of_the_window_speaks_chinese() -> None:
    from reader.app import build_parser

    assert help_words(build_parser().format_help()) == []


def test_every_help_of_reader_cli_speaks_chinese() -> None:
    import argparse

    from reader.cli import build_parser

    helps: dict[str, str] = {}
    names: set[str] = set()  # commands, arguments and choices: the command line's own words

    def visit(name: str, parser: argparse.ArgumentParser) -> None:
        helps[name] = parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    names.update(sub_name.split("-"))
                    visit(f"{name} {sub_name}".strip(), sub)
            elif not action.option_strings:
                names.add(action.dest)
            names.update(str(choice) for choice in action.choices or ())

    visit("", build_parser())
    found = {name: [w for w in help_words(text) if w not in names]
             for name, text in helps.items()}
    assert {name: words for name, words in found.items() if words} == {}
