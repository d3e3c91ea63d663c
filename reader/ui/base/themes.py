"""The three themes' colours: the whole window's palette and the reading pane's extras.

``resources/reading.css`` colours the page itself; the rest of the window (panels, lists,
dialogs, menus) takes a Qt palette built here, with the Fusion style, which draws every
widget from the palette alone (a platform style keeps some of its own colours). The
highlights drawn over the page (search hits, find matches) are set from here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    """One theme's colours, as ``#rrggbb``.

    ``base`` and ``text`` are the page's; ``window``/``panel`` the window around it (frames
    and the lists' background); ``button``, ``accent`` (selection) and ``muted`` (disabled and
    placeholder text) the controls'; the rest the highlights over the page.
    """

    name: str
    base: str
    text: str
    hit: str
    current_hit: str
    find: str
    window: str = "#efefef"
    panel: str = "#ffffff"
    button: str = "#e8e8e8"
    accent: str = "#2f6fce"
    accent_text: str = "#ffffff"
    muted: str = "#8a8a8a"
    link: str = "#1f5fae"
    dark: bool = False


THEMES: dict[str, Theme] = {
    "light": Theme("light", "#ffffff", "#1f1f1f", "#fff0a8", "#ffb84d", "#c9e6ff"),
    "sepia": Theme("sepia", "#f6efdf", "#3b2f22", "#f3dc8c", "#e8a64a", "#d4e3c4",
                   window="#eae0c9", panel="#f6efdf", button="#e2d6bb", accent="#9b6a2f",
                   accent_text="#fffaf0", muted="#8f7d62", link="#7a4a12"),
    "dark": Theme("dark", "#1e2124", "#d7dadc", "#5c5224", "#9a6a1c", "#24476b",
                  window="#2b2e32", panel="#1e2124", button="#363a3f", accent="#3f74b5",
                  accent_text="#ffffff", muted="#7d858c", link="#8ab8ec", dark=True),
}


def theme(name: str) -> Theme:
    """Return the theme called ``name`` (light when unknown)."""
    return THEMES.get(name, THEMES["light"])


def theme_palette(name: str) -> QPalette:
    """Return the palette of the whole window in theme ``name``."""
    t = theme(name)
    role = QPalette.ColorRole
    window, text, button = QColor(t.window), QColor(t.text), QColor(t.button)
    palette = QPalette(button, window)  # Qt derives Light, Mid, Dark and Shadow from these
    colours = {
        role.Window: t.window, role.WindowText: t.text, role.Base: t.panel,
        role.AlternateBase: t.window, role.Text: t.text, role.Button: t.button,
        role.ButtonText: t.text, role.BrightText: "#ffffff", role.Highlight: t.accent,
        role.HighlightedText: t.accent_text, role.ToolTipBase: t.panel,
        role.ToolTipText: t.text, role.PlaceholderText: t.muted, role.Link: t.link,
        role.LinkVisited: t.link,
    }
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, which, QColor(t.muted))
    palette.setColor(disabled, role.Highlight, QColor(t.muted))
    palette.setColor(role.Shadow, Qt.GlobalColor.black if t.dark else text.darker(300))
    return palette


def theme_for_scheme(scheme: Qt.ColorScheme) -> str | None:
    """Return the theme that follows the system's colour scheme (None: no preference)."""
    return "dark" if scheme == Qt.ColorScheme.Dark else None


def apply_theme(name: str) -> None:
    """Colour every window and dialog of the app in theme ``name``."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(theme_palette(name))


def system_theme() -> str | None:
    """Return the theme the system's colour preference asks for (None: none, or unknown)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)  # Qt 6.5 and later
    return theme_for_scheme(scheme()) if scheme is not None else None
