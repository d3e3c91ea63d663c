"""A damaged library store: found before use, set aside (never deleted), explained in words.

The store is the library's source of truth, so a damaged one cannot be repaired from
anything the app keeps: only the files the user imported, still on disk, can rebuild it.
Opening the store empty instead would lose the library without a word, so a store that is
empty (zero bytes, what a full disk or a crash at the wrong moment leaves) or that fails
SQLite's ``PRAGMA quick_check`` is renamed ``library.sqlite3.damaged-<UTC time>`` with its
-wal/-shm, and a ``DataError`` says where it is and which files to import again. The next
start begins again from the bundled library.

``quick_check`` reads the whole file: a fifth of a second for a 400 MB store in the page
cache, seconds from a cold disk. So a store that passed is remembered by its files' size,
modification time and inode (``library.sqlite3.checked``), and checked again only once any
of them changed: every write, and every overwrite from outside, changes them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import DataError
from reader.fileio import atomic_write

_SIDE_FILES = ("-wal", "-shm")
CHECKED_SUFFIX = ".checked"
_NAMES_SHOWN = 10


def store_problem(path: Path) -> str | None:
    """Return why the store at ``path`` cannot be used (in words), or None when it can.

    The check reads only: the file is opened read-only, so a store that is fine is left
    byte for byte.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return "文件是空的（0 字节）"
    signature = _signature(path)
    if _checked_file(path).is_file() and _read_checked(path) == signature:
        return None
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return f"不是可读的数据库（{error}）"
    found = [str(row[0]) for row in rows]
    if found == ["ok"]:
        with contextlib.suppress(OSError):  # a read-only folder or a full disk: check next time
            atomic_write(_checked_file(path), json.dumps(signature))
        return None
    # quick_check lists every problem, a header line first: name the count and the first.
    lines = [line for row in found for line in row.splitlines()
             if line.strip() and not line.startswith("***")]
    first = lines[0] if lines else found[0]
    return f"数据库结构检查发现 {len(lines)} 处问题，第一处：{first}"


def _checked_file(path: Path) -> Path:
    return path.with_name(path.name + CHECKED_SUFFIX)


def _signature(path: Path) -> list[list[int]]:
    """Size, modification time (ns) and inode of the store and its -wal, as they are now."""
    out: list[list[int]] = []
    for name in (path.name, path.name + "-wal"):
        try:
            stat = path.with_name(name).stat()
        except FileNotFoundError:
            out.append([])
            continue
        out.append([stat.st_size, stat.st_mtime_ns, stat.st_ino])
    return out


def _read_checked(path: Path) -> object:
    try:
        return json.loads(_checked_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def imported_files(path: Path) -> list[str]:
    """Return the paths of the files imported into the store, as far as they can be read."""
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            return [str(row[0]) for row in db.execute("SELECT path FROM sources ORDER BY position")]
    except sqlite3.Error:
        return []


def set_aside(path: Path, problem: str) -> DataError:
    """Rename the damaged store (and its -wal/-shm) aside; return the error that says so.

    Raises:
        DataError: the store could not even be renamed (then nothing was changed).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    files = imported_files(path)
    try:
        os.replace(path, kept)
    except OSError as error:
        raise DataError(
            f"文档库 {path} 已损坏（{problem}），而且无法改名保留（{error.strerror}）；"
            "没有改动任何文件。请检查该文件夹的权限后重试。"
        ) from error
    with contextlib.suppress(OSError):
        _checked_file(path).unlink(missing_ok=True)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    return DataError(damaged_message(path, kept, problem, files))


def damaged_message(path: Path, kept: Path, problem: str, files: list[str]) -> str:
    """Say what happened, where the old file is and how to get the documents back."""
    own = [name for name in files if Path(name).is_absolute()]
    present = [name for name in own if Path(name).is_file()]
    if present:
        shown = " ".join(f'"{name}"' for name in present[:_NAMES_SHOWN])
        more = f"（另有 {len(present) - _NAMES_SHOWN} 个）" if len(present) > _NAMES_SHOWN else ""
        how = f"仍在磁盘上的源文件可以重新导入：reader-cli import {shown}{more}。"
    else:
        how = "请用 reader-cli import 或“导入”重新导入原来导入过的文件。"
    return (
        f"文档库 {path} 已损坏（{problem}）。原文件已改名保留为 {kept}，没有删除任何内容；"
        f"下次打开时从随附的文档库重新开始。{how}"
    )
