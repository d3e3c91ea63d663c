"""Score the splitter against hand-checked gold files, and time it on every seed.

``python -m bench.split_score [--gold DIR] [--seeds DIR] [--show-misses]`` splits each seed that
has a gold file (``<seed stem>.json``) and prints, per seed: documents found/expected, start-line
F1 (a found document matches a gold one when its first line is within ±3 non-blank lines),
end-line accuracy (exact, and within ±3 non-blank lines), and over matched documents the share
with the right title (whitespace removed), 文号, date and exact issuer set. Then it times
splitting every seed. ``score(gold_dir, seeds_dir)`` returns the same figures.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reader.corpus import split_file
from reader.corpus.model import Document

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 3  # non-blank lines


@dataclass
class SeedScore:
    """The figures for one seed."""

    seed: str
    found: int
    expected: int
    matched: int
    start_f1: float
    end_exact: float
    end_near: float
    title: float
    doc_number: float
    date: float
    issuers: float
    misses: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Scores of every seed with gold, and the time to split all seeds."""

    seeds: list[SeedScore]
    split_seconds: float
    seed_count: int


def _compact(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _nonblank_positions(path: Path) -> list[int]:
    """Return the 1-based numbers of the non-blank lines of a file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [i + 1 for i, line in enumerate(lines) if line.strip()]


def _distance(a: int, b: int, nonblank: list[int]) -> int:
    """Return how many non-blank lines lie between line ``a`` and line ``b``."""
    lo, hi = sorted((a, b))
    return bisect.bisect_right(nonblank, hi) - bisect.bisect_left(nonblank, lo) - (1 if hi in nonblank else 0)


def score_seed(seed_path: Path, gold: dict[str, Any]) -> SeedScore:
    """Split one seed and compare with its gold documents."""
    documents = list(split_file(seed_path).documents)
    nonblank = _nonblank_positions(seed_path)
    expected = gold["documents"]
    pairs: list[tuple[dict[str, Any], Document]] = []
    used: set[int] = set()
    misses: list[str] = []
    for item in expected:
        best: tuple[int, int] | None = None
        for pos, doc in enumerate(documents):
            if pos in used:
                continue
            gap = _distance(doc.source.start_line, item["start_line"], nonblank)
            if gap <= TOLERANCE and (best is None or gap < best[0]):
                best = (gap, pos)
        if best is None:
            misses.append(f"missed {item['start_line']}: {item['title']}")
            continue
        used.add(best[1])
        pairs.append((item, documents[best[1]]))
    for pos, doc in enumerate(documents):
        if pos not in used:
            misses.append(f"extra {doc.source.start_line}: {doc.title}")
    matched = len(pairs)
    precision = matched / len(documents) if documents else 0.0
    recall = matched / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def share(test: Any, label: str) -> float:
        good = 0
        for item, doc in pairs:
            if test(item, doc):
                good += 1
            else:
                misses.append(f"{label} {item['start_line']}: {_describe(label, item, doc)}")
        return good / len(expected) if expected else 1.0

    end_exact = share(lambda g, d: d.source.end_line == g["end_line"], "end")
    end_near = sum(
        1 for g, d in pairs if _distance(d.source.end_line, g["end_line"], nonblank) <= TOLERANCE
    ) / max(1, len(expected))
    title = share(lambda g, d: _compact(d.title) == _compact(g["title"]), "title")
    number = share(lambda g, d: d.doc_number == g["doc_number"], "doc_number")
    date = share(lambda g, d: d.date == g["date"], "date")
    issuers = share(lambda g, d: set(d.issuers) == set(g["issuers"]), "issuers")
    return SeedScore(
        seed_path.stem, len(documents), len(expected), matched, f1, end_exact, end_near,
        title, number, date, issuers, misses,
    )


def _describe(label: str, item: dict[str, Any], doc: Document) -> str:
    got: Any = {
        "end": doc.source.end_line,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "date": doc.date,
        "issuers": list(doc.issuers),
    }[label]
    want = item["end_line"] if label == "end" else item[label if label != "doc_number" else "doc_number"]
    return f"got {got!r}, want {want!r}"


def score(gold_dir: Path | None = None, seeds_dir: Path | None = None) -> Report:
    """Return the scores of every seed that has a gold file, and the time to split all seeds."""
    gold_dir = gold_dir or ROOT / "tests" / "corpus" / "gold"
    seeds_dir = seeds_dir or ROOT / "seeds"
    seeds = sorted(seeds_dir.glob("*.txt"))
    results: list[SeedScore] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        seed_path = seeds_dir / f"{gold_path.stem}.txt"
        if seed_path.exists():
            results.append(score_seed(seed_path, json.loads(gold_path.read_text(encoding="utf-8"))))
    started = time.perf_counter()
    for seed in seeds:
        split_file(seed)
    return Report(results, time.perf_counter() - started, len(seeds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", type=Path, default=None, help="folder of gold JSON files")
    parser.add_argument("--seeds", type=Path, default=None, help="folder of seed .txt files")
    parser.add_argument("--show-misses", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    report = score(args.gold, args.seeds)
    if args.json:
        print(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return 0
    for seed in report.seeds:
        print(
            f"{seed.seed}: documents {seed.found}/{seed.expected}  start F1 {seed.start_f1:.3f}  "
            f"end exact {seed.end_exact:.3f} (±{TOLERANCE} {seed.end_near:.3f})  "
            f"title {seed.title:.3f}  文号 {seed.doc_number:.3f}  date {seed.date:.3f}  "
            f"issuers {seed.issuers:.3f}"
        )
        if args.show_misses:
            for miss in seed.misses:
                print(f"    {miss}")
    print(f"split {report.seed_count} seeds in {report.split_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
