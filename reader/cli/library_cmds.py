"""``reader-cli import | list | show | search``: the library from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.links_cmd import filter_by_status, links_json, links_lines, status_codes
from reader.cli.output import print_json, progress, progress_lines
from reader.corpus.model import Document, DocumentSummary
from reader.errors import ReaderError
from reader.library.import_summary import import_paths
from reader.library.importable import expand_path
from reader.library.install import bundled_is_complete
from reader.library.library import ImportReport, Library
from reader.library.listing import STORE_FILE, read_listing
from reader.library.store import DocumentStore, SourceInfo
from reader.library.versions import newest_versions
from reader.paths import Paths
from reader.search.searcher import SearchFilters

if TYPE_CHECKING:
    from reader.notes.store import NotesStore


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser("import", help="把文件或文件夹导入文档库")
    imp.add_argument("paths", nargs="+", type=Path,
                     help=".txt/.md/.pdf/.docx/.html/.htm/.mhtml 文件或存放它们的文件夹")
    imp.add_argument("--dry-run", action="store_true", help="只显示会导入什么，不改动文档库")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出导入结果")
    imp.set_defaults(func=run_import)

    lst = subparsers.add_parser("list", help="列出文档库中的文档")
    lst.add_argument("--issuer", help="只列出这个发文机关的文档（全称或简称均可）")
    lst.add_argument("--year", type=int, help="只列出这一年的文档")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出")
    lst.add_argument(
        "--all-versions", action="store_true", help="列出一部法规的所有版本，而不只是最新的"
    )
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
    search.add_argument("--status", action="append", metavar="时效性",
                        help="只搜索这种时效性的文档：现行有效、已修改、已废止、尚未施行、已失效、不详"
                             "（可重复）")
    search.add_argument("--json", action="store_true", help="以 JSON 输出")
    search.set_defaults(func=run_search)


def _open(paths: Paths) -> Library:
    return Library.open(paths, on_message=progress)


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    # Each path given is independent: one that cannot be used is reported, the others go on.
    files: list[Path] = []
    refused = 0
    for given in args.paths:
        try:
            files.extend(expand_path(given))
        except ReaderError as error:
            refused += 1
            progress(f"reader-cli: {error}")
    if not files:
        raise ReaderError("所给的路径中没有可以导入的文件，没有导入任何内容。")
    report = progress_lines()

    def starting(number: int, count: int, path: Path) -> None:
        progress(f"[{number}/{count}] {path}")

    if args.dry_run:
        summary = import_paths(
            None, files, dry_run=True, progress=report, on_file=starting, known=_known(paths)
        )
    else:
        library = _open(paths)
        notes = _NotesOnReimport(paths)
        try:
            summary = import_paths(
                library, files, progress=report, on_file=starting,
                after_file=lambda result: notes.follow(library, result),
            )
        finally:
            notes.close()
            library.close()
    if args.json:
        print_json(summary.to_json())
    else:
        print("\n".join(summary.lines()))
    failures = refused + len(summary.skipped)
    if failures:
        attempted = len(files) + refused
        rest = "，其余已导入。" if failures < attempted else "。"
        print(f"reader-cli: {attempted} 项中有 {failures} 项未能导入{rest}", file=sys.stderr)
        return 1
    return 0


def _known(paths: Paths) -> tuple[list[DocumentSummary], list[SourceInfo]]:
    """Return the library's documents and sources for a dry run, writing nothing.

    A library not created yet is compared as it would be created: the bundled one, or none.
    A store that would need a migration is not opened (opening it would write).
    """
    for directory in (paths.library_dir, paths.bundled_index_dir):
        if directory != paths.library_dir and not bundled_is_complete(directory):
            continue
        listing = read_listing(directory)
        if listing is not None:
            store = DocumentStore(directory / STORE_FILE)
            try:
                return listing.summaries, store.sources()
            finally:
                store.close()
    return [], []


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
            lost = f"，其中 {len(move.unplaced)} 条未能定位" if move.unplaced else ""
            progress(f"{result.source}：文档 {move.old_id} 的笔记已移到 {move.new_id} "
                     f"《{move.title}》{lost}")
        for placed in followed.reanchored:
            if placed.orphans:
                progress(f"{result.source}：文档 {placed.doc_id} 有 {len(placed.orphans)} 条笔记"
                         "在新文本中未能定位")
        if followed.orphaned:
            progress(f"{result.source}：{len(followed.orphaned)} 条笔记所在的文档已不在文档库中，"
                     "已作为未能定位的笔记保留；请在阅读器中重新关联或删除")

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
                progress(f"reader-cli: 笔记未更新：{error}")
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
    summaries = library.documents(year=args.year)
    if args.issuer:
        from reader.library.organ_tree import matching_issuer

        # Any alias of an organ (国家发展和改革委员会, 国家发改委) and its sub-units (办公厅).
        summaries = matching_issuer(summaries, args.issuer)
    if not args.all_versions:
        summaries = newest_versions(summaries)
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
    out["versions"] = [summary.id for summary in library.versions(doc.id)]
    out["links"] = links_json(library.links(doc.id), library)
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
        links = "\n".join(["", "—— 关联 ——", *links_lines(library.links(doc.id), library)])
        sys.stdout.write("\n".join(header) + "\n\n" + doc.text + "\n" + links + "\n")
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
    codes = status_codes(args.status)
    if codes is None:
        results = library.search(args.query, args.limit, filters)
    else:
        results = filter_by_status(library, args.query, args.limit, filters, codes)
    if args.json:
        print_json(results.to_json())
        return 0
    print(f"共 {results.total} 篇文档与 {json.dumps(args.query, ensure_ascii=False)} 匹配")
    for hit in results.hits:
        meta = "  ".join(x for x in (hit.doc_number, hit.date) if x)
        print(f"\n{hit.id}  {hit.title}  {meta}\n    {hit.snippet_text}")
    return 0
