"""A hostile document and note through every view and both exports: text stays text.

The document carries escaped tags (``&lt;img src=…&gt;``, which cleaning must not turn into
a real tag), raw ``<script>`` and ``<iframe>`` in its title and body, a ``javascript:`` link;
the note carries markup, an unclosed code fence and a heading; the bookmark label a line
break and a heading. Whatever a view shows, it shows these characters, and draws no markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import markdown
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's namespace
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from reader.notes import Colour, make_anchor
from reader.notes.exchange import export_json, export_markdown
from reader.ui.notes.note_editor import NoteEditor
from reader.ui.notes.notes_controller import NotesController
from reader.ui.shell.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.test_bookmarks import open_doc

HOSTILE_FILE = Path(__file__).with_name("hostile.txt")
SCRIPT = "<script>alert(1)</script>"
IFRAME = '<iframe src="x"></iframe>'
NOTE = "<u><big>大</big></u> 注意\n```\n## 注入\n[点此](javascript:alert(2))"
LABEL = "书签\n## 注入标题"
MARKUP = re.compile(r"<(script|iframe|img|u|big)\b|<a\s[^>]*href", re.IGNORECASE)


def shown(value: object) -> str:
    """Return what Qt draws for a label or tooltip string: rich text is parsed as Qt does."""
    text = str(value or "")
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        assert "<img" not in document.toHtml()
        return document.toPlainText()
    return text


def tooltips(model: QAbstractItemModel) -> Iterator[str]:
    def visit(parent: QModelIndex) -> Iterator[str]:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if tip:
                yield str(tip)
            yield from visit(index)

    yield from visit(QModelIndex())


def test_hostile_text_is_shown_as_text_everywhere(
    qtbot: QtBot, ready_window: MainWindow, notes: NotesController
) -> None:
    window = ready_window
    assert window.backend is not None
    with qtbot.waitSignal(window.libraryChanged, timeout=LOAD_TIMEOUT_MS):
        assert window.importer.start(window.backend.library, [HOSTILE_FILE])
    (summary,) = [s for s in window.backend.summaries if SCRIPT in s.title]
    doc = open_doc(qtbot, window, summary.id)
    # Cleaning unescaped entities before removing tags: no tag came out of "&lt;img…&gt;".
    assert "<img" not in doc.text and "&lt;" not in doc.text and "大字标题" in doc.text
    assert IFRAME in doc.text and "javascript:" in doc.text

    # The reading pane: the characters, not elements.
    page = window.reading.browser
    assert SCRIPT in page.toPlainText() and IFRAME in page.toPlainText()
    assert not MARKUP.search(page.toHtml())

    # Tooltips of the tree, the outline and the results show the characters.
    tree_tips = [shown(tip) for tip in tooltips(window.library_panel.model)]
    assert any(SCRIPT in tip for tip in tree_tips)
    outline_tips = [shown(tip) for tip in tooltips(window.outline.model)]
    assert any("javascript" in tip for tip in outline_tips)
    with qtbot.waitSignal(window.searchFinished, timeout=LOAD_TIMEOUT_MS):
        window.show_search("附图")
    results = window.search_panel.model
    assert results.rowCount() == 1
    tip = results.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<iframe" in shown(tip) and "javascript:" in shown(tip)

    # A note and a bookmark with markup of their own.
    start = doc.text.index("附图")
    end = doc.text.index("。", start)
    annotation = notes.store.add_annotation(doc, make_anchor(doc, start, end), Colour.PINK,
                                            NOTE, ["<b>标签"])
    bookmark = notes.store.add_bookmark(doc, make_anchor(doc, start, start + 4), LABEL)
    notes.refresh()
    title = notes.annotations_panel.title
    assert title.textFormat() == Qt.TextFormat.PlainText and SCRIPT in title.text()
    note_tips = [shown(tip) for panel in (notes.annotations_panel, notes.bookmarks_panel)
                 for tip in tooltips(panel.model)]
    assert any("<u><big>大</big></u>" in tip for tip in note_tips)
    assert any(SCRIPT in tip for tip in note_tips)  # the document row's tooltip
    editor = NoteEditor(annotation.anchor.quote, "标注", window)
    assert editor.quote_label.textFormat() == Qt.TextFormat.PlainText
    assert IFRAME in editor.quote_label.text()
    editor.close()

    # The Markdown export, as a Markdown viewer draws it: no element from the text.
    text = export_markdown(notes.store)
    rendered = markdown.markdown(text)
    assert not MARKUP.search(rendered), rendered
    assert "<code" not in rendered and "<pre" not in rendered
    assert "注入" in rendered and "<h2>注入" not in rendered and "<h2>书签" not in rendered
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all("注入" not in line for line in headings)
    assert "javascript:alert(2)" in rendered.replace("\\", "")  # the words, not a link
    # The JSON export keeps every character as it was.
    data = json.loads(export_json(notes.store))
    notes_json = json.dumps(data, ensure_ascii=False)
    assert json.dumps(NOTE, ensure_ascii=False)[1:-1] in notes_json
    assert bookmark.label in {b["label"] for b in data["bookmarks"]}


def test_a_warning_quoting_a_file_name_shows_it_as_text(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from reader.ui.base.plain import plain_warning

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[Qt.TextFormat, str]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.textFormat(), box.text()))
        box.accept()

    QTimer.singleShot(0, look)
    plain_warning(parent, "导入失败", '<img src="/etc/passwd">.txt：不是文本文件。')
    assert seen == [(Qt.TextFormat.PlainText, '<img src="/etc/passwd">.txt：不是文本文件。')]
