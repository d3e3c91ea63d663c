"""PDF import: pages per second, memory, and how a typeset seed splits next to its text.

``python -m bench.format_bench [--runs N] [--seed NAME] [--quality] [--sizes 11,16]``
(``--runs 0`` runs the quality comparison alone)

Each seed is typeset as a PDF (reportlab, running header and page number on every page, as
the tests do). Then, each in a fresh process so peak memory is its own:

- PDFium alone: load each page and get its text, the floor any extraction pays (with the
  tests' non-embedded CID font PDFium's font substitution costs most of it);
- extraction: ``read_document`` of the PDF (PDFium, furniture dropped): pages per second;
- whole import: ``Library.add_file`` of the PDF into an empty library (extract, split, segment,
  index, commit), beside the same for the seed's text file: pages per second and the ratio.

``--quality`` also splits every seed's PDF (typeset at 11 pt, about 41 characters a line, and
at 16 pt with indents, GB/T 9704's 28) and compares with the split of its text: title F1,
documents whose title, 文号, date and issuers all agree, and start pages right (the page each
document's first line was typeset on). The machine is shared: the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
OUT = REPO / "bench" / "out" / "pdf"
DEFAULT_SEED = "001_4892098d42747a5f.txt"  # the largest: about 880 typeset pages


def _line(label: str, value: str) -> None:
    print(f"  {label:<44} {value}", flush=True)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def typeset_seed(seed: Path, size: float = 11) -> tuple[Path, list[int]]:
    """Typeset ``seed`` once (cached in bench/out/pdf); return the PDF and each line's page.

    At 16 pt paragraphs get a first-line indent: GB/T 9704's 28 characters a line.
    """
    from tests.corpus.formats.typeset import typeset

    OUT.mkdir(parents=True, exist_ok=True)
    pdf = OUT / f"{seed.stem}-{size:g}pt.pdf"
    pages_file = OUT / f"{seed.stem}-{size:g}pt.pages.json"
    if not (pdf.exists() and pages_file.exists()):
        lines = seed.read_text(encoding="utf-8").split("\n")
        pages = typeset(lines, pdf, size=size, indent=size >= 14)
        pages_file.write_text(json.dumps(pages), encoding="utf-8")
    return pdf, json.loads(pages_file.read_text(encoding="utf-8"))


def _child(mode: str, path: str) -> dict[str, float]:
    """Run one measurement in this process (called in a fresh interpreter)."""
    from reader.corpus.formats import read_document
    from reader.library.library import Library

    start = time.perf_counter()
    if mode == "pdfium":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        pages = len(pdf)
        for index in range(pages):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
        documents = 0
    elif mode == "extract":
        extracted = read_document(path)
        pages = extracted.pages.pages if extracted.pages else 0
        documents = 0
    else:
        with tempfile.TemporaryDirectory() as folder:
            library = Library.open_folder(Path(folder) / "library")
            report = library.add_file(Path(path))
            library.close()
        pages, documents = 0, len(report.added)
    return {"seconds": time.perf_counter() - start, "pages": pages, "documents": documents,
            "peak_mb": _peak_mb()}


def _measure(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.format_bench", "--child", mode, str(path)],
        check=True, capture_output=True, text=True, cwd=REPO,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _quality(size: float) -> None:
    from reader.corpus.formats import split_path
    from reader.corpus.split import split_text

    print(f"\nSeeds typeset at {size:g} pt split next to their text", flush=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        pdf, pages = typeset_seed(seed, size)
        by_text = split_text(seed.read_text(encoding="utf-8"), seed.name).documents
        by_pdf = split_path(pdf).documents
        text_titles = {d.title for d in by_text}
        pdf_titles = {d.title for d in by_pdf}
        common = len(text_titles & pdf_titles)
        precision = common / len(pdf_titles) if pdf_titles else 0.0
        recall = common / len(text_titles) if text_titles else 0.0
        f1 = 2 * precision * recall / (precision + recall) if common else 0.0
        fields = {(d.title, d.doc_number, d.date, d.issuers) for d in by_text}
        agree = sum(1 for d in by_pdf if (d.title, d.doc_number, d.date, d.issuers) in fields)
        # Documents of one title (a compilation may hold several) are matched in order.
        expected: dict[tuple[object, ...], list[int]] = {}
        for d in by_text:
            expected.setdefault((d.title, d.doc_number, d.date), []).append(
                pages[d.source.start_line - 1])
        right = 0
        for d in by_pdf:
            queue = expected.get((d.title, d.doc_number, d.date), [])
            if queue and queue.pop(0) == d.source.page:
                right += 1
        _line(f"{seed.stem[:3]} ({max(pages)} pages, {len(by_text)} documents)",
              f"title F1 {f1:.3f}, all fields {agree}/{len(by_text)}, "
              f"pages right {right}/{len(by_pdf)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.format_bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", default=DEFAULT_SEED)
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--sizes", default="11,16", help="font sizes of the quality runs")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    if args.runs < 1:  # the quality alone
        for size in args.sizes.split(","):
            _quality(float(size))
        return 0
    seed = SEEDS / args.seed
    pdf, pages = typeset_seed(seed)
    print(f"PDF import of {seed.name} typeset as {max(pages)} pages "
          f"({pdf.stat().st_size / 1e6:.1f} MB), {args.runs} runs, median; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    bare = [_measure("pdfium", pdf) for _ in range(args.runs)]
    extract = [_measure("extract", pdf) for _ in range(args.runs)]
    pdf_import = [_measure("import", pdf) for _ in range(args.runs)]
    text_import = [_measure("import", seed) for _ in range(args.runs)]
    seconds = statistics.median(r["seconds"] for r in extract)
    count = extract[0]["pages"]
    pdfium_seconds = statistics.median(r["seconds"] for r in bare)
    _line("PDFium alone (load each page, get its text)",
          f"{pdfium_seconds:.2f} s = {count / pdfium_seconds:.0f} pages/s")
    _line("extraction (boxes, furniture dropped)", f"{seconds:.2f} s = {count / seconds:.0f} pages/s"
          f" = {seconds / pdfium_seconds:.2f}× PDFium alone")
    _line("  peak RSS", f"{max(r['peak_mb'] for r in extract):.0f} MB")
    whole = statistics.median(r["seconds"] for r in pdf_import)
    text = statistics.median(r["seconds"] for r in text_import)
    _line("whole import of the PDF", f"{whole:.2f} s = {count / whole:.0f} pages/s "
          f"({pdf_import[0]['documents']:.0f} documents)")
    _line("whole import of its text file", f"{text:.2f} s; PDF / text = {whole / text:.2f}×")
    _line("  peak RSS, PDF import", f"{max(r['peak_mb'] for r in pdf_import):.0f} MB")
    if args.quality:
        for size in args.sizes.split(","):
            _quality(float(size))
    print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
