"""Which files a path given to import stands for, and why one cannot be used, in words.

A person may give a file, a folder, a link, or a mistake: a path that is gone, a folder they
may not read, a link that points at itself. Each gets its own message (the real reason from
the system, not "not found" for all), and a folder is walked without following links into
folders, so a link loop never walks forever.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from reader.errors import InputError
from reader.fileio import os_error_message


def expand_path(path: Path) -> list[Path]:
    """Return the files to import for ``path``: itself, or a folder's importable files in order.

    In a folder only the supported formats count (see ``supported_suffixes``), and neither
    hidden files nor the ``~$…`` lock files Word leaves beside an open document.

    Raises:
        InputError: the path is gone, unreadable, a link loop, or a folder without such files.
    """
    from reader.corpus.formats import supported_suffixes

    suffixes = supported_suffixes()
    path = Path(path)
    try:
        is_dir = path.is_dir()
        if not is_dir:
            path.stat()  # the real reason a path cannot be used (missing, loop, permission)
    except OSError as error:
        raise InputError(_unusable(path, error)) from error
    if not is_dir:
        return [path]
    found: list[Path] = []

    def refuse(error: OSError) -> None:
        raise InputError(_unusable(Path(error.filename or path), error)) from error

    for folder, _folders, files in os.walk(path, onerror=refuse):
        found.extend(Path(folder) / name for name in files
                     if Path(name).suffix.lower() in suffixes
                     and not name.startswith((".", "~$")))
    if not found:
        raise InputError(f"{path}：这个文件夹中没有可导入的文件（文本、PDF、Word 或网页），"
                         "没有导入任何内容。")
    return sorted(found)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Return the files of every path, in the order given (the first unusable one raises)."""
    return [file for path in paths for file in expand_path(path)]


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks (a large PDF never sits in memory)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _unusable(path: Path, error: OSError) -> str:
    return os_error_message(error, str(path), "没有导入任何内容")
