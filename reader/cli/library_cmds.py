"""``reader-cli import | list | show | search``: the library from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.output import print_json, progress
from reader.corpus.model import Document
from reader.errors import ReaderError
from reader.library.library import ImportReport, Library, expand_paths
from reader.paths import Paths
from reader.search.searcher import SearchFilters

if TYPE_CHECKING:
    from reader.notes.store import NotesStore


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser("import", help="add files or folders to the library")
    imp.add_argument("paths", nargs="+", type=Path, help=".txt/.md files or folders of them")
    imp.set_defaults(func=run_import)

    lst = subparsers.add_parser("list", help="list the library's documents")
    lst.add_argument("--issuer", help="only documents of this organ (any name it goes by)")
    lst.add_argument("--year", type=int, help="only documents dated in this year")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)

    show = subparsers.add_parser("show", help="print one document")
    show.add_argument("id", help="the document id (see list)")
    show.add_argument("--format", choices=("md", "text", "json"), default="text")
    show.set_defaults(func=run_show)

    search = subparsers.add_parser("search", help="full-text search of the library")
    search.add_argument("query", help='words (all must match), "a phrase", or a 文号')
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--issuer", help="only documents of this organ")
    search.add_argument("--year", type=int, help="only documents dated in this year")
    search.add_argument("--type", dest="doc_type", help="only this document type (通知, 意见…)")
    search.add_argument("--from", dest="date_from", metavar="DATE", help="dated on or after")
    search.add_argument("--to", dest="date_to", metavar="DATE", help="dated on or before")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=run_search)


def _open(paths: Paths) -> Library:
    return Library.open(paths, on_message=progress)


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    files = expand_paths(args.paths)
    if not files:
        raise ReaderError("No .txt or .md files found in the given folders.")
    library = _open(paths)
    failures = 0
    shown = {"last": ""}

    def report(message: str, done: int, total: int) -> None:
        # Stages report every document; print a line per tenth so stderr stays readable.
        if 0 < done < total and done * 10 // total == (done - 1) * 10 // total:
            return
        if message != shown["last"]:
            progress(message)
            shown["last"] = message

    notes = _NotesOnReimport(paths)
    try:
        for number, path in enumerate(files, 1):
            progress(f"[{number}/{len(files)}] {path}")
            try:
                result = library.add_file(path, report)
            except ReaderError as error:
                failures += 1
                progress(f"reader-cli: {error}")
                continue
            if result.unchanged:
                progress(f"{result.source}: already in the library, unchanged")
            for warning in result.warnings:
                progress(f"{result.source}: {warning}")
            notes.follow(library, result)
    finally:
        notes.close()
        library.close()
    if failures:
        print(f"reader-cli: {failures} of {len(files)} files were not imported", file=sys.stderr)
        return 1
    return 0


class _NotesOnReimport:
    """Keep the user's notes on the documents of files imported again.

    A re-imported file may give a document a new id (a corrected title, 文号 or date); the
    library reports it in ``ImportReport.renamed`` and the notes move to the new id, then
    every noted document of the file is re-anchored on its new text. Notes on documents that
    left the library with no successor (``ImportReport.removed``) become orphans, so the app
    lists them for the user to re-attach or delete. Each file's notes are moved as soon as
    it is imported, so an interrupted run leaves no finished file behind.
    The notes file is opened only when a file replaced an earlier import, and only if the
    user has one: importing never creates it.
    """

    def __init__(self, paths: Paths) -> None:
        self._paths = paths
        self._store: NotesStore | None = None
        self._unavailable = False

    def follow(self, library: Library, result: ImportReport) -> None:
        store = self._open() if result.replaced else None
        if store is None:
            return
        noted = {snapshot.doc_id for snapshot in store.documents()}
        for old_id, new_id in result.renamed.items():
            if old_id not in noted:
                continue
            document = library.get(new_id)
            moved = store.rekey_document(old_id, document)
            lost = f", {len(moved.orphans)} could not be placed" if moved.orphans else ""
            progress(f"{result.source}: notes of {old_id} moved to {new_id} "
                     f"《{document.title}》{lost}")
        for doc_id in dict.fromkeys((*result.added, *result.merged)):
            if doc_id in noted and doc_id not in result.renamed.values():
                placed = store.reanchor(library.get(doc_id))
                if placed.orphans:
                    progress(f"{result.source}: {len(placed.orphans)} notes of {doc_id} "
                             "could not be placed in its new text")
        lost_docs = [doc_id for doc_id in result.removed if doc_id in noted]
        orphaned = store.orphan_documents(lost_docs) if lost_docs else 0
        if orphaned:
            progress(f"{result.source}: {orphaned} notes on documents no longer in the library "
                     "are kept as unplaced notes; re-attach or delete them in the app")

    def _open(self) -> NotesStore | None:
        if self._store is None and not self._unavailable:
            if not self._paths.notes_db.exists():
                self._unavailable = True
                return None
            from reader.notes.store import NotesStore

            try:
                self._store = NotesStore.open(self._paths.notes_db)
            except ReaderError as error:
                self._unavailable = True
                progress(f"reader-cli: notes were not updated: {error}")
                return None
            if self._store.recovery is not None:
                progress(f"reader-cli: {self._store.recovery.message}")
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def run_list(args: argparse.Namespace, paths: Paths) -> int:
    library = _open(paths)
    summaries = library.documents(issuer=args.issuer, year=args.year)
    if args.json:
        print_json([summary.to_json() for summary in summaries])
        return 0
    for summary in summaries:
        meta = "  ".join(x for x in (summary.doc_number, summary.date) if x)
        print(f"{summary.id}  {summary.title}  {meta}")
    return 0


def document_json(doc: Document, library: Library) -> dict[str, Any]:
    """Return a whole document as JSON: the summary fields, every source, text, clauses."""
    out = doc.summary_json()
    out["sources"] = [
        {"file": ref.file, "start_line": ref.start_line, "end_line": ref.end_line, "page": ref.page}
        for ref in library.document_sources(doc.id)
    ]
    out["text"] = doc.text
    out["clauses"] = [
        {"address": c.address, "label": c.label, "kind": c.kind, "heading": c.heading,
         "start": c.start, "end": c.end}
        for c in doc.all_clauses()
    ]
    return out


def document_markdown(doc: Document) -> str:
    """Return the document as Markdown, with the reading pane's renderer when present."""
    try:
        from reader.corpus.render import render_markdown
    except ImportError:
        lines = [f"# {doc.title}", ""]
        for label, value in (
            ("发文机关", "、".join(doc.issuers)),
            ("文号", doc.doc_number),
            ("日期", doc.date),
            ("来源", doc.source.file),
        ):
            if value:
                lines.append(f"- {label}：{value}")
        lines.append("")
        lines.extend(p + "\n" for p in doc.text.split("\n") if p.strip())
        return "\n".join(lines)
    return render_markdown(doc)


def run_show(args: argparse.Namespace, paths: Paths) -> int:
    library = _open(paths)
    doc = library.get(args.id)
    if args.format == "json":
        print_json(document_json(doc, library))
    elif args.format == "md":
        sys.stdout.write(document_markdown(doc))
    else:
        header = [doc.title]
        header.extend(x for x in ("、".join(doc.issuers), doc.doc_number, doc.date) if x)
        sys.stdout.write("\n".join(header) + "\n\n" + doc.text + "\n")
    return 0


def run_search(args: argparse.Namespace, paths: Paths) -> int:
    if args.limit < 1:
        raise ReaderError("--limit must be at least 1.")
    library = _open(paths)
    filters = SearchFilters(
        issuer=args.issuer,
        year=args.year,
        date_from=args.date_from,
        date_to=args.date_to,
        doc_type=args.doc_type,
    )
    results = library.search(args.query, args.limit, filters)
    if args.json:
        print_json(results.to_json())
        return 0
    print(f"{results.total} documents match {json.dumps(args.query, ensure_ascii=False)}")
    for hit in results.hits:
        meta = "  ".join(x for x in (hit.doc_number, hit.date) if x)
        print(f"\n{hit.id}  {hit.title}  {meta}\n    {hit.snippet_text}")
    return 0
