"""A term's statistics and the place of its postings in 10–20 bytes instead of Whoosh's 35.

Whoosh's term info (``W3TermInfo``) is a fixed struct: flags, total weight and maximum
weight as floats, document frequency, first and last document as 32-bit numbers, then the
postings' offset as a 64-bit number and their length. With half of the words in one document,
those widths are mostly zeros: at the seeds' size the terms file was nearly half the index.

Here the first byte says how wide each field is, and a struct made once for each of those
layouts reads them all in one call:

- total weight: 2 bytes when a whole number below 65,536 (word counts), else a float;
- document frequency: 1, 2 or 4 bytes;
- shortest and longest field length: one byte each, as Whoosh encodes them;
- maximum weight: 1 byte when a whole number below 256, else a float;
- first and last document: 2 bytes each when both are below 65,535, else 4;
- postings offset: 4 bytes below 4 GiB, else 8; their length: 2 bytes below 65,536, else 4.

The fields are those Whoosh's own code reads (its scorers ask for the maximum weight and
the shortest length; a multi-segment reader for the first and last document), so every
Whoosh code path reads these term infos as it reads its own. A segment's codec says which
kind its terms file holds (``reader.search.postings.PackedCodec``): segments written
before keep Whoosh's and are read as such.
"""

from __future__ import annotations

import struct

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.util.numeric import byte_to_length, length_to_byte

_WHOLE_WEIGHT, _DF_SHORT, _DF_INT, _SHORT_IDS, _LONG_OFFSET, _INT_LENGTH, _FLOAT_MAX = (
    1, 2, 4, 8, 16, 32, 64)
_NO_ID = 0xFFFFFFFF  # Whoosh's "no document" (a term info with no postings)


def _layout(flags: int) -> struct.Struct:
    ids = "H" if flags & _SHORT_IDS else "I"
    return struct.Struct("<" + "".join((
        "H" if flags & _WHOLE_WEIGHT else "f",
        "I" if flags & _DF_INT else "H" if flags & _DF_SHORT else "B",
        "BB",
        "f" if flags & _FLOAT_MAX else "B",
        ids, ids,
        "Q" if flags & _LONG_OFFSET else "I",
        "I" if flags & _INT_LENGTH else "H",
    )))


_LAYOUTS = [_layout(flags) for flags in range(128)]


def _whole(value: float, limit: int) -> bool:
    return value == int(value) and 0 <= value < limit


class CompactTermInfo(W3TermInfo):
    """Whoosh's term info, written and read in the layout this module describes."""

    def to_bytes(self) -> bytes:
        if self.is_inlined():  # the packed codec always writes postings to the postings file
            raise ValueError("a compact term info cannot hold inlined postings")
        minid = _NO_ID if self._minid is None else self._minid
        maxid = _NO_ID if self._maxid is None else self._maxid
        offset, length = self._offset, self._length
        flags = (
            (_WHOLE_WEIGHT if _whole(self._weight, 1 << 16) else 0)
            | (_DF_INT if self._df >= 1 << 16 else _DF_SHORT if self._df >= 1 << 8 else 0)
            | (_SHORT_IDS if max(minid, maxid) < 0xFFFF else 0)
            | (_LONG_OFFSET if offset >= 1 << 32 else 0)
            | (_INT_LENGTH if length >= 1 << 16 else 0)
            | (0 if _whole(self._maxweight, 1 << 8) else _FLOAT_MAX)
        )
        minlength = 0 if self._minlength is None else length_to_byte(self._minlength)
        return bytes((flags,)) + _LAYOUTS[flags].pack(
            int(self._weight) if flags & _WHOLE_WEIGHT else self._weight,
            self._df, minlength, length_to_byte(self._maxlength),
            self._maxweight if flags & _FLOAT_MAX else int(self._maxweight),
            minid, maxid, offset, length)

    @classmethod
    def from_bytes(cls, value: bytes) -> CompactTermInfo:
        (weight, df, minlength, maxlength, maxweight, minid, maxid, offset,
         length) = _LAYOUTS[value[0]].unpack_from(value, 1)
        info = cls()
        info._weight, info._df = float(weight), df
        info._minlength, info._maxlength = byte_to_length(minlength), byte_to_length(maxlength)
        info._maxweight = float(maxweight)
        info._minid = None if minid == _NO_ID else minid
        info._maxid = None if maxid == _NO_ID else maxid
        info._offset, info._length = offset, length
        return info

    @staticmethod
    def statistics(value: bytes) -> tuple[float, int]:
        """The total weight and the document frequency, without making a term info."""
        weight, df = _LAYOUTS[value[0]].unpack_from(value, 1)[:2]
        return float(weight), df
