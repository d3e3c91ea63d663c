"""Which files an import reads, and their digests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from reader.errors import InputError


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Return the files to import: files as given, folders' importable files in name order.

    In a folder only the supported formats count (see ``supported_suffixes``), and neither
    hidden files nor the ``~$…`` lock files Word leaves beside an open document.
    """
    from reader.corpus.formats import supported_suffixes

    suffixes = supported_suffixes()
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out.extend(
                sorted(
                    p for p in path.rglob("*")
                    if p.suffix.lower() in suffixes and p.is_file()
                    and not p.name.startswith((".", "~$"))
                )
            )
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"{path}：没有这个文件或文件夹。")
    return out


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks (a large PDF never sits in memory)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
