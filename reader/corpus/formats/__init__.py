"""Format readers: every importable file becomes the same extracted text, then one splitter.

One module per format (``text``, ``pdf``, ``docx``, ``html``), each with the same small
interface (:class:`FormatReader`): ``NAME``, ``SUFFIXES``, ``recognises(head, suffix)`` and
``read(path, progress) -> Extracted``. A new format is one new module named in ``_READERS``.
Readers are imported on first use, so the PDF, Word and HTML libraries load only when such a
file is read. The order matters: signatures (``%PDF``, a zip, OLE2) are asked before suffixes,
and ``text`` takes whatever is left.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from reader.corpus.formats.base import Extracted, ReadProgress, check_file, read_head

if TYPE_CHECKING:
    from reader.corpus.model import SplitResult

__all__ = ["Extracted", "FormatReader", "read_document", "split_path", "supported_suffixes"]

_READERS = ("pdf", "docx", "html", "text")


class FormatReader(Protocol):
    """What a format module provides (modules satisfy this protocol)."""

    NAME: str
    SUFFIXES: tuple[str, ...]

    def recognises(self, head: bytes, suffix: str) -> bool: ...

    def read(self, path: Path, progress: ReadProgress | None = None) -> Extracted: ...


def readers() -> list[FormatReader]:
    """Return the format modules in the order they are asked."""
    return [
        cast(FormatReader, importlib.import_module(f"reader.corpus.formats.{name}"))
        for name in _READERS
    ]


@cache
def supported_suffixes() -> tuple[str, ...]:
    """Return every suffix a folder import picks up (a named file is read whatever its suffix).

    A function, not a constant: ``encoding`` imports this package's ``base``, and the text
    reader imports ``encoding``, so the readers cannot load while this package does.
    """
    return tuple(suffix for reader in readers() for suffix in reader.SUFFIXES)


def reader_for(path: Path) -> FormatReader:
    """Return the reader for a file, by its signature first and then by its suffix."""
    head = read_head(path)
    suffix = path.suffix.lower()
    for reader in readers():
        if reader.recognises(head, suffix):
            return reader
    raise AssertionError("the text reader recognises every file")


def read_document(path: str | Path, progress: ReadProgress | None = None) -> Extracted:
    """Read any supported file into extracted text.

    Raises:
        InputError: in plain words, for a file that is missing, too large, empty, of a kind
            we cannot read (scanned, encrypted, damaged, old .doc…), or without text.
    """
    p = Path(path)
    check_file(p)
    return reader_for(p).read(p, progress)


def split_path(path: str | Path, progress: ReadProgress | None = None) -> SplitResult:
    """Read a file of any supported format and split it into documents."""
    from reader.corpus.formats.pipeline import split_extracted

    p = Path(path)
    if check_file(p) > _stream_from() and reader_for(p).NAME == "text":
        from reader.corpus.encoding import open_stream
        from reader.corpus.split_stream import split_stream

        return split_stream(open_stream(p), p.name, progress)
    return split_extracted(read_document(path, progress), p.name)


def _stream_from() -> int:
    from reader.corpus.split_stream import STREAM_FROM

    return STREAM_FROM
