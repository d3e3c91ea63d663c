"""The splitter against the hand-checked gold of two seeds, measured as bench/split_score does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.split_score import SeedScore, score_seed
from reader.corpus import split_file

REPO = Path(__file__).resolve().parents[2]
GOLD = sorted((REPO / "tests" / "corpus" / "gold").glob("*.json"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=GOLD, ids=lambda path: path.stem[:3])
def seed_score(request: pytest.FixtureRequest) -> SeedScore:
    gold_path: Path = request.param
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return score_seed(REPO / "seeds" / f"{gold_path.stem}.txt", gold)


def test_every_gold_document_starts_where_the_gold_says(seed_score: SeedScore) -> None:
    assert seed_score.start_f1 >= 0.97, seed_score.misses


def test_documents_end_on_the_right_line(seed_score: SeedScore) -> None:
    assert seed_score.end_near >= 0.95, seed_score.misses
    assert seed_score.end_exact >= 0.95, seed_score.misses


def test_titles_numbers_and_dates(seed_score: SeedScore) -> None:
    assert seed_score.title >= 0.95, seed_score.misses
    assert seed_score.doc_number >= 0.95, seed_score.misses
    assert seed_score.date >= 0.95, seed_score.misses


def test_issuers(seed_score: SeedScore) -> None:
    assert seed_score.issuers >= 0.90, seed_score.misses


def test_pages_come_from_the_table_of_contents() -> None:
    gold_path = next(path for path in GOLD if path.name.startswith("004"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    documents = split_file(REPO / "seeds" / f"{gold_path.stem}.txt").documents
    by_start = {doc.source.start_line: doc for doc in documents}
    for item in gold["documents"]:
        assert by_start[item["start_line"]].source.page == item["toc_page"]
