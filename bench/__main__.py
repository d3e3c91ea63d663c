"""Run the benchmarks: ``python -m bench [--runs N] [--copies N] [--keep]``."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

from bench.search_bench import REPO, load_queries, run_mode

OUT = REPO / "bench" / "out"


def _line(label: str, value: str) -> None:
    print(f"  {label:<44} {value}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    seeds, seed_lib, big_lib = REPO / "seeds", OUT / "seed-library", OUT / f"x{args.copies}-library"

    print(f"Index build ({args.runs} runs, median)", flush=True)
    builds, jieba_runs = [], []
    # Builds and jieba alternate: a shared machine's speed drifts within minutes, and the
    # ratio is only fair when both meet the same drift.
    for _ in range(args.runs):
        if not (args.keep and seed_lib.exists()):
            builds.append(run_mode("build", str(seeds), str(seed_lib)))
        jieba_runs.append(run_mode("jieba", str(seed_lib)))
    jieba_s = statistics.median(r["seconds"] for r in jieba_runs)
    jieba_cpu = statistics.median(r["cpu_seconds"] for r in jieba_runs)
    _line("jieba alone (import+dictionary+lcut)", f"{jieba_s:.2f} s "
          f"({jieba_runs[0]['characters']:,} characters)")
    if builds:
        total = statistics.median(b["seconds"] for b in builds)
        index = statistics.median(b["index_seconds"] for b in builds)
        split = statistics.median(b["split_seconds"] for b in builds)
        _line("build: split + index, total", f"{total:.2f} s  = {total / jieba_s:.2f}× jieba")
        cpu = statistics.median(b["cpu_seconds"] for b in builds)
        _line("build CPU time, all processes", f"{cpu:.2f} s  = {cpu / jieba_cpu:.2f}× jieba's "
              f"{jieba_cpu:.2f} s")
        _line("  of which splitting", f"{split:.2f} s")
        _line("  of which indexing (segment + Whoosh)", f"{index:.2f} s  = "
              f"{index / jieba_s:.2f}× jieba")
        _line("build peak RSS (largest process)", f"{max(b['peak_mb'] for b in builds):.0f} MB")
        last = builds[-1]
        _line("index / source text (lexicon beside it)",
              f"{last['index_bytes'] / 1e6:.1f} MB / {last['text_bytes'] / 1e6:.1f} MB = "
              f"{last['index_bytes'] / last['text_bytes']:.2f}× "
              f"(+ {last['lexicon_bytes'] / 1e6:.1f} MB)")
        _line("load average before / after the builds",
              f"{builds[0]['load']:.1f} / {builds[-1]['load']:.1f} on {os.cpu_count()} cores")
        _line("documents", str(builds[0]["documents"]))

    queries = load_queries()
    print(f"\nSearch, top 20 with snippets ({len(queries)} queries, median of 5 each)", flush=True)
    seed = run_mode("search", str(seed_lib), "5")
    _line("seed library p50 / p95", f"{seed['p50_ms']:.1f} / {seed['p95_ms']:.1f} ms "
          f"(max {seed['max_ms']:.1f}, {seed['documents']} documents)")
    _line("  CPU time p50 / p95", f"{seed['cpu_p50_ms']:.1f} / {seed['cpu_p95_ms']:.1f} ms "
          f"(load average {seed['load']:.1f} on {os.cpu_count()} cores)")
    _line("searching process peak RSS", f"{seed['peak_mb']:.0f} MB")
    if not (args.keep and big_lib.exists()):
        shutil.rmtree(big_lib, ignore_errors=True)
        started = time.perf_counter()
        run_mode("synthetic", str(seed_lib), str(big_lib), str(args.copies))
        _line(f"(built the {args.copies}× library in)", f"{time.perf_counter() - started:.0f} s")
    big = run_mode("search", str(big_lib), "5")
    _line(f"{args.copies}× library p50 / p95", f"{big['p50_ms']:.1f} / {big['p95_ms']:.1f} ms "
          f"(max {big['max_ms']:.1f}, {big['documents']} documents)")
    _line("  CPU time p50 / p95", f"{big['cpu_p50_ms']:.1f} / {big['cpu_p95_ms']:.1f} ms "
          f"(load average {big['load']:.1f})")
    _line(f"{args.copies}× searching process peak RSS", f"{big['peak_mb']:.0f} MB")

    print(f"\nCold start → first result ({max(5, args.runs)} runs, median)", flush=True)
    colds = []
    for _ in range(max(5, args.runs)):
        started = time.time()
        answer = run_mode("cold", str(seed_lib), "碳达峰 碳中和")
        colds.append(answer["finished_at"] - started)
    _line("seed library, python start to results", f"{statistics.median(colds):.2f} s")

    print("\nKnown-item search on the seed library", flush=True)
    known = run_mode("known", str(seed_lib))
    _line("文号, three forms, first", f"{known['doc_number_first_pct']:.1f} % of "
          f"{known['doc_number_checks']} (that very document first, ties with a "
          f"shared 文号 counted as misses: {known['doc_number_strict_pct']:.1f} %)")
    _line("10-character run of title words, top 3", f"{known['title_words_top3_pct']:.1f} % of "
          f"{known['title_words_checks']}")
    _line("10 characters cut anywhere in a title, top 3", f"{known['title_chars_top3_pct']:.1f} % "
          f"of {known['title_chars_checks']}")
    print("\nOther benchmarks: bench/ui_bench.py (the app), bench/split_score.py (splitting).")
    if known["doc_number_misses"]:
        _line("文号 misses (first 10)", ", ".join(known["doc_number_misses"]))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.SubprocessError) as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
