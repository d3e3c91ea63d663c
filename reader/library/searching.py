"""Searching the library with the repair of a damaged index on the way.

A damaged segment is usually found when the index opens (``LibraryIndex.open``), but damage
inside a postings block is only met when a query reads that block: Whoosh then raises
whatever its decoder trips on (``ValueError``, ``struct.error``, ``EOFError``…). The store
still holds every document, so such an error is answered by rebuilding the index from the
store, with a message, and the query is run once more. A second failure is not damage the
rebuild can mend and is raised as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from reader.errors import ReaderError
from reader.library.search_index import LibraryIndex
from reader.search.query import ParsedQuery
from reader.search.searcher import SearchFilters, SearchResults
from reader.search.snippets import Span

T = TypeVar("T")


class LibrarySearcher:
    """The library's searcher: each call on the current index, a damaged one rebuilt."""

    def __init__(self, index: LibraryIndex) -> None:
        self._index = index

    def warm_up(self) -> None:
        self._guarded(lambda searcher: searcher.warm_up())

    def parse(self, query: str) -> ParsedQuery:
        return self._index.searcher().parse(query)

    def search(
        self, query: str, limit: int = 20, filters: SearchFilters | None = None,
        offset: int = 0,
    ) -> SearchResults:
        return self._guarded(lambda searcher: searcher.search(query, limit, filters, offset))

    def hit_spans(self, doc_id: str, query: str) -> list[Span]:
        return self._guarded(lambda searcher: searcher.hit_spans(doc_id, query))

    def _guarded(self, action: Callable[..., T]) -> T:
        try:
            return action(self._index.searcher())
        except ReaderError:
            raise
        except Exception as error:  # any decoder failure means a damaged index
            self._index.repair_after(error)
        return action(self._index.searcher())
