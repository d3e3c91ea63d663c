"""A compilation opens whatever common Chinese encoding it was saved in, with its line numbers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reader.corpus.encoding import MAX_BYTES, DecodedText, decode_bytes, read_text
from reader.errors import InputError
from tests.conftest import SEEDS

SEED = SEEDS / "003_bf27126f95cd8607.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    """A real compilation, limited to the characters every GB encoding can represent."""
    text = SEED.read_text(encoding="utf-8")
    # GBK cannot encode everything a UTF-8 file may hold; keep the seed's lines GBK-clean.
    return text.encode("gbk", errors="replace").decode("gbk")


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # Python writes a BOM for "utf-16"
        ("utf-16-be", "utf-16"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16-le", "utf-16-le"),  # no byte order mark
        ("utf-8", "utf-8"),
    ],
)
def test_seed_reencoded_decodes_to_the_same_text(
    tmp_path: Path, seed_text: str, codec: str, expected: str
) -> None:
    data = seed_text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "seed.txt"
    path.write_bytes(data)

    decoded = read_text(path)

    assert decoded.encoding == expected
    assert decoded.text == seed_text
    assert decoded.text.count("\n") == seed_text.count("\n")
    assert decoded.warnings == ()


def test_big_endian_utf16_without_bom(seed_text: str) -> None:
    decoded = decode_bytes(seed_text[:20000].encode("utf-16-be"), "be.txt")

    assert decoded.encoding == "utf-16-be"
    assert decoded.text == seed_text[:20000]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines_keep_line_numbers(tmp_path: Path, newline: str) -> None:
    lines = ["国务院办公厅关于", "", "建立健全涉企收费长效监管机制的指导意见", "国办函〔2025〕30号"]
    path = tmp_path / "doc.txt"
    path.write_bytes(newline.join(lines).encode("gbk"))

    text = read_text(path).text

    assert text.split("\n") == lines


def test_odd_line_separators_do_not_add_lines() -> None:
    # A form feed (PDF page break) or U+2028 would make str.splitlines() count extra lines.
    data = "第一行\x0c续\n第二行\u2028续\n第三行".encode()

    text = decode_bytes(data, "x.txt").text

    assert text.splitlines() == text.split("\n")
    assert len(text.split("\n")) == 3


def test_gbk_file_truncated_mid_character_drops_the_tail_with_a_warning(
    tmp_path: Path, seed_text: str
) -> None:
    data = seed_text[:5000].encode("gbk")
    truncated = data + "国".encode("gbk")[:1]
    path = tmp_path / "cut.txt"
    path.write_bytes(truncated)

    decoded = read_text(path)

    assert decoded.text == seed_text[:5000]
    assert decoded.encoding == "gb18030"
    assert len(decoded.warnings) == 1
    assert "cut.txt" in decoded.warnings[0]


@pytest.mark.parametrize(("codec", "cut"), [("utf-8", 1), ("utf-8", 2), ("utf-16", 1)])
def test_unicode_file_truncated_mid_character(codec: str, cut: int) -> None:
    text = "第一条 为了促进机关、事业单位和大型企业及时支付中小企业款项。\n第二条 本条例"
    data = (text + "款").encode(codec)[:-cut]

    decoded = decode_bytes(data, "cut.txt")

    assert decoded.text == text
    assert decoded.warnings


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_a_few_damaged_bytes_are_marked_and_reported_with_their_line(
    seed_text: str, codec: str
) -> None:
    data = seed_text.encode(codec)
    line = 2000
    at = len("\n".join(seed_text.split("\n")[: line - 1]).encode(codec)) + 1  # on line 2000
    damaged = data[:at] + b"\xff" + data[at:]

    decoded = decode_bytes(damaged, "damaged.txt")

    assert decoded.text.count("\n") == seed_text.count("\n")
    assert "\ufffd" in decoded.text.split("\n")[line - 1]
    assert len(decoded.warnings) == 1
    assert f"第 {line} 行" in decoded.warnings[0]


def test_damage_after_a_byte_order_mark_is_repaired_too(seed_text: str) -> None:
    data = seed_text.encode("utf-8-sig")
    at = len(data) // 2
    while data[at] & 0xC0 == 0x80:  # put the stray byte between two characters
        at += 1

    decoded = decode_bytes(data[:at] + b"\xff" + data[at:], "bom.txt")

    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.replace("\ufffd", "", 1) == seed_text
    assert decoded.warnings


def test_a_file_mixing_two_encodings_is_refused(seed_text: str) -> None:
    data = seed_text[:30000].encode("utf-8") + seed_text[30000:60000].encode("gbk")

    with pytest.raises(InputError, match="编码"):
        decode_bytes(data, "mixed.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  ", "\ufeff".encode("utf-8-sig")])
def test_empty_file_is_refused_in_plain_words(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)

    with pytest.raises(InputError, match="文件为空"):
        read_text(path)


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", "zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 20, "不是文本文件"),
        (b"abc\x00def\x00\x01\x02\x03" * 100, "不是文本文件"),
    ],
)
def test_binary_file_renamed_txt_is_refused(tmp_path: Path, content: bytes, word: str) -> None:
    path = tmp_path / "renamed.txt"
    path.write_bytes(content)

    with pytest.raises(InputError, match=word):
        read_text(path)


def test_mostly_control_characters_is_binary() -> None:
    data = ("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50 + "正文").encode()

    with pytest.raises(InputError, match="二进制"):
        decode_bytes(data, "odd.txt")


def test_bytes_that_are_no_known_encoding_are_refused() -> None:
    # Random high bytes in no encoding's order: charset-normalizer finds nothing plausible.
    data = bytes([0x81, 0x20, 0xFF, 0xFE, 0x80, 0x7F, 0xC0, 0xC1] * 300)

    with pytest.raises(InputError):
        decode_bytes(data, "noise.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到文件"):
        read_text(tmp_path / "nope.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    with pytest.raises(InputError, match="普通文件"):
        read_text(pipe)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件夹"):
        read_text(tmp_path)


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="permissions are not enforced for root or on Windows",
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("正文", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="权限"):
            read_text(path)
    finally:
        path.chmod(0o600)


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk space used

    with pytest.raises(InputError, match="太大"):
        read_text(path)


def test_every_seed_reads_as_utf8() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        decoded = read_text(path)
        assert isinstance(decoded, DecodedText)
        assert decoded.encoding == "utf-8"
        assert decoded.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
