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
from hashlib import md5
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo, W3TermsReader
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import md5_hash
from whoosh.filedb.structfile import StructFile
from whoosh.reading import TermNotFound

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
    """Whoosh's terms reader, finding a term in the mapped hash tables itself."""

    def __init__(self, codec: Any, dbfile: Any, length: int, postfile: Any) -> None:
        super().__init__(codec, dbfile, length, postfile)
        self._map: mmap.mmap | None = dbfile.map if isinstance(dbfile, MappedFile) else None
        self._tables: list[tuple[int, int]] = self._tindex.tables
        hashfn = self._tindex.hashfn
        self._hash = _md5_hash if hashfn is md5_hash else hashfn

    def _value(self, buffer: mmap.mmap, fieldname: str, tbytes: bytes) -> bytes | None:
        """The term info's bytes of ``tbytes`` in ``fieldname`` in the mapped ``buffer``;
        None when it is not there (what ``HashReader.ranges_for_key`` reads, in the same
        order)."""
        key = _FIELD.pack(self._fieldmap.get(fieldname, 65535)) + tbytes
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
        if self._map is None:
            return super().__contains__(term)
        return self._value(self._map, *term) is not None

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        if self._map is None:
            return super().term_info(fieldname, tbytes)
        value = self._value(self._map, fieldname, tbytes)
        if value is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return W3TermInfo.from_bytes(value)

    def frequency(self, fieldname: str, tbytes: bytes) -> float:
        return self._statistic(fieldname, tbytes, 1)

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        return int(self._statistic(fieldname, tbytes, 2))

    def _statistic(self, fieldname: str, tbytes: bytes, which: int) -> Any:
        """The term info's weight (1) or document frequency (2); KeyError when the term is
        not there, as Whoosh's reader raises."""
        if self._map is None:
            method = super().frequency if which == 1 else super().doc_frequency
            return method(fieldname, tbytes)
        value = self._value(self._map, fieldname, tbytes)
        if value is None:
            raise KeyError((fieldname, tbytes))
        return _INFO.unpack_from(value)[which]
