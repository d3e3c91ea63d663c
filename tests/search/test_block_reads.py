"""Postings read block by block agree with Whoosh's own matchers, across segments.

The index is real: seed documents in several copies (so common words span many posting
blocks and rare ones are inlined in their term info), written as two segments with some
documents deleted from the first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq

from reader.corpus.model import DocumentId
from reader.search import postings
from reader.search.analysis import Segmenter
from reader.search.block_reads import ReadBlocks, in_blocks, matcher_of, values_of
from reader.search.indexing import IndexedDocument, build_index, open_index, write_documents
from reader.search.postings import DIRECTORY_BLOCKS
from reader.search.query import build_query, parse_query
from reader.search.ranking import COMPOUND_WORDS, WHOLE_BONUS, WHOLE_DEPTH, Ranker, whole_first
from tests.search.documents import gold_documents

WORDS = ("发展", "的", "推进", "数字", "交通", "管理", "工作", "实施", "碳达峰")


def _items(first: int, copies: int) -> list[IndexedDocument]:
    docs = gold_documents()[:8]
    return [IndexedDocument(replace(doc, id=DocumentId(f"{doc.id}-{copy}")), ("made.txt",))
            for copy in range(first, first + copies) for doc in docs]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Any:
    directory: Path = tmp_path_factory.mktemp("postings") / "search"
    build_index(directory, _items(0, 20), [], workers=1)
    ix = open_index(directory)
    deleted = [str(item.document.id) for item in _items(0, 20)[5::7]]
    write_documents(ix, _items(20, 3), Segmenter(), remove_ids=deleted)
    with ix.searcher() as found:
        assert len(found.reader().leaf_readers()) == 2 and found.reader().has_deletions()
        yield found


def _whoosh(searcher: Any, field: str, word: str, kind: str) -> dict[int, Any]:
    """docnum → decoded value (with ``kind`` "weight", the weight; "raw", the encoded
    value) of every live document, by Whoosh's matcher."""
    out: dict[int, Any] = {}
    if (field, word) not in searcher.reader():
        return out
    matcher = searcher.postings(field, word)
    while matcher.is_active():
        out[matcher.id()] = (matcher.weight() if kind == "weight" else
                             matcher.value() if kind == "raw" else matcher.value_as(kind))
        matcher.next()
    return out


@pytest.mark.parametrize("word", WORDS)
def test_values_of_chosen_documents_are_whoosh_values(searcher: Any, word: str) -> None:
    ranker = Ranker(searcher)
    for kind in ("positions", "characters"):
        expected = _whoosh(searcher, "body", word, kind)
        if word in ("发展", "的"):
            assert len(expected) > 64  # the common words span several blocks in each segment
        reader = searcher.reader()
        live = [d for d in range(searcher.doc_count_all()) if not reader.is_deleted(d)]
        for chosen in (live, live[::5], live[-3:], [live[0]]):
            if kind == "positions":
                positions = searcher.schema["body"].format.positions
                got = {d: list(positions(value))
                       for d, value in values_of(ranker._leaves(), "body", word, chosen)}
            else:
                got = ranker.first_characters("body", word, chosen, 1 << 30)
            assert got == {d: v for d, v in expected.items() if d in set(chosen)}


@pytest.mark.parametrize("word", ["发展", "的", "碳达峰"])
def test_a_block_s_values_cut_out_one_by_one_are_those_cut_out_at_once(searcher: Any,
                                                                       word: str) -> None:
    blocks = 0
    for reader, _ in searcher.reader().leaf_readers():
        lazy, eager = matcher_of(reader, "body", word), matcher_of(reader, "body", word)
        while True:
            one, every = lazy.value_table(1), eager.value_table(postings.LAZY_VALUES + 1)
            assert isinstance(every, dict) and not isinstance(one, dict)
            ids = list(every)
            assert ids == list(lazy._ids)
            for docnum in range(ids[0] - 1, ids[-1] + 2):  # the block's documents and gaps
                assert one.get(docnum) == every.get(docnum)
            blocks += 1
            if not lazy.skip_to_block(lazy._maxid + 1):
                break
            assert eager.skip_to_block(eager._maxid + 1)
    assert blocks > 3 or word == "碳达峰"  # the common words span several blocks


@pytest.mark.parametrize("word", WORDS)
def test_frequencies_within_chosen_documents_are_whoosh_weights(searcher: Any,
                                                                word: str) -> None:
    ranker = Ranker(searcher)
    everything = ranker._term("words", word)  # deleted documents too: scores() drops them
    reader = searcher.reader()
    live = {d for d in everything if not reader.is_deleted(d)}
    # ``words`` keeps its frequencies as weights only.
    assert live == set(_whoosh(searcher, "words", word, "weight"))
    assert len(live) < len(everything)
    chosen = sorted(everything)[1::3]
    assert ranker._term("words", word, within=chosen) == {d: everything[d] for d in chosen}
    among = dict.fromkeys(chosen, 0.0)
    assert ranker._term("words", word, among=among) == {d: everything[d] for d in chosen}


@pytest.mark.parametrize("phrase", [("数字", "交通"), ("推进", "实施"), ("发展", "的"),
                                    ("的", "发展", "的"), ("碳达峰", "碳中和")])
def test_phrase_documents_are_those_with_the_words_in_a_row(searcher: Any,
                                                            phrase: tuple[str, ...]) -> None:
    positions = [_whoosh(searcher, "body", word, "positions") for word in phrase]
    expected = {
        docnum for docnum in set(positions[0]).intersection(*positions[1:])
        if any(all(start + i in positions[i][docnum] for i in range(len(phrase)))
               for start in positions[0][docnum])
    }
    ranker = Ranker(searcher)
    candidates = set(positions[0]).intersection(*positions[1:])
    assert ranker.phrase_docs("body", phrase, candidates) == expected
    assert set(ranker.scores(wq.Phrase("body", list(phrase)))) == expected


@pytest.mark.parametrize("word", ["数字", "发展"])
def test_snippet_occurrences_after_a_phrase_check_are_those_read_afresh(searcher: Any,
                                                                        word: str) -> None:
    characters = _whoosh(searcher, "body", word, "characters")
    few = sorted(characters)[:40]  # few enough for the check to keep what it reads
    ranker = Ranker(searcher)
    ranker.phrase_docs("body", (word, "的"), few)
    with _counted_blocks() as decoded:
        kept = ranker.first_characters("body", word, few, 3)
    assert decoded == []  # the check kept the blocks it read: none is read again
    assert kept == Ranker(searcher).first_characters("body", word, few, 3)
    assert kept == {d: characters[d][:3] for d in few}


@contextmanager
def _counted_blocks() -> Iterator[list[int]]:
    """Record the data offset of every posting block decoded meanwhile."""
    decoded: list[int] = []
    read_data = postings.PackedMatcher._read_data

    def counted(matcher: Any) -> None:
        decoded.append(matcher._dataoffset)
        read_data(matcher)

    postings.PackedMatcher._read_data = counted  # type: ignore[method-assign]
    try:
        yield decoded
    finally:
        postings.PackedMatcher._read_data = read_data  # type: ignore[method-assign]


@pytest.mark.parametrize("word", ["碳达峰", "交通", "数字"])
def test_blocks_read_once_answer_every_later_ask_as_a_fresh_read(searcher: Any,
                                                                 word: str) -> None:
    """Documents asked for in turns (a first look, a deeper one, the shown ones, with
    documents lacking the word among them) get what a fresh read gives, and a document
    asked for before never has its block read again."""
    expected = _whoosh(searcher, "body", word, "raw")
    reader = searcher.reader()
    live = [d for d in range(searcher.doc_count_all()) if not reader.is_deleted(d)]
    assert any(d not in expected for d in live)  # some documents lack the word
    read = ReadBlocks()
    leaves = Ranker(searcher)._leaves()
    turns = [live[::9], live[3::9], live[::4]]
    asked: set[int] = set()
    for chosen in [*turns, sorted(set().union(*turns)), live]:
        with _counted_blocks() as decoded:
            got = values_of(leaves, "body", word, chosen, read)
        assert [d for d, _ in got] == sorted(d for d, _ in got)
        assert dict(got) == {d: v for d, v in expected.items() if d in set(chosen)}
        if asked.issuperset(chosen):
            assert decoded == []
        asked.update(chosen)
    assert dict(values_of(leaves, "body", word, live, read)) == {
        d: v for d, v in expected.items() if d in set(live)}


def test_a_lookup_in_a_segment_with_deletions_reads_no_block(searcher: Any) -> None:
    reader, _ = searcher.reader().leaf_readers()[0]
    assert reader.has_deletions()
    with _counted_blocks() as decoded:
        matcher = matcher_of(reader, "body", "发展")
    assert matcher is not None and decoded == []
    assert matcher_of(reader, "body", "不在索引里的词") is None
    assert matcher_of(reader, "no such field", "发展") is None


def _gotos(matcher: Any) -> list[int]:
    """Record the block positions ``matcher`` reads from now on."""
    read: list[int] = []
    goto = matcher._goto

    def recorded(position: int) -> None:
        read.append(position)
        goto(position)

    matcher._goto = recorded
    return read


def test_a_long_posting_list_is_read_through_its_directory(searcher: Any) -> None:
    reader, _ = searcher.reader().leaf_readers()[0]
    matcher = matcher_of(reader, "body", "的")
    ends, offsets = matcher._read_directory()
    assert len(ends) >= DIRECTORY_BLOCKS and list(ends) == sorted(ends)
    matcher = matcher_of(reader, "body", "的")
    read = _gotos(matcher)
    last = ends[-1]
    assert in_blocks(matcher, [last], True)[0][0] == last
    assert read == [matcher._startoffset + offsets[-1]]  # one jump, no header on the way


def test_a_list_written_without_a_directory_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index written before directories (or with short lists) is walked block by block."""
    monkeypatch.setattr(postings, "DIRECTORY_BLOCKS", 1 << 30)
    build_index(tmp_path / "search", _items(0, 20), [], workers=1)
    with open_index(tmp_path / "search").searcher() as older:
        (reader, _), = older.reader().leaf_readers()
        matcher = matcher_of(reader, "body", "的")
        assert matcher._read_directory() == ()
        read = _gotos(matcher)
        wanted = [older.doc_count_all() - 1]
        assert in_blocks(matcher, wanted, False)
        assert len(read) >= DIRECTORY_BLOCKS - 1  # every header on the way
        for word in WORDS:
            chosen = list(range(0, 96, 7))
            got = values_of(Ranker(older)._leaves(), "body", word, chosen)
            assert dict(got) == {d: v for d, v in _whoosh(older, "body", word, "raw").items()
                                 if d in chosen}


def test_a_damaged_directory_is_reported_as_damage(tmp_path: Path) -> None:
    build_index(tmp_path / "search", _items(0, 20), [], workers=1)
    ix = open_index(tmp_path / "search")
    with ix.reader() as reader:
        info = reader.term_info("body", "的")
        start, length = info.extent()
        length = length[0] if isinstance(length, tuple) else length  # Whoosh reads a 1-tuple
    (path,) = (tmp_path / "search").glob("*.pst")
    with path.open("r+b") as handle:
        handle.seek(start + length - 8)
        count = int.from_bytes(handle.read(4), "little")
        handle.seek(start + length - 8 - 4 * count)  # the first offset
        handle.write((1 << 31).to_bytes(4, "little"))
    with ix.searcher() as damaged:
        matcher = matcher_of(damaged.reader(), "body", "的")
        with pytest.raises(ValueError, match="damaged"):
            in_blocks(matcher, [damaged.doc_count_all() - 1], True)


def test_a_segment_an_import_writes_has_directories_too(tmp_path: Path) -> None:
    """Whoosh's own segment writer (imports, merges) writes through the same codec."""
    build_index(tmp_path / "search", _items(0, 1), [], workers=1)
    ix = open_index(tmp_path / "search")
    write_documents(ix, _items(1, 20), Segmenter())
    with ix.searcher() as found:
        readers = [reader for reader, _ in found.reader().leaf_readers()]
        imported = max(readers, key=lambda reader: reader.doc_count_all())
        assert imported.doc_count_all() >= 160
        ends, _ = matcher_of(imported, "body", "的")._read_directory()
        assert len(ends) >= DIRECTORY_BLOCKS
        chosen = list(range(0, found.doc_count_all(), 11))
        got = values_of(Ranker(found)._leaves(), "body", "的", chosen)
        assert dict(got) == {d: v for d, v in _whoosh(found, "body", "的", "raw").items()
                             if d in chosen}


def _pool_ranking(ranker: Ranker, parsed: Any, scores: dict[int, float],
                  depth: int) -> list[tuple[int, float]]:
    """What ``whole_first`` ranks: the pool of best documents, each compound held whole
    adding its bonus, every compound checked in every document of the pool."""
    groups = [group for group in parsed.word_groups if 1 < len(group) <= COMPOUND_WORDS]
    pool = ranker.top(scores, max(depth, WHOLE_DEPTH))
    docnums = [docnum for docnum, _ in pool]
    held = [ranker.phrase_docs("body", group, docnums) for group in groups]
    rescored = [(docnum, score + WHOLE_BONUS * sum(docnum in whole for whole in held))
                for docnum, score in pool]
    return sorted(rescored, key=lambda item: (-item[1], item[0]))[:depth]


def test_a_compound_ranks_as_checking_the_whole_pool_ranks(searcher: Any) -> None:
    """The best few are checked first and the rest only when one of them lacks a compound
    whole: the ranking is the same either way, and both ways are taken here."""
    early: dict[tuple[str, int], bool] = {}
    for typed in ("数字交通", "推进实施", "发展改革", "创新发展", "交通发展", "数字交通 发展改革"):
        parsed = parse_query(typed, Segmenter())
        assert any(1 < len(group) <= COMPOUND_WORDS for group in parsed.word_groups)
        query = build_query(parsed)
        assert query is not None
        for depth in (1, 5, 20, 40, 80):
            ranker = Ranker(searcher)
            scores = ranker.scores(query)
            expected = _pool_ranking(Ranker(searcher), parsed, dict(scores), depth)
            checked: list[int] = []
            phrase_docs = ranker.phrase_docs

            def recorded(field: str, words: Any, docnums: Any,
                         checked: list[int] = checked, phrase_docs: Any = phrase_docs) -> set[int]:
                checked.append(len(docnums))
                return phrase_docs(field, words, docnums)

            ranker.phrase_docs = recorded  # type: ignore[method-assign]
            assert whole_first(ranker, parsed, scores, depth) == expected, (typed, depth)
            groups = [g for g in parsed.word_groups if 1 < len(g) <= COMPOUND_WORDS]
            if len(scores) > depth:  # the pool has more than the best ``depth``
                early[typed, depth] = sum(checked) == len(groups) * depth
    assert any(early.values()) and not all(early.values())


def test_blocks_with_positions_are_stored_as_they_are_and_the_others_compressed(
    searcher: Any,
) -> None:
    """A phrase or snippet reads a document or two out of a ``body`` block: no block of it
    is decompressed for that; frequency blocks of common words stay compressed."""
    reader = searcher.reader().leaf_readers()[0][0]
    for field, compressed in (("body", False), ("words", True)):
        matcher = matcher_of(reader, field, "发展")
        seen = []
        while True:
            seen.append(bool(matcher._compression))
            if not matcher.skip_to_block(matcher._maxid + 1):
                break
        assert len(seen) > 1
        assert any(seen) if compressed else not any(seen)
