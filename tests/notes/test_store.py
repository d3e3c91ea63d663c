"""Bookmarks and annotations: what the panels and the browser do with them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.corpus.model import DocumentId
from reader.notes import (
    AnnotationFilter,
    Colour,
    NoteNotFound,
    NotesStore,
    clause_anchor,
    make_anchor,
)
from reader.paths import Paths
from tests.notes.helpers import POLICY_TEXT, make_document


@pytest.fixture
def store(tmp_path: Path) -> Iterator[NotesStore]:
    with NotesStore.open(tmp_path / "notes.sqlite3") as opened:
        yield opened


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_store_lives_in_the_user_data_folder(_isolated_data_dir: Path) -> None:
    with NotesStore.for_paths(Paths.resolve()) as store:
        assert store.path == _isolated_data_dir / "notes.sqlite3"
    assert (_isolated_data_dir / "notes.sqlite3").exists()


def test_bookmark_a_clause_rename_note_delete(store: NotesStore) -> None:
    document = make_document()
    clause = next(c for c in document.all_clauses() if c.address == "二、/（二）")
    bookmark = store.bookmark_clause(document, clause)
    assert bookmark.label == "（二）规范行业协会商会收费"
    assert bookmark.anchor.clause_address == "二、/（二）"
    assert bookmark.anchor.quote.startswith("（二）规范行业协会商会收费。")
    assert store.bookmarks(document.id) == [bookmark]

    renamed = store.rename_bookmark(bookmark.id, "协会收费")
    assert renamed.label == "协会收费" and renamed.updated >= bookmark.updated
    noted = store.set_bookmark_note(bookmark.id, "与本省做法对照")
    assert noted.note == "与本省做法对照" and noted.label == "协会收费"
    with pytest.raises(ValueError):
        store.rename_bookmark(bookmark.id, "  ")
    store.delete_bookmark(bookmark.id)
    assert store.bookmarks() == []
    with pytest.raises(NoteNotFound):
        store.bookmark(bookmark.id)


def test_notes_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    document = make_document()
    with NotesStore.open(path) as store:
        annotation = store.add_annotation(document, make_anchor(document, *_span(
            POLICY_TEXT, "不得强制企业入会")), Colour.GREEN, "重点", ["协会", "会费", "协会"])
    with NotesStore.open(path) as store:
        assert store.annotation(annotation.id) == annotation
        assert annotation.tags == ("会费", "协会")


def test_edit_and_delete_annotation(store: NotesStore) -> None:
    document = make_document()
    anchor = make_anchor(document, *_span(POLICY_TEXT, "减轻企业负担"))
    annotation = store.add_annotation(document, anchor)
    assert annotation.colour is Colour.YELLOW and annotation.note == "" and not annotation.tags
    edited = store.update_annotation(annotation.id, colour=Colour.BLUE, note="减负")
    assert (edited.colour, edited.note) == (Colour.BLUE, "减负")
    tagged = store.update_annotation(annotation.id, tags=["减负"])
    assert tagged.note == "减负" and tagged.tags == ("减负",)
    assert store.annotation(annotation.id) == tagged
    store.delete_annotation(annotation.id)
    assert store.annotations() == [] and store.tags() == []


def test_browser_filters_and_search(store: NotesStore) -> None:
    first = make_document()
    second = make_document(doc_id="doc-2", title="国家发展改革委关于某事的通知",
                           doc_number=None, issuers=("国家发展改革委",))
    a = store.add_annotation(first, make_anchor(first, *_span(POLICY_TEXT, "收费目录清单")),
                             Colour.PINK, "Check the LIST", ["清单"])
    b = store.add_annotation(second, make_anchor(second, *_span(POLICY_TEXT, "中介服务")),
                             Colour.GREEN, "中介费用太高", ["中介", "清单"])
    c = store.add_annotation(second, make_anchor(second, *_span(POLICY_TEXT, "组织领导")))

    def ids(**kwargs: object) -> set[str]:
        return {n.id for n in store.annotations(AnnotationFilter(**kwargs))}  # type: ignore[arg-type]

    assert ids() == {a.id, b.id, c.id}
    assert ids(doc_id=DocumentId("doc-2")) == {b.id, c.id}
    assert ids(colour=Colour.PINK) == {a.id}
    assert ids(tag="清单") == {a.id, b.id}
    assert ids(issuer="国家发展改革委") == {b.id, c.id}
    assert ids(issuer="国家发展") == set()  # a whole issuer, not a fragment of one
    assert ids(text="list") == {a.id}  # case-insensitive
    assert ids(text="费用") == {b.id}
    assert ids(text="组织领导") == {c.id}  # the quoted passage is searched too
    assert ids(text="中介", colour=Colour.GREEN, tag="清单") == {b.id}
    assert store.tags() == ["中介", "清单"]
    assert {d.doc_id for d in store.documents()} == {"doc-1", "doc-2"}


def test_reanchor_moves_notes_and_keeps_orphans(store: NotesStore) -> None:
    document = make_document()
    kept = store.add_annotation(document, make_anchor(document, *_span(POLICY_TEXT, "抓好贯彻落实")))
    lost = store.add_annotation(document, make_anchor(document, *_span(POLICY_TEXT, "不得强制收取会费")),
                                note="这条被删了")
    mark = store.bookmark_clause(document, document.all_clauses()[0])

    changed_text = ("前言一段新的文字。\n" + POLICY_TEXT).replace("不得强制收取会费。", "")
    changed = make_document(changed_text)
    report = store.reanchor(changed)
    assert report.orphans == (lost.id,)
    moved = store.annotation(kept.id)
    assert changed_text[moved.anchor.start: moved.anchor.end] == "抓好贯彻落实"
    assert store.bookmark(mark.id).anchor.start == changed_text.index("一、总体要求")
    # The orphan is listed with its note and old quote, never dropped.
    [orphan] = store.orphans()
    assert orphan.id == lost.id and orphan.orphan and orphan.note == "这条被删了"
    assert orphan.anchor.quote == "不得强制收取会费"
    # Opening the same text again does nothing.
    assert store.reanchor(changed).skipped
    # The user re-attaches it to a new selection.
    store.reattach(lost.id, changed, make_anchor(changed, *_span(changed_text, "不得强制企业入会")))
    assert store.orphans() == []
    assert store.annotation(lost.id).anchor.quote == "不得强制企业入会"
    assert store.annotation(lost.id).note == "这条被删了"
    # Or deletes it.
    store.delete_annotation(lost.id)
    assert lost.id not in {n.id for n in store.annotations()}


def test_an_orphan_is_placed_again_when_its_text_comes_back(store: NotesStore) -> None:
    document = make_document()
    note = store.add_annotation(document, make_anchor(document, *_span(POLICY_TEXT, "不得强制收取会费")))
    store.reanchor(make_document(POLICY_TEXT.replace("不得强制收取会费。", "")))
    assert store.annotation(note.id).orphan
    store.reanchor(document)
    assert not store.annotation(note.id).orphan


def test_anchor_of_another_document_is_refused(store: NotesStore) -> None:
    document = make_document()
    other = make_document(doc_id="doc-2")
    with pytest.raises(ValueError):
        store.add_annotation(document, clause_anchor(other, other.all_clauses()[0]))


def test_ctrl_d_bookmarks_the_clause_at_the_cursor_once(store: NotesStore) -> None:
    document = make_document()
    cursor = POLICY_TEXT.index("不得强制企业入会")
    first = store.bookmark_at(document, cursor)
    assert first.anchor.clause_address == "二、/（二）"
    assert first.label == "（二）规范行业协会商会收费"
    assert store.bookmark_at(document, cursor + 3) == first  # same clause: no duplicate
    # Outside any clause the paragraph is bookmarked.
    preamble = store.bookmark_at(document, POLICY_TEXT.index("减轻企业负担"))
    assert preamble.anchor.clause_address is None
    assert preamble.anchor.quote == "为进一步规范涉企收费行为，减轻企业负担，经国务院同意，现提出如下意见。"
    assert len(store.bookmarks()) == 2


def test_notes_follow_a_document_to_its_new_id(store: NotesStore) -> None:
    document = make_document()
    note = store.add_annotation(document, make_anchor(document, *_span(POLICY_TEXT, "抓好贯彻落实")))
    resplit = make_document("新的一行。\n" + POLICY_TEXT, doc_id="doc-new", title="新标题")
    report = store.rekey_document(document.id, resplit)
    assert not report.orphans
    moved = store.annotation(note.id)
    assert moved.document.doc_id == "doc-new" and moved.document.title == "新标题"
    assert resplit.text[moved.anchor.start: moved.anchor.end] == "抓好贯彻落实"
    assert [d.doc_id for d in store.documents()] == ["doc-new"]


def test_documents_lists_only_those_still_carrying_notes(store: NotesStore) -> None:
    document = make_document()
    note = store.add_annotation(document, make_anchor(document, *_span(POLICY_TEXT, "组织领导")))
    assert [d.doc_id for d in store.documents()] == ["doc-1"]
    store.delete_annotation(note.id)
    assert store.documents() == []
