"""``reader-cli import | list | show | search | build-index``: the library from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.output import print_json, progress
from reader.corpus.model import Document
from reader.errors import ReaderError
from reader.library.bundled import build_library, seed_files
from reader.library.importable import expand_path
from reader.library.library import ImportReport, Library
from reader.paths import Paths
from reader.search.searcher import SearchFilters

if TYPE_CHECKING:
    from reader.notes.store import NotesStore


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser("import", help="把文件或文件夹导入文档库")
    imp.add_argument("paths", nargs="+", type=Path, help=".txt/.md 文件或存放它们的文件夹")
    imp.set_defaults(func=run_import)

    lst = subparsers.add_parser("list", help="列出文档库中的文档")
    lst.add_argument("--issuer", help="只列出这个发文机关的文档（全称或简称均可）")
    lst.add_argument("--year", type=int, help="只列出这一年的文档")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出")
    lst.set_defaults(func=run_list)

    show = subparsers.add_parser("show", help="输出一篇文档")
    show.add_argument("id", help="文档编号（见 list）")
    show.add_argument("--format", choices=("md", "text", "json"), default="text",
                      help="输出格式（默认 text）")
    show.set_defaults(func=run_show)

    search = subparsers.add_parser("search", help="全文搜索文档库")
    search.add_argument("query", help='词语（须全部匹配）、"短语"或文号')
    search.add_argument("--limit", type=int, default=20, help="最多显示多少条结果（默认 20）")
    search.add_argument("--issuer", help="只搜索这个发文机关的文档")
    search.add_argument("--year", type=int, help="只搜索这一年的文档")
    search.add_argument("--type", dest="doc_type", help="只搜索这一文种（通知、意见…）")
    search.add_argument("--from", dest="date_from", metavar="DATE", help="成文日期不早于")
    search.add_argument("--to", dest="date_to", metavar="DATE", help="成文日期不晚于")
    search.add_argument("--json", action="store_true", help="以 JSON 输出")
    search.set_defaults(func=run_search)

    build = subparsers.add_parser("build-index", help="根据 seeds/ 重建 index/")
    build.add_argument("--workers", type=int, help="使用的进程数（默认每个处理器核心一个）")
    build.set_defaults(func=run_build_index)


def _open(paths: Paths) -> Library:
    return Library.open(paths, on_message=progress)


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    # Each path given is independent: one that cannot be used is reported, the others go on.
    files: list[Path] = []
    failures = 0
    for given in args.paths:
        try:
            files.extend(expand_path(given))
        except ReaderError as error:
            failures += 1
            progress(f"reader-cli: {error}")
    refused = failures
    if not files:
        raise ReaderError("所给的路径中没有可以导入的文件，没有导入任何内容。")
    library = _open(paths)
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
                progress(f"{result.source}：已在文档库中，未作改动")
            for warning in result.warnings:
                progress(f"{result.source}: {warning}")
            notes.follow(library, result)
    finally:
        notes.close()
        library.close()
    if failures:
        attempted = len(files) + refused
        rest = "，其余已导入。" if failures < attempted else "。"
        print(f"reader-cli: {attempted} 项中有 {failures} 项未能导入{rest}", file=sys.stderr)
        return 1
    return 0


class _NotesOnReimport:
    """Keep the user's notes on the documents of files imported again.

    ``reader.notes.follow_import`` does it (the window follows imports the same way): notes
    of renamed documents move to the new id, every other noted document of the file is
    re-anchored on its new text, notes on documents that left the library become orphans.
    Each file's notes follow as soon as it is imported, so an interrupted run leaves no
    finished file behind.
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
        from reader.notes.follow import follow_import

        followed = follow_import(store, result, library.get)
        for move in followed.moved:
            lost = f", {len(move.unplaced)} could not be placed" if move.unplaced else ""
            progress(f"{result.source}: notes of {move.old_id} moved to {move.new_id} "
                     f"《{move.title}》{lost}")
        for placed in followed.reanchored:
            if placed.orphans:
                progress(f"{result.source}: {len(placed.orphans)} notes of {placed.doc_id} "
                         "could not be placed in its new text")
        if followed.orphaned:
            progress(f"{result.source}: {len(followed.orphaned)} notes on documents no longer "
                     "in the library are kept as unplaced notes; re-attach or delete them in "
                     "the app")

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
        raise ReaderError("--limit 至少为 1。")
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
    print(f"共 {results.total} 篇文档与 {json.dumps(args.query, ensure_ascii=False)} 匹配")
    for hit in results.hits:
        meta = "  ".join(x for x in (hit.doc_number, hit.date) if x)
        print(f"\n{hit.id}  {hit.title}  {meta}\n    {hit.snippet_text}")
    return 0


def run_build_index(args: argparse.Namespace, paths: Paths) -> int:
    files = seed_files(paths.seeds_dir)
    report = build_library(files, paths.bundled_index_dir, progress, args.workers)
    progress(
        f"拆分 {report.split_seconds:.1f} 秒，建立索引 {report.index_seconds:.1f} 秒，"
        f"共 {report.total_seconds:.1f} 秒"
    )
    return 0
