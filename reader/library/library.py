"""The library: every document of the bundled compilations and of the user's imports.

Storage, in ``Paths.library_dir``::

    library.sqlite3   documents (metadata, cleaned text, clause tree), sources, meta
    search/           the Whoosh index of those documents and its query dictionary

On first use the folder is copied from the bundled ``index/`` (built by ``reader-cli
build-index``), so the seeds are never split again on a user's machine.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import chain
from pathlib import Path

from reader.corpus.model import Document, DocumentId, DocumentSummary, SourceRef, SplitResult
from reader.errors import DataError, InputError, ReaderError
from reader.fileio import make_private, os_error_message, private_folder
from reader.library.damage import set_aside, store_problem
from reader.library.heartbeat import heartbeat
from reader.library.importable import expand_paths, file_sha256
from reader.library.install import (
    SEARCH_DIR,
    install_bundled,
)
from reader.library.link_model import DocumentLinks
from reader.library.links import LinkGraph, read_graph, read_once
from reader.library.listing import STORE_FILE
from reader.library.lock import WriteLock
from reader.library.renames import Version, renamed_documents
from reader.library.search_index import GENERATION_KEY, LibraryIndex, MessageCallback
from reader.library.searching import LibrarySearcher
from reader.library.store import DocumentStore, SourceInfo
from reader.library.stored import StoredDocuments
from reader.library.versions import WorkIndex, as_version, other_versions
from reader.paths import Paths
from reader.search.analysis import Segmenter
from reader.search.indexing import IndexedDocument
from reader.search.searcher import SearchFilters, SearchResults
from reader.search.vocabulary import user_words

BATCH_FILES = 100  # files that share one store transaction and one index commit
SEGMENT_FIRST = 5_000  # up to this many documents are segmented before the write lock
LARGE_FILE_BLOCKS = 20_000  # blocks the segmenter of a larger import remembers

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


@dataclass(frozen=True)
class _Item:
    """One split file waiting to be stored: its documents and its ``sources`` row."""

    result: SplitResult
    info: SourceInfo

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def sha256(self) -> str:
        return self.info.sha256


def _item(result: SplitResult, name: str, sha256: str, origin: str) -> _Item:
    info = SourceInfo(
        name=name,
        path=origin or name,
        sha256=sha256,
        encoding=result.encoding,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        documents=len(result.documents),
        front_matter=tuple(part.kind for part in result.front_matter),
        parts=tuple(part.part() for part in result.front_matter),
        warnings=result.warnings,
    )
    return _Item(result, info)


class Library:
    """The document collection and its search index. No Qt; any thread may read.

    Writes (imports, removals) are serialised by a lock; Whoosh allows one writer at a time.
    """

    def __init__(self, directory: Path, on_message: MessageCallback | None = None) -> None:
        self.directory = directory
        self._store = DocumentStore(directory / STORE_FILE)
        self._write_lock = WriteLock(directory, on_message)
        self._index = LibraryIndex(directory / SEARCH_DIR, self._store, on_message,
                                   self._write_lock)
        self._links: tuple[tuple[str | None, int], LinkGraph] | None = None

    @classmethod
    def open(cls, paths: Paths, on_message: MessageCallback | None = None) -> Library:
        """Open the user's library, creating it from the bundled index on first use.

        ``on_message`` hears about slow repairs (a rebuilt index) in words for a person.
        """
        directory = paths.library_dir
        paths.ensure_data_dir()
        if not (directory / STORE_FILE).exists():
            with WriteLock(directory, on_message).held():
                if not (directory / STORE_FILE).exists():  # another process may have been first
                    install_bundled(paths.bundled_index_dir, directory, on_message)
        return cls._checked(directory, on_message)

    @classmethod
    def open_folder(cls, directory: Path, on_message: MessageCallback | None = None) -> Library:
        """Open (or create empty) a library in ``directory`` itself; for tools and tests."""
        directory.mkdir(parents=True, exist_ok=True)
        return cls._checked(directory, on_message)

    @classmethod
    def _checked(cls, directory: Path, on_message: MessageCallback | None) -> Library:
        """Open the library in ``directory`` after checking its store for damage.

        Raises:
            DataError: the store is damaged; it was set aside and the message says where.
        """
        store_file = directory / STORE_FILE
        problem = store_problem(store_file)
        if problem is not None:
            with WriteLock(directory, on_message).held():
                problem = store_problem(store_file)
                if problem is not None:
                    raise set_aside(store_file, problem)
        private_folder(directory)
        library = cls(directory, on_message)
        try:
            library._index.open()
        except BaseException:
            library.close()
            raise
        make_private(directory)  # the store, a copied or rebuilt index: the user's alone
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
        try:
            doc = self._store.document(doc_id)
        except (sqlite3.DatabaseError, ValueError) as error:  # ValueError: damaged JSON
            raise DataError(
                f"文档 {doc_id} 无法读取：文档库 {self._store.path} 中它所在的部分已损坏"
                f"（{error}）。重新导入它所在的源文件可以恢复它。"
            ) from error
        if doc is None:
            raise ReaderError(f"文档库中没有编号为 {doc_id} 的文档。")
        return doc

    def versions(self, doc_id: str) -> list[DocumentSummary]:
        """Return the other versions of a document (same work, another text), newest first."""
        return other_versions(self._store.all_summaries(), doc_id)

    # --- links (reader.library.links holds the logic) ---------------------------------------
    def link_graph(self) -> LinkGraph:
        """Every document's links, resolved against the library as it is (kept until it changes)."""
        key = (self._store.meta(GENERATION_KEY), self._store.count())
        cached = self._links
        if cached is None or cached[0] != key:
            cached = self._links = (key, read_graph(self._store))
        return cached[1]

    def links(self, doc_id: str, today: date | None = None) -> DocumentLinks:
        """Return what a document cites, who cites it, its versions, relations and status."""
        own = self.get(doc_id)  # a document the library does not hold says so
        clauses = read_once(lambda target: self.get(target).clauses, {own.id: own.clauses})
        return self.link_graph().links(own.id, clauses, today)

    def document_sources(self, doc_id: str) -> list[SourceRef]:
        """Return every compilation (and lines) the document was found in."""
        return self._store.document_sources(doc_id)

    def sources(self) -> list[SourceInfo]:
        return self._store.sources()

    def searcher(self) -> LibrarySearcher:
        """Return the searcher; a damaged index met while searching is rebuilt, with a message."""
        return LibrarySearcher(self._index)

    def catch_up(self) -> bool:
        """See imports another process committed since; True when there were any (cheap)."""
        return self._index.catch_up()

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
        """Import files and the importable files inside folders, each all-or-nothing.

        Raises the first file's error, as :meth:`add_file` would; :meth:`add_files` goes on
        past files that cannot be imported.
        """
        reports: list[ImportReport] = []
        for _, outcome in self.add_files(expand_paths(paths), progress):
            if isinstance(outcome, ReaderError):
                raise outcome
            reports.append(outcome)
        return reports

    def add_files(
        self, paths: Sequence[Path], progress: Progress | None = None, batch: int = BATCH_FILES
    ) -> Iterator[tuple[Path, ImportReport | ReaderError]]:
        """Import files in batches; yield each file's report (or its error) once it is in.

        The files of a batch share one store transaction and one index commit (a commit per
        file is what makes a folder of small files slow). Each file is still all or nothing
        for the user: a file that cannot be read or split is reported and left out before
        anything is written, and if the batch's commit fails, its files are imported again
        one by one, so only the file at fault is refused.
        """
        report = progress or (lambda message, done, total: None)
        pending: list[tuple[Path, _Item]] = []
        for number, path in enumerate(paths, 1):
            report(f"[{number}/{len(paths)}] {path}", number, len(paths))
            try:
                item = self._prepare(Path(path))
            except ReaderError as error:
                yield path, error
                continue
            if any(item.name == other.name for _, other in pending):
                yield from self._commit_batch(pending, report)  # a later file replaces it
                pending = []
            pending.append((path, item))
            if len(pending) >= batch:
                yield from self._commit_batch(pending, report)
                pending = []
        yield from self._commit_batch(pending, report)

    def add_file(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Split ``path`` and add its documents; on any failure nothing changes.

        Raises:
            InputError: the file is empty, binary, undecodable, of a kind that cannot be read
                (scanned or encrypted PDF, old .doc…) or holds no document.
            DataError: the disk is full, a permission is missing…: said in words.
        """
        path = Path(path)
        if progress:
            progress(f"正在读取 {path.name}", 0, 1)
        with plain_write_errors(path.name):
            item = self._prepare(path, progress)
            return self._import([item], progress)[0]

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
        with plain_write_errors(name):
            return self._import([_item(result, name, sha256, origin)], progress)[0]

    def add_split(
        self, files: Sequence[tuple[Path, SplitResult, str]], progress: Progress | None = None
    ) -> Iterator[tuple[Path, ImportReport | ReaderError]]:
        """Add files already split, ``(path, result, sha256)``, in one commit, as ``add_files``.

        Names must differ within one call (a later file of the same name replaces the
        earlier: commit them in separate calls).
        """
        items = [(path, _item(result, path.name, sha, str(path.resolve())))
                 for path, result, sha in files]
        yield from self._commit_batch(items, progress or (lambda message, done, total: None))

    def _prepare(self, path: Path, progress: Progress | None = None) -> _Item:
        from reader.corpus.formats import split_path

        result = split_path(path, progress)
        return _item(result, path.name, file_sha256(path), str(path.resolve()))

    def _commit_batch(
        self, pending: list[tuple[Path, _Item]], report: Progress
    ) -> Iterator[tuple[Path, ImportReport | ReaderError]]:
        """Import a batch in one commit; on failure, each of its files on its own."""
        if not pending:
            return
        try:
            names = "、".join(item.name for _, item in pending[:3])
            with plain_write_errors(names if len(pending) <= 3 else f"{names} 等文件"):
                reports = self._import([item for _, item in pending], report)
        except ReaderError:
            if len(pending) == 1:
                raise
            for path, item in pending:
                try:
                    with plain_write_errors(item.name):
                        one = self._import([item], report)[0]
                except ReaderError as error:
                    yield path, error
                else:
                    yield path, one
            return
        yield from zip((path for path, _ in pending), reports, strict=True)

    def _import(self, items: Sequence[_Item], progress: Progress | None) -> list[ImportReport]:
        """Add the documents of split files, all in one store transaction and index commit."""
        report = progress or (lambda message, done, total: None)
        for item in items:
            if not item.result.documents:
                reason = item.result.reason or "未识别出任何文档标题"
                raise InputError(f"{item.name}：未找到任何文档（{reason}），没有导入任何内容。")
        todo = [item for item in items if not self._unchanged(item)]
        if not todo:
            return [ImportReport(item.name, unchanged=True) for item in items]
        docs = [item.result.documents for item in todo]  # spilled to disk for a huge file
        count = sum(map(len, docs))
        first = count <= SEGMENT_FIRST
        # Reading a huge file's summaries back and building the segmenter say nothing either.
        with heartbeat(report, f"正在准备分词 {todo[0].name}"):
            summaries = [*self._store.all_summaries(), *(doc.summary() for doc in chain(*docs))]
            words = user_words(summaries)
            segmenter = (Segmenter(words, record=True) if first
                         else Segmenter(words, record=True, cache_blocks=LARGE_FILE_BLOCKS))
        # Segment before taking the write lock: the segmenter remembers every block, so the
        # indexing inside the transaction (which blocks readers) only replays its tokens. Not
        # for a file too large for its memory of blocks: that would segment it twice (and
        # such a file's segmenter remembers few blocks, ~1 KB each).
        with heartbeat(report, f"正在分词 {todo[0].name}") as told:  # a long document says nothing
            for done, doc in enumerate(chain(*docs) if first else (), 1):
                segmenter.tokens(doc.title)
                segmenter.tokens(doc.text)
                told(f"正在分词 {todo[0].name}：{done}/{count} 篇文档", done, count)

        done_reports: dict[str, ImportReport] = {}
        with self._write_lock.held():
            # Another process may have imported the same files while this one was segmenting.
            todo = [item for item in todo if not self._unchanged(item)]
            if not todo:
                return [ImportReport(item.name, unchanged=True) for item in items]
            self._index.catch_up()
            generation = self._index.generation()
            try:
                # Whoosh's commit and SQLite's say nothing while they write: ticks say it.
                writing = f"正在写入文档库和搜索索引 {todo[0].name}"
                with heartbeat(report, writing) as told, self._store.transaction():
                    touched: list[str] = []
                    gone: list[str] = []
                    for item in todo:
                        outcome, kept = self._store_item(item, told)
                        done_reports[item.name] = outcome
                        touched.extend([*outcome.added, *outcome.merged, *kept])
                        gone.extend(outcome.removed)
                        gone.extend(outcome.renamed)
                    touched = list(dict.fromkeys(touched))
                    present = set(touched)
                    indexed_items = StoredDocuments(self._store, touched)
                    removed = [doc_id for doc_id in dict.fromkeys(gone) if doc_id not in present]
                    def indexed(done: int, total: int) -> None:
                        told(f"正在建立索引 {todo[0].name}：{done}/{total} 篇文档", done, total)

                    self._index.write(indexed_items, removed, segmenter, indexed, learn=True)
            except BaseException:
                if self._index.generation() != generation:
                    # The index committed but the store did not: derive it again from the
                    # store, which rolled back to the library as it was.
                    self._index.rebuild()
                raise
            with heartbeat(report, f"正在完成导入 {todo[0].name}"):
                self._index.refresh()
                make_private(self._index.directory)  # Whoosh writes with the umask's modes
        out: list[ImportReport] = []
        with heartbeat(report, f"正在查找新文件的其他版本 {todo[0].name}"):
            works = WorkIndex(self._store.all_summaries())
            versions = {name: works.new_versions(found.added)
                        for name, found in done_reports.items()}
        for item in items:
            found = done_reports.get(item.name)
            if found is None:
                out.append(ImportReport(item.name, unchanged=True))
                continue
            found = replace(found, versions=versions[item.name])
            if found.added:
                report(f"已导入 {item.name}：新增 {len(found.added)} 篇，"
                       f"{len(found.merged)} 篇已在文档库中", 1, 1)
            else:
                report(f"{item.name}：没有新增文档，{len(found.merged)} 篇都已在文档库中", 1, 1)
            out.append(found)
        return out

    def _unchanged(self, item: _Item) -> bool:
        existing = self._store.source(item.name)
        return existing is not None and existing.sha256 == item.sha256

    def _store_item(self, item: _Item, report: Progress) -> tuple[ImportReport, list[str]]:
        """Store one file's documents (inside the batch's transaction); return its report.

        Also returns the ids of documents that stay but lost this source (to reindex).
        The documents are read one at a time (a huge file's are on disk, not in memory).
        """
        name = item.name
        existing = self._store.source(name)
        source = item.result.documents
        count = len(source)

        def docs() -> Iterator[Document]:
            return (as_version(self._store, doc, name) for doc in source)

        renamed = self._renamed(name, list(docs())) if existing is not None else {}
        removed, kept = self._store.remove_source(name) if existing else ([], [])
        self._store.add_source(replace(item.info, documents=count))
        added: list[DocumentId] = []
        merged: list[DocumentId] = []
        for done, doc in enumerate(docs(), 1):
            (added if self._store.add_document(doc, name) else merged).append(doc.id)
            report(f"正在保存 {name}：{done}/{count} 篇文档", done, count)
        present = {*added, *merged, *kept}
        new_ids = set(added)
        outcome = ImportReport(
            name,
            added=tuple(added),
            merged=tuple(doc_id for doc_id in merged if doc_id not in new_ids),
            replaced=existing is not None,
            warnings=item.result.warnings,
            renamed=renamed,
            removed=tuple(
                DocumentId(doc_id) for doc_id in removed if doc_id not in present and doc_id not in renamed
            ),
        )
        return outcome, kept


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
            raise ReaderError(f"文档库中没有名为 {name} 的来源文件。")
        with self._write_lock.held(), self._store.transaction():
            deleted, kept = self._store.remove_source(name)
            items = [
                IndexedDocument(doc, self._store.source_names(doc.id))
                for doc in self._store.documents(kept)
            ]
            self._index.write(items, deleted, Segmenter(user_words(self._store.all_summaries())))
        self._index.refresh()
        return tuple(DocumentId(doc_id) for doc_id in deleted)


@contextmanager
def plain_write_errors(name: str) -> Iterator[None]:
    """Turn what the system refuses while importing ``name`` into a message for a person.

    The import is all or nothing, so the message can say the library is as it was.
    """
    what, kept = f"导入 {name}", "没有导入这个文件，文档库保持导入前的样子"
    try:
        yield
    except OSError as error:
        raise DataError(os_error_message(error, what, kept)) from error
    except sqlite3.OperationalError as error:
        if "full" not in str(error):  # SQLITE_FULL: the disk filled during the commit
            raise
        raise DataError(
            os_error_message(OSError(errno.ENOSPC, str(error)), what, kept)
        ) from error
