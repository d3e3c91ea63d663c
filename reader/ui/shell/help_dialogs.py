"""帮助 → 快捷键 and 关于: the shortcut list, read from the actions, and the about box."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.base import texts
from reader.version import version

# The parts the app bundles and their licences, as the 关于 box lists them.
LICENCES = (
    ("Qt / PySide6", "LGPLv3"),
    ("jieba", "MIT"),
    ("Whoosh", "BSD"),
    ("Python-Markdown", "BSD"),
    ("charset-normalizer", "MIT"),
    ("platformdirs", "MIT"),
    ("Python", "PSF"),
)
_MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")


def app_version() -> str:
    """Return the app's version: the one string ``reader --version`` prints."""
    return version()


def action_name(action: QAction) -> str:
    """Return an action's text as a list shows it: no mnemonic, no trailing ellipsis."""
    return _MNEMONIC.sub("", action.text()).rstrip("…").strip()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """Return (what it does, keys) for every action with a shortcut, once each, in order."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        row = (action_name(action), "，".join(dict.fromkeys(keys)))
        if keys and row[0] and row not in seen:
            seen.add(row)
            rows.append(row)
    return rows


class ShortcutsDialog(QDialog):
    """List every keyboard shortcut of the window, read from its actions when opened."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.rows = shortcut_rows(actions)
        self.table = QTableWidget(len(self.rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("操作"), self.tr("按键")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        for number, (name, keys) in enumerate(self.rows):
            self.table.setItem(number, 0, QTableWidgetItem(name))
            self.table.setItem(number, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)


class AboutDialog(QDialog):
    """The app's name, version, data folder (with a button to open it) and licences."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None,
                 open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._open_url = open_url
        self.setWindowTitle(self.tr("关于%1").replace("%1", texts.APP_TITLE))
        self.version = app_version()
        title = QLabel(f"<h2>{texts.APP_TITLE}</h2>", self)
        version = QLabel(self.tr("版本 %1").replace("%1", self.version), self)
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(self.tr("离线阅读、检索和标注政策法规文件。"), self)
        folder = QLabel(self.tr("数据文件夹：%1").replace("%1", str(data_dir)), self)
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("打开数据文件夹"), self)
        self.open_button.clicked.connect(self.open_data_dir)
        licences = "<br>".join(f"{name}：{licence}" for name, licence in LICENCES)
        self.licences = QLabel(self.tr("随附的组件及其许可证：") + f"<br>{licences}", self)
        self.licences.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        for widget in (title, version, blurb):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.licences)
        layout.addWidget(buttons)

    def open_data_dir(self) -> bool:
        """Open the data folder in the system's file manager."""
        return self._open_url(QUrl.fromLocalFile(str(self.data_dir)))
