"""A 文号 (a word, a year and a number in a row) is found and placed by the ``numbers`` term
of that run, with exactly the documents and scores of checking the whole phrase everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reader.search import ranking
from reader.search.analysis import Segmenter, positioned
from reader.search.highlight import index_words, matches
from reader.search.indexing import IndexedDocument, build_index, open_index, write_documents
from reader.search.query import build_query, parse_query
from reader.search.ranking import Ranker, _Segment
from reader.search.schema import sequence_keys, sequence_run
from reader.search.snippets import Places
from reader.search.vocabulary import user_words
from tests.search.documents import gold_documents

_WORDLIKE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")
_PRINTED_NUMBER = re.compile(r"[\u4e00-\u9fa5]{2,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,5}号")


class _EveryDocument(Ranker):
    """The same ranking without the runs: every phrase checked on positions everywhere."""

    def _run(self, field: str, words: list[str]) -> tuple[int, str] | None:
        return None


def test_the_runs_of_a_text_are_each_word_before_a_year_and_a_number() -> None:
    segmenter = Segmenter(["国办发"])
    tokens = segmenter.index_tokens("（国办发〔2025〕12号）和苏财金[2024]6025号，2023年12月")
    text = "（国办发〔2025〕12号）和苏财金[2024]6025号，2023年12月"
    runs = {key: (position, text[start:end]) for key, position, start, end in sequence_keys(tokens)}
    assert runs["国办发 2025 12"] == (0, "国办发〔2025〕12")  # punctuation holds no position
    assert runs["财金 2024 6025"][1] == "财金[2024]6025"
    assert not any(key.startswith("年") or " 年 " in key for key in runs)  # 2023年12月 is none
    assert sequence_run(segmenter.words("国办发〔2025〕12号")) == (0, "国办发 2025 12")
    assert sequence_run(segmenter.words("苏财金[2024]6025号")) == (1, "财金 2024 6025")
    assert sequence_run(segmenter.words("国办发 2025 12")) == (0, "国办发 2025 12")
    assert sequence_run(segmenter.words("2025年12月")) is None


def _runs_by_position(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int, int]]:
    """The runs as their definition reads: words grouped by ``positioned``'s positions."""
    at: dict[int, list[tuple[str, int, int]]] = {}
    for word, position, start, end in positioned(tokens):
        at.setdefault(position, []).append((word, start, end))
    return [(f"{word} {year} {number}", position, start, end) for position in sorted(at)
            for year, _, _ in at.get(position + 1, [])[:1] if len(year) == 4 and year.isdigit()
            for word, start, _ in at[position]
            for number, _, end in at.get(position + 2, []) if number.isdigit()]


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
        shortened += Ranker(searcher)._run("body", words) is not None
    assert shortened > len(numbers) // 2  # most of them went through their run


def test_a_number_is_placed_by_its_run_and_only_the_words_around_it(
    index: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 文号 is placed from its run's positions: neither the frequency-only copy of the
    text nor the positions of the run's own three words are read, only those of the words
    around it (号)."""
    searcher, segmenter, numbers = index
    read: list[tuple[str, str]] = []
    frequencies, values = _Segment.frequencies, ranking.values_of

    def counted(self: _Segment, field: str, word: str, within: Any = None) -> Any:
        read.append((field, word))
        return frequencies(self, field, word, within)

    def placed(leaves: Any, field: str, word: str, *args: Any, **kwargs: Any) -> Any:
        read.append((field, word))
        return values(leaves, field, word, *args, **kwargs)

    monkeypatch.setattr(_Segment, "frequencies", counted)
    monkeypatch.setattr(ranking, "values_of", placed)
    with_runs = [(number, words, run) for number in numbers
                 if (run := sequence_run(words := list(segmenter.words(number)))) is not None]
    assert len(with_runs) > len(numbers) // 2
    for number, words, (offset, _) in with_runs:
        query = build_query(parse_query(number, segmenter))
        assert query is not None
        read.clear()
        assert Ranker(searcher).scores(query), number
        assert not any(field == "words" for field, _ in read), number
        around = words[:offset] + words[offset + 3:]
        assert {word for field, word in read if field == "body"} <= set(around), number


def test_a_number_is_marked_whole_from_its_run(index: Any) -> None:
    """The snippet mark of a 文号 spans the printed number, from the run's characters and
    those of the words around it: exactly what the text shows there, with or without the
    closing 号 typed."""
    searcher, segmenter, numbers = index
    texts = {str(doc.id): doc.text
             for doc in gold_documents() + gold_documents("002_2b41b7aea7ba18c4.txt")}
    ranker = Ranker(searcher)
    checked = 0
    for typed in numbers + [number.removesuffix("号") for number in numbers]:
        parsed = parse_query(typed, segmenter)
        words, runs = index_words(parsed)
        query = build_query(parsed)
        if not runs or query is None:
            continue
        wanted = sorted(ranker.scores(query))
        places: dict[int, Places] = {docnum: {} for docnum in wanted}
        for field, terms in (("body", words), ("numbers", runs)):
            for word in terms:
                for docnum, chars in ranker.first_characters(field, word, wanted, 50).items():
                    places[docnum][word] = chars
        for docnum in wanted:
            text = texts[searcher.stored_fields(docnum)["id"]]
            marked = [text[hit.start : hit.end] for hit in matches(parsed, places[docnum])]
            assert marked, typed
            typed_words = "".join(segmenter.words(typed))
            for shown in marked:
                assert _WORDLIKE.sub("", shown) == typed_words, (typed, shown)
            checked += 1
    assert checked > 80


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
