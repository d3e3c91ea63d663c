"""What the window needs from the core, and the bundle of it the composition root hands over.

The window talks to the library and the searcher only through these two small protocols, so
``reader/app.py`` decides what backs them and tests can hand in a library built in
``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.ui.base.tasks import Progress

if TYPE_CHECKING:  # whoosh and the splitter load on worker threads, after the first paint
    from reader.corpus.model import Document, DocumentId, DocumentSummary, FrontPart, SourceRef
    from reader.library.link_model import DocumentLinks, Status
    from reader.library.listing import Listing
    from reader.search.searcher import SearchFilters, SearchResults


class NamedSource(Protocol):
    """An imported file as the window lists it."""

    @property
    def name(self) -> str: ...

    @property
    def parts(self) -> tuple[FrontPart, ...]: ...


class DocumentLibrary(Protocol):
    """The document collection as the window uses it."""

    def documents(self) -> list[DocumentSummary]: ...

    def sources(self) -> Sequence[NamedSource]: ...

    def add_file(
        self, path: Path, progress: Callable[[str, int, int], None] | None = None
    ) -> Any: ...

    def get(self, doc_id: str) -> Document: ...

    def document_sources(self, doc_id: str) -> list[SourceRef]: ...

    def remove_source(self, name: str) -> tuple[DocumentId, ...]: ...

    def catch_up(self) -> bool:
        """See what another program wrote since; True when there was something."""
        ...

    def close(self) -> None: ...


class FullTextSearch(Protocol):
    """Full-text search as the window uses it; every call may run on a worker thread."""

    def warm_up(self) -> None: ...

    def search(
        self, query: str, limit: int = 20, filters: SearchFilters | None = None,
        offset: int = 0,
    ) -> SearchResults: ...

    def hit_spans(self, doc_id: str, query: str) -> Sequence[tuple[int, int]]: ...


@dataclass
class Backend:
    """An opened library, its searcher (None when search is unavailable) and what to show.

    Attributes:
        library: the documents.
        searcher: full-text search over them, or None.
        summaries: every document's summary, read once while opening.
        source_order: source file names in import order, for the by-source tree.
        front_matter: each source's front matter, shown under it in the by-source tree.
        messages: things the user should be told (an index that had to be rebuilt…).
        links: a document's citations, backlinks, versions and validity by its id (the
            library's ``links``), or None where the library cannot tell them; it may be
            called on worker threads.
        statuses: every document's validity at once (the library tree marks the documents
            no longer or not yet in force), or None; called on a worker thread.
    """

    library: DocumentLibrary
    searcher: FullTextSearch | None
    summaries: list[DocumentSummary]
    source_order: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    links: LinksProvider | None = None
    statuses: StatusesProvider | None = None
    front_matter: dict[str, tuple[FrontPart, ...]] = field(default_factory=dict)


# A document's links by its id (None: the library knows none for it).
LinksProvider = Callable[[str], "DocumentLinks | None"]
# Every document's validity by its id.
StatusesProvider = Callable[[], "Mapping[DocumentId, Status]"]
# Opens the backend on a worker thread, reporting progress; may raise ReaderError.
BackendLoader = Callable[[Progress], Backend]
# Lists an existing library on a worker thread, cheaply (None: nothing to list yet).
ListingLoader = Callable[[Progress], "Listing | None"]
