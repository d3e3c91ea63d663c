"""Document and note text shown as text: never read by Qt as markup.

Qt guesses whether a string is rich text (``Qt.mightBeRichText``) in labels and tooltips: a
document line such as ``<img src="/home/…">`` or a note that starts with ``<u><big>`` would be
drawn as HTML, and an image tag opens a local file. Labels are set to plain text
(``plain_label``); a tooltip cannot be, so ``plain_tooltip`` makes it rich text on purpose with
every character of the text escaped, line breaks kept.
"""

from __future__ import annotations

import html
from typing import overload

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


@overload
def plain_tooltip(text: str) -> str: ...
@overload
def plain_tooltip(text: None) -> None: ...
def plain_tooltip(text: str | None) -> str | None:
    """Return ``text`` as a tooltip that shows exactly these characters (None stays None)."""
    if text is None:
        return None
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text as plain text, whatever it looks like; return it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_warning(parent: QWidget, title: str, message: str) -> None:
    """Show a warning whose message (which may quote file names or document text) is text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
