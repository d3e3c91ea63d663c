"""The library: every document of the bundled compilations and of the user's imports.

Storage, in ``Paths.library_dir``::

    library.sqlite3   documents (metadata, cleaned text, clause tree), sources, meta
    search/           the Whoosh index of those documents and its query dictionary

On first use the folder is copied from the bundled ``index/`` (built by ``reader-cli
build-index``), so the seeds are never split again on a user's machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from reader.corpus.model import Document, DocumentId, DocumentSummary, SourceRef, SplitResult
from reader.errors import InputError, ReaderError
from reader.library.renames import Version, renamed_documents
from reader.library.search_index import LibraryIndex, MessageCallback
from reader.library.store import DocumentStore, SourceInfo
from reader.paths import Paths
from reader.search.analysis import Segmenter
from reader.search.indexing import IndexedDocument
from reader.search.searcher import Searcher, SearchFilters, SearchResults
from reader.search.vocabulary import user_words

STORE_FILE = "library.sqlite3"
SEARCH_DIR = "search"
COMPLETE_MARKER = ".complete"
IMPORTABLE_SUFFIXES = (".txt", ".md")

#: ``progress(message, done, total)``: what is happening and how far along it is.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportReport:
    """What importing one file changed.

    ``added`` are documents new to the library; ``merged`` were already there (from another
    compilation) and now also list this source; ``unchanged`` means the same file was
    imported before and nothing was done.

    ``renamed`` maps, when a file is imported again, the id of a document that left the
    library to the id the same document has now (a corrected title, 文号 or date changes the
    id): the caller moves the user's notes along with ``NotesStore.rekey_document``. Only
    documents recognised beyond doubt are listed (see ``reader.library.renames``).

    ``removed`` are the ids of documents that left the library in this import and are not
    in ``renamed`` (gone from the new version of the file, or not recognised beyond doubt);
    one still found in another compilation did not leave. Notes on them have nowhere to go,
    so the caller marks them orphans with ``NotesStore.orphan_documents`` and the user sees
    them instead of a title that no longer exists.

    ``versions`` are the ``added`` documents that are another version of a work already in
    the library (the same title, another text): both are kept, nothing is dropped.
    """

    source: str
    added: tuple[DocumentId, ...] = ()
    merged: tuple[DocumentId, ...] = ()
    replaced: bool = False
    unchanged: bool = False
    warnings: tuple[str, ...] = ()
    renamed: dict[DocumentId, DocumentId] = field(default_factory=dict, hash=False)
    removed: tuple[DocumentId, ...] = ()
    versions: tuple[DocumentId, ...] = ()

    @property
    def documents(self) -> int:
        return len(self.added) + len(self.merged)


def bundled_is_complete(directory: Path) -> bool:
    return (directory / COMPLETE_MARKER).is_file() and (directory / STORE_FILE).is_file()


class Library:
    """The document collection and its search index. No Qt; any thread may read.

    Writes (imports, removals) are serialised by a lock; Whoosh allows one writer at a time.
    """

    def __init__(self, directory: Path, on_message: MessageCallback | None = None) -> None:
        self.directory = directory
        self._store = DocumentStore(directory / STORE_FILE)
        self._index = LibraryIndex(directory / SEARCH_DIR, self._store, on_message)
        self._write_lock = threading.Lock()

    @classmethod
    def open(cls, paths: Paths, on_message: MessageCallback | None = None) -> Library:
        """Open the user's library, creating it from the bundled index on first use.

        ``on_message`` hears about slow repairs (a rebuilt index) in words for a person.
        """
        directory = paths.library_dir
        if not (directory / STORE_FILE).exists():
            install_bundled(paths.bundled_index_dir, directory, on_message)
        library = cls(directory, on_message)
        library._index.open()
        return library

    @classmethod
    def open_folder(cls, directory: Path, on_message: MessageCallback | None = None) -> Library:
        """Open (or create empty) a library in ``directory`` itself; for tools and tests."""
        directory.mkdir(parents=True, exist_ok=True)
        library = cls(directory, on_message)
        library._index.open()
        return library

    def close(self) -> None:
        self._index.close()
        self._store.close()

    # --- reading --------------------------------------------------------------------------
    def documents(
        self, issuer: str | None = None, year: int | None = None
    ) -> list[DocumentSummary]:
        """Return every document's summary in import order, optionally filtered."""
        out = self._store.all_summaries()
        if issuer:
            from reader.corpus.organs import canonical_issuer

            names = {issuer, canonical_issuer(issuer)}
            out = [s for s in out if names & set(s.issuers_canonical + s.issuers)]
        if year is not None:
            out = [s for s in out if s.year == year]
        return out

    def get(self, doc_id: str) -> Document:
        """Return one whole document (metadata, cleaned text, clauses)."""
        doc = self._store.document(doc_id)
        if doc is None:
            raise ReaderError(f"No document with id {doc_id} in the library.")
        return doc

    def versions(self, doc_id: str) -> list[DocumentSummary]:
        """Return the other versions of a document (same title, another text), newest first."""
        summaries = self._store.all_summaries()
        own = next((s for s in summaries if s.id == doc_id), None)
        key = work_key(own) if own is not None else None
        if key is None:
            return []
        others = [s for s in summaries if s.id != doc_id and work_key(s) == key]
        return sorted(others, key=lambda s: s.date or "", reverse=True)

    def document_sources(self, doc_id: str) -> list[SourceRef]:
        """Return every compilation (and lines) the document was found in."""
        return self._store.document_sources(doc_id)

    def sources(self) -> list[SourceInfo]:
        return self._store.sources()

    def searcher(self) -> Searcher:
        return self._index.searcher()

    def search(
        self, query: str, limit: int = 20, filters: SearchFilters | None = None
    ) -> SearchResults:
        return self.searcher().search(query, limit, filters)

    def warm_up(self) -> None:
        """Load what the first search needs (call from a background thread at start)."""
        self.searcher().warm_up()

    # --- writing --------------------------------------------------------------------------
    def add_paths(
        self, paths: Iterable[Path], progress: Progress | None = None
    ) -> list[ImportReport]:
        """Import files and the importable files inside folders, each all-or-nothing."""
        return [self.add_file(path, progress) for path in expand_paths(paths)]

    def add_file(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Split ``path`` and add its documents; on any failure nothing changes.

        Raises:
            InputError: the file is empty, binary, undecodable or holds no document.
        """
        from reader.corpus import split_file

        path = Path(path)
        if progress:
            progress(f"Splitting {path.name}", 0, 1)
        result = split_file(path)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.add_result(result, path.name, sha, str(path.resolve()), progress)

    def add_result(
        self,
        result: SplitResult,
        name: str,
        sha256: str,
        origin: str = "",
        progress: Progress | None = None,
    ) -> ImportReport:
        """Add the documents of one split file as source ``name``; all or nothing.

        A source of the same name is replaced (its documents found nowhere else go, and
        ``ImportReport.renamed`` says which of them came back under a new id and
        ``ImportReport.removed`` which did not come back); the very same file (same
        ``sha256``) again changes nothing.
        """
        report = progress or (lambda message, done, total: None)
        if not result.documents:
            reason = result.reason or "no document title was recognised"
            raise InputError(f"{name}: no documents found ({reason}); nothing was imported.")
        existing = self._store.source(name)
        if existing is not None and existing.sha256 == sha256:
            return ImportReport(name, unchanged=True)
        info = SourceInfo(
            name=name,
            path=origin or name,
            sha256=sha256,
            encoding=result.encoding,
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            documents=len(result.documents),
            front_matter=tuple(part.kind for part in result.front_matter),
            warnings=result.warnings,
        )
        docs = tuple(self._as_version(doc, name) for doc in result.documents)
        summaries = [*self._store.all_summaries(), *(doc.summary() for doc in docs)]
        segmenter = Segmenter(user_words(summaries), record=True)

        # Segment before taking the write lock: the segmenter remembers every block, so the
        # indexing inside the transaction (which blocks readers) only replays its tokens.
        for done, doc in enumerate(docs, 1):
            segmenter.tokens(doc.title)
            segmenter.tokens(doc.text)
            report(f"Segmenting {name}: {done}/{len(docs)} documents", done, len(docs))

        def indexed(done: int, total: int) -> None:
            report(f"Indexing {name}: {done}/{total} documents", done, total)

        with self._write_lock:
            # Read before the transaction (which holds the store's lock): the old texts may
            # be compared, and nothing else writes while the write lock is held.
            renamed = self._renamed(name, docs) if existing is not None else {}
            generation = self._index.generation()
            try:
                with self._store.transaction():
                    removed, kept = self._store.remove_source(name) if existing else ([], [])
                    self._store.add_source(info)
                    added: list[DocumentId] = []
                    merged: list[DocumentId] = []
                    for doc in docs:
                        (added if self._store.add_document(doc, name) else merged).append(doc.id)
                    touched = list(dict.fromkeys([*added, *merged, *kept]))
                    items = [
                        IndexedDocument(doc, self._store.source_names(doc.id))
                        for doc in self._store.documents(touched)
                    ]
                    gone = [doc_id for doc_id in removed if doc_id not in set(touched)]
                    self._index.write(items, gone, segmenter, indexed)
            except BaseException:
                if self._index.generation() != generation:
                    # The index committed but the store did not: derive it again from the
                    # store, which rolled back to the library as it was.
                    self._index.rebuild()
                raise
            self._index.learn(segmenter.lexicon())
            self._index.refresh()
        report(f"Imported {name}: {len(added)} new, {len(merged)} already known", 1, 1)
        new_ids = set(added)
        return ImportReport(
            name,
            added=tuple(added),
            merged=tuple(doc_id for doc_id in merged if doc_id not in new_ids),
            replaced=existing is not None,
            warnings=result.warnings,
            renamed=renamed,
            removed=tuple(DocumentId(doc_id) for doc_id in gone if doc_id not in renamed),
            versions=self._new_versions(added),
        )

    def _as_version(self, doc: Document, name: str) -> Document:
        """Give an undated document another id when the library holds a different text of it.

        A dated document's id already tells its versions apart (the date of each text is in
        it); an undated one with the same title and 文号 as a stored document of another
        source, but another text, would otherwise be taken for it and its text dropped.
        """
        if doc.date is not None or self._store.source_names(doc.id) in ((), (name,)):
            return doc
        stored = self._store.text(doc.id)
        if stored is None or "".join(stored.split()) == "".join(doc.text.split()):
            return doc
        from reader.corpus.split import document_id

        return replace(doc, id=DocumentId(document_id(doc.title, doc.doc_number, None, doc.text)))

    def _new_versions(self, added: Sequence[DocumentId]) -> tuple[DocumentId, ...]:
        """Return the added documents whose work (title) the library already held."""
        if not added:
            return ()
        new = set(added)
        keys: dict[str | None, list[str]] = {}
        for summary in self._store.all_summaries():
            keys.setdefault(work_key(summary), []).append(summary.id)
        found = []
        for summary in self._store.summaries(list(added)).values():
            key = work_key(summary)
            if key is not None and any(other not in new for other in keys.get(key, [])):
                found.append(summary.id)
        return tuple(doc_id for doc_id in added if doc_id in set(found))

    def _renamed(
        self, name: str, docs: Sequence[Document]
    ) -> dict[DocumentId, DocumentId]:
        """Return ``old id -> new id`` for documents of source ``name`` a re-import renames.

        Only documents that leave the library count: one still found in another compilation
        keeps its id there, and so do the notes on it.
        """
        before: dict[str, list[tuple[int, int]]] = {}
        for doc_id, ref in self._store.source_refs(name):
            before.setdefault(doc_id, []).append((ref.start_line, ref.end_line))
        arrived: dict[DocumentId, list[Document]] = {}
        for doc in docs:
            if doc.id not in before:
                arrived.setdefault(doc.id, []).append(doc)
        present = {doc.id for doc in docs}
        gone = [
            doc_id for doc_id in before
            if doc_id not in present and self._store.source_names(doc_id) == (name,)
        ]
        if not gone or not arrived:
            return {}
        store = self._store

        def stored_text(doc_id: str) -> Callable[[], str]:
            return lambda: store.text(doc_id) or ""

        def same_text(text: str) -> Callable[[], str]:
            return lambda: text

        old = [
            Version(summary.id, summary.title, summary.doc_number, tuple(before[summary.id]),
                    stored_text(summary.id))
            for summary in self._store.summaries(gone).values()
        ]
        new = [
            Version(doc_id, found[0].title, found[0].doc_number,
                    tuple((d.source.start_line, d.source.end_line) for d in found),
                    same_text(found[0].text))
            for doc_id, found in arrived.items()
        ]
        return renamed_documents(old, new)

    def remove_source(self, name: str) -> tuple[DocumentId, ...]:
        """Remove an imported file and the documents found only in it; return their ids.

        The ids, not a count: notes on those documents have lost them, and the caller marks
        them orphans with ``NotesStore.orphan_documents`` so the user can re-attach them.
        """
        if self._store.source(name) is None:
            raise ReaderError(f"No source named {name} in the library.")
        with self._write_lock, self._store.transaction():
            deleted, kept = self._store.remove_source(name)
            items = [
                IndexedDocument(doc, self._store.source_names(doc.id))
                for doc in self._store.documents(kept)
            ]
            self._index.write(items, deleted, Segmenter(user_words(self._store.all_summaries())))
        self._index.refresh()
        return tuple(DocumentId(doc_id) for doc_id in deleted)


# Titles that name a kind of text, not one work: each order (令) or 公告 is its own.
_NO_VERSIONS = ("令", "公告", "通告")


def work_key(summary: DocumentSummary) -> str | None:
    """Return what the versions of one work share: its title and its issuers.

    Two provinces' 关于科学绿化的实施意见 are two works; two texts of one law by one organ are
    two versions. An order or a 公告 has no versions (its title names only its kind).
    """
    from reader.corpus.toc import normalize_title

    if summary.doc_type in _NO_VERSIONS:
        return None
    return normalize_title(summary.title) + "|" + "、".join(sorted(summary.issuers_canonical))


def newest_versions(summaries: Sequence[DocumentSummary]) -> list[DocumentSummary]:
    """Keep, of each work, only its newest version (latest date; the later import on a tie)."""
    best: dict[str, DocumentSummary] = {}
    for number, summary in enumerate(summaries):
        key = work_key(summary) or f"#{number}"
        kept = best.get(key)
        if kept is None or (summary.date or "") >= (kept.date or ""):
            best[key] = summary
    chosen = {id(summary) for summary in best.values()}
    return [summary for summary in summaries if id(summary) in chosen]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Return the files to import: files as given, folders' .txt/.md files in name order."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in IMPORTABLE_SUFFIXES)
            )
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or folder.")
    return out


def install_bundled(bundled: Path, target: Path, on_message: MessageCallback | None) -> None:
    """Create the user's library in ``target`` as a copy of the bundled one (if built)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not bundled_is_complete(bundled):
        if on_message:
            on_message("No bundled library was found; starting with an empty library.")
        target.mkdir(parents=True, exist_ok=True)
        return
    staging = Path(tempfile.mkdtemp(prefix=".library-new-", dir=target.parent))
    try:
        shutil.copy2(bundled / STORE_FILE, staging / STORE_FILE)
        shutil.copytree(bundled / SEARCH_DIR, staging / SEARCH_DIR)
        if target.exists():
            # A folder without a store is what an interrupted first start leaves behind.
            for leftover in (target / SEARCH_DIR,):
                shutil.rmtree(leftover, ignore_errors=True)
            for name in (SEARCH_DIR, STORE_FILE):  # the store last: it marks the copy done
                os.replace(staging / name, target / name)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
