"""The reading pane shows a document's structure as printed: headings, lead sentences, lists,
专栏 boxes, tables and link lines — asserted on the page's QTextDocument, with offsets that
still map exactly inside tables and grids."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextTable
from pytestqt.qtbot import QtBot

from reader.corpus.clauses import parse_clauses
from reader.corpus.model import Document, DocumentId, SourceRef
from reader.corpus.render import LINK_LABEL, paragraphs
from reader.ui.reading.reading_view import ReadingView
from tests.conftest import REPO
from tests.ui.seed_documents import seed_documents

CSS = (REPO / "resources" / "reading.css").read_text(encoding="utf-8")

REGULATION = (
    "第一条 为了规范项目管理，制定本办法。\n"
    "第二条 本办法所称项目包括：\n"
    "（一）机关的办公用房和业务用房项目；\n"
    "（二）教育、文化、卫生等社会事业项目和农林水利、交通、能源、生态环境保护等公共领域的项目；\n"
    "（三）其他项目。\n"
    "第三条 项目分为集中建设和自行组织建设。"
)
CELLS = "附表 分配情况\n序号\n地区\n金额\n1\n甲市\n120\n2\n乙市\n85\n3\n丙县\n40\n以上金额以实际拨付为准。"
TABS = "一、主要指标\n指标\t2020年\t2025年\n产值（亿元）\t7.8\t10\n\t用户\t640\n二、重点任务"


def _document(text: str) -> Document:
    return Document(DocumentId("s"), "关于测试的办法", ("某机关",), ("某机关",), None, "2024-01",
                    None, SourceRef("x.txt", 1, 9), text, parse_clauses(text))


def _seed_document(seed: str, title: str) -> Document:
    return next(doc for doc in seed_documents(seed) if doc.title.startswith(title))


@pytest.fixture
def view(qtbot: QtBot) -> ReadingView:
    widget = ReadingView(CSS)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def _block(page: QTextDocument, starts: str) -> QTextBlock:
    block = page.begin()
    while block.isValid():
        if block.text().startswith(starts):
            return block
        block = block.next()
    raise AssertionError(f"no block starts with {starts!r}")


def _table_of(page: QTextDocument, block: QTextBlock) -> QTextTable | None:
    return QTextCursor(block).currentTable()


def _bold_prefix(block: QTextBlock) -> str:
    iterator = block.begin()
    bold = ""
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.charFormat().fontWeight() < 600:
            break
        bold += fragment.text()
        iterator += 1
    return bold


def _highlighted(view: ReadingView) -> list[str]:
    """The text under each search-hit highlight."""
    return [selection.cursor.selectedText() for selection in view.browser.extraSelections()]


def _assert_offsets_map(view: ReadingView, doc: Document, words: list[str]) -> None:
    page = view.browser.document()
    for word in words:
        start = doc.text.index(word)
        for offset in range(start, start + len(word)):
            position = view.page_map.position(offset)
            assert page.characterAt(position) == doc.text[offset], word
            assert view.page_map.offset(position) == offset, word


def test_a_numbered_lead_sentence_is_one_paragraph_with_a_bold_label(view: ReadingView) -> None:
    doc = _seed_document("002_2b41b7aea7ba18c4.txt", "财政部 税务总局关于企业投入基础研究")
    view.show_document(doc)
    page = view.browser.document()
    lead = _block(page, "一、对企业出资给非营利性")
    paragraph = next(p.text for p in paragraphs(doc.text) if p.text.startswith("一、对企业"))
    assert lead.text() == paragraph  # one block: never half heading, half body
    assert lead.blockFormat().headingLevel() == 0
    assert _bold_prefix(lead) == "一、"  # one sentence and nothing after it: label only
    # Its enumerated items are one list, each item one block, labels bold.
    first, second = _block(page, "（一）国家设立的"), _block(page, "（二）民办非营利性")
    assert first.textList() is not None and second.textList() is not None
    assert first.textList() == second.textList()
    assert _bold_prefix(first) == "（一）"


def test_a_short_lead_is_bold_up_to_its_full_stop(view: ReadingView) -> None:
    doc = _seed_document("000_33a0d7a04a8e333f.txt", "“十四五”数字经济发展规划")
    view.show_document(doc)
    block = _block(view.browser.document(), "(一) 加快建设信息网络基础设施。")
    assert block.blockFormat().headingLevel() == 0
    assert _bold_prefix(block) == "(一) 加快建设信息网络基础设施。"


def test_a_long_lead_is_bold_up_to_its_full_stop_when_text_follows(view: ReadingView) -> None:
    doc = _seed_document("000_33a0d7a04a8e333f.txt", "国家发展改革委 人民银行关于印发《全国公共信用")
    view.show_document(doc)
    block = _block(view.browser.document(), "五、各地区、各有关部门（单位）应遵照")
    lead = "五、各地区、各有关部门（单位）应遵照合法、正当、必要、最小化原则，严格按照相关目录或条目归集公共信用信息。"
    assert len(lead) > 40 and block.text().startswith(lead) and len(block.text()) > len(lead)
    assert block.blockFormat().headingLevel() == 0
    assert _bold_prefix(block) == lead


def test_a_lead_never_stops_inside_a_title_or_a_quotation(view: ReadingView) -> None:
    text = ("一、关于《某某办法：实施细则》的适用范围，以本条为准。其余事项另行规定。\n"
            "二、本办法自印发之日起施行，由某机关负责解释。")
    doc = _document(text)
    view.show_document(doc)
    page = view.browser.document()
    assert _bold_prefix(_block(page, "一、")) == "一、关于《某某办法：实施细则》的适用范围，以本条为准。"
    assert _bold_prefix(_block(page, "二、")) == "二、"  # one sentence: body text, label bold


def test_items_of_an_article_are_one_list_in_one_style(view: ReadingView) -> None:
    doc = _document(REGULATION)
    view.show_document(doc)
    page = view.browser.document()
    items = [_block(page, label) for label in ("（一）", "（二）", "（三）")]
    lists = {id(item.textList()) for item in items}
    assert None not in [item.textList() for item in items] and len(lists) == 1
    assert items[0].textList() is not None and items[0].textList().count() == 3
    assert all(item.blockFormat().headingLevel() == 0 for item in items)
    assert [_bold_prefix(item) for item in items] == ["（一）", "（二）", "（三）"]
    assert _block(page, "第三条").textList() is None
    # Still addressable: each item's clause anchor jumps to it.
    names = [c.address for c in doc.all_clauses()]
    assert "第二条/（二）" in names
    _assert_offsets_map(view, doc, ["教育、文化", "其他项目"])


def test_catalogue_entries_are_a_list_not_headings(view: ReadingView) -> None:
    doc = _seed_document("000_33a0d7a04a8e333f.txt", "鼓励外商投资产业目录")
    view.show_document(doc)
    page = view.browser.document()
    entry = _block(page, "455.知识产权服务")
    assert entry.blockFormat().headingLevel() == 0
    assert entry.textList() is not None
    assert entry.textList() == _block(page, "456.家庭服务业").textList()


def test_a_box_holds_its_title_and_items_and_ends_at_the_next_chapter(view: ReadingView) -> None:
    doc = _seed_document("000_33a0d7a04a8e333f.txt", "国家发展改革委国家能源局关于印发《“十四五”现代能源")
    view.show_document(doc)
    page = view.browser.document()
    box = _table_of(page, _block(page, "专栏2能源安全保障重点工程"))
    assert box is not None and (box.rows(), box.columns()) == (1, 1)
    assert _table_of(page, _block(page, "煤炭储备。")) == box
    chapter = _block(page, "第四章 加快推动能源绿色低碳转型")
    assert _table_of(page, chapter) is None
    assert chapter.blockFormat().headingLevel() > 0


def test_tab_separated_rows_are_a_table_and_searchable_inside(view: ReadingView) -> None:
    doc = _seed_document("000_33a0d7a04a8e333f.txt", "“十四五”数字经济发展规划")
    view.show_document(doc)
    page = view.browser.document()
    header = _block(page, "指标")
    table = _table_of(page, header)
    assert table is not None
    assert table.columns() == 4 and table.rows() >= 8
    assert [table.cellAt(0, c).firstCursorPosition().block().text() for c in range(4)] == [
        "指标", "2020年", "2025年", "属性"]
    _assert_offsets_map(view, doc, ["千兆宽带用户数", "6000", "预期性"])
    # A search hit inside a cell is selected on exactly its characters.
    start = doc.text.index("千兆宽带用户数")
    view.set_hits([(start, start + 4)])
    assert _highlighted(view) == ["千兆宽带"]


def _shown_table(view: ReadingView, text: str, first_cell: str) -> tuple[Document, QTextTable]:
    """Show a document of ``text``; return it and the page's table holding ``first_cell``."""
    doc = _document(text)
    view.show_document(doc)
    page = view.browser.document()
    table = _table_of(page, _block(page, first_cell))
    assert table is not None
    return doc, table


def test_rows_with_empty_cells_keep_their_columns(view: ReadingView) -> None:
    doc, table = _shown_table(view, TABS, "指标")
    page = view.browser.document()
    assert (table.rows(), table.columns()) == (3, 3)
    assert table.cellAt(2, 0).firstCursorPosition().block().text() == ""
    assert table.cellAt(2, 1).firstCursorPosition().block().text() == "用户"
    assert _table_of(page, _block(page, "二、重点任务")) is None
    _assert_offsets_map(view, doc, ["用户", "640", "产值"])


def test_one_cell_a_line_with_a_steady_shape_is_rebuilt_as_rows(view: ReadingView) -> None:
    doc, table = _shown_table(view, CELLS, "序号")
    page = view.browser.document()
    assert (table.rows(), table.columns()) == (4, 3)
    assert table.cellAt(2, 1).firstCursorPosition().block().text() == "乙市"
    assert _table_of(page, _block(page, "以上金额")) is None
    _assert_offsets_map(view, doc, ["丙县", "85"])


def test_cells_a_pdf_wrapped_are_one_cell_each_and_map_exactly(view: ReadingView) -> None:
    from tests.corpus.test_tables import WRAPPED

    doc, table = _shown_table(view, WRAPPED, "序号")
    page = view.browser.document()
    assert (table.rows(), table.columns()) == (4, 4)
    assert [table.cellAt(1, c).firstCursorPosition().block().text() for c in range(4)] == [
        "1", "2021-12-03", "国家发展改革委", "关于印发生态保护办法的通知"]
    assert _table_of(page, _block(page, "附表")) is None  # the caption stays above it
    _assert_offsets_map(view, doc, ["国家发展", "改革委", "12-03", "态保护办法"])
    # A hit on the piece after a wrap is marked on exactly its characters, inside the cell.
    start = doc.text.index("改革委")
    view.set_hits([(start, start + 3)])
    assert _highlighted(view) == ["改革委"]


def test_a_reports_list_of_policies_is_a_table_and_what_cannot_be_read_a_grid(
        qtbot: QtBot) -> None:
    # A monthly report's own list of policies is front matter: it reads in a window of its own,
    # laid out as the reading pane lays out a document.
    from reader.corpus.split import split_file
    from reader.ui.library.front_matter_view import FrontMatterView
    from tests.conftest import SEEDS

    chapter = next(part for part in split_file(SEEDS / "001_4892098d42747a5f.txt").front_matter
                   if part.kind == "chapter" and "本月重要政策和报告内容要点列表" in part.text[:80])
    view = FrontMatterView(chapter.part(), "001_4892098d42747a5f.txt", "编者章节", css=CSS)
    qtbot.addWidget(view)
    page = view.text.document()
    # Its first page: 分类 / 发布日期 / 发布机构 / 文件标题 / 主要内容, each cell rejoined from the
    # lines the PDF broke it into (生态 / 金融, 2021- / 12-03, 国家发展 / 改革委 …).
    table = _table_of(page, _block(page, "生态金融"))
    assert table is not None and (table.rows(), table.columns()) == (2, 5)
    cells = [[table.cellAt(r, c).firstCursorPosition().block().text() for c in range(5)]
             for r in range(2)]
    assert cells[0][:3] == ["生态金融", "2021-12-03", "国家发展改革委"]
    assert cells[0][3] == "国家发展改革委关于印发生态保护和修复领域相关中央预算内投资专项管理办法的通知"
    assert cells[0][4].startswith("通知提出：1、根据《“双重”规划》")
    assert cells[1][:3] == ["绿色工业", "2021-12-03", "工业和信息化部"]
    # Its header was run together by conversion and left out above: the first row is data.
    assert _bold_prefix(table.cellAt(0, 0).firstCursorPosition().block()) == ""
    # A page whose title lines were run together by conversion has no one reading: a grid.
    grid = _table_of(page, _block(page, "改革委中"))
    assert grid is not None and grid != table and grid.columns() >= 3
    # Nothing lost or doubled: the page holds the chapter's characters, in order.
    shown = page.toPlainText().replace(LINK_LABEL, "")
    assert "".join(shown.split()) == "".join(chapter.text.split())


def test_a_captured_link_is_a_plain_line_of_its_own(view: ReadingView) -> None:
    doc = _seed_document("003_bf27126f95cd8607.txt", "工业和信息化部等八部门关于印发新型储能")
    view.show_document(doc)
    page = view.browser.document()
    link = _block(page, LINK_LABEL)
    assert link.text().endswith("P020250217773336637169.pdf")
    assert link.next().text() == "新型储能制造业高质量发展行动方案"
    iterator = link.begin()
    while not iterator.atEnd():
        assert not iterator.fragment().charFormat().anchorHref()
        iterator += 1
    _assert_offsets_map(view, doc, ["P020250217773336637169.pdf", "新型储能制造业高质量发展行动方案"])
