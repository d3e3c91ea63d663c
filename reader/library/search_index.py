"""The library's search index: checked on open, rebuilt from the store when it cannot be used.

The store records which index generation and schema version belong to its documents, in the
same transaction as the documents themselves. An index whose generation, schema version or
document count disagrees with the store, or that Whoosh cannot open, is rebuilt from the
stored documents — with a message through ``on_message``, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from whoosh.index import Index

from reader.library.lock import WriteLock
from reader.library.store import DocumentStore
from reader.search.analysis import Lexicon, Segmenter
from reader.search.indexing import (
    IndexedDocument,
    build_index,
    load_lexicon,
    open_index,
    save_lexicon,
    write_documents,
)
from reader.search.schema import SCHEMA_VERSION
from reader.search.searcher import Searcher
from reader.search.vocabulary import user_words

MessageCallback = Callable[[str], None]

#: What reading a missing or damaged lexicon file raises (marshal's own errors included).
_LEXICON_ERRORS = (OSError, ValueError, EOFError, TypeError)
GENERATION_KEY = "index_generation"
SCHEMA_KEY = "index_schema_version"


def _check_postings(searcher: Any) -> None:
    """Read the last block of a few posting lists that together span the postings file.

    The first term and the commonest words of ``body`` (first in the file) and of ``words``
    (last): a truncated or overwritten file fails here. Skipping to the last document reads
    only block headers on the way, so this costs milliseconds even at 50× the seeds.
    """
    reader = searcher.reader()
    last = searcher.doc_count_all() - 1
    for field in ("body", "words"):
        first = next(iter(reader.lexicon(field)), b"").decode("utf-8")
        for word in (first, "的", "和"):
            if (field, word) in reader:
                matcher = searcher.postings(field, word)
                if matcher.is_active():
                    matcher.skip_to(last)
                if matcher.is_active():
                    matcher.value()


class LibraryIndex:
    """The Whoosh index of one library folder and the searcher over it."""

    def __init__(
        self,
        directory: Path,
        store: DocumentStore,
        on_message: MessageCallback | None = None,
        lock: WriteLock | None = None,
    ) -> None:
        self.directory = directory
        self._store = store
        self._on_message = on_message or (lambda message: None)
        self._lock = lock or WriteLock(directory.parent, self._on_message)
        self._ix: Index | None = None
        self._searcher: Searcher | None = None
        self._lexicon: Lexicon | None = None
        self._seen_generation: str | None = None

    # --- opening ----------------------------------------------------------------------------
    def open(self) -> None:
        """Open the index, rebuilding it first when it is missing, outdated or damaged.

        The check runs again under the write lock before a rebuild: another process may be
        half-way through an import (which looks like an index out of step) or may just have
        repaired the index itself.
        """
        if self._problem() is None:
            return
        with self._lock.held():
            problem = self._problem()
            if problem:
                self.repair(problem)

    def repair(self, problem: str) -> None:
        """Rebuild the index from the store, saying why (``problem``) and when it is done.

        Call with the write lock held.
        """
        count = self._store.count()
        self._on_message(f"{problem}，正在根据文档库中的 {count} 篇文档重建…")
        self.rebuild()
        self._on_message("搜索索引已重建。")

    def _problem(self) -> str | None:
        """Return why the index cannot be used as it is, or None when it can."""
        if not self.directory.is_dir():
            return "搜索索引不存在"
        if self._store.meta(SCHEMA_KEY) != str(SCHEMA_VERSION):
            return "搜索索引由另一版本的阅读器建立"
        try:
            ix = open_index(self.directory)
            if str(ix.latest_generation()) != self._store.meta(GENERATION_KEY):
                return "搜索索引与文档库不一致（上次更新被中断）"
            with ix.searcher() as searcher:
                if searcher.doc_count() != self._store.count():
                    return "搜索索引与文档库中的文档不一致"
                if searcher.doc_count():
                    searcher.stored_fields(searcher.doc_count_all() - 1)
                    _check_postings(searcher)
            lexicon = load_lexicon(self.directory)
        except Exception as error:  # any failure to read it means: rebuild it
            return f"搜索索引已损坏（{type(error).__name__}）"
        self._ix = ix
        self._lexicon = lexicon
        self._seen_generation = self._store.meta(GENERATION_KEY)
        return None

    def rebuild(self) -> None:
        """Build a new index from every stored document and swap it in."""
        self.close()
        items = [
            IndexedDocument(doc, self._store.source_names(doc.id))
            for doc in self._store.documents()
        ]
        words = user_words(self._store.all_summaries())
        parent = self.directory.parent
        parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=".search-new-", dir=parent))
        fresh.rmdir()
        lexicon = build_index(fresh, items, words, workers=None if len(items) > 50 else 1)
        old = parent / f".search-old-{os.getpid()}"
        if self.directory.exists():
            os.replace(self.directory, old)
        os.replace(fresh, self.directory)
        shutil.rmtree(old, ignore_errors=True)
        self._ix = open_index(self.directory)
        self._lexicon = lexicon
        with self._store.transaction():
            self._store.set_meta(SCHEMA_KEY, str(SCHEMA_VERSION))
            self._store.set_meta(GENERATION_KEY, str(self._ix.latest_generation()))
        self._seen_generation = self._store.meta(GENERATION_KEY)

    def repair_after(self, error: Exception) -> None:
        """Rebuild the index after ``error`` while reading it at search time."""
        with self._lock.held():
            self.repair(f"搜索时发现搜索索引已损坏（{type(error).__name__}：{error}）")

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix = None

    # --- searching ------------------------------------------------------------------------
    @property
    def ix(self) -> Index:
        if self._ix is None:
            self.open()
        assert self._ix is not None
        return self._ix

    def searcher(self) -> Searcher:
        """Return the searcher (created on first use; jieba's dictionary loads lazily)."""
        if self._searcher is None:
            self._searcher = Searcher(self.ix, self._query_segmenter(), self._store)
        return self._searcher

    def _query_segmenter(self) -> Segmenter:
        lexicon = self._lexicon
        if lexicon is not None:
            return Segmenter(lexicon=lexicon)
        return Segmenter(lexicon=lambda: load_lexicon(self.directory))

    # --- writing --------------------------------------------------------------------------
    def write(
        self,
        items: Sequence[IndexedDocument],
        remove_ids: Sequence[str],
        segmenter: Segmenter,
        progress: Callable[[int, int], None] | None = None,
        learn: bool = False,
    ) -> None:
        """Commit ``items`` and deletions to the index; call inside a store transaction.

        Records the new generation in the store (same transaction). On failure, files the
        failed commit left behind are removed, so the folder is as it was.

        The words of the new text join the query dictionary before the store commits, merged
        into the dictionary as it is on disk now (another process may have added words since
        this one read it), under the write lock the caller holds (with ``learn``: the
        segmenter recorded new text). A crash after this save
        but before the store's commit leaves a dictionary with a few words too many, which
        changes no query; the index, out of step with the store, is rebuilt at the next open.
        """
        ix = self.ix
        before = set(os.listdir(self.directory))
        try:
            write_documents(ix, items, segmenter, remove_ids, progress)
        except BaseException:
            self._remove_new_files(before)
            raise
        if learn:
            self._merge_lexicon(segmenter.lexicon())
        self._store.set_meta(GENERATION_KEY, str(ix.latest_generation()))

    def _remove_new_files(self, before: set[str]) -> None:
        """Delete what a failed commit left in the folder (never masking its error)."""
        for name in set(os.listdir(self.directory)) - before:
            path = self.directory / name
            try:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                pass

    def generation(self) -> int:
        return int(self.ix.latest_generation())

    def _merge_lexicon(self, lexicon: Lexicon) -> None:
        current: Lexicon | None
        try:
            current = load_lexicon(self.directory)
        except _LEXICON_ERRORS:
            current = self._lexicon  # missing or damaged on disk: this process's copy
        merged = lexicon if current is None else current.merged(lexicon)
        save_lexicon(self.directory, merged)
        self._lexicon = merged
        if self._searcher is not None:
            self._searcher.replace_segmenter(Segmenter(lexicon=merged))

    def refresh(self) -> None:
        """See what this process committed: the new segments and the new words."""
        self._seen_generation = self._store.meta(GENERATION_KEY)
        if self._searcher is not None:
            self._searcher.refresh()

    def catch_up(self) -> bool:
        """See what another process committed since; return True when there was something.

        Costs one small query while nothing changed: the store's recorded generation is
        compared with the one this process last saw. A newer one reopens the searcher on the
        latest segments and reloads the query dictionary the other writer merged.
        """
        generation = self._store.meta(GENERATION_KEY)
        if generation == self._seen_generation:
            return False
        if self._ix is not None:
            with contextlib.suppress(*_LEXICON_ERRORS):  # else the old words; checked at open
                self._lexicon = load_lexicon(self.directory)
            if self._searcher is not None:
                self._searcher.replace_segmenter(Segmenter(lexicon=self._lexicon))
                self._searcher.refresh()
        self._seen_generation = generation
        return True
