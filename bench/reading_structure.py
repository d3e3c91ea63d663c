"""Count what the reading pane gets wrong about a document's structure, over the seeds.

    .venv/bin/python bench/reading_structure.py [--show N]

- **headings cut inside a word**: every heading and every bold lead of the rendered page is
  checked against the text that follows it: when jieba's segmentation of the heading's last
  characters and the following ones has a word across the boundary, or the heading leaves a
  bracket open, the heading ends inside a phrase;
- **cell debris**: paragraphs shown as paragraphs of their own that are one cell of a
  flattened table (five or more paragraphs in a row, each six characters or fewer, none
  ending a sentence);
- **tables / grids / lists / boxes / link lines**: how many the page shows; the same counts
  for the compilations' own chapters (a report's 本月要点, its lists of policies), which are
  front matter, read in a window of their own laid out as a document is.

The page is the HTML of ``reader.corpus.render.render_html``; the counts are figures to
compare before and after a change, never a pass/fail.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_DEBRIS_RUN = 5
_DEBRIS_CHARS = 6
_SENTENCE_END = re.compile(r"[。；！？]$")
_CONTEXT = 8


class _Page(HTMLParser):
    """Collect the body's block texts by tag, the bold runs, and counts of structures."""

    BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, str]] = []  # (tag, class, text)
        self.strong: list[str] = []
        self.counts: dict[str, int] = {}
        self._open: list[tuple[str, str, list[str]]] = []
        self._strong: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class") or ""
        if tag in ("table", "ul"):
            key = f"{tag}.{css}" if css else tag
            self.counts[key] = self.counts.get(key, 0) + 1
        if tag in self.BLOCKS:
            self._open.append((tag, css, []))
        if tag == "strong":
            self._strong = []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[-1][0]:
            name, css, text = self._open.pop()
            self.blocks.append((name, css, "".join(text)))
        if tag == "strong" and self._strong is not None:
            self.strong.append("".join(self._strong))
            self._strong = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)
        if self._strong is not None:
            self._strong.append(data)


def _cut_inside(head: str, following: str, cut: object) -> bool:
    """Tell whether ``head`` ends inside a word or a bracket that ``following`` goes on with."""
    if head.count("（") > head.count("）") or head.count("(") > head.count(")"):
        return True
    if following[:1] in (" ", "\u3000"):
        return False  # a label and its text: a break
    tail, after = head[-_CONTEXT:], "".join(following.split())[:_CONTEXT]
    if not tail or not after or not ("\u4e00" <= tail[-1] <= "\u9fff"):
        return False
    at = 0
    for word in cut(tail + after):  # type: ignore[operator]
        if at < len(tail) < at + len(word):
            return True
        at += len(word)
    return False


def measure(docs: list, show: int = 0) -> dict[str, int]:  # type: ignore[type-arg]
    import jieba

    from reader.corpus.render import render_html

    jieba.setLogLevel(60)
    totals: dict[str, int] = {"headings": 0, "cut_headings": 0, "leads": 0, "cut_leads": 0,
                              "debris": 0}
    shown = 0
    for doc in docs:
        page = _Page()
        html = render_html(doc)
        page.feed(html[html.index("</table>") + len("</table>"):])  # after the header card
        for key, value in page.counts.items():
            totals[key] = totals.get(key, 0) + value
        runs: list[str] = []
        for tag, _css, text in [*page.blocks, ("end", "", "")]:
            if tag == "p" and len(text) <= _DEBRIS_CHARS and not _SENTENCE_END.search(text):
                runs.append(text)
            else:
                if len(runs) >= _DEBRIS_RUN:
                    totals["debris"] += len(runs)
                runs = []
        headings = [text for tag, _css, text in page.blocks
                    if tag in ("h2", "h3", "h4", "h5", "h6") and text]
        leads = [lead for lead in page.strong if len(lead) >= 4]
        for kind, texts in (("headings", headings), ("leads", leads)):
            cursor = 0
            for text in texts:
                at = doc.text.find(text, cursor)
                if at < 0:
                    continue
                cursor = at + len(text)
                totals[kind] += 1
                if _cut_inside(text, doc.text[cursor : cursor + 20], jieba.lcut):
                    totals[f"cut_{kind}"] += 1
                    if shown < show:
                        print(f"  {kind}: {text!r} | {doc.text[cursor : cursor + 12]!r}")
                        shown += 1
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print the first N cut headings")
    args = parser.parse_args()
    from reader.corpus import split_file

    docs = [doc for seed in sorted((REPO / "seeds").glob("*.txt"))
            for doc in split_file(seed).documents]
    totals = measure(docs, args.show)
    print(f"{len(docs)} documents of the seeds:")
    for key, value in totals.items():
        print(f"  {key:22s} {value}")
    chapters = _chapters()
    print(f"{len(chapters)} chapters of the compilations' own (front matter):")
    for key, value in _structures(chapters).items():
        print(f"  {key:22s} {value}")
    return 0


def _chapters() -> list[tuple[str, str]]:
    from reader.corpus import split_file

    return [(part.text.split("\n", 1)[0], part.text)
            for seed in sorted((REPO / "seeds").glob("*.txt"))
            for part in split_file(seed).front_matter if part.kind == "chapter"]


def _structures(chapters: list[tuple[str, str]]) -> dict[str, int]:
    """Count the lists, boxes, tables and grids the chapters' pages show."""
    from reader.corpus.render import render_text_html

    counts: dict[str, int] = {}
    for title, text in chapters:
        page = _Page()
        page.feed(render_text_html(title, text))
        for key, value in page.counts.items():
            counts[key] = counts.get(key, 0) + value
    return counts


if __name__ == "__main__":
    sys.exit(main())
