"""Colours of the reading pane's themes that the stylesheet cannot express.

``resources/reading.css`` colours the page itself; the widget around it (the viewport beyond
the page, the selection) and the highlights drawn on top (search hits, find matches) are set
from here so they match.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """One reading theme's colours, as ``#rrggbb``."""

    name: str
    base: str
    text: str
    hit: str
    current_hit: str
    find: str


THEMES: dict[str, Theme] = {
    "light": Theme("light", "#ffffff", "#1f1f1f", "#fff0a8", "#ffb84d", "#c9e6ff"),
    "sepia": Theme("sepia", "#f6efdf", "#3b2f22", "#f3dc8c", "#e8a64a", "#d4e3c4"),
    "dark": Theme("dark", "#1e2124", "#d7dadc", "#5c5224", "#9a6a1c", "#24476b"),
}


def theme(name: str) -> Theme:
    """Return the theme called ``name`` (light when unknown)."""
    return THEMES.get(name, THEMES["light"])
