"""Real documents of a small seed, for UI, tree and rendering tests."""

from __future__ import annotations

from functools import cache

from reader.corpus import split_file
from reader.corpus.model import Document
from tests.conftest import SEEDS

SMALL_SEED = "004_bf5e8a97a1a13c8b.txt"


@cache
def seed_documents(seed: str = SMALL_SEED) -> tuple[Document, ...]:
    """Return the documents the splitter finds in ``seed`` (split once per test session)."""
    return split_file(SEEDS / seed).documents
