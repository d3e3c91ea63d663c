"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED_GOLD = REPO.parent / "shared" / "gold"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user data folder at a temporary folder so no test touches real user data."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    return data


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def seed_files() -> list[Path]:
    """Return the bundled compilations in name order."""
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def built_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a library folder holding every document of the small seed (built once)."""
    from reader.library.library import Library
    from tests.search.documents import SMALL_SEED

    folder = tmp_path_factory.mktemp("library-004") / "library"
    library = Library.open_folder(folder)
    try:
        library.add_file(SEEDS / SMALL_SEED)
    finally:
        library.close()
    return folder
