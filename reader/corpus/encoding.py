"""Decode a compilation file in any common Chinese encoding into text with stable line numbers."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from reader.corpus.formats.base import MAX_BYTES, check_file, read_bytes
from reader.errors import InputError

__all__ = [
    "MAX_BYTES",
    "DecodedText",
    "TextStream",
    "decode_bytes",
    "normalize_newlines",
    "open_stream",
    "read_text",
]

# Signatures of binary formats people rename to .txt by mistake, with a word for the message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "zip 压缩包（或 docx、xlsx）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word/Excel（97-2003）"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!", "rar"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "exe"),
)

# Byte order marks, longest first (a UTF-32 LE mark starts like a UTF-16 LE one), with the
# codec that decodes what follows the mark and the name reported for the file.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# charset-normalizer names of the GB family; gb18030 decodes all of them (it is a superset).
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936", "euc_cn"}

# Characters that str.splitlines() treats as line ends but text editors do not; turned into
# spaces so that text.splitlines() keeps the file's own line numbering (form feeds mark PDF
# page breaks in some extractions).
_EXTRA_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Below this coherence charset-normalizer has not recognised the text's language.
_WEAK_COHERENCE = 0.1
_LENIENT_CHAOS = 0.5
_MAX_REPAIRS = 50
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: A streamed file is read this many bytes at a time; the encoding is told from the first read.
STREAM_CHUNK = 1 << 20
#: How much of a streamed file the encoding is told from.
STREAM_SAMPLE = 1 << 20


@dataclass(frozen=True)
class DecodedText:
    """A file's text with ``\\n`` newlines, the encoding it was read with, and what was repaired."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def read_text(path: str | Path) -> DecodedText:
    """Read and decode a text file, with a plain-words InputError for anything unreadable."""
    p = Path(path)
    check_file(p, MAX_BYTES)
    return decode_bytes(read_bytes(p), p.name)


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode a file's bytes, detecting the encoding, so any common Chinese text file opens."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}：文件太大，超过可导入的上限 {MAX_BYTES // (1024 * 1024)} MB。")
    if not data.strip():
        raise InputError(f"{name}：文件为空，没有可读的文字。")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}：这不是文本文件，而是 {kind} 文件。")
    warnings: list[str] = []
    reported: str | None = None
    for bom, codec, name_of_file_encoding in _BOMS:
        if data.startswith(bom):
            # The mark is dropped here and the rest decoded without it, so error positions
            # (truncation, damage) refer to the same bytes.
            data, encoding, reported = data[len(bom) :], codec, name_of_file_encoding
            break
    else:
        encoding = None
    if encoding is None:
        if b"\x00" in data:
            # NUL bytes: UTF-16 saved without a byte order mark, or not text at all.
            encoding = _utf16_without_bom(data)
            if encoding is None:
                raise InputError(f"{name}：这不是文本文件（内容是二进制数据）。")
            cut = 0
        else:
            encoding, cut = _detect(data)
        if encoding is None:
            repaired = _repair(data, name)
            if repaired is None:
                raise InputError(
                    f"{name}：无法识别文件编码，请另存为 UTF-8 或 GBK 编码后再导入。"
                )
            return repaired
        if cut:
            data = data[:-cut]
            warnings.append(_truncated_warning(name, cut))
    text, cut = _decode(data, encoding)
    if text is None:
        repaired = _repair(data, name, (encoding,))
        if repaired is None:
            raise InputError(
                f"{name}：文件中有不符合 {reported or encoding} 编码的字节，无法识别文件编码。"
            )
        return DecodedText(repaired.text, reported or repaired.encoding, repaired.warnings)
    if cut:
        warnings.append(_truncated_warning(name, cut))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{name}：文件为空，没有可读的文字。")
    if _looks_binary(text):
        raise InputError(f"{name}：这不是文本文件（内容是二进制数据）。")
    return DecodedText(normalize_newlines(text), reported or encoding, tuple(warnings))


def normalize_newlines(text: str) -> str:
    r"""Turn \r\n and \r into \n and other line separators into spaces, keeping line numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _EXTRA_LINE_BREAKS.sub(" ", text)


def _detect(data: bytes) -> tuple[str | None, int]:
    """Ask charset-normalizer for the encoding; retry without a cut-off multibyte tail.

    Returns the Python codec name and how many trailing bytes to drop (0 unless the file ends
    in the middle of a character, as a download or copy that stopped early does).
    """
    for cut in range(4):
        sample = data[: len(data) - cut] if cut else data
        if not sample:
            break
        encoding = _choose(sample, charset_normalizer.from_bytes(sample))
        if encoding is not None:
            try:
                return codecs.lookup(encoding).name, cut
            except LookupError:
                return None, 0
    return None, 0


def _utf16_without_bom(data: bytes) -> str | None:
    """Return utf-16-le/be when charset-normalizer reads NUL-bearing bytes as UTF-16 text."""
    sample = data[: len(data) // 2 * 2]  # an odd last byte is a truncated character
    best = charset_normalizer.from_bytes(sample, cp_isolation=["utf_16_le", "utf_16_be"]).best()
    return codecs.lookup(best.encoding).name if best is not None else None


def _choose(sample: bytes, matches: charset_normalizer.CharsetMatches) -> str | None:
    """Pick among charset-normalizer's candidates, preferring GB when the evidence is weak.

    A few lines of GBK are equally valid Big5, CP949 or Shift-JIS, and with no language
    evidence charset-normalizer may rank a Korean or Japanese code page first (or leave GB out
    of a very short sample). Our files are Chinese policy documents, so GB wins unless the
    other candidate is backed by the text's language. UTF-16/32 without a byte order mark is
    never taken here: such bytes contain NULs and are handled before this point.
    """
    candidates = [m for m in matches if not m.encoding.startswith(("utf_16", "utf_32"))]
    best = candidates[0] if candidates else None
    if best is not None and (best.encoding in {"utf_8", "ascii"} or best.encoding in _GB_FAMILY):
        return "gb18030" if best.encoding in _GB_FAMILY else str(best.encoding)
    weak = best is None or best.coherence < _WEAK_COHERENCE
    if weak and any(m.encoding in _GB_FAMILY for m in candidates):
        return "gb18030"
    # Short texts full of “” and （） look chaotic to the default threshold; ask again about
    # GB alone, more leniently.
    if (
        weak
        and charset_normalizer.from_bytes(
            sample, cp_isolation=["gb18030"], threshold=_LENIENT_CHAOS
        ).best()
    ):
        return "gb18030"
    if best is None:
        return None
    if best.coherence < _WEAK_COHERENCE:
        # Latin text with no evidence either way: the common Windows code page.
        for match in candidates:
            if match.chaos <= best.chaos and "cp1252" in match.could_be_from_charset:
                return "cp1252"
    return str(best.encoding)


def _decode(data: bytes, encoding: str) -> tuple[str | None, int]:
    """Decode strictly; a broken character at the very end is dropped and reported as cut."""
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError as exc:
        # Only an incomplete sequence in the last few bytes is a truncation; anything earlier
        # means the guess was wrong or the file is damaged.
        if exc.start >= len(data) - 4 and exc.end == len(data):
            try:
                return data[: exc.start].decode(encoding), len(data) - exc.start
            except UnicodeDecodeError:
                return None, 0
        return None, 0
    except LookupError:
        return None, 0


def _repair(
    data: bytes, name: str, encodings: tuple[str, ...] = ("utf-8", "gb18030")
) -> DecodedText | None:
    """Read a UTF-8 or GB file with a few damaged bytes, each shown as U+FFFD, with a warning.

    charset-normalizer rejects an encoding when any chunk fails to decode, so one stray byte
    in a 2 MB UTF-8 compilation leaves it with no answer. Only the encodings our files come in
    (or the one a byte order mark names) are tried, and only a handful of damaged places (one in 10,000 bytes) is accepted:
    anything more is a wrong guess or a file that is not text, and is refused.
    """
    limit = min(_MAX_REPAIRS, max(1, len(data) // 10_000))
    for encoding in encodings:
        parts: list[str] = []
        damaged: list[int] = []  # character offsets of the replacements
        position = 0
        while len(damaged) <= limit:
            try:
                parts.append(data[position:].decode(encoding))
                break
            except UnicodeDecodeError as exc:
                parts.append(data[position : position + exc.start].decode(encoding))
                damaged.append(sum(map(len, parts)))
                parts.append("\ufffd")
                position += exc.end
        else:
            continue
        text = "".join(parts)
        if not damaged or not text.strip() or _looks_binary(text):
            continue
        first_line = normalize_newlines(text[: damaged[0]]).count("\n") + 1
        warning = (
            f"{name}：文件有 {len(damaged)} 处损坏的字节，已显示为 �（第一处在第 {first_line} 行）。"
        )
        return DecodedText(normalize_newlines(text), encoding, (warning,))
    return None


def _looks_binary(text: str) -> bool:
    """Tell whether decoded text is mostly control characters (a binary file)."""
    return len(_CONTROL.findall(text)) > max(8, len(text) // 100)


def _truncated_warning(name: str, cut: int) -> str:
    """Word the warning for a file that ends in the middle of a character."""
    return f"{name}：文件末尾不完整（最后一个字没有写完），已舍去末尾 {cut} 个字节。"


@dataclass
class TextStream:
    """A large text file decoded a chunk at a time, as lines, with how far reading has got.

    Only a chunk, its decoded text and the unfinished last line are in memory at once: a
    200 MB compilation is never held as bytes and text together. The encoding is told from
    the first chunk (charset-normalizer, byte order marks, as :func:`decode_bytes` does);
    damaged bytes further on are shown as U+FFFD with a warning, a cut-off last character is
    dropped with one.
    """

    path: Path
    encoding: str
    size: int
    done: int = 0  # bytes read so far
    warnings: list[str] = field(default_factory=list)
    _skip: int = 0  # length of a byte order mark
    _codec: str = "utf-8"

    def lines(self) -> Iterator[str]:
        """Yield the file's lines (no ``\\n``), numbered as :func:`split_file_lines` numbers them."""
        decoder = codecs.getincrementaldecoder(self._codec)(errors="strict")
        damaged = 0
        pending = ""  # the unfinished last line, or a lone \r that may precede \n
        first = True
        with _open(self.path) as handle:
            handle.seek(self._skip)
            self.done = self._skip
            while True:
                data = _read(handle, self.path)
                final = not data
                self.done += len(data)
                try:
                    text = decoder.decode(data, final)
                except UnicodeDecodeError as exc:
                    if final:  # an incomplete character at the very end: a cut-off file
                        self.warnings.append(_truncated_warning(self.path.name, exc.end - exc.start))
                        text = ""
                    else:
                        decoder.reset()
                        text = data.decode(self._codec, errors="replace")
                        damaged += text.count("\ufffd")
                if first:
                    text, first = text.lstrip("\ufeff"), False
                text = pending + text
                # A \r at the end of a chunk may be the first half of a \r\n.
                held = "\r" if not final and text.endswith("\r") else ""
                text = text[:-1] if held else text
                parts = normalize_newlines(text).split("\n")
                last = parts.pop()  # unfinished, or "" after a final newline
                yield from parts
                if final:
                    if last:
                        yield last
                    break
                pending = last + held
        if damaged:
            self.warnings.append(f"{self.path.name}：文件有 {damaged} 处损坏的字节，已显示为 �。")


def open_stream(path: str | Path) -> TextStream:
    """Open a large text file for reading in chunks, refusing what is not text as read_text does.

    Raises:
        InputError: the file is missing, too large, empty, binary or undecodable.
    """
    p = Path(path)
    size = check_file(p, MAX_BYTES)
    with _open(p) as handle:
        try:
            sample = handle.read(STREAM_SAMPLE)
        except OSError as exc:
            raise InputError(f"{p}：无法读取文件（{exc.strerror}）。") from None
    whole = decode_bytes(sample, p.name) if len(sample) == size else None
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            raise InputError(f"{p.name}：这不是文本文件，而是 {kind} 文件。")
    for bom, codec, reported in _BOMS:
        if sample.startswith(bom):
            return TextStream(p, reported, size, _skip=len(bom), _codec=codec)
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise InputError(f"{p.name}：这不是文本文件（内容是二进制数据）。")
        return TextStream(p, encoding, size, _codec=encoding)
    encoding = whole.encoding if whole is not None else _detect(sample)[0]
    if encoding is None:
        raise InputError(f"{p.name}：无法识别文件编码，请另存为 UTF-8 或 GBK 编码后再导入。")
    if encoding == "ascii":
        encoding = "utf-8"  # Chinese text may begin past the sample; UTF-8 reads ASCII as well
    text = sample.decode(encoding, errors="replace")
    if not text.strip():
        raise InputError(f"{p.name}：文件为空，没有可读的文字。")
    if _looks_binary(text):
        raise InputError(f"{p.name}：这不是文本文件（内容是二进制数据）。")
    return TextStream(p, encoding, size, _codec=encoding)


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except PermissionError:
        raise InputError(f"{path}：没有读取权限，无法打开文件。") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取文件（{exc.strerror}）。") from None


def _read(handle: BinaryIO, path: Path) -> bytes:
    try:
        return handle.read(STREAM_CHUNK)
    except OSError as exc:
        raise InputError(f"{path}：无法读取文件（{exc.strerror}）。") from None
