"""A 文号 (a word, a year and a number in a row) is found and placed by the ``numbers`` term
of that run, with exactly the documents and scores of checking the whole phrase everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reader.corpus.metadata import find_doc_numbers
from reader.search import ranking
from reader.search.analysis import Segmenter, positioned
from reader.search.highlight import index_words, matches
from reader.search.indexing import IndexedDocument, build_index, open_index, write_documents
from reader.search.query import build_query, parse_query
from reader.search.ranking import Ranker, _Segment
from reader.search.schema import PhraseRun, sequence_keys, sequence_run
from reader.search.vocabulary import user_words
from tests.search.documents import gold_documents

_WORDLIKE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")
_PRINTED_NUMBER = re.compile(r"[\u4e00-\u9fa5]{2,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,5}号")


class _EveryDocument(Ranker):
    """The same ranking without the runs: every phrase checked on positions everywhere."""

    def _run(self, field: str, words: list[str]) -> PhraseRun | None:
        return None


def test_the_runs_of_a_text_are_each_word_before_a_year_and_a_number() -> None:
    segmenter = Segmenter(["国办发"])
    text = ("（国办发〔2025〕12号）和苏财金[2024]6025号，2023年12月，财金〔2023〕7、8号，"
            "民政部令第69号，公告2022年第32号，第3条")
    runs = {key: (position, text[start:end])
            for key, position, start, end in sequence_keys(segmenter.index_tokens(text))}
    # With the 号 that closes it, and placed at its first word (punctuation holds none).
    assert runs["国办发 2025 12 号"] == (0, "国办发〔2025〕12号")
    assert runs["财金 2024 6025 号"][1] == "财金[2024]6025号"
    assert "国办发 2025 12" not in runs
    assert runs["财金 2023 7"][1] == "财金〔2023〕7"  # a number, not 号, follows it
    assert runs["令 第 69 号"][1] == "令第69号"  # an order's number
    assert runs["年 第 32 号"][1] == "年第32号"  # an announcement's
    assert not any(" 年 " in key or key.endswith("条") for key in runs)  # 2023年12月, 第3条
    assert sequence_run(segmenter.words("国办发〔2025〕12号")) == PhraseRun(
        0, 4, ("国办发 2025 12 号",))
    assert sequence_run(segmenter.words("苏财金[2024]6025号")) == PhraseRun(
        1, 4, ("财金 2024 6025 号",))
    assert sequence_run(segmenter.words("国办发 2025 12")) == PhraseRun(
        0, 3, ("国办发 2025 12", "国办发 2025 12 号"))
    assert sequence_run(segmenter.words("财金〔2023〕7、8号")) == PhraseRun(0, 3, ("财金 2023 7",))
    assert sequence_run(segmenter.words("民政部令第69号")) == PhraseRun(1, 4, ("令 第 69 号",))
    assert sequence_run(segmenter.words("2025年12月")) is None
    assert sequence_run(segmenter.words("第3条")) is None


def _runs_by_position(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int, int]]:
    """The runs as their definition reads: words grouped by ``positioned``'s positions, a
    run of a year and a number with the 号 after it where 号 is one of the words there,
    without it where another is or none is; a run of 第, a number and 号."""
    at: dict[int, list[tuple[str, int, int]]] = {}
    for word, position, start, end in positioned(tokens):
        at.setdefault(position, []).append((word, start, end))
    runs = []
    for position in sorted(at):
        for ordinal, _, _ in at.get(position + 1, [])[:1]:
            if ordinal != "第":
                continue
            runs += [(f"{word} 第 {number} 号", position, start, close)
                     for word, start, _ in at[position]
                     for number, _, _ in at.get(position + 2, []) if number.isdigit()
                     for closing, _, close in at.get(position + 3, []) if closing == "号"]
        for year, _, _ in at.get(position + 1, [])[:1]:
            if len(year) != 4 or not year.isdigit():
                continue
            for word, start, _ in at[position]:
                for number, _, end in at.get(position + 2, []):
                    if not number.isdigit():
                        continue
                    after = at.get(position + 3, [])
                    key = f"{word} {year} {number}"
                    runs += [(f"{key} 号", position, start, close)
                             for closing, _, close in after if closing == "号"]
                    if not after or any(other != "号" for other, _, _ in after):
                        runs.append((key, position, start, end))
    return runs


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
        # Orders' and announcements' numbers as the text cites them (民政部令第69号).
        numbers.update(number for _, _, number in find_doc_numbers(doc.text) if "第" in number)
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
    text nor the positions of the run's own words (with its closing 号) are read, only
    those of the words around it."""
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
    closed = 0
    for number, words, run in with_runs:
        query = build_query(parse_query(number, segmenter))
        assert query is not None
        read.clear()
        assert Ranker(searcher).scores(query), number
        assert not any(field == "words" for field, _ in read), number
        around = words[: run.offset] + words[run.offset + run.width :]
        assert {word for field, word in read if field == "body"} <= set(around), number
        closed += run.width == 4 and not around
    assert closed > len(with_runs) // 2  # most are their run and its 号: no word is read


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
        query = build_query(parsed)
        if not index_words(parsed)[1] or query is None:  # no run: placed by its words
            continue
        wanted = sorted(ranker.scores(query))
        places = ranker.places(parsed, wanted, 50)
        for docnum in wanted:
            text = texts[searcher.stored_fields(docnum)["id"]]
            marked = [text[hit.start : hit.end] for hit in matches(parsed, places[docnum])]
            assert marked, typed
            typed_words = "".join(segmenter.words(typed))
            for shown in marked:  # a 文号 typed without its 号 is marked with it
                assert _WORDLIKE.sub("", shown) in {typed_words, f"{typed_words}号"}, (typed, shown)
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
