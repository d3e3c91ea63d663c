"""Real documents of a small seed, for UI and rendering tests that need realistic values."""

from __future__ import annotations

import json
from pathlib import Path

from reader.corpus.clauses import parse_clauses
from reader.corpus.clean import clean_lines
from reader.corpus.model import Document, DocumentId, SourceRef
from reader.corpus.organs import canonical_issuers
from tests.conftest import REPO, SEEDS

GOLD = REPO / "tests" / "corpus" / "gold"
SMALL_SEED = "004_bf5e8a97a1a13c8b.txt"


def documents_from_gold(seed: str = SMALL_SEED) -> list[Document]:
    """Return the documents of ``seed`` cut at the hand-checked lines, cleaned and parsed.

    These are the documents a correct splitter produces, built with the real cleaning and
    clause parsing, so tests of the reading pane and the tree do not depend on the splitter's
    current accuracy.
    """
    path = SEEDS / seed
    lines = path.read_text(encoding="utf-8").split("\n")
    gold = json.loads((GOLD / (Path(seed).stem + ".json")).read_text(encoding="utf-8"))
    out: list[Document] = []
    for entry in gold["documents"]:
        text = clean_lines(lines[entry["start_line"] - 1 : entry["end_line"]])
        issuers = tuple(entry["issuers"])
        out.append(
            Document(
                id=DocumentId(f"{Path(seed).stem[:3]}-{entry['index']:03d}"),
                title=entry["title"],
                issuers=issuers,
                issuers_canonical=canonical_issuers(issuers),
                doc_number=entry["doc_number"],
                date=entry["date"],
                doc_type=None,
                source=SourceRef(seed, entry["start_line"], entry["end_line"], entry.get("toc_page")),
                text=text,
                clauses=parse_clauses(text),
            )
        )
    return out
