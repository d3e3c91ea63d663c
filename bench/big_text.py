"""One very large text file: time, peak memory and the longest silence of split and import.

``python -m bench.big_text [--mb 200] [--mode split|import|both] [--keep]``

The file is made of copies of the seeds, each copy with its own titles and 文号 (``关于`` gets
a tag of the copy, every 文号's number a prefix), so nothing is deduplicated: a compilation of
that size really holds that many documents. It is kept in ``bench/out/`` and written again
only when missing. Each mode runs ``reader-cli`` in a child process (``split FILE --json``
into /dev/null, or ``import FILE`` into a fresh data folder, opened once before the clock
starts) and prints its wall time, CPU
time, peak resident memory (``getrusage`` of the child) and the longest gap between two
lines it wrote on stderr (progress), beside the load average.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
_DOC_NUMBER = re.compile(r"([〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*)(\d{1,5})(\s*号)")
_LETTERS = "甲乙丙丁戊己庚辛壬癸"


def copy_tag(number: int) -> str:
    """Return a short tag of CJK letters for copy ``number`` (甲, 乙… then 乙甲…)."""
    tag = ""
    while True:
        tag = _LETTERS[number % 10] + tag
        number //= 10
        if not number:
            return tag


def seed_copy(text: str, number: int) -> str:
    """Return a seed's text as copy ``number``: its titles and 文号 its own."""
    tag = copy_tag(number)
    text = text.replace("关于", f"关于{tag}")
    return _DOC_NUMBER.sub(lambda m: f"{m.group(1)}{number + 1}{m.group(2)}{m.group(3)}", text)


def make_big_text(path: Path, megabytes: int, seeds: Path = REPO / "seeds") -> Path:
    """Write copies of the seeds to ``path`` until it holds ``megabytes`` MB (10^6 bytes)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    target = megabytes * 1_000_000
    written = 0
    number = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while written < target:
            for text in texts:
                data = seed_copy(text, number).encode("utf-8")
                data = data[: target - written]
                cut = data.decode("utf-8", errors="ignore")  # never half a character
                out.write(cut if cut.endswith("\n") else cut + "\n")
                written += len(cut.encode("utf-8")) + (0 if cut.endswith("\n") else 1)
                if written >= target:
                    break
            number += 1
    return path


def run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``command``; return wall and CPU seconds, peak RSS (MB) and the longest silence."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    stamps: list[float] = [start]
    lines: list[str] = []
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          text=True, encoding="utf-8", cwd=REPO) as child:
        assert child.stderr is not None

        def read() -> None:
            assert child.stderr is not None
            for line in child.stderr:
                stamps.append(time.perf_counter())
                lines.append(line.rstrip("\n"))

        reader = threading.Thread(target=read)
        reader.start()
        code = child.wait()
        reader.join()
    end = time.perf_counter()
    stamps.append(end)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    worst = max(range(len(gaps)), key=gaps.__getitem__)
    return {
        "code": code,
        "seconds": end - start,
        "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "rss_mb": after.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024),
        "gap": gaps[worst],
        "gap_after": lines[worst - 1] if 0 < worst <= len(lines) else "(start)",
        "lines": len(lines),
        "last": lines[-1] if lines else "",
    }


def _print(mode: str, figures: dict[str, float]) -> None:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{mode:<7} exit {figures['code']}  {figures['seconds']:.1f} s wall  "
          f"{figures['cpu']:.1f} s CPU  peak RSS {figures['rss_mb']:.0f} MB  "
          f"longest silence {figures['gap']:.2f} s (after: {figures['gap_after'][:60]})  "
          f"{figures['lines']} progress lines  load {load}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.big_text", description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--mode", choices=("split", "import", "both"), default="both")
    parser.add_argument("--file", type=Path, help="use this file instead of generating one")
    parser.add_argument("--keep", action="store_true", help="keep the import's data folder")
    args = parser.parse_args(argv)
    path = args.file or OUT / f"big-{args.mb}mb.txt"
    if not path.exists():
        started = time.perf_counter()
        make_big_text(path, args.mb)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cli = [sys.executable, "-m", "reader.cli"]
    if args.mode in ("split", "both"):
        _print("split", run([*cli, "split", str(path), "--json"], env))
    if args.mode in ("import", "both"):
        data = Path(tempfile.mkdtemp(prefix="big-text-"))
        try:
            # The first start (the bundled library copied, or rebuilt) is not the import's.
            subprocess.run([*cli, "--data-dir", str(data), "list", "--json"], env=env, cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            _print("import", run([*cli, "--data-dir", str(data), "import", str(path)], env))
        finally:
            if args.keep:
                print(f"data folder kept: {data}")
            else:
                shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
