"""A 文号 (a word, a year and a number in a row) is matched among the documents holding that
run, with exactly the documents and scores of checking the whole phrase everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reader.search.analysis import Segmenter, positioned
from reader.search.indexing import IndexedDocument, build_index, open_index, write_documents
from reader.search.query import build_query, parse_query
from reader.search.ranking import Ranker, Scores, _Segment
from reader.search.schema import sequence_key, sequence_keys
from reader.search.vocabulary import user_words
from tests.search.documents import gold_documents

_PRINTED_NUMBER = re.compile(r"[\u4e00-\u9fa5]{2,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,5}号")


class _EveryDocument(Ranker):
    """The same ranking without the runs: every phrase checked on positions everywhere."""

    def _holding_run(self, field: str, words: list[str]) -> Scores | None:
        return None


def test_the_runs_of_a_text_are_each_word_before_a_year_and_a_number() -> None:
    segmenter = Segmenter(["国办发"])
    tokens = segmenter.index_tokens("（国办发〔2025〕12号）和苏财金[2024]6025号，2023年12月")
    keys = sequence_keys(tokens)
    assert "国办发 2025 12" in keys and "财金 2024 6025" in keys
    assert not any(key.startswith("年") or " 年 " in key for key in keys)  # 2023年12月 is none
    assert sequence_key(segmenter.words("国办发〔2025〕12号")) == "国办发 2025 12"
    assert sequence_key(segmenter.words("国办发 2025 12")) == "国办发 2025 12"
    assert sequence_key(segmenter.words("2025年12月")) is None


def _runs_by_position(tokens: list[tuple[str, int, int]]) -> list[str]:
    """The runs as their definition reads: words grouped by ``positioned``'s positions."""
    at: dict[int, list[str]] = {}
    for word, position, _, _ in positioned(tokens):
        at.setdefault(position, []).append(word)
    return [f"{word} {year} {number}" for position in sorted(at)
            for year in at.get(position + 1, [])[:1] if len(year) == 4 and year.isdigit()
            for word in at[position]
            for number in at.get(position + 2, []) if number.isdigit()]


def test_the_runs_of_every_seed_text_are_those_of_the_words_positions() -> None:
    docs = gold_documents() + gold_documents("002_2b41b7aea7ba18c4.txt")
    segmenter = Segmenter(user_words(docs))
    found = 0
    for doc in docs:
        tokens = segmenter.index_tokens(doc.text)
        assert sorted(sequence_keys(tokens)) == sorted(_runs_by_position(tokens)), doc.title
        found += len(sequence_keys(tokens))
    assert found > 100


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Any:
    docs = gold_documents() + gold_documents("002_2b41b7aea7ba18c4.txt")
    items = [IndexedDocument(doc, ("made.txt",)) for doc in docs]
    directory: Path = tmp_path_factory.mktemp("runs") / "search"
    words = user_words(docs)
    build_index(directory, items, words, workers=1)
    numbers = {doc.doc_number for doc in docs if doc.doc_number}
    for doc in docs:
        numbers.update(_PRINTED_NUMBER.findall(doc.text))
    with open_index(directory).searcher() as searcher:
        yield searcher, Segmenter(words), sorted(numbers)


def test_every_number_finds_the_same_documents_with_the_same_scores(index: Any) -> None:
    searcher, segmenter, numbers = index
    assert len(numbers) > 40  # the texts cite many others
    shortened = 0
    for number in numbers:
        for typed in (number, f'"{number}"'):
            query = build_query(parse_query(typed, segmenter))
            assert query is not None
            runs, everywhere = Ranker(searcher), _EveryDocument(searcher)
            assert runs.scores(query) == everywhere.scores(query), typed
        words = list(segmenter.words(number))
        shortened += Ranker(searcher)._holding_run("body", words) is not None
    assert shortened > len(numbers) // 2  # most of them went through their run


def test_a_number_is_placed_and_scored_from_its_positions_alone(
    index: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Among the few documents holding its run, a 文号's words are counted from their
    positions: the frequency-only copy of the text is not read."""
    searcher, segmenter, numbers = index
    read: list[str] = []
    frequencies = _Segment.frequencies

    def recorded(self: _Segment, field: str, word: str, within: Any = None) -> Any:
        read.append(field)
        return frequencies(self, field, word, within)

    monkeypatch.setattr(_Segment, "frequencies", recorded)
    with_runs = [number for number in numbers
                 if sequence_key(list(segmenter.words(number))) is not None]
    assert len(with_runs) > len(numbers) // 2
    for number in with_runs:
        query = build_query(parse_query(number, segmenter))
        assert query is not None
        read.clear()
        assert Ranker(searcher).scores(query), number
        assert "words" not in read, number


def test_numbers_across_segments_with_deletions_score_as_everywhere(
    tmp_path: Path, index: Any
) -> None:
    _, segmenter, numbers = index
    docs = gold_documents() + gold_documents("002_2b41b7aea7ba18c4.txt")
    items = [IndexedDocument(doc, ("made.txt",)) for doc in docs]
    half = len(items) // 2
    build_index(tmp_path / "search", items[:half], user_words(docs), workers=1)
    ix = open_index(tmp_path / "search")
    write_documents(ix, items[half:], segmenter,
                    remove_ids=[str(item.document.id) for item in items[1:half:9]])
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 2
        for number in numbers:
            query = build_query(parse_query(number, segmenter))
            assert query is not None
            assert Ranker(searcher).scores(query) == _EveryDocument(searcher).scores(query)
