"""Which documents of a re-imported file are the same documents under a new id.

A document's id comes from what it says about itself (title, 文号, date), so a corrected
typo in a title, or a splitter that now reads a date it used to miss, gives the same document
a new id when its file is imported again. The user's notes hold ids; this module says which
old id became which new one so the notes can follow.

It decides from evidence, never by elimination: a pair needs two of three agreements (the
names, the place in the file, the text), and a document with more than one such partner is
left alone. A wrong move would put notes on an unrelated document, where they look right
until read; a missed one only leaves them with a document no longer in the library, where the
user sees it and can re-attach them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.corpus.model import DocumentId

#: difflib ratio of two whitespace-free titles from which they name the same document.
TITLE_RATIO = 0.8
#: Share of the longer line span two versions must have in common to sit in the same place.
SPAN_SHARE = 0.5
#: Jaccard similarity of the texts' character trigrams from which they are the same text.
TEXT_SHARE = 0.5


@dataclass(frozen=True)
class Version:
    """One document as found in one version of a file: what matching compares.

    ``spans`` are the 1-based, inclusive line ranges it occupies in that file; ``text`` is
    called only when the text has to decide, so old texts are read from the store only then.
    """

    id: DocumentId
    title: str
    doc_number: str | None
    spans: tuple[tuple[int, int], ...]
    text: Callable[[], str]


def renamed_documents(
    old: Sequence[Version], new: Sequence[Version]
) -> dict[DocumentId, DocumentId]:
    """Return ``old id -> new id`` for the old versions that are plainly one of the new ones.

    ``old`` are the documents that left the file, ``new`` those that arrived. A pair counts
    when two of these agree: the names (same 文号, or titles at least ``TITLE_RATIO`` alike),
    the place (line spans overlapping by ``SPAN_SHARE`` of the longer), the text (trigram
    Jaccard at least ``TEXT_SHARE``). Only pairs where each side has no other partner are
    returned: a document that two others could be is ambiguous, and is not guessed.
    """
    grams: dict[tuple[int, DocumentId], frozenset[str]] = {}

    def trigrams(side: int, version: Version) -> frozenset[str]:
        key = (side, version.id)
        if key not in grams:
            grams[key] = _trigrams(version.text())
        return grams[key]

    partners: dict[DocumentId, set[DocumentId]] = {o.id: set() for o in old}
    claimed: dict[DocumentId, set[DocumentId]] = {n.id: set() for n in new}
    for o in old:
        for n in new:
            agreements = int(_names_agree(o, n)) + int(_place_agrees(o.spans, n.spans))
            if agreements == 1:
                agreements += int(_jaccard(trigrams(0, o), trigrams(1, n)) >= TEXT_SHARE)
            if agreements >= 2:
                partners[o.id].add(n.id)
                claimed[n.id].add(o.id)
    return {
        old_id: next(iter(found))
        for old_id, found in partners.items()
        if len(found) == 1 and claimed[next(iter(found))] == {old_id}
    }


def _names_agree(a: Version, b: Version) -> bool:
    if a.doc_number and a.doc_number == b.doc_number:
        return True
    x, y = _squeeze(a.title), _squeeze(b.title)
    if not x or not y:
        return False
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    # The cheap upper bounds first: most pairs of a compilation are far apart.
    return (
        matcher.real_quick_ratio() >= TITLE_RATIO
        and matcher.quick_ratio() >= TITLE_RATIO
        and matcher.ratio() >= TITLE_RATIO
    )


def _place_agrees(
    a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]
) -> bool:
    spans = list(b)
    for a_start, a_end in a:
        for b_start, b_end in spans:
            common = min(a_end, b_end) - max(a_start, b_start) + 1
            longer = max(a_end - a_start, b_end - b_start) + 1
            if common > 0 and common >= SPAN_SHARE * longer:
                return True
    return False


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _trigrams(text: str) -> frozenset[str]:
    squeezed = _squeeze(text)
    return frozenset(squeezed[i : i + 3] for i in range(max(len(squeezed) - 2, 0)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
