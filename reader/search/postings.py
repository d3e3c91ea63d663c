"""Posting blocks as packed integer columns instead of pickled tuples.

Whoosh's own codec pickles each block as a tuple of Python ints, floats and bytes objects and
compresses the pickle: a float weight costs nine bytes, every value its own pickle header, and
reading a block means unpickling hundreds of small objects. Here a block is the columns
themselves, each in the narrowest array type that holds it (:func:`column`), written and
read with ``array`` in C and compressed with zlib, except in a field with positions
(``body``): a phrase or a snippet reads one or two documents out of a block of a common word,
and decompressing the whole block was most of that read (at 10× the seeds, 9–14 % of each
search; the index grows from 0.96× to 1.34× the text, the seeds' from 2.13× to 2.35×):

- a header: the column types and whether zlib compressed the block, postings in the block,
  first and last document, largest weight, shortest and longest field length (bytes); a
  block of one posting (half the words are in one document) has only its document, weight
  and length;
- document steps after the first document;
- weights: none when all are 1, one number when all are equal, bytes when all are whole
  numbers below 256 (word frequencies), else 32-bit floats (what Whoosh keeps in memory);
- values: nothing for a format without values (``schema.Counts``), else their lengths as a
  column and the values one after another.

A posting list of :data:`DIRECTORY_BLOCKS` blocks or more ends with a directory: each
block's last document and its offset in the list, then their count and a tag. A reader
wanting a few documents of a common word goes straight to the blocks holding them
(:meth:`PackedMatcher.skip_to_block`) instead of reading every header on the way. A list
without one (an index written before directories, or a short list) is walked as before.

Matchers read the same fields Whoosh's read (``_ids``, ``_weights``, ``_values``,
``_read_ids`` …), so :mod:`reader.search.ranking` reads these blocks as it read Whoosh's. The
term dictionary stays Whoosh's hash file, read from a map (:mod:`reader.search.mapped`); the
term infos in it are :mod:`reader.search.term_info`'s. Seed postings: 15.3 MB → 6.3 MB with
every block compressed (7.4 MB with ``body``'s not).
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate
from operator import sub
from typing import Any, cast

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.search.mapped import MappedTermsReader, open_for_reading
from reader.search.term_info import CompactTermInfo

_TYPECODES = "BHIi"
_SWAP = sys.byteorder != "little"  # blocks are little-endian on every machine
# The first byte of a block's header: column codes, whether zlib compressed it, and whether
# it holds a single posting (half the words occur in one document: a shorter header).
_COMPRESSED, _SINGLE = 0x40, 0x80
# codes, count, first id, last id, largest weight, min/max length byte
_HEADER = struct.Struct("<BHIIfBB")
# codes, the id, its weight, its length byte
_SINGLE_HEADER = struct.Struct("<BIfB")
_LENGTH = struct.Struct("!i")  # a block's length before it, as Whoosh's write_int writes it
_MIN_COMPRESS = 24  # shorter data is stored as it is
_ALL_ONE, _ALL_SAME, _SMALL_WHOLE, _FLOATS = range(4)
#: A posting list of this many blocks or more gets a directory of its blocks.
DIRECTORY_BLOCKS = 4
# The end of a directory: its number of blocks and a tag (an older list ends in block data).
_DIRECTORY_TAIL = struct.Struct("<I4s")
_DIRECTORY_TAG = b"PDir"


def column(values: Any) -> tuple[int, bytes]:
    """Return the type code (0–3) and bytes of ``values`` in the narrowest array type
    (unsigned bytes, shorts, ints; signed ints for anything else)."""
    for code, typecode in enumerate(_TYPECODES):  # noqa: B007 (the code is returned)
        try:
            packed = array(typecode, values)
        except OverflowError:
            continue
        break
    if _SWAP:
        packed.byteswap()
    return code, packed.tobytes()


def read_column(code: int, data: bytes | memoryview, offset: int, count: int) -> tuple[array, int]:
    """Return the column of ``count`` numbers at ``offset`` and the offset after it."""
    return _read_array(_TYPECODES[code], data, offset, count)


def _read_array(
    typecode: str, data: bytes | memoryview, offset: int, count: int
) -> tuple[array, int]:
    packed = array(typecode)
    end = offset + count * packed.itemsize
    packed.frombytes(data[offset:end])
    if _SWAP:
        packed.byteswap()
    return packed, end


def _floats(values: Any) -> bytes:
    packed = array("f", values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _weights(weights: array) -> tuple[int, bytes]:
    first = weights[0]
    if weights.count(first) == len(weights):
        return (_ALL_ONE, b"") if first == 1.0 else (_ALL_SAME, _floats([first]))
    if min(weights) >= 0 and max(weights) < 256:
        small = array("B", map(int, weights))
        if array("f", small) == weights:
            return _SMALL_WHOLE, small.tobytes()
    return _FLOATS, _floats(weights)


class PackedCodec(W3Codec):
    """Whoosh's codec with packed posting blocks, and small blocks for postings that carry
    positions (only the few documents a phrase or a snippet needs are read from them).

    Whoosh pickles this object into the index's table of contents: keep it at this path.
    """

    def __init__(self, compression: int = 1, position_block: int = 32) -> None:
        super().__init__(compression=compression)
        self._position_block = position_block
        #: Its segments' term infos are :mod:`reader.search.term_info`'s (a codec pickled
        #: before them, in an older segment's table of contents, lacks the field: Whoosh's).
        self.compact_term_infos = True

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        if byteids:  # term vectors (no field of ours has them): Whoosh's own blocks
            return super().postings_writer(dbfile, byteids)
        writer = _PostingsWriter(dbfile, blocklimit=self._blocklimit,
                                 compression=self._compression)
        writer.compact = bool(getattr(self, "compact_term_infos", False))
        return writer

    def field_postings_writer(self, dbfile: Any, fieldobj: Any) -> W3PostingsWriter:
        """The postings writer of ``fieldobj``: for a field with positions, small blocks,
        not compressed (a phrase or a snippet reads a few documents out of a block of a
        common word, and unpacking the block was most of that read)."""
        writer = self.postings_writer(dbfile)
        if fieldobj.format.supports("positions"):
            writer._blocklimit = self._position_block
            writer._compression = 0
        return writer

    def terms_reader(self, storage: Any, segment: Any) -> MappedTermsReader:
        """The segment's terms and postings, memory-mapped (:mod:`reader.search.mapped`)."""
        terms = segment.make_filename(self.TERMS_EXT)
        return MappedTermsReader(self, open_for_reading(storage, terms), storage.file_length(terms),
                                 open_for_reading(storage, segment.make_filename(self.POSTS_EXT)))

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class _FieldWriter(W3FieldWriter):
    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        super().start_field(fieldname, fieldobj)
        self._postwriter = self._codec.field_postings_writer(self._postfile, fieldobj)


class _PostingsWriter(W3PostingsWriter):
    compact = False

    def start_postings(self, format_: Any, terminfo: Any) -> None:
        super().start_postings(format_, CompactTermInfo() if self.compact else terminfo)
        self._block_ends: list[int] = []
        self._block_offsets: list[int] = []

    def finish_postings(self) -> Any:
        if self.written() or len(self) >= self._inlinelimit:  # not inlined in the term info
            if self._ids:
                self._write_block(last=True)
            self._write_directory()
        return super().finish_postings()  # nothing left to write: it records the extent

    def _write_directory(self) -> None:
        count = len(self._block_ends)
        if count < DIRECTORY_BLOCKS:
            return
        ends, offsets = array("I", self._block_ends), array("I", self._block_offsets)
        if _SWAP:
            ends.byteswap()
            offsets.byteswap()
        self._postfile.write(ends.tobytes() + offsets.tobytes()
                             + _DIRECTORY_TAIL.pack(count, _DIRECTORY_TAG))

    def add_many(self, ids: array, weights: array, values: list[bytes], lengths: list[int]) -> None:
        """Add a whole posting list at once (a full build, :mod:`reader.search.bulk`): the
        blocks and statistics ``add_posting`` one by one would give, without a call per
        posting. ``lengths`` are the documents' field lengths as the index stores them."""
        limit = self._blocklimit
        total = len(ids)
        for start in range(0, total, limit):
            end = start + limit
            self._ids = ids[start:end]
            self._weights = weights[start:end]
            self._values = values[start:end]
            known = [length for length in lengths[start:end] if length]
            self._minlength = min(known) if known else None
            self._maxlength = max(known, default=0)
            self._maxweight = max(0.0, max(self._weights))
            self._write_block(last=end >= total)

    def _write_block(self, last: bool = False) -> None:
        self._terminfo.add_block(self)
        ids = self._ids
        first = ids[0]
        self._block_ends.append(ids[-1])
        self._block_offsets.append(self._postfile.tell() - self._startoffset)
        id_code, id_bytes = column(list(map(sub, ids[1:], ids)))
        weight_kind, weight_bytes = _weights(self._weights)
        parts = [id_bytes, weight_bytes]
        value_code = 0
        fixed = self._format.fixed_value_size()
        values = self._values
        if fixed is None or fixed < 0:
            value_code, length_bytes = column([len(v) for v in values])
            parts += [length_bytes, *values]
        elif fixed:
            parts += values
        data = b"".join(parts)
        codes = id_code | weight_kind << 2 | value_code << 4
        if self._compression and len(data) >= _MIN_COMPRESS:
            data = zlib.compress(data, self._compression)
            codes |= _COMPRESSED
        if len(ids) == 1:
            header = _SINGLE_HEADER.pack(codes | _SINGLE, first, self._maxweight,
                                         length_to_byte(self._minlength))
        else:
            header = _HEADER.pack(codes, len(ids), first, ids[-1], self._maxweight,
                                  length_to_byte(self._minlength), length_to_byte(self._maxlength))
        size = len(header) + len(data)
        self._postfile.write_int(-size if last else size)
        self._postfile.write(header)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


#: Up to this many documents wanted in a block, their values are cut out one by one.
LAZY_VALUES = 8


class _BlockValues:
    """A block's variable-length values, each cut out of the block's data when asked for."""

    __slots__ = ("_bounds", "_data", "_ids")

    def __init__(self, ids: Sequence[int], bounds: list[int], data: bytes) -> None:
        self._ids, self._bounds, self._data = ids, bounds, data

    def get(self, docnum: int) -> bytes | None:
        ids = self._ids
        i = bisect_left(ids, docnum)
        if i == len(ids) or ids[i] != docnum:
            return None
        return self._data[self._bounds[i] : self._bounds[i + 1]]


class PackedMatcher(W3LeafMatcher):
    """Reads packed blocks; presents the fields and methods of Whoosh's block matcher."""

    def _read_header(self) -> None:
        self._baseoffset = self._startoffset
        extent = self._length  # Whoosh's term info reads it back as a 1-tuple
        self._end = self._startoffset + (extent[0] if isinstance(extent, tuple) else extent)
        self._skips: tuple[array, array] | tuple[()] | None = None  # read when first needed

    def skip_to_block(self, docnum: int) -> bool:
        """Go to the first block after this one that may hold ``docnum`` (the next block
        when the list has no directory); False when none can."""
        if self._lastblock:
            return False
        if self._skips is None:
            self._skips = self._read_directory()
        if not self._skips:
            self._goto(self._nextoffset)
            return True
        ends, offsets = self._skips
        found = bisect_left(ends, docnum)
        if found == len(ends):
            return False
        self._goto(max(self._startoffset + offsets[found], self._nextoffset))
        return True

    def _read_directory(self) -> tuple[array, array] | tuple[()]:
        """The list's block directory: each block's last document and offset; () when the
        list has none."""
        size = self._end - self._startoffset
        if size < _DIRECTORY_TAIL.size:
            return ()
        count, tag = _DIRECTORY_TAIL.unpack(
            self._postfile.get(self._end - _DIRECTORY_TAIL.size, _DIRECTORY_TAIL.size))
        start = self._end - _DIRECTORY_TAIL.size - 8 * count
        if tag != _DIRECTORY_TAG or count < DIRECTORY_BLOCKS or start <= self._startoffset:
            return ()
        raw = self._postfile.get(start, 8 * count)
        ends, offsets = array("I"), array("I")
        ends.frombytes(raw[: 4 * count])
        offsets.frombytes(raw[4 * count :])
        if _SWAP:
            ends.byteswap()
            offsets.byteswap()
        if offsets[0] != 0 or offsets[-1] >= start - self._startoffset:
            raise ValueError("damaged posting list: its directory points past its blocks")
        self._end = start  # the blocks end where the directory begins
        return ends, offsets

    def _goto(self, position: int) -> None:
        postfile = self._postfile
        self._data = None
        self._ids = None
        self._weights = None
        self._values = None
        self._i = 0
        # The length and the header in one read (a block of one posting is shorter than a
        # header: what follows it is read too, and ignored).
        raw = postfile.get(position, _INT_SIZE + _HEADER.size)
        length = _LENGTH.unpack_from(raw)[0]
        if length < 0:
            self._lastblock = True
            length = -length
        start = position + _INT_SIZE
        self._nextoffset = start + length
        if length <= 0 or self._nextoffset > self._end:
            raise ValueError("damaged posting block: it runs past its posting list")
        head = raw[_INT_SIZE : _INT_SIZE + min(length, _HEADER.size)]
        if head[0] & _SINGLE:
            codes, self._minid, self._maxweight, low = _SINGLE_HEADER.unpack_from(head)
            self._blocklength, self._maxid, high = 1, self._minid, low
            self._dataoffset = start + _SINGLE_HEADER.size
        else:
            codes, self._blocklength, self._minid, self._maxid, self._maxweight, low, high = (
                _HEADER.unpack_from(head))
            self._dataoffset = start + _HEADER.size
        self._codes = codes
        self._compression = codes & _COMPRESSED
        self._minlength = byte_to_length(low)
        self._maxlength = byte_to_length(high)

    def block_min_id(self) -> int:
        return self._minid

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        if self._compression:
            data = zlib.decompress(data)
        elif not isinstance(data, bytes):  # a memory-mapped file gives views
            data = bytes(data)
        count = self._blocklength
        codes = self._codes
        steps, offset = read_column(codes & 3, data, 0, count - 1)
        ids = tuple(accumulate(steps, initial=self._minid))
        kind = (codes >> 2) & 3
        weights: array
        if kind == _ALL_ONE:
            weights = array("f", [1.0]) * count
        elif kind == _ALL_SAME:
            weights, offset = _read_array("f", data, offset, 1)
            weights *= count
        elif kind == _SMALL_WHOLE:
            weights = array("f", array("B", data[offset : offset + count]))
            offset += count
        else:
            weights, offset = _read_array("f", data, offset, count)
        fixed = self._fixedsize
        lengths = None
        if fixed is None or fixed < 0:
            lengths, offset = read_column((codes >> 4) & 3, data, offset, count)
            end = offset + sum(lengths)
        else:
            end = offset + count * fixed
        # No tag or checksum: a block that does not add up is taken for damage.
        if end != len(data) or ids[-1] != self._maxid:
            raise ValueError("damaged posting block: its columns do not add up")
        # Whoosh's matcher declares these None until a block is read. The values are cut
        # out only when asked for: matching and ranking read ids and weights alone.
        self._ids, self._weights, self._data = ids, weights, True  # type: ignore[assignment]
        self._values = None if fixed != 0 else (None,) * count  # type: ignore[assignment]
        self._packed = (data, offset, lengths)

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        if self._values is not None:
            return
        data, offset, lengths = self._packed
        fixed = self._fixedsize
        if lengths is not None:
            bounds = list(accumulate(lengths, initial=offset))
            values = tuple(map(data.__getitem__, map(slice, bounds, bounds[1:])))
        else:
            values = tuple(data[i : i + fixed] for i in range(offset, len(data), fixed))
        self._values = values  # type: ignore[assignment]

    def value_table(self, wanted: int) -> Any:
        """The current block's values by docnum, a lookup (``get``) for ``wanted`` of its
        documents: with few wanted (a phrase placed in a few documents, a snippet), each
        value is cut out only when asked for, by a bisection and a slice, instead of all of
        the block's; with many, all at once into a dict."""
        if self._data is None:
            self._read_data()
        data, offset, lengths = self._packed
        ids = cast(Sequence[int], self._ids)
        if self._values is not None or lengths is None or wanted > LAZY_VALUES:
            self._read_values()
            return dict(zip(ids, cast(Sequence[bytes], self._values), strict=True))
        return _BlockValues(ids, list(accumulate(lengths, initial=offset)), data)

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()

    _read_weights = _read_ids
