"""Copy with citation: 《标题》（文号）条款, the way policy writing cites."""

from __future__ import annotations

from reader.notes import cite_selection, clause_text, copy_text, format_citation
from tests.notes.helpers import POLICY_TEXT, make_document


def test_citation_of_a_numbered_item() -> None:
    assert format_citation("国务院办公厅关于建立健全涉企收费长效监管机制的指导意见",
                           "国办函〔2025〕30号", "二、/（三）") == (
        "《国务院办公厅关于建立健全涉企收费长效监管机制的指导意见》（国办函〔2025〕30号）二、（三）")


def test_no_doc_number_means_no_parentheses_and_no_clause_means_title_only() -> None:
    assert format_citation("社会组织名称管理办法", None, "第三章/第十二条") == "《社会组织名称管理办法》第十二条"
    assert format_citation("社会组织名称管理办法", "", None) == "《社会组织名称管理办法》"


def test_nested_title_marks_become_single_ones() -> None:
    assert format_citation("关于印发《制造业中试创新发展实施意见》的通知", "工信部联科〔2024〕11号", None) == (
        "《关于印发〈制造业中试创新发展实施意见〉的通知》（工信部联科〔2024〕11号）")


def test_clause_text_drops_chapters_before_an_article_and_repeat_marks() -> None:
    assert clause_text("第二章/第八条/（一）") == "第八条（一）"
    assert clause_text("三、#2/（一）") == "三、（一）"
    assert clause_text(None) == ""


def test_copy_text_of_a_selection_puts_the_citation_under_the_quote() -> None:
    document = make_document()
    start = POLICY_TEXT.index("推动中介服务公开透明")
    text = cite_selection(document, start, start + len("推动中介服务公开透明"))
    assert text == ("推动中介服务公开透明\n《国务院办公厅关于建立健全涉企收费长效监管机制的指导意见》"
                    "（国办函〔2025〕30号）二、（三）")
    assert copy_text(" 原文 \n", "《某》") == "原文\n《某》"
