"""Real documents of a small seed, for UI, tree and rendering tests."""

from __future__ import annotations

from functools import cache

from reader.corpus import split_file
from reader.corpus.model import Document
from tests.conftest import SEEDS

SMALL_SEED = "004_bf5e8a97a1a13c8b.txt"
GRID = "e191d91455931796"  # 关于新形势下配电网高质量发展的指导意见 发改能源〔2024〕187号
WASTE = "8f03c41e25d44d3a"  # 国务院办公厅关于加快构建废弃物循环利用体系的意见 国办发〔2024〕7号


@cache
def seed_documents(seed: str = SMALL_SEED) -> tuple[Document, ...]:
    """Return the documents the splitter finds in ``seed`` (split once per test session)."""
    return split_file(SEEDS / seed).documents
