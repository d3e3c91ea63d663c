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

:class:`ReadBlocks` keeps the blocks of values one query has read, so that a document asked
for again (a snippet of a document a phrase check placed, a second look deeper among the
best) is answered without reading its block a second time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any, Protocol

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


class ValueTable(Protocol):
    """A block's values by local docnum (a dict, or values cut out when asked for:
    :meth:`reader.search.postings.PackedMatcher.value_table`)."""

    def get(self, docnum: int, /) -> bytes | None: ...


#: Called with each block of values read: the local docnums it answers for (from the first
#: one wanted since the block before it, to its last) and its values.
Keep = Callable[[int, int, ValueTable], None]


def in_blocks(
    matcher: Any, wanted: Sequence[int], values: bool, keep: Keep | None = None
) -> list[tuple[int, Any]]:
    """Return (docnum, value or weight) for each of the sorted local ``wanted`` that
    ``matcher`` holds (``keep`` is given each block of values read).

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
        chosen = set(wanted)
        while matcher.is_active():
            if matcher.id() in chosen:
                found.append((matcher.id(), matcher.value() if values else matcher.weight()))
            matcher.next()
        return found
    i, count = 0, len(wanted)
    get: Callable[[int], Any]
    while True:
        top = matcher._maxid
        if wanted[i] <= top:
            end = bisect_right(wanted, top, i)
            if values:
                table = matcher.value_table(end - i)
                if keep is not None:  # the documents wanted since the last block lack it
                    keep(min(wanted[i], matcher._minid), top, table)
                get = table.get
            else:
                get = dict(zip(block_ids(matcher), block_weights(matcher), strict=True)).get
            found += [(docnum, item) for docnum in wanted[i:end]
                      if (item := get(docnum)) is not None]
            i = end
            if i == count:
                return found
        if not matcher.skip_to_block(wanted[i]):
            return found


def values_of(
    leaves: Iterable[tuple[Any, int]], field: str, word: str, docnums: Sequence[int],
    read: ReadBlocks | None = None, keeping: bool = True,
) -> list[tuple[int, bytes]]:
    """Return (docnum, encoded value) of ``word`` in each of the sorted global ``docnums``
    that hold it, segment by segment (``leaves``: (reader, docnum base) pairs); with
    ``read``, the blocks it holds are not read again, and (``keeping``) those read are
    added to it."""
    found: list[tuple[int, bytes]] = []
    for reader, base in leaves:
        end = base + reader.doc_count_all()
        first, last = bisect_left(docnums, base), bisect_left(docnums, end)
        if first == last:
            continue
        local = [docnum - base for docnum in docnums[first:last]] if base else docnums[first:last]
        known: list[tuple[int, bytes]] = []
        keep = None
        if read is not None:
            known, local = read.split(field, word, base, local)
            keep = read.keeper(field, word, base) if keeping else None
        matcher = matcher_of(reader, field, word) if local else None
        pairs = known if matcher is None else in_blocks(matcher, local, True, keep)
        if known and pairs is not known:
            pairs = sorted(known + pairs, key=itemgetter(0))
        found += [(base + docnum, value) for docnum, value in pairs] if base else pairs
    return found


def every_value(
    leaves: Iterable[tuple[Any, int]], field: str, word: str, read: ReadBlocks | None = None
) -> list[tuple[int, bytes]]:
    """Return (docnum, encoded value) of every document holding ``word``, in docnum order
    (for a short posting list, read whole in one pass instead of its documents first and
    their values after); with ``read``, the blocks read are added to it."""
    found: list[tuple[int, bytes]] = []
    for reader, base in leaves:
        matcher = matcher_of(reader, field, word)
        if matcher is None:
            continue
        if not hasattr(matcher, "skip_to_block"):  # an inlined or foreign posting list
            while matcher.is_active():
                found.append((base + matcher.id(), matcher.value()))
                matcher.next()
            continue
        keep = read.keeper(field, word, base) if read is not None else None
        first = 0  # a document before a block's first and after the last block's lacks it
        while matcher.is_active():
            ids = block_ids(matcher)
            table = matcher.value_table(len(ids))
            if keep is not None:
                keep(first, matcher._maxid, table)
            found += [(base + docnum, value) for docnum in ids
                      if (value := table.get(docnum)) is not None]
            first = matcher._maxid + 1
            matcher._next_block()
    return found


class ReadBlocks:
    """The blocks of values read so far, by field, word and segment (its docnum base), in
    the order of their documents. A block answers for the documents from the first one
    asked for since the block before it to its last: one of them it lacks does not hold the
    word, and is answered too, without a read."""

    def __init__(self) -> None:
        # (field, word, base) → the blocks' last docnums, first docnums and values
        self._blocks: dict[tuple[str, str, int],
                           tuple[list[int], list[int], list[ValueTable]]] = {}

    def split(
        self, field: str, word: str, base: int, local: Sequence[int]
    ) -> tuple[list[tuple[int, bytes]], Sequence[int]]:
        """Return the (docnum, value) of the sorted local docnums the blocks read answer,
        and the docnums they do not (to be read)."""
        blocks = self._blocks.get((field, word, base))
        if blocks is None:
            return [], local
        lasts, firsts, tables = blocks
        known: list[tuple[int, bytes]] = []
        rest: list[int] = []
        count = len(lasts)
        for docnum in local:
            i = bisect_left(lasts, docnum)
            if i < count and firsts[i] <= docnum:
                value = tables[i].get(docnum)
                if value is not None:
                    known.append((docnum, value))
            else:
                rest.append(docnum)
        return known, rest

    def keeper(self, field: str, word: str, base: int) -> Keep:
        """What adds a block of ``word`` read in the segment at ``base``."""
        lasts, firsts, tables = self._blocks.setdefault((field, word, base), ([], [], []))

        def keep(first: int, last: int, table: ValueTable) -> None:
            i = bisect_left(lasts, last)
            if i < len(lasts) and lasts[i] == last:  # read again for a document before it
                firsts[i] = min(firsts[i], first)
            else:
                lasts.insert(i, last)
                firsts.insert(i, first)
                tables.insert(i, table)

        return keep
