"""Two versions of a law compared article by article, renumbered articles matched by text."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import split_file
from reader.corpus.model import Document
from reader.library.compare import (
    ADDED,
    CHANGED,
    DELETED,
    EQUAL,
    INSERTED,
    REMOVED,
    SAME,
    articles,
    char_diff,
    compare,
)

FIXTURES = Path(__file__).parent / "fixtures"


def park_rules(year: int) -> Document:
    return split_file(FIXTURES / f"park_rules_{year}.txt").documents[0]


def test_an_inserted_article_shifts_the_others_and_they_are_still_matched() -> None:
    comparison = compare(park_rules(2018), park_rules(2024))
    rows = [(row.kind, row.old and row.old.label, row.new and row.new.label)
            for row in comparison.rows]
    assert rows == [
        (SAME, "第一条", "第一条"),
        (SAME, "第二条", "第二条"),
        (ADDED, None, "第三条"),
        (SAME, "第三条", "第四条"),
        (CHANGED, "第四条", "第五条"),
        (CHANGED, "第五条", "第六条"),
        (DELETED, "第六条", None),
        (SAME, "第七条", "第七条"),
        (ADDED, None, "第八条"),
        (CHANGED, "第八条", "第九条"),
    ]
    assert comparison.counts() == {SAME: 4, CHANGED: 3, ADDED: 2, DELETED: 1}
    assert [row.renumbered for row in comparison.rows[:4]] == [False, False, False, True]


def test_a_changed_article_spells_what_was_removed_and_inserted() -> None:
    row = compare(park_rules(2018), park_rules(2024)).rows[4]
    inserted = "".join(p.text for p in row.new_pieces if p.kind == INSERTED)
    removed = "".join(p.text for p in row.old_pieces if p.kind == REMOVED)
    assert "节假日可以延长开放时间" in inserted and "六" in removed
    # Each side's pieces spell its article exactly, the label left to the row.
    assert row.old is not None and row.new is not None
    assert "".join(p.text for p in row.old_pieces) == row.old.text
    assert "".join(p.text for p in row.new_pieces) == row.new.text
    assert not row.new.text.startswith("第五条")


def test_a_note_on_the_older_text_finds_its_row() -> None:
    old = park_rules(2018)
    comparison = compare(old, park_rules(2024))
    offset = old.text.index("六时至二十二时")
    row = comparison.row_of_old(offset)
    assert row is not None and row.new is not None and row.new.label == "第五条"
    assert comparison.row_of_old(old.text.index("处五十元")).kind == DELETED  # type: ignore[union-attr]


def test_unrelated_articles_are_not_paired_and_identical_texts_are_all_same() -> None:
    old = park_rules(2018)
    assert {row.kind for row in compare(old, old).rows} == {SAME}
    assert len(articles(old)) == 8


def test_char_diff_keeps_both_texts() -> None:
    old_pieces, new_pieces = char_diff("自2018年7月1日起施行", "自2024年5月1日起施行")
    assert "".join(p.text for p in old_pieces) == "自2018年7月1日起施行"
    assert "".join(p.text for p in new_pieces) == "自2024年5月1日起施行"
    assert {p.kind for p in new_pieces} == {EQUAL, INSERTED}
