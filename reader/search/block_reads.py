"""Reading a few documents' postings out of Whoosh's posting blocks, without its matchers.

Whoosh's ``skip_to`` steps through a block one posting at a time in Python and sums the
docnums of a block in a Python generator; checking a phrase on a few thousand documents, or
reading the character offsets of the twenty shown ones, was mostly that. Here a block whose
last document comes before the next one wanted is passed over on its header alone, and the
others are decompressed once, their docnums summed in C and looked up in a dict.

These functions use the block attributes of ``whoosh.codec.whoosh3.W3LeafMatcher``, which
the index's own packed blocks keep (:mod:`reader.search.postings`); any other matcher (a
short posting list inlined in the term info) is walked the ordinary way.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
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
    """The docnums of the matcher's current block. Our packed blocks
    (:class:`reader.search.postings.PackedMatcher`) read all their columns in C at once;
    a block of Whoosh's own has its docnums summed here in C (Whoosh's ``_read_ids`` sums
    them in a Python generator, a third of reading a common word)."""
    if matcher._ids is None:
        if matcher._data is None:
            matcher._read_data()
        if matcher._ids is None:  # Whoosh's own block: a tuple of columns
            steps = matcher._data[0]
            matcher._ids = steps if matcher._byteids else tuple(accumulate(steps))
    ids: Sequence[int] = matcher._ids
    return ids


def block_weights(matcher: Any) -> Sequence[float]:
    """The weights of the matcher's current block. A block of equal weights (a title's
    words, its bigrams) stores one number: repeated in C, not by a generator per posting."""
    if matcher._weights is None:
        if matcher._data is None:
            matcher._read_data()
        if matcher._weights is None:  # Whoosh's own block
            weights = matcher._data[1]
            if weights is None or isinstance(weights, float):
                weights = array("f", [1.0 if weights is None else weights]) * matcher._blocklength
            matcher._weights = weights
    found: Sequence[float] = matcher._weights
    return found


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
