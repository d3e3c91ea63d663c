"""The first start: the user's library made as a copy of the bundled one, or said why not."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from reader.errors import DataError
from reader.library.listing import STORE_FILE
from reader.library.search_index import MessageCallback

SEARCH_DIR = "search"
COMPLETE_MARKER = ".complete"


def bundled_is_complete(directory: Path) -> bool:
    """Whether ``directory`` holds a finished library (a build writes the marker last)."""
    return (directory / COMPLETE_MARKER).is_file() and (directory / STORE_FILE).is_file()


def install_bundled(bundled: Path, target: Path, on_message: MessageCallback | None) -> None:
    """Create the user's library in ``target`` as a copy of the bundled one (if built)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not bundled_is_complete(bundled):
        if on_message:
            on_message("没有找到随附的文档库，从空文档库开始。")
        target.mkdir(parents=True, exist_ok=True)
        return
    staging = Path(tempfile.mkdtemp(prefix=".library-new-", dir=target.parent))
    try:
        try:
            shutil.copy2(bundled / STORE_FILE, staging / STORE_FILE)
            shutil.copytree(bundled / SEARCH_DIR, staging / SEARCH_DIR)
        except (OSError, shutil.Error) as error:
            raise copy_failed(bundled, target, error) from error
        if target.exists():
            # A folder without a store is what an interrupted first start leaves behind.
            for leftover in (target / SEARCH_DIR,):
                shutil.rmtree(leftover, ignore_errors=True)
            for name in (SEARCH_DIR, STORE_FILE):  # the store last: it marks the copy done
                os.replace(staging / name, target / name)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def copy_failed(bundled: Path, target: Path, error: OSError | shutil.Error) -> DataError:
    """Say why the first-start copy of the bundled library failed (nothing was kept of it)."""
    needed = sum(path.stat().st_size for path in bundled.rglob("*") if path.is_file())
    megabytes = f"{needed / 1e6:.0f} MB"
    if isinstance(error, shutil.Error):  # copytree gathers (source, target, reason) triples
        reasons = [str(entry[2]) for entry in error.args[0]] if error.args else []
        detail = reasons[0] if reasons else str(error)
        full = any("No space left" in reason for reason in reasons)
    else:
        detail = error.strerror or str(error)
        full = error.errno == errno.ENOSPC
    if full:
        return DataError(
            f"磁盘空间不足，无法在 {target.parent} 建立文档库：随附的文档库约需 {megabytes}。"
            "没有留下复制了一半的文件；请腾出空间后重试。"
        )
    return DataError(
        f"无法在 {target.parent} 建立文档库（{detail}）。没有留下复制了一半的文件；"
        "请检查该文件夹的权限和剩余空间后重试。"
    )
