"""Web pages saved from government sites (.html, .htm, .mhtml) through lxml.

The page's bytes are decoded as the page says (a byte order mark, ``<meta charset>`` or the
``http-equiv`` content type; GB2312 and GBK are read as their superset GB18030), else as UTF-8,
else as the encoding module detects. ``html_page`` finds the metadata table, the title and the
policy's block; the text handed to the splitter is the title, the 文号, then the body one block
a line, and the table's values travel as hints that the pipeline applies to the document.
An .mhtml file (a page saved "as a single file") is a MIME message: its HTML part is read.

Refused in plain words: a page with no policy text in it (a list of links, a login page).
"""

from __future__ import annotations

import codecs
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from reader.corpus.encoding import decode_bytes
from reader.corpus.formats import html_page
from reader.corpus.formats.base import Extracted, Hints, ReadProgress, read_bytes
from reader.corpus.toc import normalize_title
from reader.errors import InputError

NAME = "html"
SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
_MIME_SUFFIXES = (".mhtml", ".mht")
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_MIN_TEXT = 30  # CJK characters: fewer is not a policy, whatever the page holds
_SNIFF = 4096


def recognises(head: bytes, suffix: str) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return suffix in SUFFIXES or start.startswith((b"<!doctype html", b"<html"))


def read(path: Path, progress: ReadProgress | None = None) -> Extracted:
    """Return the page's policy text (title, 文号, body) and its metadata as hints."""
    data = read_bytes(path)
    if path.suffix.lower() in _MIME_SUFFIXES or data[:200].lower().lstrip().startswith(b"mime-version"):
        text, encoding = _mime_html(data, path.name)
    else:
        text, encoding = decode_page(data, path.name)
    extracted = extract(text, encoding, path.name)
    if progress:
        progress(f"已读取 {path.name}", 1, 1)
    return extracted


def decode_page(data: bytes, name: str) -> tuple[str, str]:
    """Decode a page's bytes as it declares, else UTF-8, else by detection."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff"), codec
    declared = html_page.declared_charset(data[:_SNIFF])
    tried = []
    if declared:
        tried.append("gb18030" if declared in _GB else declared)
    tried.append("utf-8")
    for encoding in tried:
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError):
            continue
    decoded = decode_bytes(data, name)
    return decoded.text, decoded.encoding


def _mime_html(data: bytes, name: str) -> tuple[str, str]:
    """Return the HTML part of a page saved as one file (MHTML) and its charset."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            charset = part.get_content_charset()
            if charset:
                codec = "gb18030" if charset.lower() in _GB else charset
                try:
                    return payload.decode(codec), codecs.lookup(codec).name
                except (UnicodeDecodeError, LookupError):
                    pass
            return decode_page(payload, name)
    raise InputError(f"{name}：这个网页存档（.mhtml）里没有网页内容，未导入。")


def extract(text: str, encoding: str, name: str) -> Extracted:
    """Return the policy text of a page's HTML and its metadata table as hints."""
    try:
        tree = html_page.parse(text)
    except Exception:  # lxml's parser errors: nothing on the page could be read
        raise InputError(f"{name}：网页无法解析，未导入。") from None
    html_page.drop_furniture(tree)
    hints = html_page.metadata(tree)
    title = hints.title or html_page.page_title(tree)
    body = html_page.text_lines(html_page.article(tree))
    if sum(html_page.cjk_count(line) for line in body) < _MIN_TEXT:
        raise InputError(
            f"{name}：网页中没有找到政策正文（可能只保存了目录、导航或登录页面），未导入。"
        )
    head = _head_lines(title, hints, body)
    return Extracted("\n".join(head + body) + "\n", NAME, encoding, hints=hints)


def _head_lines(title: str | None, hints: Hints, body: list[str]) -> list[str]:
    """Return the title and 文号 lines to put before the body, unless the body has them."""
    opening = normalize_title("".join(body[:8]))
    head: list[str] = []
    if title and normalize_title(title) not in opening:
        head.append(title)
    if hints.doc_number and "".join(hints.doc_number.split()) not in opening:
        head.append(hints.doc_number)
    return head
