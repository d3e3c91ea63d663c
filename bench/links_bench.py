"""What links cost: the index build with and without reading mentions, and resolving them all.

``python -m bench.links_bench [--runs N]`` builds the seed library ``N`` times each way,
alternating (the same ``build_library`` that ``reader-cli build-index`` runs; "without" stores
no mentions), then resolves every link of the built library: the whole graph, every
document's status and every document's ``Library.links``. It also scores the resolver on
``tests/data/links_expected.json``. The machine is shared: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from reader.corpus.model import Document
from reader.library.bundled import build_library, seed_files
from reader.library.library import Library
from reader.library.store import DocumentStore

REPO = Path(__file__).resolve().parent.parent


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


_SPENT = [0.0]  # seconds spent storing mentions, inside the builds "with"


def _build(target: Path, with_links: bool) -> float:
    kept = DocumentStore._store_links

    def timed(self: DocumentStore, doc: Document) -> None:
        started = time.perf_counter()
        kept(self, doc)
        _SPENT[0] += time.perf_counter() - started

    DocumentStore._store_links = timed if with_links else (  # type: ignore[method-assign]
        lambda self, doc: None)
    try:
        started = time.perf_counter()
        build_library(seed_files(REPO / "seeds"), target)
        return time.perf_counter() - started
    finally:
        DocumentStore._store_links = kept  # type: ignore[method-assign]


def _resolve_all(target: Path) -> tuple[float, float, int]:
    library = Library.open_folder(target)
    try:
        started = time.perf_counter()
        graph = library.link_graph()
        graph.statuses()
        whole = time.perf_counter() - started
        ids = [s.id for s in library.documents()]
        started = time.perf_counter()
        for doc_id in ids:
            library.links(doc_id)
        each = (time.perf_counter() - started) / len(ids)
        return whole, each, len(ids)
    finally:
        library.close()


def _scores() -> str:
    from reader.corpus import split_file
    from reader.library.link_scores import load_expected, score

    documents = {}
    for path in seed_files(REPO / "seeds"):
        for doc in split_file(path).documents:
            documents.setdefault(doc.id, doc)
    found = score(load_expected(REPO / "tests" / "data" / "links_expected.json"),
                  list(documents.values()))
    return (f"{found.total} mentions, {found.in_library} with the target in the library: "
            f"recall {found.recall:.1%}, wrong {found.wrong} ({found.wrong_share:.1%}), "
            f"precision {found.precision:.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.links_bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="links-bench-"))
    try:
        print(f"load average before: {_load()}", flush=True)
        without, with_links = [], []
        for _ in range(args.runs):
            without.append(_build(work / "without", with_links=False))
            with_links.append(_build(work / "with", with_links=True))
        before, after = statistics.median(without), statistics.median(with_links)
        whole, each, count = _resolve_all(work / "with")
        inside = _SPENT[0] / args.runs
        print(f"  build-index without mentions (median of {args.runs})   {before:.2f} s "
              f"(runs: {', '.join(f'{x:.1f}' for x in without)})")
        print(f"  build-index with mentions stored                {after:.2f} s "
              f"({(after - before) / before:+.1%}; runs: {', '.join(f'{x:.1f}' for x in with_links)})")
        print(f"  of which reading and storing mentions (timed)   {inside:.2f} s "
              f"({inside / before:.1%} of the build without)")
        print(f"  resolving every link once ({count} documents)     {whole:.2f} s "
              f"({whole / before:.1%} of the build)")
        print(f"  mentions stored + every link resolved           {inside + whole:.2f} s "
              f"({(inside + whole) / before:.1%} of the build without)")
        print(f"  Library.links of one document (cached graph)    {each * 1000:.1f} ms")
        print(f"  expected links: {_scores()}")
        print(f"load average after: {_load()}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
