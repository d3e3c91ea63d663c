"""The documents an import indexes, read back from the store a batch at a time.

Indexing reads each stored document once; reading them all first would hold a very large
compilation's whole text (and its clause trees) in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from reader.library.store import DocumentStore
from reader.search.indexing import IndexedDocument

BATCH_DOCUMENTS = 200


class StoredDocuments(Sequence[IndexedDocument]):
    """Documents ``ids`` of ``store`` with their sources, read ``batch`` at a time."""

    def __init__(self, store: DocumentStore, ids: Sequence[str], batch: int = BATCH_DOCUMENTS) -> None:
        self._store = store
        self._ids = list(ids)
        self._batch = batch

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> IndexedDocument: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[IndexedDocument]: ...

    def __getitem__(self, index: int | slice) -> IndexedDocument | Sequence[IndexedDocument]:
        if isinstance(index, slice):
            return list(StoredDocuments(self._store, self._ids[index], self._batch))
        found = list(StoredDocuments(self._store, [self._ids[index]]))
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self) -> Iterator[IndexedDocument]:
        for start in range(0, len(self._ids), self._batch):
            for doc in self._store.documents(self._ids[start : start + self._batch]):
                yield IndexedDocument(doc, self._store.source_names(doc.id))
