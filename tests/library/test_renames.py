"""A re-imported file whose documents come back under new ids: which ids the notes follow.

The files are real compilations cut from seed 004 (``tests.library.reimport``) and split by
the real splitter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.corpus.model import DocumentId
from reader.library.library import Library
from reader.library.renames import Version, renamed_documents
from reader.notes import AnnotationFilter, Colour, NotesStore, make_anchor
from reader.notes.exchange import export_json
from tests.library.reimport import (
    GREEN,
    GRID,
    HEALTH,
    PASSAGE,
    STORAGE,
    VILLAGE,
    by_title,
    edited,
    typo,
    write,
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open_folder(tmp_path / "library")
    lib.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, typo(STORAGE), HEALTH))
    return lib


def test_a_corrected_title_is_reported_as_a_rename_and_only_that(
    library: Library, tmp_path: Path
) -> None:
    old_storage = by_title(library, "能力建没")
    grid = by_title(library, "配电网")
    report = library.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, edited(STORAGE), VILLAGE))
    new_storage = by_title(library, "能力建设")
    assert report.replaced and new_storage != old_storage
    # The health document left and another took its lines: not the same document.
    assert report.renamed == {old_storage: new_storage}
    assert grid in report.added


def test_notes_follow_the_renamed_document_and_others_stay(
    library: Library, tmp_path: Path
) -> None:
    notes = NotesStore.open(tmp_path / "notes.sqlite3")
    storage = library.get(by_title(library, "能力建没"))
    grid = library.get(by_title(library, "配电网"))
    health = library.get(by_title(library, "卫生健康文化"))
    start = storage.text.index(PASSAGE)
    note = notes.add_annotation(storage, make_anchor(storage, start, start + len(PASSAGE)),
                                Colour.GREEN, "储能")
    grid_mark = notes.bookmark_clause(grid, grid.all_clauses()[0])
    gone_note = notes.add_annotation(health, make_anchor(health, 0, 20), Colour.BLUE)

    report = library.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, edited(STORAGE), VILLAGE))
    for old_id, new_id in report.renamed.items():
        notes.rekey_document(old_id, library.get(new_id))

    fresh = library.get(by_title(library, "能力建设"))
    moved = notes.annotation(note.id)
    assert moved.document.doc_id == moved.anchor.doc_id == fresh.id
    assert moved.document.title == fresh.title and not moved.orphan
    assert fresh.text[moved.anchor.start:moved.anchor.end] == PASSAGE
    assert "纵深推进能源革命" in moved.anchor.prefix  # placed on the new text, context refreshed
    assert notes.annotations(AnnotationFilter(doc_id=storage.id)) == []
    assert notes.bookmark(grid_mark.id) == grid_mark
    left = notes.annotation(gone_note.id)
    assert left.document.doc_id == health.id and left.anchor == gone_note.anchor
    notes.close()


def test_notes_of_a_document_that_left_with_no_successor_become_orphans(
    library: Library, tmp_path: Path
) -> None:
    notes = NotesStore.open(tmp_path / "notes.sqlite3")
    storage = library.get(by_title(library, "能力建没"))
    grid = library.get(by_title(library, "配电网"))
    health = library.get(by_title(library, "卫生健康文化"))
    start = storage.text.index(PASSAGE)
    moving = notes.add_annotation(storage, make_anchor(storage, start, start + len(PASSAGE)))
    grid_mark = notes.bookmark_clause(grid, grid.all_clauses()[0])
    gone_note = notes.add_annotation(health, make_anchor(health, 0, 20), Colour.BLUE, "卫健")
    gone_mark = notes.bookmark_clause(health, health.all_clauses()[0])

    # The new version drops the health document; the village one is not it.
    report = library.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, edited(STORAGE), VILLAGE))
    assert report.removed == (health.id,)
    assert storage.id in report.renamed and grid.id not in report.removed
    for old_id, new_id in report.renamed.items():
        notes.rekey_document(old_id, library.get(new_id))
    assert notes.orphan_documents(report.removed) == 2
    assert notes.orphan_documents(report.removed) == 0  # already orphans: nothing changes

    assert sorted(note.id for note in notes.orphans()) == sorted([gone_note.id, gone_mark.id])
    left = notes.annotation(gone_note.id)
    assert left.orphan and left.document == gone_note.document and left.note == "卫健"
    assert left.anchor == gone_note.anchor  # the quote still says what was marked
    assert not notes.annotation(moving.id).orphan
    assert notes.bookmark(grid_mark.id) == grid_mark
    exported = export_json(notes)
    assert gone_note.id in exported and gone_mark.id in exported

    village = library.get(by_title(library, "乡村全面振兴"))
    notes.reattach(gone_note.id, village, make_anchor(village, 0, 10))
    attached = notes.annotation(gone_note.id)
    assert not attached.orphan and attached.document.doc_id == village.id
    assert [note.id for note in notes.orphans()] == [gone_mark.id]
    notes.close()


def test_a_document_that_comes_back_gets_its_notes_placed_again(
    library: Library, tmp_path: Path
) -> None:
    notes = NotesStore.open(tmp_path / "notes.sqlite3")
    health = library.get(by_title(library, "卫生健康文化"))
    note = notes.add_annotation(health, make_anchor(health, 0, 20))
    notes.reanchor(health)
    report = library.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, typo(STORAGE)))
    assert report.removed == (health.id,)
    notes.orphan_documents(report.removed)
    assert notes.annotation(note.id).orphan

    library.add_file(write(tmp_path / "另一份.txt", HEALTH))
    notes.reanchor(library.get(health.id))  # what opening it in the window does
    assert not notes.annotation(note.id).orphan
    notes.close()


def test_removing_a_source_returns_the_documents_that_left(
    library: Library, tmp_path: Path
) -> None:
    grid = by_title(library, "配电网")
    library.add_file(write(tmp_path / "另一份.txt", GRID))
    removed = library.remove_source("汇编.txt")
    assert len(removed) == 3 and grid not in removed
    assert set(removed).isdisjoint(s.id for s in library.documents())


def test_a_document_two_new_ones_could_be_is_not_guessed(
    library: Library, tmp_path: Path
) -> None:
    old_storage = by_title(library, "能力建没")
    draft = [STORAGE[0].replace("指导意见", "指导意见（征求意见稿）"), *STORAGE[1:]]
    # The corrected file holds the final text and, further up, the draft: both are it.
    report = library.add_file(write(tmp_path / "汇编.txt", GREEN, draft, GRID, STORAGE, HEALTH))
    assert len(library.documents()) == 5
    assert old_storage not in [s.id for s in library.documents()]
    assert report.renamed == {}
    assert report.removed == (old_storage,)  # not guessed: its notes become orphans


def test_the_same_file_again_or_a_first_import_renames_nothing(
    library: Library, tmp_path: Path
) -> None:
    again = library.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, typo(STORAGE), HEALTH))
    assert again.unchanged and again.renamed == {} and again.removed == ()
    other = library.add_file(write(tmp_path / "另一份.txt", STORAGE, VILLAGE))
    assert other.renamed == {} and other.removed == ()


def test_a_document_still_in_another_compilation_keeps_its_id(
    library: Library, tmp_path: Path
) -> None:
    old_storage = by_title(library, "能力建没")
    library.add_file(write(tmp_path / "另一份.txt", typo(STORAGE)))
    report = library.add_file(write(tmp_path / "汇编.txt", GREEN, GRID, STORAGE, HEALTH))
    assert old_storage in [s.id for s in library.documents()]
    assert report.renamed == {} and report.removed == ()


def _version(doc_id: str, title: str, span: tuple[int, int], text: str = "",
             number: str | None = None) -> Version:
    def read() -> str:
        return text

    return Version(DocumentId(doc_id), title, number, (span,), read)


BODY = "".join(line for line in STORAGE[2:40])
OTHER = "".join(line for line in VILLAGE[2:40])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # A corrected title in the same place.
        ([_version("a", "关于加强调度能力建没的指导意见", (10, 90))],
         [_version("b", "关于加强调度能力建设的指导意见", (10, 92))], {"a": "b"}),
        # The same title and text, moved elsewhere in the file (a new date, say).
        ([_version("a", "关于加强调度能力建设的指导意见", (10, 90), BODY)],
         [_version("b", "关于加强调度能力建设的指导意见", (300, 380), BODY)], {"a": "b"}),
        # A title read quite differently, but same place and same text.
        ([_version("a", "指导意见", (10, 90), BODY)],
         [_version("b", "国家能源局关于加强电网调峰储能和智能化调度能力建设的指导意见",
                   (11, 90), BODY)], {"a": "b"}),
        # Same 文号 and same place, title changed beyond recognition.
        ([_version("a", "通知", (10, 90), number="发改能源〔2024〕187号")],
         [_version("b", "关于新形势下配电网高质量发展的指导意见", (10, 90),
                   number="发改能源〔2024〕187号")], {"a": "b"}),
        # Only the place agrees: another document took the lines.
        ([_version("a", "关于加强调度能力建设的指导意见", (10, 90), BODY)],
         [_version("b", "关于学习运用千万工程经验的实施意见", (10, 90), OTHER)], {}),
        # Only a similar title: a sibling notice elsewhere with other text.
        ([_version("a", "关于印发2024年工作要点的通知", (10, 90), BODY)],
         [_version("b", "关于印发2025年工作要点的通知", (400, 480), OTHER)], {}),
        # Two old documents (a copy and its misprint) and one new one that both could be.
        ([_version("a", "关于加强调度能力建没的指导意见", (10, 90), BODY),
          _version("c", "关于加强调度能力建设的指导意见", (91, 170), BODY)],
         [_version("b", "关于加强调度能力建设的指导意见", (300, 380), BODY)], {}),
        # Each of two corrected documents is found again, without taking the other's.
        ([_version("a", "关于加强调度能力建没的指导意见", (10, 90), BODY),
          _version("c", "关于落实千万工程经验的实施意凡", (91, 170), OTHER)],
         [_version("d", "关于落实千万工程经验的实施意见", (300, 380), OTHER),
          _version("b", "关于加强调度能力建设的指导意见", (10, 90), BODY)],
         {"a": "b", "c": "d"}),
    ],
)
def test_renamed_documents_needs_two_agreements_and_one_partner(
    old: list[Version], new: list[Version], expected: dict[str, str]
) -> None:
    assert renamed_documents(old, new) == expected


def test_texts_are_read_only_when_they_decide() -> None:
    reads: list[str] = []

    def reader(name: str) -> Callable[[], str]:
        def read() -> str:
            reads.append(name)
            return BODY

        return read

    old = [Version(DocumentId("a"), "关于加强调度能力建没的指导意见", None, ((1, 80),),
                   reader("a"))]
    new = [Version(DocumentId("b"), "关于加强调度能力建设的指导意见", None, ((1, 80),),
                   reader("b")),
           Version(DocumentId("c"), "社会组织名称管理办法", None, ((900, 990),), reader("c"))]
    assert renamed_documents(old, new) == {"a": "b"}
    assert reads == []
