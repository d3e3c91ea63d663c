"""The window's first size and place, from the screen it opens on.

A fixed default (once 1280×800) is taller than a 768-pixel laptop screen and hides the status
bar; so the first start takes most of the screen's available area (without the task bar or
dock), never more, and a size remembered from a larger monitor is shrunk to fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Share of the available area a first window takes, and the size past which more is waste.
SCREEN_SHARE = 0.92
LARGEST = QSize(1680, 1050)
# Room for the title bar and frame the window manager adds around the window's own area.
FRAME_ALLOWANCE = QSize(16, 48)
# The side panels' shares of the width; the reading pane takes the rest.
LEFT_SHARE, RIGHT_SHARE = 0.24, 0.19
LEFT_MIN, RIGHT_MIN, READING_MIN = 220, 180, 420


@dataclass(frozen=True)
class Proportions:
    """The three panels' widths for a window ``width`` wide."""

    left: int
    reading: int
    right: int

    @classmethod
    def of(cls, width: int) -> Proportions:
        left = max(LEFT_MIN, round(width * LEFT_SHARE))
        right = max(RIGHT_MIN, round(width * RIGHT_SHARE))
        reading = max(READING_MIN, width - left - right)
        return cls(left, reading, right)

    def sizes(self) -> list[int]:
        return [self.left, self.reading, self.right]


def available_area(widget: QWidget) -> QRect:
    """Return the available geometry of the screen ``widget`` is on (or the primary one)."""
    screen: QScreen | None = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def first_geometry(area: QRect) -> QRect:
    """Return the window's own area for a first start on a screen whose free area is ``area``."""
    most = area.size() - FRAME_ALLOWANCE
    width = min(round(area.width() * SCREEN_SHARE), LARGEST.width(), most.width())
    height = min(round(area.height() * SCREEN_SHARE), LARGEST.height(), most.height())
    rect = QRect(0, 0, max(width, 1), max(height, 1))
    rect.moveCenter(area.center())
    return rect


def fit_into(rect: QRect, area: QRect) -> QRect:
    """Return ``rect`` shrunk and moved as little as needed to lie within ``area``."""
    fitted = QRect(rect)
    most = area.size() - FRAME_ALLOWANCE
    fitted.setWidth(min(fitted.width(), most.width()))
    fitted.setHeight(min(fitted.height(), most.height()))
    if fitted.right() > area.right():
        fitted.moveRight(area.right())
    if fitted.bottom() > area.bottom():
        fitted.moveBottom(area.bottom())
    if fitted.left() < area.left():
        fitted.moveLeft(area.left())
    if fitted.top() < area.top():
        fitted.moveTop(area.top())
    return fitted
