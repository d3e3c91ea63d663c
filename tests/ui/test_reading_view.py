"""The reading pane on its own: hostile text stays text, offsets map exactly, hits and find."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.corpus.clauses import parse_clauses
from reader.corpus.model import Document, DocumentId, SourceRef
from reader.corpus.render import paragraphs
from reader.ui.reading.reading_view import ReadingView
from tests.conftest import REPO
from tests.ui.seed_documents import seed_documents

CSS = (REPO / "resources" / "reading.css").read_text(encoding="utf-8")
HOSTILE = (
    "一、总则\n"
    '<a href="https://evil.example/">点这里</a><script>alert(1)</script>\n'
    "[链接](file:///etc/passwd) <img src=x onerror=alert(1)> &lt;b&gt;\n"
    "第一条\t表格\t两列"
)


def _hostile() -> Document:
    return Document(DocumentId("h"), "<i>标题</i>", ("某机关",), ("某机关",), None, "2024-01",
                    None, SourceRef("x.txt", 1, 4), HOSTILE, parse_clauses(HOSTILE))


@pytest.fixture
def view(qtbot: QtBot) -> ReadingView:
    widget = ReadingView(CSS)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    return widget


def test_document_text_is_shown_literally_and_links_nothing(view: ReadingView) -> None:
    view.show_document(_hostile())
    page = view.browser.document()
    text = page.toPlainText()
    assert '<a href="https://evil.example/">点这里</a><script>alert(1)</script>' in text
    assert "[链接](file:///etc/passwd) <img src=x onerror=alert(1)> &lt;b&gt;" in text
    assert "<i>标题</i>" in text
    block = page.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            assert not fmt.anchorHref(), fmt.anchorHref()
            assert not fmt.isImageFormat()
            iterator += 1
        block = block.next()


def test_every_offset_of_a_long_document_maps_to_its_character(view: ReadingView) -> None:
    doc = max(seed_documents(), key=lambda d: len(d.text))
    view.show_document(doc)
    page = view.browser.document()
    found = paragraphs(doc.text)
    assert len(view.page_map) == len(found)
    for paragraph in found[::7]:
        for within in (0, len(paragraph.text) // 2, len(paragraph.text) - 1):
            offset = paragraph.start + within
            position = view.page_map.position(offset)
            assert page.characterAt(position) == doc.text[offset]
            assert view.page_map.offset(position) == offset


def test_hits_are_highlighted_and_stepped_through(view: ReadingView) -> None:
    doc = max(seed_documents(), key=lambda d: len(d.text))
    word = "发展"
    spans = []
    start = doc.text.find(word)
    while start != -1:
        spans.append((start, start + len(word)))
        start = doc.text.find(word, start + 1)
    view.show_document(doc)
    view.set_hits(spans)
    assert view.hit_index == 0
    assert len(view.browser.extraSelections()) == len(spans)
    for _ in range(3):
        view.next_hit()
    cursor: QTextCursor = view.browser.textCursor()
    assert view.page_map.offset(cursor.position()) == spans[3][0]
    assert view.hit_bar.label.text() == f"命中 4 / {len(spans)} 处"
    view.clear_hits()
    assert not view.browser.extraSelections() and view.hit_bar.isHidden()
