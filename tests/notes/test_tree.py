"""The notes tree the panels show: document → clause → note, orphans last."""

from __future__ import annotations

from pathlib import Path

from reader.notes import NotesStore, make_anchor
from reader.notes.tree import CLAUSE, DOCUMENT, NOTE, ORPHANS, notes_tree
from tests.notes.helpers import POLICY_TEXT, make_document


def _span(needle: str) -> tuple[int, int]:
    start = POLICY_TEXT.index(needle)
    return start, start + len(needle)


def test_tree_groups_by_document_then_clause_in_reading_order(tmp_path: Path) -> None:
    with NotesStore.open(tmp_path / "n.sqlite3") as store:
        doc = make_document()
        other = make_document(doc_id="doc-0", title="一份更早排序的文件")
        late = store.add_annotation(doc, make_anchor(doc, *_span("抓好贯彻落实")))
        early = store.add_annotation(doc, make_anchor(doc, *_span("减轻企业负担")))
        mark = store.bookmark_at(doc, POLICY_TEXT.index("抓好贯彻落实"))
        lost = store.add_annotation(doc, make_anchor(doc, *_span("不得强制收取会费")))
        elsewhere = store.add_annotation(other, make_anchor(other, *_span("组织领导")))
        store.reanchor(make_document(POLICY_TEXT.replace("不得强制收取会费。", "")))
        root = notes_tree([*store.bookmarks(), *store.annotations()])

    assert [n.document.title for n in root.children if n.document] == [
        "一份更早排序的文件", "国务院办公厅关于建立健全涉企收费长效监管机制的指导意见"]
    doc_node = root.children[1]
    assert doc_node.kind == DOCUMENT and doc_node.key == "doc-1"
    assert [(g.kind, g.heading) for g in doc_node.children] == [
        (CLAUSE, "正文"), (CLAUSE, "三、"), (ORPHANS, "未能定位（原文已改动）")]
    assert [n.id for n in doc_node.notes()] == [early.id, mark.id, late.id, lost.id]
    leaf = doc_node.children[1].children[1]
    assert leaf.kind == NOTE and leaf.note is not None and leaf.note.id == late.id
    assert leaf.row() == 1 and leaf.parent is doc_node.children[1] and root.row() == 0
    assert root.children[0].notes()[0].id == elsewhere.id
