"""Plain text and Markdown (.txt, .md) in any common Chinese encoding: ``encoding.read_text``."""

from __future__ import annotations

from pathlib import Path

from reader.corpus.encoding import read_text
from reader.corpus.formats.base import Extracted, ReadProgress

NAME = "text"
SUFFIXES = (".txt", ".md", ".markdown", ".text")


def recognises(head: bytes, suffix: str) -> bool:
    """Take any file no other reader claims; ``read_text`` refuses what is not text."""
    return True


def read(path: Path, progress: ReadProgress | None = None) -> Extracted:
    """Decode the file; its lines are the splitter's lines as they stand."""
    decoded = read_text(path)
    if progress:
        progress(f"已读取 {path.name}", 1, 1)
    return Extracted(decoded.text, NAME, decoded.encoding, warnings=decoded.warnings)
