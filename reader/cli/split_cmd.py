"""``reader-cli split FILE [--json]``: split one file without touching the library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.cli.output import print_json, progress_lines
from reader.corpus.model import DocumentSummary, SplitResult
from reader.paths import Paths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("split", help="把一个汇编拆分成文档（不改动文档库）")
    parser.add_argument("file", type=Path, help="汇编或单篇文档（.txt .md .pdf .docx .html）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(func=run)


def result_json(result: SplitResult) -> dict[str, Any]:
    """Return the JSON object of the command-line contract for one split file."""
    from reader.library.versions import work_key

    # The other versions of the same work printed in this file (a compilation may hold two
    # texts of one law); the library knows the versions of other files. Grouped once: a
    # compilation of thousands of documents is not compared pair by pair.
    works: dict[str, list[DocumentSummary]] = {}
    keys: list[str | None] = []
    documents = []
    for doc in result.documents:  # once: a huge file's documents are read from disk
        summary = doc.summary()
        keys.append(key := work_key(summary))
        if key is not None:
            works.setdefault(key, []).append(summary)
        documents.append(doc.summary_json())
    for out, key in zip(documents, keys, strict=True):
        others = [s for s in works.get(key, []) if s.id != out["id"]] if key is not None else []
        out["versions"] = [s.id for s in sorted(others, key=lambda s: s.date or "", reverse=True)]
    return {
        "source": result.source,
        "encoding": result.encoding,
        "documents": documents,
        "front_matter": [
            {"kind": part.kind, "start_line": part.start_line, "end_line": part.end_line}
            for part in result.front_matter
        ],
        "reason": result.reason,
        "warnings": list(result.warnings),
    }


def run(args: argparse.Namespace, paths: Paths) -> int:
    from reader.corpus.formats import split_path  # the splitter loads only for this command

    result = split_path(args.file, progress_lines())  # progress on stderr, JSON on stdout
    if args.json:
        print_json(result_json(result))
        return 0
    for doc in result.documents:
        meta = " ".join(x for x in (doc.doc_number, doc.date) if x)
        print(f"{doc.source.start_line:>6}-{doc.source.end_line:<6} {doc.title}  {meta}")
    if not result.documents:
        print(f"未找到文档：{result.reason}")
    return 0
