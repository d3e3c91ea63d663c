"""``reader-cli notes export|import`` and ``reader-cli bookmarks list``: notes without the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.output import print_json, progress
from reader.errors import DataError, InputError, ReaderError
from reader.fileio import atomic_write, os_error_message
from reader.notes.citation import clause_text
from reader.notes.exchange import export_json, export_markdown, import_json
from reader.notes.store import NotesStore
from reader.paths import Paths


def register(subparsers: Any) -> None:
    notes = subparsers.add_parser("notes", help="导出或导入书签和标注")
    actions = notes.add_subparsers(dest="notes_command", metavar="操作", required=True)
    export = actions.add_parser("export", help="把全部笔记导出为 Markdown 或 JSON")
    export.add_argument("--format", choices=("md", "json"), default="md",
                        help="md 便于阅读，json 用于备份和再次导入（默认 md）")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="写入 FILE（整体替换，不会只写一半），而不是输出到标准输出")
    export.set_defaults(func=run_export)
    imp = actions.add_parser("import", help="把 JSON 导出文件合并到你的笔记中")
    imp.add_argument("file", type=Path, help="由 `notes export --format json` 写出的文件")
    imp.set_defaults(func=run_import)

    bookmarks = subparsers.add_parser("bookmarks", help="列出书签")
    bm_actions = bookmarks.add_subparsers(dest="bookmarks_command", metavar="操作",
                                          required=True)
    listing = bm_actions.add_parser("list", help="列出全部书签")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(func=run_bookmarks_list)


def _open(paths: Paths) -> NotesStore:
    store = NotesStore.for_paths(paths)
    if store.recovery is not None:
        progress(f"reader-cli: {store.recovery.message}")
    return store


def run_export(args: argparse.Namespace, paths: Paths) -> int:
    store = NotesStore.for_paths(paths)
    with store:
        if store.recovery is not None:
            # The notes are in the file set aside, not in the fresh one: an empty export
            # would look like a backup of nothing.
            raise DataError(f"{store.recovery.message}没有导出任何内容：原来的笔记在保留下来的"
                            f"文件 {store.recovery.kept_at} 中，新的笔记数据库是空的。")
        text = export_json(store) if args.format == "json" else export_markdown(store)
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            atomic_write(args.out, text)
        except OSError as error:
            raise ReaderError(
                os_error_message(error, f"无法写入 {args.out}", "原有文件未改动")
            ) from error
        progress(f"笔记已写入 {args.out}")
    return 0


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"无法读取 {args.file}（{error}）。") from error
    with _open(paths) as store:
        counts = import_json(store, text)
    print(f"已导入 {args.file}：新增 {counts['added']} 条，更新 {counts['updated']} 条，"
          f"{counts['unchanged']} 条已存在。")
    return 0


def run_bookmarks_list(args: argparse.Namespace, paths: Paths) -> int:
    with _open(paths) as store:
        bookmarks = store.bookmarks()
    if args.json:
        print_json([
            {"id": b.id, "doc_id": b.document.doc_id, "title": b.document.title,
             "doc_number": b.document.doc_number, "clause_address": b.anchor.clause_address,
             "label": b.label, "note": b.note, "quote": b.anchor.quote, "orphan": b.orphan,
             "start": b.anchor.start, "end": b.anchor.end,
             "created": b.created.isoformat(), "updated": b.updated.isoformat()}
            for b in bookmarks
        ])
        return 0
    for b in bookmarks:
        where = clause_text(b.anchor.clause_address)
        flag = "  (未能定位)" if b.orphan else ""
        print(f"{b.created:%Y-%m-%d}  {b.document.title}  {where}  {b.label}{flag}")
    if not bookmarks:
        print("还没有书签。")
    return 0
