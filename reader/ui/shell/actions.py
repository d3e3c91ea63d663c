"""The window's menus and keyboard shortcuts, kept apart from its layout and wiring."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from reader.ui.reading.reading_view import ReadingView

THEME_LABELS = (("light", "浅色"), ("sepia", "护眼"), ("dark", "深色"))


class WindowCommands(Protocol):
    """What the menus ask the window to do."""

    def import_files(self) -> None: ...

    def import_folder(self) -> None: ...

    def show_search(self, query: str | None = None) -> None: ...

    def show_library(self) -> None: ...

    def copy_with_citation(self) -> str: ...

    def show_shortcuts(self) -> object: ...

    def show_about(self) -> object: ...


class WindowActions:
    """Create the menu bar of ``owner`` and the shortcuts that go with it.

    ``commands`` does what the menus ask; the reading pane's own commands (find, hits,
    zoom, theme) go straight to ``reading``, whose ``themeChanged`` keeps the theme checked.
    """

    def __init__(self, owner: QMainWindow, commands: WindowCommands,
                 reading: ReadingView) -> None:
        self._owner = owner
        self._reading = reading
        tr = owner.tr
        bar = owner.menuBar()

        file_menu = bar.addMenu(tr("文件(&F)"))
        self.import_files = self._action(tr("导入文件…"), QKeySequence.StandardKey.Open,
                                         commands.import_files)
        self.import_folder = self._action(tr("导入文件夹…"), "Ctrl+Shift+O",
                                          commands.import_folder)
        file_menu.addAction(self.import_files)
        file_menu.addAction(self.import_folder)
        file_menu.addSeparator()
        self.quit = self._action(tr("退出(&Q)"), QKeySequence.StandardKey.Quit, owner.close)
        file_menu.addAction(self.quit)

        find_menu = bar.addMenu(tr("查找(&S)"))
        self.search = self._action(tr("全文检索…"), "Ctrl+K", lambda: commands.show_search())
        self.find = self._action(tr("在本文中查找…"), QKeySequence.StandardKey.Find,
                                 reading.open_find)
        self.find_next = self._action(tr("查找下一个"), "F3", reading.find_next)
        self.find_previous = self._action(tr("查找上一个"), "Shift+F3", reading.find_previous)
        self.next_hit = self._action(tr("下一处命中"), "Ctrl+.", reading.next_hit)
        self.previous_hit = self._action(tr("上一处命中"), "Ctrl+,", reading.previous_hit)
        for action in (self.search, self.find, self.find_next, self.find_previous):
            find_menu.addAction(action)
        find_menu.addSeparator()
        find_menu.addAction(self.next_hit)
        find_menu.addAction(self.previous_hit)

        edit_menu = bar.addMenu(tr("编辑(&E)"))
        self.copy = self._action(tr("复制(&C)"), QKeySequence.StandardKey.Copy, self._copy)
        self.select_all = self._action(tr("全选(&A)"), QKeySequence.StandardKey.SelectAll,
                                       self._select_all)
        edit_menu.addAction(self.copy)
        edit_menu.addAction(self.select_all)
        edit_menu.addSeparator()
        self.copy_cited = self._action(tr("复制并附出处"), "Ctrl+Shift+C",
                                       commands.copy_with_citation)
        self.copy_cited.setToolTip(tr("复制选中的文字（未选中时复制光标所在条款）及其出处"))
        edit_menu.addAction(self.copy_cited)
        reading.add_context_action(self.copy_cited)

        view_menu = bar.addMenu(tr("视图(&V)"))
        self.show_library = self._action(tr("文库"), "Ctrl+1", commands.show_library)
        view_menu.addAction(self.show_library)
        view_menu.addSeparator()
        self.zoom_in = self._action(tr("放大"), "Ctrl+=", reading.zoom_in)
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"),
                                   QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.zoom_out = self._action(tr("缩小"), "Ctrl+-", reading.zoom_out)
        self.zoom_reset = self._action(tr("原始大小"), "Ctrl+0", reading.reset_zoom)
        for action in (self.zoom_in, self.zoom_out, self.zoom_reset):
            view_menu.addAction(action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(tr("主题"))
        self.themes = QActionGroup(owner)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in THEME_LABELS:
            action = QAction(tr(label), owner)
            action.setCheckable(True)
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: reading.set_theme(n))
            self.themes.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action
        reading.themeChanged.connect(self._on_reading_theme_changed)
        self._on_reading_theme_changed(reading.theme_name)

        self.help_menu = bar.addMenu(tr("帮助(&H)"))
        self.shortcuts = self._action(tr("快捷键…"), QKeySequence.StandardKey.HelpContents,
                                      commands.show_shortcuts)
        self.about = QAction(tr("关于…"), owner)
        self.about.triggered.connect(commands.show_about)
        self.help_menu.addAction(self.shortcuts)
        self.help_menu.addAction(self.about)

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey,
                slot: object) -> QAction:
        action = QAction(text, self._owner)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._owner.addAction(action)
        return action

    def _text_widget(self) -> QWidget:
        """The text box with the keyboard, else the reading pane: what 复制 and 全选 act on."""
        focus = QApplication.focusWidget()
        if isinstance(focus, (QLineEdit, QTextEdit, QPlainTextEdit)):
            return focus
        return self._reading.browser

    def _copy(self) -> None:
        widget = self._text_widget()
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            widget.copy()

    def _select_all(self) -> None:
        widget = self._text_widget()
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            widget.selectAll()

    def _on_reading_theme_changed(self, name: str) -> None:
        action = self.theme_actions.get(name)
        if action is not None:
            action.setChecked(True)
