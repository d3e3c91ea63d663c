"""The search at the scale of a province's corpus: synthetic libraries of N× the seeds.

``python -m bench.scale_bench [--copies 10 50] [--repeat 5] [--imports 12] [--rebuild]``

Each copy of the seed library's documents gets its own id, title and 文号 (nothing is
deduplicated: the library really holds N× the documents). For each size it prints the build
time, index size against the source text, search p50/p95 per query kind (words, two words,
文号, title runs, phrases), the searching process's peak memory and a cold search from process
start; with ``tantivy`` installed (the ``bench`` extra) the same queries over the same
documents and tokens through tantivy, as ratios. An import bench adds files one at a time to
a copy of the smallest library and reports the longest wait between two progress reports.

Built libraries are kept in ``bench/out/`` (or ``--out DIR``) with a stamp of the indexing
code, so a rerun builds again only when that code changed (or with ``--rebuild``); with
``--reuse`` a kept library is searched even then, so that changes to the search side are
measured again and again on one library. Each kind prints the CPU time of the searching
process beside the wall time: on a shared machine the first moves much less.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.search_bench import (
    QUERIES,
    REPO,
    cpu_seconds,
    peak_rss_mb,
    percentile,
    resident_mb,
    run_module_mode,
)

OUT = REPO / "bench" / "out"
SEED_LIBRARY = REPO / "index"
#: The code whose change makes a cached synthetic library stale.
_BUILD_CODE = (
    "reader/search/analysis.py",
    "reader/search/indexing.py",
    "reader/search/schema.py",
    "reader/search/postings.py",
    "reader/search/bulk.py",
    "reader/search/folding.py",
    "reader/search/vocabulary.py",
    "reader/search/terms.py",
    "reader/library/bundled.py",
    "reader/library/search_index.py",
    "bench/scale_bench.py",
)
KINDS = ("words", "two words", "文号", "title runs", "phrases")
_SECTIONS = {"Words": "words", "Organ names": "words", "Several words": "two words",
             "Phrases": "phrases", "文号": "文号", "Title fragments": "title runs"}
_TRAILING_NUMBER = re.compile(r"(\d+)(号?)$")


def code_stamp() -> str:
    digest = hashlib.sha1()
    for name in _BUILD_CODE:
        digest.update((REPO / name).read_bytes())
    return digest.hexdigest()[:16]


# --- the synthetic library ------------------------------------------------------------------
def altered(doc: Any, copy: int) -> Any:
    """Return copy ``copy`` of ``doc``: its own id, title and 文号, in the text too."""
    from reader.corpus.model import DocumentId

    if copy == 0:
        return doc
    title = f"{doc.title}（第{copy}辑）"
    text = doc.text.replace(doc.title, title, 1)
    number = doc.doc_number
    if number:
        number = _TRAILING_NUMBER.sub(lambda m: f"{int(m[1]) + 1000 * copy}{m[2]}", number)
        text = text.replace(doc.doc_number, number)
    return replace(doc, id=DocumentId(f"{doc.id}-{copy}"), title=title, doc_number=number,
                   text=text)


def mode_build(target: str, copies: str) -> dict[str, Any]:
    """Build a library of the seed library's documents ``copies`` times over."""
    from reader.library.bundled import build_from_store
    from reader.library.store import DocumentStore

    src = DocumentStore(SEED_LIBRARY / "library.sqlite3")
    docs = list(src.documents())
    sources = {doc.id: src.source_names(doc.id) for doc in docs}
    target_dir = Path(target)
    target_dir.mkdir(parents=True)
    store = DocumentStore(target_dir / "library.sqlite3")
    text_bytes = 0
    with store.transaction():
        for copy in range(int(copies)):
            for info in src.sources():
                store.add_source(replace(info, name=f"{copy}-{info.name}"))
            for doc in docs:
                item = altered(doc, copy)
                text_bytes += len(item.text.encode("utf-8"))
                for name in sources[doc.id]:
                    store.add_document(item, f"{copy}-{name}")
    started, cpu = time.perf_counter(), cpu_seconds()
    build_from_store(store, target_dir)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": cpu_seconds() - cpu,
        "documents": store.count(),
        "text_bytes": text_bytes,
        "peak_mb": peak_rss_mb(),
    }


def index_bytes(library: Path) -> int:
    search = library / "search"
    return sum(p.stat().st_size for p in search.iterdir() if p.suffix != ".marshal")


def segment_count(library: Path) -> int:
    return len({p.name.split(".")[0] for p in (library / "search").glob("*.trm")})


# --- the queries ----------------------------------------------------------------------------
def query_sets(library: Path) -> dict[str, list[str]]:
    """Return the queries of each kind: bench/queries.txt plus 文号 and titles sampled from
    ``library`` (every copy's own), the same for every run over the same library."""
    from reader.library.store import DocumentStore
    from reader.search.analysis import Segmenter
    from reader.search.indexing import load_lexicon

    sets: dict[str, list[str]] = {kind: [] for kind in KINDS}
    kind = "words"
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ").strip()
            kind = next((k for name, k in _SECTIONS.items() if heading.startswith(name)), kind)
        elif line.strip():
            sets[kind].append(line.strip())
    summaries = sorted(DocumentStore(library / "library.sqlite3").all_summaries(),
                       key=lambda s: s.id)
    step = max(1, len(summaries) // 40)
    sample = summaries[::step][:40]
    segmenter = Segmenter(lexicon=load_lexicon(library / "search"))
    for summary in sample:
        match = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", summary.doc_number or "")
        if match and len(sets["文号"]) < 40:
            code, year, serial = match.groups()
            sets["文号"] += [summary.doc_number or "", f"{code}[{year}]{serial}号",
                            f"{code} {year} {serial}"]
        title = summary.title
        if len(title) >= 12:
            words = segmenter.words(title)
            run = ""
            for word in words[len(words) // 3 :]:
                run += word
                if len(run) >= 10:
                    break
            offset = len(title) // 4
            sets["title runs"] += [run, title[offset : offset + 10]]
    return sets


def _timed(search: Any, queries: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Return each query's median wall time and median CPU time of the process (seconds).

    The CPU time moves much less than the wall time when other work shares the cores."""
    for query in queries:  # first pass: fill the OS and the searcher's caches
        search(query)
    walls, cpus = [], []
    for query in queries:
        runs, used = [], []
        for _ in range(repeat):
            started, cpu = time.perf_counter(), time.process_time()
            search(query)
            runs.append(time.perf_counter() - started)
            used.append(time.process_time() - cpu)
        walls.append(statistics.median(runs))
        cpus.append(statistics.median(used))
    return walls, cpus


def _timed_pair(
    searches: tuple[Any, Any], queries: list[str], repeat: int
) -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    """:func:`_timed` for two engines in one process, their runs alternating query by query
    and run by run: the speed of a shared machine drifts by tens of percent within minutes,
    and alternating makes the drift fall on both alike, so their ratio holds."""
    for query in queries:
        for search in searches:
            search(query)
    timings: tuple[tuple[list[float], list[float]], ...] = (([], []), ([], []))
    for query in queries:
        runs: tuple[tuple[list[float], list[float]], ...] = (([], []), ([], []))
        for _ in range(repeat):
            for search, (walls, cpus) in zip(searches, runs, strict=True):
                started, cpu = time.perf_counter(), time.process_time()
                search(query)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
        for (walls, cpus), (wall_medians, cpu_medians) in zip(runs, timings, strict=True):
            wall_medians.append(statistics.median(walls))
            cpu_medians.append(statistics.median(cpus))
    return timings[0], timings[1]


def _summary(timings: tuple[list[float], list[float]]) -> dict[str, float]:
    medians, cpus = timings
    return {
        "p50_ms": 1000 * percentile(medians, 0.5),
        "p95_ms": 1000 * percentile(medians, 0.95),
        "max_ms": 1000 * max(medians),
        "cpu_p50_ms": 1000 * percentile(cpus, 0.5),
        "cpu_p95_ms": 1000 * percentile(cpus, 0.95),
        "n": len(medians),
    }


def mode_search(library: str, repeat: str) -> dict[str, Any]:
    from reader.library.library import Library

    lib = Library.open_folder(Path(library))
    lib.warm_up()
    sets = query_sets(Path(library))
    kinds = {kind: _summary(_timed(lambda q: lib.search(q, 20), queries, int(repeat)))
             for kind, queries in sets.items()}
    return {"kinds": kinds, "peak_mb": peak_rss_mb(), "resident_mb": resident_mb(),
            "load": os.getloadavg()[0]}


def mode_cold(library: str, query: str) -> dict[str, Any]:
    """Open the library and search once, from process start (the parent times it)."""
    started = time.perf_counter()
    from reader.library.library import Library

    lib = Library.open_folder(Path(library))
    opened = time.perf_counter()
    results = lib.search(query, 20)
    return {
        "finished_at": time.time(),
        "open_s": opened - started,
        "search_s": time.perf_counter() - opened,
        "total": results.total,
        "peak_mb": peak_rss_mb(),
    }


def mode_import(library: str, files: str) -> dict[str, Any]:
    """Import ``files`` synthetic files one by one; time each and the longest silence."""
    from reader.corpus.model import SplitResult
    from reader.library.library import Library
    from reader.library.store import DocumentStore

    lib = Library.open_folder(Path(library))
    src = DocumentStore(SEED_LIBRARY / "library.sqlite3")
    groups = [[doc for doc in src.documents() if info.name in src.source_names(doc.id)]
              for info in src.sources()]
    seconds: list[float] = []
    worst_gap = 0.0
    last = [time.perf_counter()]

    def progress(message: str, done: int, total: int) -> None:
        nonlocal worst_gap
        now = time.perf_counter()
        worst_gap = max(worst_gap, now - last[0])
        last[0] = now

    for number in range(int(files)):
        docs = groups[number % len(groups)]
        copy = 1000 + number
        result = SplitResult(f"import{number}.txt", "utf-8",
                             tuple(altered(doc, copy) for doc in docs))
        started = last[0] = time.perf_counter()
        lib.add_result(result, f"import{number}.txt", f"sha{number}", progress=progress)
        ended = time.perf_counter()
        worst_gap = max(worst_gap, ended - last[0])
        seconds.append(ended - started)
    return {
        "files": len(seconds),
        "median_s": statistics.median(seconds),
        "max_s": max(seconds),
        "total_s": sum(seconds),
        "worst_gap_s": worst_gap,
        "segments": segment_count(Path(library)),
        "index_bytes": index_bytes(Path(library)),
    }


MODES = {
    "build": mode_build,
    "search": mode_search,
    "cold": mode_cold,
    "import": mode_import,
}


# --- the driver -----------------------------------------------------------------------------
def _line(label: str, value: str) -> None:
    print(f"  {label:<40} {value}", flush=True)


def ensure_library(copies: int, rebuild: bool, out: Path = OUT,
                   reuse: bool = False) -> tuple[Path, dict[str, Any]]:
    """Return the ``copies``× library, built now unless an up-to-date one is cached.

    With ``reuse`` a cached library is searched even when the indexing code changed since it
    was built: the search side can then be measured again and again on the same library."""
    target = out / f"scale-x{copies}"
    stamp = target / "bench-stamp.json"
    if not rebuild and stamp.is_file():
        record: dict[str, Any] = json.loads(stamp.read_text(encoding="utf-8"))
        if reuse or record.get("code") == code_stamp():
            return target, {**record, "cached": True}
    shutil.rmtree(target, ignore_errors=True)
    record = run_module_mode("bench.scale_bench", "build", str(target), str(copies))
    record["code"] = code_stamp()
    stamp.write_text(json.dumps(record), encoding="utf-8")
    return target, {**record, "cached": False}


def _load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def report(copies: int, args: argparse.Namespace) -> None:
    library, build = ensure_library(copies, args.rebuild, args.out, args.reuse)
    size = index_bytes(library)
    print(f"\n{copies}× library: {build['documents']:,} documents ({_load()})", flush=True)
    cached = " (cached)" if build["cached"] else ""
    _line("build (segment + Whoosh, all cores)", f"{build['seconds']:.1f} s, CPU "
          f"{build['cpu_seconds']:.1f} s, peak {build['peak_mb']:.0f} MB{cached}")
    _line("index size / source text", f"{size / 1e6:.0f} MB / {build['text_bytes'] / 1e6:.0f} MB"
          f" = {size / build['text_bytes']:.2f}×, {segment_count(library)} segment(s)")
    ours = run_module_mode("bench.scale_bench", "search", str(library), str(args.repeat))
    anchor = None
    if not args.no_tantivy:
        try:
            import tantivy  # noqa: F401
        except ImportError:
            print("  (tantivy not installed: pip install -e '.[bench]' for the anchor)")
        else:
            anchor = run_module_mode("bench.tantivy_anchor", "all", str(library),
                                     str(args.out / f"tantivy-x{copies}"), str(args.repeat))
    print(f"  search, top 20 with snippets, median of {args.repeat}: p50 / p95 / max ms, "
          "CPU p50 / p95 ms", flush=True)
    for kind in KINDS:
        mine = ours["kinds"][kind]
        _line(f"  {kind} ({mine['n']} queries)",
              f"{mine['p50_ms']:6.1f} / {mine['p95_ms']:6.1f} / {mine['max_ms']:6.1f}, "
              f"CPU {mine['cpu_p50_ms']:5.1f} / {mine['cpu_p95_ms']:5.1f}")
    if anchor:
        print("  beside tantivy + jieba in one process, runs alternating: ours p95 / tantivy "
              "p95 ms, ratio; CPU p95 ratio", flush=True)
        for kind in KINDS:
            mine, theirs = anchor["ours"][kind], anchor["kinds"][kind]
            _line(f"  {kind}", f"{mine['p95_ms']:6.1f} / {theirs['p95_ms']:6.1f}, "
                  f"{mine['p95_ms'] / max(theirs['p95_ms'], 1e-3):.2f}×; CPU "
                  f"{mine['cpu_p95_ms'] / max(theirs['cpu_p95_ms'], 1e-3):.2f}×")
    _line("searching process peak RSS", f"{ours['peak_mb']:.0f} MB (load {ours['load']:.1f})")
    if ours.get("resident_mb"):
        own, mapped = ours["resident_mb"]
        _line("  of it at the end", f"{own:.0f} MB its own, {mapped:.0f} MB of mapped files "
              "(the index, in the system's file cache)")
    if anchor:
        _line("tantivy build / index size", f"{anchor['build_s']:.1f} s / "
              f"{anchor['index_bytes'] / build['text_bytes']:.2f}× the text")
    colds = []
    for _ in range(args.cold_runs):
        started = time.time()
        cold = run_module_mode("bench.scale_bench", "cold", str(library), "碳达峰 碳中和")
        colds.append((cold["finished_at"] - started, cold))
    wall, cold = sorted(colds, key=lambda pair: pair[0])[len(colds) // 2]
    _line("cold: process start → first results", f"{wall:.2f} s (open {cold['open_s']:.2f} s, "
          f"search {cold['search_s']:.2f} s), peak {cold['peak_mb']:.0f} MB")


def import_report(copies: int, files: int, out: Path = OUT, reuse: bool = False) -> None:
    library, _ = ensure_library(copies, False, out, reuse)
    work = out / f"scale-import-x{copies}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(library, work)
    try:
        result = run_module_mode("bench.scale_bench", "import", str(work), str(files))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nImport of {files} files one by one into the {copies}× library ({_load()})")
    _line("per file: median / max", f"{result['median_s']:.1f} / {result['max_s']:.1f} s "
          f"(total {result['total_s']:.0f} s)")
    _line("longest wait between progress reports", f"{result['worst_gap_s']:.1f} s")
    _line("segments afterwards", str(result["segments"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_bench", description=__doc__)
    parser.add_argument("--copies", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--imports", type=int, default=12, help="files for the import bench")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="search a cached library even if the indexing code changed")
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="where the synthetic libraries are kept (default bench/out)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"Scale bench on {os.cpu_count()} cores ({_load()})", flush=True)
    for copies in args.copies:
        report(copies, args)
    if args.imports:
        import_report(min(args.copies), args.imports, args.out, args.reuse)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in MODES:
        print(json.dumps(MODES[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))
    else:
        sys.exit(main())
