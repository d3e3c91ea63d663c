"""Documents kept in a temporary file while a very large compilation is split and imported.

A 200 MB compilation holds some 600 MB of documents as Python objects (cleaned text, clause
trees); kept on disk, only the one being stored or indexed is in memory. The file is a
temporary one: the system removes it when it is closed or the process ends.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
from collections.abc import Iterator, Sequence
from typing import overload

from reader.corpus.model import Document


class SpilledDocuments(Sequence[Document]):
    """A read-only sequence of documents pickled one after another into a temporary file."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="reader-split-")  # noqa: SIM115 (closed by close())
        self._offsets: list[int] = []
        self._lock = threading.Lock()
        self._end = 0

    def append(self, doc: Document) -> None:
        """Add a document at the end (only while the file is being split)."""
        data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._file.seek(self._end)
            self._file.write(data)
            self._offsets.append(self._end)
            self._end += len(data)

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...

    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        offset = self._offsets[index]  # IndexError past the end, negative indexes work
        with self._lock:
            self._file.seek(offset)
            doc: Document = pickle.load(self._file)
        return doc

    def __iter__(self) -> Iterator[Document]:
        for position in range(len(self._offsets)):
            yield self[position]

    def close(self) -> None:
        self._file.close()
