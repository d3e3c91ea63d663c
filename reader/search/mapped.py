"""A segment's terms and postings read from memory-mapped files.

Whoosh reads its files through ``StructFile``: every read is a ``seek`` and a ``read`` of a
buffered file, and finding a term in the terms file's hash tables takes five or six such
reads (the slot, the key's lengths, the key) through a generator. That is 9 µs a term, and a
search looks up each of its words in each segment, several fields each: a quarter of a 文号
search at 10× the seeds. Here the two files a search reads most are mapped into memory:

- :class:`MappedFile` is a ``StructFile`` whose ``get`` is a slice of the map;
- :class:`MappedTermsReader` finds a key in Whoosh's own hash tables (the same file format,
  read by :class:`whoosh.filedb.filetables.HashReader`) with ``struct.unpack_from`` on the
  map, 3 µs a term.

Segment files are never changed once written (a merge writes new ones and deletes the old),
so a map stays valid for as long as the segment's reader is open. A file that cannot be
mapped (empty, or on a storage without files) is read the ordinary way.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Callable, Iterator
from hashlib import md5
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3FieldCursor, W3TermInfo, W3TermsReader
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import md5_hash
from whoosh.filedb.structfile import StructFile
from whoosh.reading import TermNotFound

from reader.search.term_info import CompactTermInfo

# Whoosh's hash file: a slot is (hash, position of the item); an item starts with the
# lengths of its key and value (whoosh.filedb.filetables._pointer and _lengths).
_SLOT = struct.Struct("!Iq")
_LENGTHS = struct.Struct("!ii")
_FIELD = struct.Struct("!H")
_INFO = W3TermInfo._struct  # flags, weight, document frequency, …


class MappedFile(StructFile):
    """A read-only index file mapped into memory."""

    def __init__(self, path: Path, name: str) -> None:
        with path.open("rb") as handle:
            self.map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        super().__init__(self.map, name=name)

    def get(self, position: int, length: int) -> bytes:
        return self.map[position : position + length]


def open_for_reading(storage: Any, name: str) -> Any:
    """``name`` in ``storage`` mapped into memory where it can be, else opened as Whoosh
    opens it."""
    if isinstance(storage, FileStorage) and storage.file_length(name) > 0:
        try:
            return MappedFile(Path(storage.folder) / name, name)
        except (OSError, ValueError):  # no map on this file system: read it as a file
            pass
    return storage.open_file(name)


def _md5_hash(key: bytes) -> int:
    """Whoosh's ``md5_hash`` (the low 32 bits of the digest) without the hex round trip."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


class MappedTermsReader(W3TermsReader):
    """Whoosh's terms reader, finding a term in the mapped hash tables itself, and reading
    the term infos its segment's codec wrote (:mod:`reader.search.term_info`, or Whoosh's
    own in a segment written before them)."""

    def __init__(self, codec: Any, dbfile: Any, length: int, postfile: Any) -> None:
        super().__init__(codec, dbfile, length, postfile)
        self._map: mmap.mmap | None = dbfile.map if isinstance(dbfile, MappedFile) else None
        self._tables: list[tuple[int, int]] = self._tindex.tables
        hashfn = self._tindex.hashfn
        self._hash = _md5_hash if hashfn is md5_hash else hashfn
        self._compact = bool(getattr(codec, "compact_term_infos", False))
        self._decode = CompactTermInfo.from_bytes if self._compact else W3TermInfo.from_bytes

    def _value(self, fieldname: str, tbytes: bytes) -> bytes | None:
        """The term info's bytes of ``tbytes`` in ``fieldname``; None when it is not there."""
        key = _FIELD.pack(self._fieldmap.get(fieldname, 65535)) + tbytes
        if self._map is None:
            found: bytes | None = self._tindex.get(key)
            return found
        return self._find(self._map, key)

    def _find(self, buffer: mmap.mmap, key: bytes) -> bytes | None:
        """``key``'s value in the mapped hash file (what ``HashReader.ranges_for_key``
        reads, in the same order)."""
        keyhash = self._hash(key)
        start, slots = self._tables[keyhash & 255]
        if not slots:
            return None
        slot = (keyhash >> 8) % slots
        size = len(key)
        for _ in range(slots):
            slothash, item = _SLOT.unpack_from(buffer, start + slot * _SLOT.size)
            if not item:
                return None
            if slothash == keyhash:
                keylen, datalen = _LENGTHS.unpack_from(buffer, item)
                begin = item + _LENGTHS.size
                if keylen == size and buffer[begin : begin + keylen] == key:
                    return buffer[begin + keylen : begin + keylen + datalen]
            slot += 1
            if slot == slots:
                slot = 0
        return None

    def __contains__(self, term: Any) -> bool:
        return self._value(*term) is not None

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        value = self._value(fieldname, tbytes)
        if value is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return self._decode(value)

    def frequency(self, fieldname: str, tbytes: bytes) -> float:
        return self._statistics(fieldname, tbytes)[0]

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        return int(self._statistics(fieldname, tbytes)[1])

    def _statistics(self, fieldname: str, tbytes: bytes) -> tuple[float, int]:
        """The term's total weight and document frequency; KeyError when the term is not
        there, as Whoosh's reader raises."""
        value = self._value(fieldname, tbytes)
        if value is None:
            raise KeyError((fieldname, tbytes))
        if self._compact:
            return CompactTermInfo.statistics(value)
        _, weight, df = _INFO.unpack_from(value)[:3]
        return weight, df

    def items(self) -> Iterator[tuple[tuple[str, bytes], Any]]:
        decode, keydecoder = self._decode, self._keydecoder
        return ((keydecoder(key), decode(value)) for key, value in self._tindex.items())

    def items_from(self, fieldname: str, prefix: bytes) -> Iterator[tuple[tuple[str, bytes], Any]]:
        decode, keydecoder = self._decode, self._keydecoder
        start = self._keycoder(fieldname, prefix)
        return ((keydecoder(key), decode(value)) for key, value in self._tindex.items_from(start))

    def cursor(self, fieldname: str, fieldobj: Any) -> W3FieldCursor:
        return _FieldCursor(self._tindex, fieldname, self._keycoder, self._keydecoder, fieldobj,
                            self._decode)


class _FieldCursor(W3FieldCursor):
    """Whoosh's cursor over a field's terms, decoding the term infos of its segment."""

    def __init__(self, tindex: Any, fieldname: str, keycoder: Any, keydecoder: Any,
                 fieldobj: Any, decode: Callable[[bytes], Any]) -> None:
        self._decode = decode
        super().__init__(tindex, fieldname, keycoder, keydecoder, fieldobj)

    def term_info(self) -> Any:
        if self._pos is None:
            return None
        return self._decode(self._tindex.dbfile.get(self._datapos, self._datalen))
