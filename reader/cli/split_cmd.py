"""``reader-cli split FILE [--json]``: split one file without touching the library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.cli.output import print_json
from reader.corpus.model import SplitResult
from reader.paths import Paths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("split", help="把一个汇编拆分成文档（不改动文档库）")
    parser.add_argument("file", type=Path, help="汇编或单篇文档（.txt .md .pdf .docx .html）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(func=run)


def result_json(result: SplitResult) -> dict[str, Any]:
    """Return the JSON object of the command-line contract for one split file."""
    from reader.library.versions import other_versions

    summaries = [doc.summary() for doc in result.documents]
    documents = []
    for doc in result.documents:
        # The other versions of the same work printed in this file (a compilation may hold
        # two texts of one law); the library knows the versions of other files.
        out = doc.summary_json()
        out["versions"] = [summary.id for summary in other_versions(summaries, doc.id)]
        documents.append(out)
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
    from reader.corpus import split_file  # the splitter loads only for this command

    result = split_file(args.file)
    if args.json:
        print_json(result_json(result))
        return 0
    for doc in result.documents:
        meta = " ".join(x for x in (doc.doc_number, doc.date) if x)
        print(f"{doc.source.start_line:>6}-{doc.source.end_line:<6} {doc.title}  {meta}")
    if not result.documents:
        print(f"未找到文档：{result.reason}")
    return 0
