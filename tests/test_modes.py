"""Private by default: the data folder is the owner's alone, and so is every file in it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from reader.notes import NotesStore
from reader.paths import Paths
from reader.settings import Settings
from tests.library.writers import run_cli, write_notice

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, which would make them readable by everyone
    try:
        data = tmp_path / "data"
        code, _, err = run_cli(data, "import", str(write_notice(tmp_path, 0)))  # first start
        assert code == 0, err
        paths = Paths.resolve(data)
        NotesStore.for_paths(paths).close()
        Settings().save(paths.settings_file)
        export = tmp_path / "notes.md"
        assert run_cli(data, "notes", "export", "--out", str(export))[0] == 0
    finally:
        os.umask(old)
    assert _mode(data) == 0o700
    folders = [p for p in data.rglob("*") if p.is_dir()]
    files = [p for p in data.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert {p.name for p in files} >= {"library.sqlite3", "notes.sqlite3", "settings.json",
                                       "lexicon.marshal"}
    assert {str(p): _mode(p) for p in folders} == {str(p): 0o700 for p in folders}
    assert {str(p): _mode(p) for p in files} == {str(p): 0o600 for p in files}
    assert _mode(export) == 0o600


def test_a_data_folder_of_an_older_version_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    notes = data / "notes.sqlite3"
    NotesStore.open(notes).close()
    os.chmod(notes, 0o644)
    NotesStore.for_paths(Paths.resolve(data)).close()
    assert _mode(data) == 0o700 and _mode(notes) == 0o600
