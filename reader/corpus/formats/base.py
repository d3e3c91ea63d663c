"""What every format reader produces, and the checks every reader shares.

A reader turns one file into :class:`Extracted`: the text in the splitter's line convention
(one paragraph or printed line a line), a page map when the format has pages, hints (metadata
the file states outright, like the table on a government web page) and warnings. Everything
after that — splitting, cleaning, metadata — is the same for every format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import InputError

#: Larger than any compilation we know of, in any format; bigger files are refused unread.
MAX_BYTES = 200 * 1024 * 1024

#: ``progress(message, done, total)``: what a reader is doing, e.g. page 12 of 500.
ReadProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PageMap:
    """The page (1-based, as a PDF viewer counts) each line of the extracted text is on."""

    lines: tuple[int, ...]
    pages: int

    def page_of(self, line: int) -> int | None:
        """Return the page of the 0-based ``line`` (the last line's page past the end)."""
        if not self.lines:
            return None
        return self.lines[min(max(line, 0), len(self.lines) - 1)]


@dataclass(frozen=True)
class Hints:
    """Metadata a file states outright (a web page's 索引号/发文机关/成文日期 table).

    Values are as printed; the pipeline normalises them. ``fields`` keeps every labelled
    value found (``{"索引号": "000014349/2024-00012", "主题分类": …}``) for the document's
    ``extra``.
    """

    title: str | None = None
    doc_number: str | None = None
    issuers: tuple[str, ...] = ()
    date: str | None = None
    published: str | None = None
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __bool__(self) -> bool:
        return bool(self.title or self.doc_number or self.issuers or self.date)


@dataclass(frozen=True)
class Extracted:
    """One file's text as the splitter reads it, with its page map, hints and warnings.

    ``encoding`` is what the library records for the source: the text encoding for text and
    web pages (``utf-8``, ``gb18030``), the format's name for PDF and Word.
    """

    text: str
    format: str
    encoding: str
    pages: PageMap | None = None
    hints: Hints = field(default_factory=Hints)
    warnings: tuple[str, ...] = ()


def check_file(path: Path, limit: int = MAX_BYTES) -> int:
    """Return the size of a readable regular file, or raise InputError in plain words.

    Only the file's metadata is read: a 300 MB file is refused before a byte of it is.
    """
    name = path.name
    try:
        if path.is_dir():
            raise InputError(f"{path}：这是一个文件夹，不是文件。")
        if not path.exists():
            raise InputError(f"{path}：找不到文件。")
        if not path.is_file():
            # A pipe or a device would block reading or never end.
            raise InputError(f"{path}：这不是普通文件，无法读取。")
        size = path.stat().st_size
    except PermissionError:
        raise InputError(f"{path}：没有读取权限，无法打开文件。") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取文件（{exc.strerror}）。") from None
    if size > limit:
        raise InputError(
            f"{name}：文件太大（{size // (1024 * 1024)} MB），超过可导入的上限 "
            f"{limit // (1024 * 1024)} MB，未导入。"
        )
    if size == 0:
        raise InputError(f"{name}：文件为空，没有可读的文字。")
    return size


def read_head(path: Path, size: int = 16) -> bytes:
    """Return the first bytes of a file (for telling formats apart by their signature)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except PermissionError:
        raise InputError(f"{path}：没有读取权限，无法打开文件。") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取文件（{exc.strerror}）。") from None


def read_bytes(path: Path) -> bytes:
    """Return a checked file's bytes with plain-words errors."""
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}：没有读取权限，无法打开文件。") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取文件（{exc.strerror}）。") from None
