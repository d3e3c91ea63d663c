"""Real documents for search and library tests, cut at the hand-checked lines of a seed.

Built with the real cleaning and clause parsing, so these tests do not depend on the
splitter's accuracy; ids are derived the way the splitter derives them (title, 文号, date).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from reader.corpus.clauses import parse_clauses
from reader.corpus.clean import clean_lines
from reader.corpus.metadata import doc_type_of
from reader.corpus.model import Document, DocumentId, SourceRef, SplitResult
from reader.corpus.organs import canonical_issuers
from reader.library.library import Library
from tests.conftest import REPO, SEEDS

GOLD = REPO / "tests" / "corpus" / "gold"
SMALL_SEED = "004_bf5e8a97a1a13c8b.txt"


def doc_id(title: str, doc_number: str | None, date: str | None) -> DocumentId:
    key = "|".join((title, doc_number or "", date or ""))
    return DocumentId(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])


def gold_documents(seed: str = SMALL_SEED, source: str | None = None) -> list[Document]:
    """Return the documents of ``seed`` as a correct splitter produces them."""
    lines = (SEEDS / seed).read_text(encoding="utf-8").split("\n")
    gold = json.loads((GOLD / (Path(seed).stem + ".json")).read_text(encoding="utf-8"))
    out: list[Document] = []
    for entry in gold["documents"]:
        text = clean_lines(lines[entry["start_line"] - 1 : entry["end_line"]])
        issuers = tuple(entry["issuers"])
        out.append(
            Document(
                id=doc_id(entry["title"], entry["doc_number"], entry["date"]),
                title=entry["title"],
                issuers=issuers,
                issuers_canonical=canonical_issuers(issuers),
                doc_number=entry["doc_number"],
                date=entry["date"],
                doc_type=doc_type_of(entry["title"]),
                source=SourceRef(source or seed, entry["start_line"], entry["end_line"]),
                text=text,
                clauses=parse_clauses(text),
            )
        )
    return out


def make_document(title: str, text: str, source: str = "made.txt", **fields: object) -> Document:
    """Return a small document with the given title and text (other fields by keyword)."""
    doc = Document(
        id=doc_id(title, None, None),
        title=title,
        issuers=(),
        issuers_canonical=(),
        doc_number=None,
        date=None,
        doc_type=doc_type_of(title),
        source=SourceRef(source, 1, text.count("\n") + 1),
        text=text,
        clauses=parse_clauses(text),
    )
    doc = replace(doc, **fields)  # type: ignore[arg-type]
    if "id" not in fields:
        doc = replace(doc, id=doc_id(doc.title, doc.doc_number, doc.date))
    if "issuers" in fields and "issuers_canonical" not in fields:
        doc = replace(doc, issuers_canonical=canonical_issuers(doc.issuers))
    return doc


def split_result(docs: list[Document], source: str) -> SplitResult:
    moved = tuple(replace(d, source=replace(d.source, file=source)) for d in docs)
    return SplitResult(source=source, encoding="utf-8", documents=moved)


def add_documents(library: Library, docs: list[Document], source: str) -> None:
    """Import ``docs`` as the file ``source`` (its content hash made from the ids)."""
    sha = hashlib.sha256("".join(d.id for d in docs).encode()).hexdigest()
    library.add_result(split_result(docs, source), source, sha)


def small_library(directory: Path, docs: list[Document] | None = None) -> Library:
    """Return a library in ``directory`` holding ``docs`` (default: the small seed's)."""
    library = Library.open_folder(directory)
    add_documents(library, docs if docs is not None else gold_documents(), SMALL_SEED)
    return library
