"""``reader-cli notes export|import`` and ``reader-cli bookmarks list``: notes without the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.output import print_json, progress
from reader.errors import InputError
from reader.fileio import atomic_write
from reader.notes.citation import clause_text
from reader.notes.exchange import export_json, export_markdown, import_json
from reader.notes.store import NotesStore
from reader.paths import Paths


def register(subparsers: Any) -> None:
    notes = subparsers.add_parser("notes", help="export or import bookmarks and annotations")
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write all notes as Markdown or JSON")
    export.add_argument("--format", choices=("md", "json"), default="md",
                        help="md to read, json to back up and import again (default: md)")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="write to FILE (replaced atomically) instead of stdout")
    export.set_defaults(func=run_export)
    imp = actions.add_parser("import", help="merge a JSON export into your notes")
    imp.add_argument("file", type=Path, help="a file written by `notes export --format json`")
    imp.set_defaults(func=run_import)

    bookmarks = subparsers.add_parser("bookmarks", help="list bookmarks")
    bm_actions = bookmarks.add_subparsers(dest="bookmarks_command", metavar="ACTION",
                                          required=True)
    listing = bm_actions.add_parser("list", help="list every bookmark")
    listing.add_argument("--json", action="store_true", help="print the result as JSON")
    listing.set_defaults(func=run_bookmarks_list)


def _open(paths: Paths) -> NotesStore:
    store = NotesStore.for_paths(paths)
    if store.recovery is not None:
        progress(f"reader-cli: {store.recovery.message}")
    return store


def run_export(args: argparse.Namespace, paths: Paths) -> int:
    with _open(paths) as store:
        text = export_json(store) if args.format == "json" else export_markdown(store)
    if args.out is None:
        sys.stdout.write(text)
    else:
        atomic_write(args.out, text)
        progress(f"Notes written to {args.out}")
    return 0


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"Cannot read {args.file}: {error}") from error
    with _open(paths) as store:
        counts = import_json(store, text)
    print(f"Imported {args.file}: {counts['added']} added, {counts['updated']} updated, "
          f"{counts['unchanged']} already present.")
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
        print("No bookmarks yet.")
    return 0
