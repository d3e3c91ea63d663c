"""Precision and recall of link resolution against a list of expected links made by hand.

The list (``tests/data/links_expected.json``) names each citing document and each expected
target by title and 文号, so that it survives changes of document ids; a mention is found in
its document by the text printed just before it. The test and ``bench/links_bench.py`` both
score with ``score``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.corpus.model import Document, DocumentSummary
from reader.corpus.toc import normalize_title
from reader.library.links import LinkGraph


@dataclass(frozen=True)
class Scores:
    """How the resolver did on the expected links.

    ``in_library``: mentions whose target the library holds; ``right``: of those, resolved to
    it; ``wrong``: mentions resolved to another document (or to one when the library lacks
    the target); ``missing``: expected entries whose document or mention was not found.
    """

    total: int
    in_library: int
    right: int
    wrong: int
    missing: int
    mistakes: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.right / self.in_library if self.in_library else 1.0

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        resolved = self.right + self.wrong
        return self.right / resolved if resolved else 1.0


def _names(summary: DocumentSummary, title: str, doc_number: str | None) -> bool:
    if doc_number and summary.doc_number:
        return doc_number == summary.doc_number and (
            normalize_title(title) == normalize_title(summary.title) or summary.doc_type != "令"
        )
    return normalize_title(title) == normalize_title(summary.title)


def load_expected(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8")))


def score(expected: Sequence[dict[str, Any]], documents: Sequence[Document]) -> Scores:
    """Resolve every document's mentions and compare with ``expected``."""
    from reader.corpus.citations import extract

    graph = LinkGraph([d.summary() for d in documents], {d.id: extract(d) for d in documents})
    by_id = {d.id: d for d in documents}
    in_library = right = wrong = missing = 0
    mistakes: list[str] = []
    for entry in expected:
        citing = next((d for d in documents if _names(d, entry["citing"]["title"],
                                                      entry["citing"]["doc_number"])), None)
        if citing is None:
            missing += 1
            continue
        start = citing.text.find(entry["before"] + entry["mention"])
        start = start + len(entry["before"]) if start >= 0 else -1
        citation = next((c for c in graph.resolved[citing.id].citations
                         if c.start == start and c.text == entry["mention"]), None)
        if citation is None:
            missing += 1
            continue
        target = by_id[citation.target_id] if citation.target_id else None
        want = entry["expected"]
        if want is not None:
            in_library += 1
            if target is not None and _names(target, want["title"], want["doc_number"]):
                right += 1
                continue
        elif target is None:
            continue
        if target is not None:
            wrong += 1
        mistakes.append(f"{citing.title} {entry['mention']} → "
                        f"{target.title if target else '未解析'}（应为 {want and want['title']}）")
    return Scores(len(expected), in_library, right, wrong, missing, tuple(mistakes))
