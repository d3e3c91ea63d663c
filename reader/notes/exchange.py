"""Export and import of notes: Markdown to read, JSON to back up and merge back losslessly.

The JSON is deterministic (sorted, no export time), so exporting, importing into an empty
store and exporting again gives the same bytes — the test of losslessness.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from reader.corpus.model import DocumentId
from reader.errors import InputError
from reader.fileio import atomic_write
from reader.notes.citation import format_citation
from reader.notes.model import (
    Anchor,
    Annotation,
    AnnotationId,
    Bookmark,
    BookmarkId,
    Colour,
    DocumentSnapshot,
    normalize_tags,
)
from reader.notes.rows import parse_time, time_text
from reader.notes.store import NotesStore
from reader.notes.tree import notes_tree
from reader.records import from_plain, to_plain

FORMAT_NAME = "policy-reader-notes"
FORMAT_VERSION = 1


def _order(note: Bookmark | Annotation) -> tuple[str, int, str, str]:
    return (note.document.doc_id, note.anchor.start, time_text(note.created), note.id)


def _anchor_json(a: Anchor) -> dict[str, Any]:
    """The anchor by field name, without ``doc_id`` (the note carries it)."""
    return {key: value for key, value in to_plain(a).items() if key != "doc_id"}


def export_json(store: NotesStore) -> str:
    """Return every document snapshot, bookmark and annotation as a JSON text."""
    bookmarks = sorted(store.bookmarks(), key=_order)
    annotations = sorted(store.annotations(), key=_order)
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "documents": [to_plain(d) for d in sorted(store.documents(), key=lambda d: d.doc_id)],
        "bookmarks": [
            {"id": b.id, "doc_id": b.document.doc_id, "anchor": _anchor_json(b.anchor),
             "label": b.label, "note": b.note, "orphan": b.orphan,
             "created": time_text(b.created), "updated": time_text(b.updated)}
            for b in bookmarks
        ],
        "annotations": [
            {"id": a.id, "doc_id": a.document.doc_id, "anchor": _anchor_json(a.anchor),
             "colour": a.colour.value, "note": a.note, "tags": list(a.tags), "orphan": a.orphan,
             "created": time_text(a.created), "updated": time_text(a.updated)}
            for a in annotations
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def import_json(store: NotesStore, text: str) -> dict[str, int]:
    """Merge an export into the store (all or nothing); returns added/updated/unchanged counts.

    Raises InputError, with what is wrong, for a file that is not a notes export.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"这不是笔记导出文件（JSON 格式有误：{error}）。") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InputError("这个 JSON 文件不是本阅读器导出的笔记。")
    version = data.get("version")
    if not isinstance(version, int):
        raise InputError("这个笔记导出文件没有格式版本。")
    if version > FORMAT_VERSION:
        raise InputError("这个笔记导出文件由更新版本的阅读器生成，请用更新版本导入。")
    try:
        documents = {d["doc_id"]: from_plain(DocumentSnapshot, d)
                     for d in data.get("documents", [])}
        bookmarks = [_bookmark(b, documents) for b in data.get("bookmarks", [])]
        annotations = [_annotation(a, documents) for a in data.get("annotations", [])]
    except (KeyError, TypeError, ValueError) as error:
        detail = f"缺少“{error.args[0]}”" if isinstance(error, KeyError) else str(error)
        raise InputError(f"笔记导出文件不完整或已损坏：{detail}。") from error
    try:
        return store.merge(documents.values(), bookmarks, annotations)
    except sqlite3.IntegrityError as error:  # e.g. negative offsets: nothing was merged
        raise InputError(f"笔记导出文件中有无效的值，没有导入任何内容（{error}）。") from error


def _text(d: dict[str, Any], key: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"“{key}”应为文本，而不是 {value!r}")
    return value


def _optional_text(d: dict[str, Any], key: str) -> str | None:
    return None if d.get(key) is None else _text(d, key)


def _texts(d: dict[str, Any], key: str) -> tuple[str, ...]:
    values = d.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"“{key}”应为文本的列表，而不是 {values!r}")
    return tuple(values)


def _offset(d: dict[str, Any], key: str) -> int:
    value = d.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"“{key}”应为整数，而不是 {value!r}")
    return value


def _anchor(doc_id: str, a: dict[str, Any]) -> Anchor:
    return Anchor(DocumentId(doc_id), _optional_text(a, "clause_address"), _text(a, "quote"),
                  _text(a, "prefix", ""), _text(a, "suffix", ""), _offset(a, "start"),
                  _offset(a, "end"))


def _bookmark(b: dict[str, Any], documents: dict[str, DocumentSnapshot]) -> Bookmark:
    doc_id = _text(b, "doc_id")
    return Bookmark(BookmarkId(_text(b, "id")), documents[doc_id], _anchor(doc_id, b["anchor"]),
                    _text(b, "label"), _text(b, "note", ""), parse_time(_text(b, "created")),
                    parse_time(_text(b, "updated")), bool(b.get("orphan", False)))


def _annotation(a: dict[str, Any], documents: dict[str, DocumentSnapshot]) -> Annotation:
    doc_id = _text(a, "doc_id")
    return Annotation(AnnotationId(_text(a, "id")), documents[doc_id],
                      _anchor(doc_id, a["anchor"]), Colour(a["colour"]), _text(a, "note", ""),
                      normalize_tags(_texts(a, "tags")), parse_time(_text(a, "created")),
                      parse_time(_text(a, "updated")), bool(a.get("orphan", False)))


def export_markdown(store: NotesStore) -> str:
    """Return the notes as Markdown: by document, then clause, with quote and note."""
    return notes_markdown([*store.bookmarks(), *store.annotations()])


def notes_markdown(notes: Iterable[Bookmark | Annotation]) -> str:
    """Return ``notes`` (one document's, a filtered list…) as ``export_markdown`` writes all.

    Every piece of text from a document or a person is written as text (``md_text``): a
    title, quote, label or note can open no heading, link, code fence or HTML tag.
    """
    lines = ["# 笔记与书签", ""]
    for doc_node in notes_tree(notes).children:
        doc = doc_node.document
        assert doc is not None
        lines += [f"## {md_line(format_citation(doc.title, doc.doc_number, None))}", ""]
        facts = [f"发文机关：{'、'.join(doc.issuers)}" if doc.issuers else "",
                 f"日期：{doc.date}" if doc.date else ""]
        if any(facts):
            lines += [md_line("　".join(f for f in facts if f)), ""]
        for group in doc_node.children:
            lines += [f"### {md_line(group.heading)}", ""]
            for note in group.notes():
                lines += _note_markdown(note)
    return "\n".join(lines).rstrip("\n") + "\n"


def _note_markdown(note: Bookmark | Annotation) -> list[str]:
    if isinstance(note, Bookmark):
        head = f"- 书签：{md_line(note.label)}"
    else:
        tags = "　" + " ".join(f"#{md_line(t)}" for t in note.tags) if note.tags else ""
        head = f"- 标注（{note.colour.label}）{tags}"
    out = [head, ""]
    out += [f"  > {md_text(line)}" for line in note.anchor.quote.splitlines() if line.strip()]
    if note.note.strip():
        out += [""] + [f"  {md_text(line)}" for line in note.note.strip().splitlines()]
    return [*out, ""]


# Characters that start Markdown constructs anywhere in a line (emphasis, links, images, code,
# tables, strike-through) and the HTML ones, which become entities.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()!|~{}])")
# What makes a line a heading, list item, quote, rule or setext underline at its start.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md_text(text: str) -> str:
    """Return one line of text written so that Markdown and HTML show exactly its characters."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def md_line(text: str) -> str:
    """``md_text`` of a one-line field (title, label, heading): its line breaks become spaces."""
    return md_text(" ".join(text.split("\n")).replace("\r", " "))


#: The exports' writer: ``reader.fileio.atomic_write`` under the name callers know.
write_atomically = atomic_write
