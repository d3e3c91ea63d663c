"""Anchors are found again after their document changed, or honestly reported lost."""

from __future__ import annotations

import pytest

from reader.notes import Anchor, Method, clause_anchor, locate, make_anchor, paragraph_anchor
from reader.notes.model import CONTEXT_CHARS
from tests.notes.helpers import POLICY_TEXT, make_document


def _anchor(needle: str, occurrence: int = 0) -> Anchor:
    document = make_document()
    start = -1
    for _ in range(occurrence + 1):
        start = POLICY_TEXT.index(needle, start + 1)
    return make_anchor(document, start, start + len(needle))


def test_make_anchor_records_quote_context_offsets_and_clause() -> None:
    document = make_document()
    start = POLICY_TEXT.index("推动中介服务")
    anchor = make_anchor(document, start, start + 6)
    assert anchor.quote == "推动中介服务"
    assert anchor.clause_address == "二、/（三）"
    assert len(anchor.prefix) == CONTEXT_CHARS and POLICY_TEXT[:anchor.start].endswith(anchor.prefix)
    assert POLICY_TEXT[anchor.end:].startswith(anchor.suffix)


def test_selection_edges_drop_whitespace_and_bad_selections_are_refused() -> None:
    document = make_document()
    end_of_line = POLICY_TEXT.index("\n三、")
    anchor = make_anchor(document, end_of_line - 5, end_of_line + 1)
    assert anchor.quote == POLICY_TEXT[end_of_line - 5: end_of_line]
    with pytest.raises(ValueError):
        make_anchor(document, end_of_line, end_of_line + 1)
    with pytest.raises(ValueError):
        make_anchor(document, 5, 5)
    with pytest.raises(ValueError):
        make_anchor(document, 0, len(POLICY_TEXT) + 1)


def test_clause_and_paragraph_anchors_quote_the_first_line() -> None:
    document = make_document()
    clause = next(c for c in document.all_clauses() if c.address == "二、")
    anchor = clause_anchor(document, clause)
    assert anchor.quote == "二、重点任务" and anchor.clause_address == "二、"
    para = paragraph_anchor(document, POLICY_TEXT.index("不得强制企业入会"))
    assert para.quote == "（二）规范行业协会商会收费。不得强制企业入会，不得强制收取会费。"


def test_unchanged_offsets_are_used_first() -> None:
    anchor = _anchor("减轻企业负担")
    found = locate(anchor, make_document())
    assert found is not None and found.method is Method.OFFSETS
    assert (found.start, found.end) == (anchor.start, anchor.end)


def test_shifted_quote_is_found_in_its_clause() -> None:
    anchor = _anchor("不得强制收取会费")
    changed = POLICY_TEXT.replace("一、总体要求\n", "一、总体要求\n新增加的一段文字。\n")
    found = locate(anchor, make_document(changed))
    assert found is not None and found.method is Method.CLAUSE
    assert changed[found.start: found.end] == "不得强制收取会费"


def test_repeated_quote_is_told_apart_by_context() -> None:
    # "清单之外一律不得收费" appears in （一） and （三）; the second one is anchored.
    anchor = _anchor("清单之外一律不得收费", occurrence=1)
    changed = POLICY_TEXT.replace("二、重点任务\n", "").replace("（三）", "（四）")
    found = locate(anchor, make_document(changed))
    assert found is not None and found.method is Method.QUOTE
    assert found.start == changed.index("清单之外一律不得收费", changed.index("（四）"))


def test_line_breaks_and_spaces_inside_the_quote_are_ignored() -> None:
    anchor = _anchor("抓好贯彻落实。\n")  # stripped to the sentence
    changed = POLICY_TEXT.replace("抓好贯彻落实", "抓好 贯彻\n落实").replace("。\n（", "。（")
    found = locate(anchor, make_document(changed))
    assert found is not None and found.method is Method.WHITESPACE
    assert changed[found.start: found.end] == "抓好 贯彻\n落实。"


def test_edited_quote_is_found_by_fuzzy_match() -> None:
    anchor = _anchor("推动中介服务公开透明，清单之外一律不得收费")
    changed = POLICY_TEXT.replace("推动中介服务公开透明", "推进中介服务公开透明")
    found = locate(anchor, make_document(changed))
    assert found is not None and found.method is Method.FUZZY
    assert changed[found.start: found.end] == "推进中介服务公开透明，清单之外一律不得收费"
    assert 0.9 < found.similarity < 1.0


def test_deleted_passage_is_an_orphan_not_a_wrong_guess() -> None:
    anchor = _anchor("不得强制企业入会，不得强制收取会费")
    changed = POLICY_TEXT.replace("不得强制企业入会，不得强制收取会费。", "")
    assert locate(anchor, make_document(changed)) is None


def test_short_quote_far_from_its_context_is_refused() -> None:
    anchor = _anchor("会费")
    changed = POLICY_TEXT.replace("不得强制企业入会，不得强制收取会费。", "") + "附：会费标准另行公布。\n"
    assert locate(anchor, make_document(changed)) is None
    # ...but is accepted where its context still surrounds it.
    kept = "新的开头。\n" + POLICY_TEXT
    found = locate(anchor, make_document(kept))
    assert found is not None and kept[found.start: found.end] == "会费"
