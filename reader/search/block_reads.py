"""Reading a few documents' postings out of the index's posting blocks, block by block.

Whoosh's ``skip_to`` steps through a block one posting at a time in Python; checking a
phrase on a few thousand documents, or reading the character offsets of the twenty shown
ones, was mostly that. Here a block whose last document comes before the next one wanted is
not read: the list's directory of blocks leads to the next one that may hold it (a list
without a directory is walked on the blocks' headers alone). The blocks read are read once
(their columns unpacked in C) and looked up in a dict.

These functions use the block attributes Whoosh's ``W3LeafMatcher`` declares, which the
packed blocks' matcher fills (:class:`reader.search.postings.PackedMatcher`); any other
matcher (a short posting list inlined in the term info) is walked the ordinary way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from whoosh.reading import TermNotFound


def matcher_of(reader: Any, field: str, word: str) -> Any | None:
    """A segment's postings of ``word`` without the deletion filter (the callers take
    deletions out as a set, or ask only for live documents), None when it lacks the word.

    Made from the segment's terms, not ``reader.postings``: in a segment with deletions
    that wraps the postings in a filter, which reads the first block at once to pass over
    deleted documents, a block read for nothing on every lookup.
    """
    if field not in reader.schema:
        return None
    try:
        return reader._terms.matcher(field, reader._text_to_bytes(field, word),
                                     reader.schema[field].format)
    except TermNotFound:
        return None


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


def in_blocks(matcher: Any, wanted: Sequence[int], values: bool) -> list[tuple[int, Any]]:
    """Return (docnum, value or weight) for each of the sorted local ``wanted`` that
    ``matcher`` holds.

    A block whose last document comes before the next one wanted is passed over: the
    list's directory leads straight to the next block that may hold it
    (:meth:`~reader.search.postings.PackedMatcher.skip_to_block`; without a directory, its
    header alone is read). The blocks read are decompressed once and looked up in a dict.
    Whoosh's own ``skip_to`` steps through a block one posting at a time in Python, the
    dearest part of checking a phrase on a few thousand documents.
    """
    found: list[tuple[int, Any]] = []
    if not wanted or not matcher.is_active():
        return found
    if not hasattr(matcher, "skip_to_block"):  # an inlined or foreign posting list
        keep = set(wanted)
        while matcher.is_active():
            if matcher.id() in keep:
                found.append((matcher.id(), matcher.value() if values else matcher.weight()))
            matcher.next()
        return found
    i, count = 0, len(wanted)
    get: Callable[[int], Any]
    while True:
        top = matcher._maxid
        if wanted[i] <= top:
            ids = block_ids(matcher)
            if values:
                matcher._read_values()
                get = dict(zip(ids, matcher._values, strict=True)).get
            else:
                get = dict(zip(ids, block_weights(matcher), strict=True)).get
            end = bisect_right(wanted, top, i)
            found += [(docnum, item) for docnum in wanted[i:end]
                      if (item := get(docnum)) is not None]
            i = end
            if i == count:
                return found
        if not matcher.skip_to_block(wanted[i]):
            return found


def values_of(
    leaves: Iterable[tuple[Any, int]], field: str, word: str, docnums: Sequence[int]
) -> list[tuple[int, bytes]]:
    """Return (docnum, encoded value) of ``word`` in each of the sorted global ``docnums``
    that hold it, segment by segment (``leaves``: (reader, docnum base) pairs)."""
    found: list[tuple[int, bytes]] = []
    for reader, base in leaves:
        end = base + reader.doc_count_all()
        first, last = bisect_left(docnums, base), bisect_left(docnums, end)
        matcher = matcher_of(reader, field, word) if first < last else None
        if matcher is not None:
            local = [docnum - base for docnum in docnums[first:last]] if base else docnums[first:last]
            pairs = in_blocks(matcher, local, True)
            found += [(base + docnum, value) for docnum, value in pairs] if base else pairs
    return found
