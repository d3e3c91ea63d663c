"""Resolution of 《…》 mentions on the five seeds against links checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import split_file
from reader.corpus.model import Document
from reader.library.link_scores import load_expected, score
from tests.conftest import seed_files

EXPECTED = Path(__file__).parent.parent / "data" / "links_expected.json"


@pytest.fixture(scope="module")
def seed_documents() -> list[Document]:
    documents: dict[str, Document] = {}
    for path in seed_files():
        for doc in split_file(path).documents:
            documents.setdefault(doc.id, doc)
    return list(documents.values())


def test_the_expected_links_cover_every_seed_and_at_least_a_hundred_mentions() -> None:
    expected = load_expected(EXPECTED)
    assert len(expected) >= 100
    assert {entry["seed"] for entry in expected} == {p.name[:3] for p in seed_files()}
    assert sum(1 for e in expected if e["expected"]) >= 50


def test_mentions_of_documents_in_the_library_resolve_to_them(
    seed_documents: list[Document],
) -> None:
    scores = score(load_expected(EXPECTED), seed_documents)
    print(f"\n《…》 mentions checked: {scores.total}; target in library: {scores.in_library}; "
          f"right: {scores.right}; recall {scores.recall:.1%}; wrong: {scores.wrong} "
          f"({scores.wrong_share:.1%}); precision {scores.precision:.1%}")
    for mistake in scores.mistakes:
        print("  ", mistake)
    assert scores.missing == 0
    assert scores.recall >= 0.95
    assert scores.wrong_share <= 0.01
