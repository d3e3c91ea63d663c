"""Benchmarks of the library's index and search, each measured in a fresh process.

Every figure comes from a subprocess of its own (``python -m bench.search_bench MODE …``
prints one JSON object), so peak memory (``ru_maxrss`` of the process and of the workers it
waited for) belongs to that task alone, and the cold start really is cold.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "queries.txt"


def load_queries(path: Path = QUERIES) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def cpu_seconds() -> float:
    """CPU time of this process and every child it waited for: steadier than wall time on
    a machine others are using."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of every child it waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return max(own, children) / scale


def resident_mb() -> tuple[float, float] | None:
    """This process's resident memory now, split into its own (anonymous) pages and the
    pages of files it maps (the index: the system's file cache, shared, given back under
    pressure), in MB; None where /proc does not tell."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    try:
        return (int(fields["RssAnon"].split()[0]) / 1024, int(fields["RssFile"].split()[0]) / 1024)
    except (KeyError, ValueError):
        return None


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# --- modes run in a subprocess ---------------------------------------------------------------
def mode_build(seeds: str, target: str) -> dict[str, Any]:
    from bench.scale_bench import index_bytes
    from reader.library.bundled import build_library, seed_files
    from reader.library.store import DocumentStore

    cpu = cpu_seconds()
    report = build_library(seed_files(Path(seeds)), Path(target))
    cpu = cpu_seconds() - cpu
    store = DocumentStore(Path(target) / "library.sqlite3")
    text_bytes = sum(len(doc.text.encode("utf-8")) for doc in store.documents())
    store.close()
    return {
        "index_bytes": index_bytes(Path(target)),
        "lexicon_bytes": (Path(target) / "search" / "lexicon.marshal").stat().st_size,
        "text_bytes": text_bytes,
        "cpu_seconds": cpu,
        "seconds": report.total_seconds,
        "split_seconds": report.split_seconds,
        "index_seconds": report.index_seconds,
        "documents": report.documents,
        "peak_mb": peak_rss_mb(),
        "load": os.getloadavg()[0],
    }


def mode_jieba(library: str) -> dict[str, Any]:
    """jieba alone: import, load the dictionary, segment every stored document's text."""
    from reader.library.store import DocumentStore

    store = DocumentStore(Path(library) / "library.sqlite3")
    texts = [doc.text for doc in store.documents()]
    started, cpu = time.perf_counter(), cpu_seconds()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    tokens = sum(len(jieba.lcut(text)) for text in texts)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": cpu_seconds() - cpu,
        "characters": sum(map(len, texts)),
        "tokens": tokens,
    }


def mode_search(library: str, repeat: str) -> dict[str, Any]:
    from reader.library.library import Library

    lib = Library.open_folder(Path(library))
    queries = load_queries()
    lib.warm_up()
    for query in queries:  # first pass: fill OS and Whoosh caches
        lib.search(query, 20)
    medians: list[float] = []
    cpu_medians: list[float] = []
    totals: list[int] = []
    for query in queries:
        runs, cpu_runs = [], []
        for _ in range(int(repeat)):
            started, cpu = time.perf_counter(), time.process_time()
            results = lib.search(query, 20)
            runs.append(time.perf_counter() - started)
            cpu_runs.append(time.process_time() - cpu)
        medians.append(statistics.median(runs))
        cpu_medians.append(statistics.median(cpu_runs))
        totals.append(results.total)
    return {
        "queries": len(queries),
        "p50_ms": 1000 * percentile(medians, 0.5),
        "p95_ms": 1000 * percentile(medians, 0.95),
        "max_ms": 1000 * max(medians),
        "cpu_p50_ms": 1000 * percentile(cpu_medians, 0.5),
        "cpu_p95_ms": 1000 * percentile(cpu_medians, 0.95),
        "load": os.getloadavg()[0],
        "no_hits": sum(1 for total in totals if total == 0),
        "documents": len(lib.documents()),
        "peak_mb": peak_rss_mb(),
    }


def mode_cold(library: str, query: str) -> dict[str, Any]:
    from reader.library.library import Library

    results = Library.open_folder(Path(library)).search(query, 20)
    return {"finished_at": time.time(), "total": results.total}


def mode_known_items(library: str) -> dict[str, Any]:
    """Known-item search: 文号 in three forms → first; 10 characters of a title → top 3."""
    import re

    from reader.library.library import Library
    from reader.search.analysis import Segmenter

    lib = Library.open_folder(Path(library))
    summaries = lib.documents()
    number_checks = number_hits = strict_hits = 0
    misses: list[str] = []
    for summary in summaries:
        number = summary.doc_number
        if not number:
            continue
        match = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", number)
        forms = [number]
        if match:
            code, year, serial = match.groups()
            forms += [f"{code}[{year}]{serial}号", f"{code} {year} {serial}"]
        for typed in forms:
            number_checks += 1
            hits = lib.search(typed, 5).hits
            # Documents sharing a 文号 (an order and the regulation it issues, one document
            # printed under two titles) tie; any of them first counts as found.
            leading = [h.id for h in hits if h.doc_number == number]
            if hits and hits[0].doc_number == number and summary.id in leading:
                number_hits += 1
                strict_hits += hits[0].id == summary.id
            else:
                misses.append(typed)
    segmenter = Segmenter(lexicon=lambda: _lexicon(library))
    words_checks = words_hits = chars_checks = chars_hits = 0
    for summary in summaries:
        title = summary.title
        if len(title) < 12:
            continue
        words = segmenter.words(title)
        start = len(words) // 3
        run = ""
        for word in words[start:]:
            run += word
            if len(run) >= 10:
                break
        words_checks += 1
        if summary.id in [h.id for h in lib.search(run, 3).hits]:
            words_hits += 1
        offset = len(title) // 4
        chars_checks += 1
        if summary.id in [h.id for h in lib.search(title[offset : offset + 10], 3).hits]:
            chars_hits += 1
    return {
        "doc_number_checks": number_checks,
        "doc_number_first_pct": 100.0 * number_hits / max(1, number_checks),
        "doc_number_strict_pct": 100.0 * strict_hits / max(1, number_checks),
        "doc_number_misses": misses[:10],
        "title_words_checks": words_checks,
        "title_words_top3_pct": 100.0 * words_hits / max(1, words_checks),
        "title_chars_checks": chars_checks,
        "title_chars_top3_pct": 100.0 * chars_hits / max(1, chars_checks),
    }


def _lexicon(library: str) -> Any:
    from reader.search.indexing import load_lexicon

    return load_lexicon(Path(library) / "search")


def mode_synthetic(source: str, target: str, copies: str) -> dict[str, Any]:
    """Build a library of every document ``copies`` times (ids and titles altered)."""
    from dataclasses import replace

    from reader.corpus.model import DocumentId
    from reader.library.bundled import build_from_store
    from reader.library.store import DocumentStore, SourceInfo

    started = time.perf_counter()
    src = DocumentStore(Path(source) / "library.sqlite3")
    docs = list(src.documents())
    target_dir = Path(target)
    target_dir.mkdir(parents=True)
    store = DocumentStore(target_dir / "library.sqlite3")
    with store.transaction():
        for copy in range(int(copies)):
            name = f"copy{copy}.txt"
            store.add_source(SourceInfo(name, name, f"{copy}", "utf-8", "", 0))
            for doc in docs:
                altered = doc if copy == 0 else replace(
                    doc, id=DocumentId(f"{doc.id}-{copy}"), title=f"{doc.title}（{copy}）"
                )
                store.add_document(altered, name)
    build_from_store(store, target_dir)
    return {"seconds": time.perf_counter() - started, "documents": store.count()}


MODES = {
    "build": mode_build,
    "jieba": mode_jieba,
    "search": mode_search,
    "cold": mode_cold,
    "known": mode_known_items,
    "synthetic": mode_synthetic,
}


def run_mode(mode: str, *args: str) -> dict[str, Any]:
    """Run one mode of this module in a fresh interpreter and return its JSON answer."""
    return run_module_mode("bench.search_bench", mode, *args)


def run_module_mode(module: str, mode: str, *args: str) -> dict[str, Any]:
    """Run ``python -m module mode args…`` in a fresh interpreter; return its JSON answer."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", module, mode, *args],
        capture_output=True, text=True, cwd=REPO, env=env, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench mode {mode} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    print(json.dumps(MODES[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))
