"""A full build's postings, made in the worker processes and written without a posting pool.

Whoosh's writer turns every posting into a tuple, pickles it into a pool, sorts the pool on
disk and unpickles it again to write the blocks: for the seeds, more CPU in the one writing
process than jieba needs for the whole text. In a full build nothing is replaced or deleted,
so the workers go further than segmenting: each turns a batch of documents into the
postings of every field (Whoosh's own ``field.index``, as ``add_document`` calls it), grouped
by term in arrays. The writing process appends each batch's arrays to its own, term by term,
and writes every posting list block by block (:meth:`postings._PostingsWriter.add_many`).
The segment is the one Whoosh's writer would have written, posting for posting.

Memory: what one segment holds is kept until it is written; past ``limit_mb`` of postings
the build writes a segment and starts the next (the seeds take ~25 MB).
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.structfile import StructFile
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.search.forked_part import ForkedPart, can_fork, halfway
from reader.search.term_info import CompactTermInfo

#: [docnums, weights, values joined, value sizes] of one term.
TermArrays = list[Any]
#: A field's postings in a batch, flat (a few large objects pickle fast, a million small ones
#: do not): terms, then per term its postings, values and value bytes, then per posting
#: docnums, weights, value sizes, and the values joined.
FlatPostings = tuple[list[bytes], array, array, array, array, array, array, bytes]
#: A written posting list: field name, term, its term info as the term table keeps it.
TermEntry = tuple[str, bytes, bytes]


@dataclass(frozen=True)
class Batch:
    """What a worker made of a batch of documents."""

    first: int  # the number of its first document in the whole build
    count: int
    #: per document, in order: (field name, stored value or None, length) as add_field takes
    fields: list[list[tuple[str, Any, int]]]
    #: field name → its postings in this batch
    postings: dict[str, FlatPostings]


def index_batch(schema: Any, documents: Iterable[dict[str, Any]], first: int = 0) -> Batch:
    """Run ``field.index`` on every field of every document, as Whoosh's ``add_document``
    does (no boosts are given, so weights are the fields' own), and group the postings.

    The documents are numbered from ``first``, their number in the whole build."""
    grouped: dict[str, dict[bytes, TermArrays]] = {}
    per_doc: list[list[tuple[str, Any, int]]] = []
    docnum = first - 1
    for docnum, fields in enumerate(documents, first):
        entries = []
        for name in sorted(n for n in fields if not n.startswith("_")):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                terms = grouped.setdefault(name, {})
                scorable = field.scorable
                for tbytes, freq, weight, vbytes in field.index(value):
                    if scorable:
                        length += freq
                    entry = terms.get(tbytes)
                    if entry is None:
                        entry = terms[tbytes] = [array("I"), array("f"), bytearray(), array("I")]
                    entry[0].append(docnum)
                    entry[1].append(weight)
                    if vbytes:
                        entry[2] += vbytes
                        entry[3].append(len(vbytes))
            if field.vector or field.column_type or field.separate_spelling():
                raise ValueError(f"field {name} needs Whoosh's own writer")
            entries.append((name, value if field.stored else None, length))
        per_doc.append(entries)
    return Batch(first, docnum + 1 - first, per_doc,
                 {name: _flat(terms) for name, terms in grouped.items()})


def _flat(terms: dict[bytes, TermArrays]) -> FlatPostings:
    counts, nsizes, nbytes = array("I"), array("I"), array("I")
    ids, weights, sizes, values = array("I"), array("f"), array("I"), bytearray()
    for term_ids, term_weights, term_values, term_sizes in terms.values():
        counts.append(len(term_ids))
        nsizes.append(len(term_sizes))
        nbytes.append(len(term_values))
        ids += term_ids
        weights += term_weights
        sizes += term_sizes
        values += term_values
    return list(terms), counts, nsizes, nbytes, ids, weights, sizes, bytes(values)


class SegmentBuilder:
    """Collects batches for one Whoosh writer and writes its segment on :meth:`write`.

    ``writer`` is a fresh ``SegmentWriter``; its per-document writer and field writer are
    used directly, its pool stays empty. ``origin`` is the build's number of the segment's
    first document (the documents of a segment are numbered from 0).
    """

    def __init__(self, writer: Any, origin: int = 0) -> None:
        self.writer = writer
        self.origin = origin
        self._terms: dict[str, dict[bytes, TermArrays]] = {}
        self._lengths: dict[str, array] = {}  # field → quantised length per document
        self.count = 0
        self.bytes = 0

    def add(self, batch: Batch) -> None:
        """Add the next batch of the build."""
        base = self.count
        if batch.first != self.origin + base:
            raise ValueError(f"batch numbered from {batch.first}, expected {self.origin + base}")
        perdoc = self.writer.perdocwriter
        schema = self.writer.schema
        for offset, entries in enumerate(batch.fields):
            docnum = base + offset
            perdoc.start_doc(docnum)
            for name, stored, length in entries:
                perdoc.add_field(name, schema[name], stored, length)
                lengths = self._lengths.setdefault(name, array("I"))
                lengths.extend([0] * (docnum + 1 - len(lengths)))
                byte = length_to_byte(length) if length else 0
                lengths[docnum] = byte_to_length(byte) if byte else 0
            perdoc.finish_doc()
        for name, (terms, counts, nsizes, nbytes, ids, weights, sizes, values) in (
            batch.postings.items()
        ):
            if self.origin:  # a later segment of a large build
                ids = array("I", [i - self.origin for i in ids])
            mine = self._terms.setdefault(name, {})
            view = memoryview(values)
            at = at_size = at_byte = 0
            for tbytes, count, nsize, nbyte in zip(terms, counts, nsizes, nbytes, strict=True):
                term = mine.get(tbytes)
                if term is None:
                    term = mine[tbytes] = [array("I"), array("f"), bytearray(), array("I")]
                end = at + count
                term[0] += ids[at:end]
                term[1] += weights[at:end]
                at = end
                if nsize:
                    term[3] += sizes[at_size : at_size + nsize]
                    term[2] += view[at_byte : at_byte + nbyte]
                    at_size += nsize
                    at_byte += nbyte
            self.bytes += 8 * len(ids) + len(values) + 4 * len(sizes) + 100 * len(terms)
        self.count += batch.count

    def write(self, beat: Callable[[], None] | None = None, parallel: bool = False) -> None:
        """Write the postings into the writer's segment and commit it (no merging).

        With ``parallel``, a forked copy of this process writes the second half of the
        posting lists while this one writes the first (:mod:`reader.search.forked_part`)."""
        writer = self.writer
        fieldwriter = writer.fieldwriter
        for name in self._terms:
            lengths = self._lengths.setdefault(name, array("I"))
            lengths.extend([0] * (self.count - len(lengths)))
        units = [(name, tbytes) for name in sorted(self._terms) for tbytes in sorted(self._terms[name])]
        cut, part = len(units), None
        if parallel and can_fork() and len(units) > 1:
            cut = halfway([self._cost(name, tbytes) for name, tbytes in units],
                          INDEX_COST * len(units))
            rest = units[cut:]
            part = ForkedPart(lambda out: self._postings(rest, StructFile(out)),
                              Path(writer.storage.folder))
            try:
                part.start()
            except OSError:  # no process to spare: write it all here
                cut, part = len(units), None
        table = _TermTable(fieldwriter, writer.schema)
        try:
            # This part's terms are entered while the child still writes.
            started = time.monotonic()
            table.add(self._postings(units[:cut], fieldwriter._postfile, beat))
            # The child's part takes about as long as this one: one much slower is stuck.
            patience = CHILD_PATIENCE + CHILD_PATIENCE_FACTOR * (time.monotonic() - started)
            joined = (part.join(fieldwriter._postfile, beat, patience) if part is not None
                      else None)
            if joined is not None:
                compact = bool(getattr(fieldwriter._codec, "compact_term_infos", False))
                table.add([(name, tbytes, _moved(info, joined[0], compact))
                           for name, tbytes, info in joined[1]])
            elif cut < len(units):  # the child failed: its part is written here
                table.add(self._postings(units[cut:], fieldwriter._postfile, beat))
        finally:
            if part is not None:
                part.close()
        table.close()
        self._terms.clear()
        writer.docnum = self.count
        writer._added = True
        writer.commit(merge=False)

    def _cost(self, name: str, tbytes: bytes) -> float:
        """About how long writing a posting list takes, in postings."""
        ids, _, values, _ = self._terms[name][tbytes]
        return TERM_COST + len(ids) + len(values) * VALUE_BYTE_COST

    def _postings(
        self, units: list[tuple[str, bytes]], dbfile: Any, beat: Callable[[], None] | None = None
    ) -> list[TermEntry]:
        """Write the posting lists of ``units`` (field, term) in order into ``dbfile``;
        return each one's term info."""
        codec = self.writer.fieldwriter._codec
        schema = self.writer.schema
        entries: list[TermEntry] = []
        current = None
        for name, tbytes in units:
            if name != current:
                current, field = name, schema[name]
                postwriter = codec.field_postings_writer(dbfile, field)
                lengths = self._lengths[name]
                fixed = field.format.fixed_value_size()
                has_sizes = fixed is None or fixed < 0
                if beat is not None:
                    beat()
            ids, weights, values, sizes = self._terms[name][tbytes]
            # The writer starts its codec's kind of term info in place of this one.
            postwriter.start_postings(field.format, W3TermInfo())
            values = bytes(values)
            if has_sizes:
                bounds = list(accumulate(sizes, initial=0))
                parts = list(map(values.__getitem__, map(slice, bounds, bounds[1:])))
            elif fixed:
                parts = [values[i : i + fixed] for i in range(0, len(values), fixed)]
            else:
                parts = []
            postwriter.add_many(ids, weights, parts, [lengths[d] for d in ids])
            entries.append((name, tbytes, postwriter.finish_postings().to_bytes()))
        return entries


class _TermTable:
    """Enters term infos in a segment's term table, field by field, in term order."""

    def __init__(self, fieldwriter: Any, schema: Any) -> None:
        self._fieldwriter = fieldwriter
        self._schema = schema
        self._field: str | None = None
        self._prefix = b""

    def add(self, entries: list[TermEntry]) -> None:
        fieldwriter = self._fieldwriter
        add = fieldwriter._tindex.add
        for name, tbytes, info in entries:
            if name != self._field:
                self.close()
                fieldwriter.start_field(name, self._schema[name])
                self._field, self._prefix = name, pack_ushort(fieldwriter._fieldid)
            add(self._prefix + tbytes, info)

    def close(self) -> None:
        if self._field is not None:
            self._fieldwriter.finish_field()
            self._field = None


#: What writing a posting list costs beyond its postings, and a byte of its values, in
#: postings; and entering a term in the term table, which only the writing process does.
TERM_COST = 12.0
VALUE_BYTE_COST = 0.08
INDEX_COST = 3.0
#: How long the parent waits for the child after its own part: this many seconds plus this
#: many times what its own part took.
CHILD_PATIENCE = 30.0
CHILD_PATIENCE_FACTOR = 4.0
def _moved(info: bytes, offset: int, compact: bool) -> bytes:
    """A term info (``compact``: :mod:`reader.search.term_info`'s, else Whoosh's) whose
    posting list was written ``offset`` bytes further on."""
    moved = (CompactTermInfo if compact else W3TermInfo).from_bytes(info)
    start, length = moved.extent()
    moved.set_extent(start + offset, length[0] if isinstance(length, tuple) else length)
    return moved.to_bytes()
