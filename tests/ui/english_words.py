"""Find English a user could read in a widget: every text, tooltip, menu entry and item.

A word here is a run of ASCII letters (digits may follow). Key names (shown after a tab in a
menu, or in a tooltip's "(Shift+F3)"), file format names and the proper names of the bundled
parts are not English to translate; anything else is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# "(&F)" as written, "(F)" as Qt returns a menu's text; "Ctrl+K", "Shift+F3" in tooltips.
MNEMONIC = re.compile(r"\(&?[A-Za-z0-9]\)")
FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|md|json|pdf|docx|html?|mhtml|png|svg)\b")
# A file dialog's patterns (*.docm, *.wps …) name formats, whatever their suffix.
FILE_PATTERN = re.compile(r"\*\.[A-Za-z0-9]+")
KEY_COMBINATION = re.compile(r"\b(?:Ctrl|Shift|Alt|Meta)\+[^\s,，)）]+")
PATH = re.compile(r"(?<![\w])(?:[A-Za-z]:)?[/\\~][^\s，。；）)]*|\b[\w.-]+/(?=[\s，。；）)]|$)")
KEY_NAMES = {"ctrl", "shift", "alt", "meta", "esc", "enter", "return", "tab", "del", "delete",
             "backspace", "ins", "home", "end", "pgup", "pgdown", "space", "up", "down",
             "left", "right", *(f"f{n}" for n in range(1, 13))}
FORMAT_NAMES = {"markdown", "json", "md", "txt", "pdf", "docx", "doc", "html", "htm", "mhtml",
                "svg", "png", "utf8", "text", "word"}  # Word: the file format's own name
# Proper names of the app's parts and their licences (the 关于 box lists them).
PROPER_NAMES = {"qt", "pyside6", "lgpl", "lgplv3", "gpl", "mit", "bsd", "jieba", "whoosh",
                "python", "sqlite", "platformdirs", "charset", "normalizer", "psf", "v3"}
ALLOWED = KEY_NAMES | FORMAT_NAMES | PROPER_NAMES


def english_words(text: str) -> list[str]:
    """Return the words of ``text`` a Chinese reader would find untranslated."""
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    text = text.split("\t", 1)[0]
    text = MNEMONIC.sub("", text).replace("&&", "＆").replace("&", "")
    # The user's folders and files are not the app's words.
    text = KEY_COMBINATION.sub("", FILE_NAME.sub("", PATH.sub("", FILE_PATTERN.sub("", text))))
    return [word for word in WORD.findall(text)
            if word.casefold() not in ALLOWED and word != Path.home().name]


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    columns = _columns(model, parent)
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str):
            yield header
    for row in range(min(model.rowCount(parent), 50)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
        first = model.index(row, 0, parent)
        if isinstance(model, QAbstractTableModel | QAbstractListModel):
            continue  # flat: no children to visit
        if model.hasChildren(first) and not model.canFetchMore(first):
            yield from _model_texts(model, first)


def action_texts(action: QAction) -> Iterator[str]:
    yield action.text()
    yield action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from menu_texts(menu)


def menu_texts(menu: QMenu) -> Iterator[str]:
    """Yield the title and every entry of ``menu``, its submenus' too."""
    yield menu.title()
    for action in menu.actions():
        yield from action_texts(action)


def widget_texts(root: QWidget) -> Iterator[str]:
    """Yield every text ``root`` and its children show or tell, menus included."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow():
            yield widget.windowTitle()
        yield widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.text()
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))
            yield from (widget.tabToolTip(i) for i in range(widget.count()))
        if isinstance(widget, QGroupBox):
            yield widget.title()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(widget.model(), QModelIndex())
        if isinstance(widget, QMenu):
            yield from menu_texts(widget)
        for action in widget.actions():
            yield from action_texts(action)


def untranslated(texts: Iterator[str] | list[str]) -> dict[str, list[str]]:
    """Map each text holding English to its English words."""
    return {text: words for text in texts if text and (words := english_words(text))}
