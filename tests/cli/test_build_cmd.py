"""``reader-cli build-index`` from a checkout: where it writes, and what it will not replace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.install import COMPLETE_MARKER
from reader.library.library import Library
from tests.conftest import SEEDS


def test_a_folder_holding_other_files_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "letter.txt").write_text("not an index", encoding="utf-8")
    assert main(["build-index", "--out", str(mine)]) == 1
    assert "不是空的" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["letter.txt"]


def test_a_file_is_not_taken_for_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "index"
    file.write_text("x", encoding="utf-8")
    assert main(["build-index", "--out", str(file)]) == 1
    assert "不是文件夹" in capsys.readouterr().err
    assert file.read_text(encoding="utf-8") == "x"


def test_builds_from_the_named_compilations_and_rebuilds_in_place(tmp_path: Path) -> None:
    seeds = tmp_path / "compilations"
    seeds.mkdir()
    smallest = min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
    shutil.copy(smallest, seeds)
    out = tmp_path / "index"
    for _ in range(2):  # the second run replaces the index the first one built
        assert main(["build-index", "--seeds", str(seeds), "--out", str(out), "--workers", "1"]) == 0
        assert (out / COMPLETE_MARKER).is_file()
    library = Library.open_folder(out)
    assert {s.source.file for s in library.documents()} == {smallest.name}
    library.close()
