"""What the system refuses, as a person meets it: a full disk, a missing path, a link loop,
a folder they may not read. Each is a message in words, exit code 1, nothing half done."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.library import Library
from tests.conftest import REPO, SEEDS
from tests.library.writers import WORDS, run_cli, search_total, write_notice


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*")
            if p.is_file() and p.name != ".write.lock"}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB file system (tmpfs), where writes fail with ENOSPC as on a full disk."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_at_first_start_says_so_and_leaves_nothing(small_disk: Path) -> None:
    code, out, err = run_cli(small_disk / "data", "list")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "磁盘空间不足" in err and "MB" in err and "腾出空间" in err
    assert _files(small_disk) == {}  # no half-copied library
    assert not any(small_disk.rglob(".library-new-*"))


def test_a_full_disk_mid_import_keeps_the_library_as_it_was(
    small_disk: Path, tmp_path: Path
) -> None:
    data = small_disk / "data"
    Library.open_folder(data / "library").close()
    code, _, err = run_cli(data, "import", str(write_notice(tmp_path, 0)))
    assert code == 0, err
    before = _files(data / "library")
    big = SEEDS / "001_4892098d42747a5f.txt"  # larger than what is left of the disk
    code, out, err = run_cli(data, "import", str(big))
    assert code == 1 and "Traceback" not in err
    assert f"导入 {big.name}：磁盘空间不足" in err and "文档库保持导入前的样子" in err
    assert _files(data / "library") == before
    assert search_total(data, WORDS[0]) == 1
    code, out, _ = run_cli(data, "list")
    assert code == 0 and out.count("\n") == 1


def test_one_unusable_path_does_not_stop_the_others(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open_folder(data / "library").close()
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    good = write_notice(tmp_path / "in", 1)
    code, _, err = run_cli(data, "import", str(tmp_path / "gone.txt"), str(loop), str(good))
    assert code == 1 and "Traceback" not in err
    assert f"{tmp_path / 'gone.txt'}：没有这个文件或文件夹" in err
    assert f"{loop}：符号链接绕成了循环" in err
    assert "3 项中有 2 项未能导入，其余已导入" in err
    assert search_total(data, WORDS[1]) == 1


def test_a_folder_without_importable_files_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli(tmp_path / "data", "import", str(empty))
    assert code == 1 and "这个文件夹中没有可导入的文件" in err


def test_an_unreadable_folder_says_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write_notice(locked, 2)
    locked.chmod(0o000)
    command = [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path / "data"),
               "import", str(locked)]
    if os.geteuid() == 0:
        # Root reads every folder; without these capabilities it meets permissions as anyone.
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root without setpriv reads every folder")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{locked}：没有权限" in done.stderr
