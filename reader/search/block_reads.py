"""Reading a few documents' postings out of the index's posting blocks, block by block.

Whoosh's ``skip_to`` steps through a block one posting at a time in Python; checking a
phrase on a few thousand documents, or reading the character offsets of the twenty shown
ones, was mostly that. Here a block whose last document comes before the next one wanted is
passed over on its header alone, and the others are read once (their columns unpacked in
C) and looked up in a dict.

These functions use the block attributes Whoosh's ``W3LeafMatcher`` declares, which the
packed blocks' matcher fills (:class:`reader.search.postings.PackedMatcher`); any other
matcher (a short posting list inlined in the term info) is walked the ordinary way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound


def matcher_of(reader: Any, field: str, word: str) -> Any | None:
    """A segment's postings of ``word`` without the deletion filter (the callers take
    deletions out as a set, or ask only for live documents), None when it lacks the word."""
    try:
        matcher = reader.postings(field, word)
    except TermNotFound:
        return None
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def block_ids(matcher: Any) -> Sequence[int]:
    """The docnums of the matcher's current block (a packed block reads all its columns in
    C at once: :meth:`reader.search.postings.PackedMatcher._read_data`)."""
    if matcher._ids is None:
        matcher._read_data()
    ids: Sequence[int] = matcher._ids
    return ids


def block_weights(matcher: Any) -> Sequence[float]:
    """The weights of the matcher's current block."""
    if matcher._weights is None:
        matcher._read_data()
    weights: Sequence[float] = matcher._weights
    return weights


def in_blocks(matcher: Any, wanted: Sequence[int], values: bool) -> Iterator[tuple[int, Any]]:
    """Yield (docnum, value or weight) for each of the sorted local ``wanted`` that
    ``matcher`` holds.

    A block whose last document comes before the next one wanted is passed over on its
    header alone; the others are decompressed once and looked up in a dict. Whoosh's own
    ``skip_to`` steps through a block one posting at a time in Python, the dearest part of
    checking a phrase on a few thousand documents.
    """
    if not wanted or not matcher.is_active():
        return
    if not hasattr(matcher, "_read_ids"):  # an inlined or foreign posting list
        keep = set(wanted)
        while matcher.is_active():
            if matcher.id() in keep:
                yield matcher.id(), matcher.value() if values else matcher.weight()
            matcher.next()
        return
    i, count = 0, len(wanted)
    while True:
        top = matcher._maxid
        if wanted[i] <= top:
            ids = block_ids(matcher)
            if values:
                matcher._read_values()
                where = dict(zip(ids, matcher._values, strict=True))
            else:
                where = dict(zip(ids, block_weights(matcher), strict=True))
            while i < count and wanted[i] <= top:
                item = where.get(wanted[i])
                if item is not None:
                    yield wanted[i], item
                i += 1
            if i == count:
                return
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)


def values_of(
    leaves: Iterable[tuple[Any, int]], field: str, word: str, docnums: Sequence[int]
) -> Iterator[tuple[int, bytes]]:
    """Yield (docnum, encoded value) of ``word`` in each of the sorted global ``docnums``
    that hold it, segment by segment (``leaves``: (reader, docnum base) pairs)."""
    for reader, base in leaves:
        end = base + reader.doc_count_all()
        local = [docnum - base for docnum in docnums if base <= docnum < end]
        matcher = matcher_of(reader, field, word) if local else None
        if matcher is not None:
            for docnum, value in in_blocks(matcher, local, True):
                yield base + docnum, value
