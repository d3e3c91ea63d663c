"""Qt's own texts in Chinese: the translator for file dialogs, text boxes' menus, buttons.

The app's texts are written in Chinese; Qt's (Open, Cancel, Look in:, Select All…) come from
the catalogues shipped inside PySide6 (``qtbase_*.qm`` under ``TranslationsPath``). A Chinese
system locale picks its own variant (``zh_TW`` for 繁體); any other locale falls back to
``zh_CN``, so a window whose own words are Chinese never shows Qt's English beside them.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

DEFAULT_LOCALE = "zh_CN"
# Texts the Chinese catalogue of Qt 6 leaves in English, by (Qt's context, Qt's text); the
# walk over every dialog in tests/ui/test_chinese.py finds a new one.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "File &name:"): "文件名(&N)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "File"): "文件",
}
# Qt's catalogues in the order they must be loaded: qtbase carries the widgets' texts.
CATALOGUES = ("qtbase",)


def ui_locale(system: QLocale | None = None) -> QLocale:
    """Return the locale the window speaks: the system's if it is Chinese, else zh_CN."""
    chosen = system or QLocale.system()
    if chosen.language() == QLocale.Language.Chinese:
        return chosen
    return QLocale(DEFAULT_LOCALE)


class GapTranslator(QTranslator):
    """Supply ``QT_GAPS``: the few texts Qt's own Chinese catalogue has no translation for."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return QT_GAPS.get((context, source))


def install_translators(app: QApplication, system: QLocale | None = None) -> list[QTranslator]:
    """Load Qt's Chinese catalogues into ``app``; return the translators (kept by the app).

    Also makes the chosen locale the default, so dates and numbers in Qt's dialogs match.
    A catalogue that is missing (a trimmed bundle) leaves Qt's English, never an error.
    """
    locale = ui_locale(system)
    QLocale.setDefault(locale)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[QTranslator] = []
    for name in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) or translator.load(
                f"{name}_{DEFAULT_LOCALE}", folder):
            app.installTranslator(translator)
            loaded.append(translator)
    if locale.script() != QLocale.Script.TraditionalChineseScript:
        gaps = GapTranslator(app)
        app.installTranslator(gaps)  # searched before the catalogues installed earlier
        loaded.append(gaps)
    return loaded
