"""atomic_write: the new file whole, or the old one untouched, and never a temporary left."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from reader.fileio import atomic_write
from tests.child_process import run_with_file_size_limit


def test_text_and_bytes_replace_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "notes.md"
    atomic_write(target, "旧内容\n" * 1000)
    atomic_write(target, "新内容\r\n")
    assert target.read_bytes() == "新内容\r\n".encode()
    atomic_write(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert [p.name for p in target.parent.iterdir()] == ["notes.md"]


def test_text_in_another_encoding(tmp_path: Path) -> None:
    target = tmp_path / "gb.txt"
    atomic_write(target, "通知", encoding="gb18030")
    assert target.read_bytes() == "通知".encode("gb18030")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_the_owners_alone_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    old = os.umask(0o022)
    try:
        atomic_write(target, "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_write_that_fails_midway_keeps_the_old_file_and_leaves_no_temporary(
        tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("旧的导出\n", encoding="utf-8")
    code = (
        "from pathlib import Path\n"
        "from reader.fileio import atomic_write\n"
        f"atomic_write(Path({str(target)!r}), 'x' * 100_000)\n"
    )
    result = run_with_file_size_limit(code, limit=4096)
    assert result.returncode != 0
    assert "File too large" in result.stderr  # the write itself failed, past 4 KiB
    assert target.read_text(encoding="utf-8") == "旧的导出\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_a_failing_rename_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        atomic_write(target, "text")  # a folder cannot be replaced by a file
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
    assert (target / "inside.txt").read_text(encoding="utf-8") == "kept"


def test_a_failing_sync_keeps_the_old_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "settings.json"
    atomic_write(target, "old")

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        atomic_write(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that bind (not root)")
def test_a_read_only_folder_keeps_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "settings.json"
    atomic_write(target, "old")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            atomic_write(target, "new")
    finally:
        folder.chmod(0o755)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["settings.json"]
