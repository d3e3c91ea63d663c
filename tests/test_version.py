"""One version, written in pyproject.toml, printed by both commands."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

import reader
from reader.cli import main
from tests.conftest import REPO

VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_reader_cli_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"reader-cli {VERSION}\n"


def test_the_app_prints_the_version_without_opening_a_window() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], cwd=REPO, capture_output=True, text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"reader {VERSION}\n"


def test_the_package_knows_its_version() -> None:
    assert reader.__version__ == VERSION
    with pytest.raises(AttributeError):
        _ = reader.no_such_attribute  # type: ignore[attr-defined]
