"""Writing the index: one document's fields, incremental updates and the two-core build.

In a full build, worker processes segment (jieba's share of the work, the larger one) and the
main process feeds their tokens to one Whoosh writer as they arrive, so both cores work and
the result is a single segment: searching one segment costs a fifth less than searching two,
and nothing has to be merged or ``optimize()``d afterwards.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import PostingPool

from reader.corpus.model import Document
from reader.errors import DataError
from reader.search.analysis import Lexicon, Segmented, Segmenter, TokenSpan
from reader.search.bulk import Batch, SegmentBuilder, index_batch
from reader.search.hmm import HmmModel
from reader.search.postings import PackedCodec
from reader.search.schema import build_schema, sequence_keys, title_key

LEXICON_FILE = "lexicon.marshal"
#: Whoosh's in-memory posting pool per writer; its default (128 MB) would exceed our budget.
WRITER_LIMIT_MB = 48
#: Text sent to a worker at a time: about this many batches a worker, within the bounds
#: below. Fewer, larger batches cost the writing process less to append (it walks each
#: batch's terms), more keep the workers evenly busy to the end; three a worker was the
#: quickest build of the seeds (60,000 characters a batch: 10 % slower).
_BATCHES_PER_WORKER = 3
_BATCH_CHARS = (60_000, 600_000)


#: zlib level of posting blocks (packed columns, :mod:`reader.search.postings`): the fastest
#: level takes what there is to take.
COMPRESSION = 1
#: Postings per block of a field with positions: only the few documents a phrase or a
#: snippet needs are read from them, so a small block means less to read and unpack.
POSITION_BLOCK = 32


class Codec(W3Codec):
    """The codec of indexes written before :class:`PackedCodec` (pickled blocks), kept only
    so that their table of contents still unpickles: such an index is rebuilt, never
    written again.

    Whoosh pickles this object into the index's table of contents: keep it at this path.
    """


def _codec() -> W3Codec:
    """The codec of every writer.

    Writers also get ``compound=False``: Whoosh reads a compound segment's parts through
    ``BytesIO(memoryview)``, which copies the whole postings file into memory on open (a
    searching process held 410 MB for the 10× library; with separate files, 46 MB for the
    seeds)."""
    return PackedCodec(compression=COMPRESSION, position_block=POSITION_BLOCK)


@dataclass(frozen=True)
class IndexedDocument:
    """A document with every source it came from (a document shared by two compilations)."""

    document: Document
    sources: tuple[str, ...]


def document_fields(item: IndexedDocument, segmenter: Segmenter) -> dict[str, Any]:
    """Return the Whoosh fields of one document, text already segmented."""
    doc = item.document
    return _fields(
        item,
        segmenter.index_tokens(doc.title),
        segmenter.index_tokens(doc.text),
        segmenter.index_tokens(_issuers_text(doc)),
    )


def _issuers_text(doc: Document) -> str:
    return " ".join(dict.fromkeys((*doc.issuers, *doc.issuers_canonical)))


def _fields(
    item: IndexedDocument,
    title: Iterable[TokenSpan],
    body: Iterable[TokenSpan],
    issuers: Iterable[TokenSpan],
) -> dict[str, Any]:
    doc = item.document
    issuer_names = list(dict.fromkeys((*doc.issuers, *doc.issuers_canonical)))
    body = list(body)
    fields: dict[str, Any] = {
        "id": str(doc.id),
        "title": Segmented(doc.title, title),
        "title_grams": title_key(doc.title),
        "words": Segmented(doc.text, body),
        "body": Segmented(doc.text, body),
        "issuers": Segmented(_issuers_text(doc), issuers),
        "source": ",".join(item.sources),
    }
    runs = sequence_keys(body)
    if runs:
        fields["numbers"] = Segmented("", runs)
    if issuer_names:
        fields["issuer"] = ",".join(name.replace(",", " ") for name in issuer_names)
    if doc.doc_number:
        fields["doc_number"] = doc.doc_number
    if doc.date:
        fields["date"] = doc.date
        fields["year"] = doc.date[:4]
    if doc.doc_type:
        fields["doc_type"] = doc.doc_type
    return fields


def open_index(index_dir: Path) -> whoosh_index.Index:
    """Open the index in ``index_dir`` with our schema (the pickled one is not even read)."""
    return whoosh_index.open_dir(str(index_dir), schema=build_schema())


#: A commit (a merge above all) runs for seconds inside Whoosh with no call back: the
#: progress of the last document is said again at least this often meanwhile.
BEAT_SECONDS = 0.5
_BEAT_EVERY = 4096  # postings between two looks at the clock


class Heartbeat:
    """Calls ``beat`` from long loops inside Whoosh, at most once per ``interval`` seconds."""

    def __init__(self, beat: Callable[[], None], interval: float = BEAT_SECONDS) -> None:
        self._beat = beat
        self._interval = interval
        self._last = time.monotonic()

    def __call__(self) -> None:
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            self._beat()


class _BeatingPool(PostingPool):
    """Whoosh's posting pool, telling the heartbeat while postings go in and come out
    (merging segments adds theirs here; writing the segment reads them back, sorted)."""

    def __init__(self, tempstore: Any, segment: Any, heartbeat: Heartbeat, limitmb: int) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.heartbeat = heartbeat
        self._added = 0

    def add(self, item: Any) -> None:
        super().add(item)
        self._added += 1
        if not self._added % _BEAT_EVERY:
            self.heartbeat()

    def iter_postings(self) -> Iterator[Any]:
        heartbeat = self.heartbeat
        for count, item in enumerate(super().iter_postings(), 1):
            if not count % _BEAT_EVERY:
                heartbeat()
            yield item


def write_documents(
    ix: whoosh_index.Index,
    items: Sequence[IndexedDocument],
    segmenter: Segmenter,
    remove_ids: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
    beat_seconds: float = BEAT_SECONDS,
) -> None:
    """Add or replace ``items`` and delete ``remove_ids`` in one commit (all or nothing).

    ``progress(done, total)`` after each document, and the last one again at least every
    ``beat_seconds`` while Whoosh works on (the commit writes and perhaps merges segments).
    On any exception the writer is cancelled: the index's table of contents is untouched,
    so searches see exactly what they saw before.
    """
    try:
        writer = ix.writer(limitmb=WRITER_LIMIT_MB, codec=_codec(), compound=False)
    except whoosh_index.LockError as error:
        raise DataError("搜索索引正被另一个进程写入，请稍后重试。") from error
    total = len(items)
    done = 0
    heartbeat = Heartbeat(lambda: progress(done, total) if progress else None, beat_seconds)
    writer.pool = _BeatingPool(writer.pool.tempstore, writer.pool.segment, heartbeat,
                               WRITER_LIMIT_MB)
    try:
        for doc_id in remove_ids:
            writer.delete_by_term("id", doc_id)
        for item in items:
            writer.update_document(**document_fields(item, segmenter))
            done += 1
            if progress:
                progress(done, total)
        writer.commit(mergetype=merge_small_segments)
    except BaseException:
        with contextlib.suppress(Exception):  # the commit's own error is the one to report
            writer.cancel()
        raise


#: Segments of fewer documents than this are merged into the segment an import writes;
#: larger ones are kept as they are. Whoosh's own policy sometimes rewrites every segment,
#: the bundled library's included, inside an import (20–67 s without a word of progress);
#: this one rewrites at most a few hundred documents, and a search reads few segments.
SMALL_SEGMENT_DOCS = 500
#: Up to this many small segments are left as they are (a search reads a few more).
SMALL_SEGMENTS_KEPT = 4


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: once there are several small segments, fold them into the new
    one; keep the large ones as they are."""
    from whoosh.reading import SegmentReader

    small = [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT_DOCS]
    if len(small) < SMALL_SEGMENTS_KEPT:
        return segments  # most imports merge nothing
    heartbeat = getattr(writer.pool, "heartbeat", None)
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
        if heartbeat is not None:
            heartbeat()
    return [seg for seg in segments if seg not in small]


#: Postings a full build keeps in memory before it writes a segment and starts the next
#: (the seeds take ~25 MB, ten times the seeds ~150 MB).
BUILD_LIMIT_MB = 512


def build_index(
    index_dir: Path,
    items: Sequence[IndexedDocument],
    words: Sequence[str],
    workers: int | None = None,
    limit_mb: int = BUILD_LIMIT_MB,
) -> Lexicon:
    """Build a fresh index of ``items`` in ``index_dir`` (which must not exist yet).

    ``workers`` processes segment and make the postings (default: one per core); past
    ``limit_mb`` of postings in memory a segment is written and the next begun. Returns the
    lexicon of the library's words, also saved beside the index.
    """
    count = max(1, workers or min(os.cpu_count() or 1, 4))
    index_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    state: dict[str, SegmentBuilder] = {}

    def add(batch: Batch) -> None:
        builder = state.get("builder")
        if builder is None:
            writer = ix.writer(limitmb=WRITER_LIMIT_MB, codec=_codec(), compound=False)
            builder = state["builder"] = SegmentBuilder(writer, batch.first)
        builder.add(batch)
        if builder.bytes > limit_mb << 20:
            builder.write(parallel=count > 1)
            del state["builder"]

    try:
        if count == 1 or len(items) < 8:
            segmenter = Segmenter(words, record=True)
            schema = build_schema()
            for first, batch in _batches(items):
                fields = [document_fields(item, segmenter) for item in batch]
                add(index_batch(schema, fields, first))
            lexicon = segmenter.take_lexicon()
        else:
            lexicon = _feed_from_workers(add, items, words, count)
        if "builder" in state:
            state["builder"].write(parallel=count > 1)
    except BaseException:
        with contextlib.suppress(Exception):
            if "builder" in state:
                state["builder"].writer.cancel()
        raise
    if lexicon.hmm is None:
        lexicon = Lexicon(lexicon.freq, lexicon.total, HmmModel.from_jieba())
    lexicon.save(index_dir / LEXICON_FILE)
    return lexicon


# Worker side of the parallel build: one segmenter and schema per process; a batch's
# postings go back grouped by term in arrays (:mod:`reader.search.bulk`), which pickle far
# faster than a million small tuples.
_WORKER: dict[str, Any] = {}


def _start_worker(words: list[str]) -> None:
    _WORKER["segmenter"] = Segmenter(words, record=True)
    _WORKER["schema"] = build_schema()


def _index_batch(payload: tuple[int, list[IndexedDocument]]) -> tuple[Batch, Lexicon]:
    """Worker: the postings of a batch of documents; and the words it met."""
    first, items = payload
    segmenter = _WORKER["segmenter"]
    fields = [document_fields(item, segmenter) for item in items]
    return index_batch(_WORKER["schema"], fields, first), segmenter.take_lexicon()


def _batches(
    items: Sequence[IndexedDocument], workers: int = 1
) -> list[tuple[int, list[IndexedDocument]]]:
    """Split ``items`` in batches of text for ``workers`` (:data:`_BATCHES_PER_WORKER`
    each, within :data:`_BATCH_CHARS`), each with the number of its first document."""
    total = sum(len(item.document.text) for item in items)
    low, high = _BATCH_CHARS
    limit = min(high, max(low, total // (workers * _BATCHES_PER_WORKER)))
    batches: list[tuple[int, list[IndexedDocument]]] = []
    size = limit
    for number, item in enumerate(items):
        if size >= limit:
            batches.append((number, []))
            size = 0
        batches[-1][1].append(item)
        size += len(item.document.text)
    return batches


def _feed_from_workers(
    add: Callable[[Batch], None], items: Sequence[IndexedDocument], words: Sequence[str],
    count: int,
) -> Lexicon:
    """Make the postings in ``count`` worker processes; ``add`` each batch as it returns."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # The clause trees stay here: the postings need only the text and the metadata.
    payloads = [
        (first, [IndexedDocument(replace(it.document, clauses=()), it.sources) for it in batch])
        for first, batch in _batches(items, count)
    ]
    merged: Lexicon | None = None
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=_start_worker, initargs=(list(words),)
    ) as pool:
        for batch, lexicon in pool.map(_index_batch, payloads):
            merged = lexicon if merged is None else merged.merged(lexicon)
            add(batch)
    assert merged is not None
    return merged


def load_lexicon(index_dir: Path) -> Lexicon:
    """Return the lexicon saved beside the index (raises OSError/ValueError when damaged)."""
    return Lexicon.load(index_dir / LEXICON_FILE)


def save_lexicon(index_dir: Path, lexicon: Lexicon) -> None:
    lexicon.save(index_dir / LEXICON_FILE)
