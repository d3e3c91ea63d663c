"""Export to Markdown and JSON; JSON imports back losslessly and merges without duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.notes import Colour, NotesStore, make_anchor
from reader.notes.exchange import export_json, export_markdown, import_json
from tests.notes.helpers import POLICY_TEXT, make_document


def _span(needle: str) -> tuple[int, int]:
    start = POLICY_TEXT.index(needle)
    return start, start + len(needle)


def _filled(path: Path) -> NotesStore:
    store = NotesStore.open(path)
    first = make_document()
    second = make_document(doc_id="doc-2", title="关于印发《某办法》的通知", doc_number=None,
                           issuers=("工业和信息化部", "国家发展改革委"))
    store.bookmark_clause(first, next(c for c in first.all_clauses() if c.address == "二、/（三）"),
                          note="重点看")
    store.add_annotation(first, make_anchor(first, *_span("清单之外一律不得收费")), Colour.PINK,
                         "第一处\n第二行", ["清单", "收费"])
    store.add_annotation(second, make_anchor(second, *_span("抓好贯彻落实")), Colour.PURPLE)
    lost = store.add_annotation(first, make_anchor(first, *_span("不得强制收取会费")), note="会费")
    store.reanchor(make_document(POLICY_TEXT.replace("不得强制收取会费。", "")))
    assert store.annotation(lost.id).orphan
    return store


def test_export_import_export_gives_the_same_file(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.sqlite3") as store:
        exported = export_json(store)
    with NotesStore.open(tmp_path / "b.sqlite3") as empty:
        assert import_json(empty, exported) == {"added": 4, "updated": 0, "unchanged": 0}
        assert export_json(empty) == exported
        # Importing the same backup again adds nothing.
        assert import_json(empty, exported) == {"added": 0, "updated": 0, "unchanged": 4}
        assert export_json(empty) == exported


def test_import_merges_keeping_the_later_edit(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.sqlite3") as store:
        backup = export_json(store)
        annotation = store.annotations()[0]
        store.update_annotation(annotation.id, note="后来改过")
        store.delete_bookmark(store.bookmarks()[0].id)
        newer = export_json(store)
        counts = import_json(store, backup)  # the old backup does not undo the edit
        assert counts == {"added": 1, "updated": 0, "unchanged": 3}
        assert store.annotation(annotation.id).note == "后来改过"
        assert len(store.bookmarks()) == 1
    with NotesStore.open(tmp_path / "c.sqlite3") as other:
        import_json(other, backup)
        assert import_json(other, newer)["updated"] == 1
        assert other.annotation(annotation.id).note == "后来改过"


def test_markdown_groups_by_document_and_clause(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.sqlite3") as store:
        text = export_markdown(store)
    assert text.startswith("# 笔记与书签\n")
    assert "## 《国务院办公厅关于建立健全涉企收费长效监管机制的指导意见》（国办函〔2025〕30号）" in text
    assert "## 《关于印发〈某办法〉的通知》" in text
    assert "发文机关：工业和信息化部、国家发展改革委" in text
    assert "### 二、（三）" in text and "### 未能定位（原文已改动）" in text
    assert "- 书签：（三）规范中介机构收费" in text
    assert "- 标注（粉色）　#收费 #清单" in text
    assert "  > 清单之外一律不得收费" in text
    assert "  第一处\n  第二行" in text
    first_doc = text.index("## 《国务院")
    assert text.index("### 二、（三）", first_doc) < text.index("### 未能定位", first_doc)


@pytest.mark.parametrize("bad", ["not json", "[]", json.dumps({"format": "other"}),
                                 json.dumps({"format": "policy-reader-notes", "version": "1"}),
                                 json.dumps({"format": "policy-reader-notes", "version": 99}),
                                 json.dumps({"format": "policy-reader-notes", "version": 1,
                                             "bookmarks": [{"id": "x"}]})])
def test_a_file_that_is_not_an_export_is_refused_and_nothing_changes(tmp_path: Path,
                                                                     bad: str) -> None:
    with NotesStore.open(tmp_path / "a.sqlite3") as store:
        with pytest.raises(InputError):
            import_json(store, bad)
        assert store.bookmarks() == [] and store.documents() == []


def test_invalid_values_are_refused_and_nothing_is_merged(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.sqlite3") as store:
        data = json.loads(export_json(store))
    negative = json.loads(json.dumps(data))
    negative["bookmarks"][0]["anchor"]["start"] = -5
    wrong_type = json.loads(json.dumps(data))
    wrong_type["annotations"][-1]["anchor"]["quote"] = 123
    with NotesStore.open(tmp_path / "b.sqlite3") as empty:
        with pytest.raises(InputError, match="无效的值"):
            import_json(empty, json.dumps(negative))
        with pytest.raises(InputError, match="“quote”应为文本"):
            import_json(empty, json.dumps(wrong_type))
        assert empty.annotations() == [] and empty.documents() == []


def test_times_without_a_time_zone_are_read_as_utc(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.sqlite3") as store:
        exported = export_json(store)
    data = json.loads(exported)
    for note in data["annotations"]:
        note["updated"] = note["updated"][:-6]  # "+00:00" removed, as a hand edit might
    with NotesStore.open(tmp_path / "b.sqlite3") as other:
        import_json(other, exported)
        # The same notes with naive times compare with the stored ones: nothing changes.
        assert import_json(other, json.dumps(data)) == {"added": 0, "updated": 0,
                                                         "unchanged": 4}
        assert export_json(other) == exported


def test_an_export_of_the_first_release_imports_and_exports_the_same(tmp_path: Path) -> None:
    """``fixtures/export-v1.json`` was written by the first release; never regenerate it."""
    released = (Path(__file__).parent / "fixtures" / "export-v1.json").read_text(encoding="utf-8")
    with NotesStore.open(tmp_path / "a.sqlite3") as store:
        assert import_json(store, released) == {"added": 4, "updated": 0, "unchanged": 0}
        assert export_json(store) == released
        snapshot = store.documents()[0]
        assert snapshot.doc_number is None and snapshot.issuers == ("工业和信息化部", "国家发展改革委")
        assert {a.colour for a in store.annotations()} == {Colour.PINK, Colour.PURPLE, Colour.YELLOW}


def test_a_document_without_optional_keys_imports_with_empty_values(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.sqlite3") as store:
        data = json.loads(export_json(store))
    for document in data["documents"]:
        for key in ("doc_number", "issuers", "issuers_canonical", "date"):
            del document[key]
    with NotesStore.open(tmp_path / "b.sqlite3") as store:
        import_json(store, json.dumps(data))
        snapshot = store.documents()[0]
        assert (snapshot.doc_number, snapshot.issuers, snapshot.date) == (None, (), None)
