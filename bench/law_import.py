"""Import speed for a folder of single-law files: files per second and peak memory.

``python -m bench.law_import [--files 1000] [--runs 1] [--keep DIR]`` writes a folder of
synthetic laws (``bench.law_texts``: every published layout, one Markdown file each), makes a
user library (the bundled seeds copied in, as on a first start), then times
``reader-cli --data-dir … import FOLDER`` in a fresh process. It prints, per run and as
medians: wall seconds, files per second, the peak resident memory of the importing process,
and how many documents the library gained, beside the machine's load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.law_texts import law

REPO = Path(__file__).resolve().parent.parent


def write_folder(folder: Path, files: int) -> None:
    """Write ``files`` single-law Markdown files into ``folder`` (the same files every time)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        item = law(n)
        if item.lines[0].startswith("# "):
            text = item.text
        else:  # as law collections publish them: a Markdown title, a paragraph a line
            text = f"# {item.title}\n\n" + "\n\n".join(item.lines[1:]) + "\n"
        (folder / f"{n:05d}.md").write_text(text, encoding="utf-8")


CODE = [REPO]  # where the imported reader package comes from (--code compares versions)


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(CODE[0]))
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), *args],
        capture_output=True, text=True, env=env, cwd=REPO, check=False,
    )


def _documents(data: Path) -> int:
    import json

    listed = _cli(data, "list", "--all-versions", "--json")
    if listed.returncode:  # a reader from before versions lists every document anyway
        listed = _cli(data, "list", "--json")
    return len(json.loads(listed.stdout or "[]"))


def run_once(folder: Path, files: int, work: Path) -> dict[str, float]:
    """Import ``folder`` into a new library in ``work``; return the figures of the run."""
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    before = _documents(data)  # installs the bundled library, as a first start does
    env = dict(os.environ, PYTHONPATH=str(CODE[0]))
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), "import", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )
    assert child.stderr is not None
    err = child.stderr.read()
    # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would mix in the others).
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"import failed ({child.returncode}):\n{err[-2000:]}")
    progress_lines = sum(1 for line in err.splitlines() if line.startswith("["))
    return {
        "seconds": seconds,
        "files_per_second": files / seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "added": _documents(data) - before,
        "progress_lines": progress_lines,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.law_import", description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the folder and library here and keep them")
    parser.add_argument("--code", type=Path, default=REPO, help="folder holding the reader package")
    args = parser.parse_args(argv)
    CODE[0] = args.code.resolve()
    work = args.keep or Path(tempfile.mkdtemp(prefix="law-import-"))
    try:
        folder = work / "laws"
        shutil.rmtree(folder, ignore_errors=True)
        write_folder(folder, args.files)
        runs = []
        for number in range(args.runs):
            load = "/".join(f"{x:.2f}" for x in os.getloadavg())
            figures = run_once(folder, args.files, work)
            runs.append(figures)
            print(
                f"run {number + 1}: {args.files} files in {figures['seconds']:.1f} s = "
                f"{figures['files_per_second']:.1f} files/s, peak {figures['peak_mb']:.0f} MB, "
                f"{figures['added']:.0f} documents added, {figures['progress_lines']:.0f} progress "
                f"lines (load {load})",
                flush=True,
            )
        print(
            f"median: {statistics.median(r['files_per_second'] for r in runs):.1f} files/s, "
            f"peak {statistics.median(r['peak_mb'] for r in runs):.0f} MB "
            f"(load {'/'.join(f'{x:.2f}' for x in os.getloadavg())})"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
