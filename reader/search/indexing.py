"""Writing the index: one document's fields, incremental updates and the two-core build.

A full build splits the documents into balanced parts; each part is segmented and written to
a Whoosh segment of its own in a worker process (Whoosh allows one writer per index, but
nothing stops two indexes in two folders); the segments are then moved into one folder and
listed in a single table of contents. No merge and no ``optimize()``: searching a few large
segments costs about what one costs, and merging them would rewrite every posting again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from reader.corpus.model import Document
from reader.search.analysis import Lexicon, Segmented, Segmenter
from reader.search.schema import build_schema, title_key

LEXICON_FILE = "lexicon.marshal"
_INDEX_NAME = "MAIN"  # Whoosh's default index name
_SEGMENT_FILE = re.compile(r"^MAIN_[0-9a-z]+\.")
#: Whoosh's in-memory posting pool per writer; its default (128 MB) would exceed our budget.
WRITER_LIMIT_MB = 48


def _codec() -> W3Codec:
    """Whoosh's codec without zlib on posting blocks: a quarter less work to write and no
    decompression when searching, for an index 40% larger (still a few MB per 1,000 pages)."""
    return W3Codec(compression=0)


@dataclass(frozen=True)
class IndexedDocument:
    """A document with every source it came from (a document shared by two compilations)."""

    document: Document
    sources: tuple[str, ...]


def document_fields(item: IndexedDocument, segmenter: Segmenter) -> dict[str, Any]:
    """Return the Whoosh fields of one document, text already segmented."""
    doc = item.document
    issuer_names = list(dict.fromkeys((*doc.issuers, *doc.issuers_canonical)))
    issuers_text = " ".join(issuer_names)
    fields: dict[str, Any] = {
        "id": str(doc.id),
        "title": Segmented(doc.title, segmenter.tokens(doc.title)),
        "title_grams": title_key(doc.title),
        "body": Segmented(doc.text, segmenter.tokens(doc.text)),
        "issuers": Segmented(issuers_text, segmenter.tokens(issuers_text)),
        "source": ",".join(item.sources),
    }
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


def create_index(index_dir: Path) -> whoosh_index.Index:
    """Create an empty index in ``index_dir`` (created if missing)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(index_dir), build_schema())


def open_index(index_dir: Path) -> whoosh_index.Index:
    """Open the index in ``index_dir`` with our schema (the pickled one is not even read)."""
    return whoosh_index.open_dir(str(index_dir), schema=build_schema())


def write_documents(
    ix: whoosh_index.Index,
    items: Sequence[IndexedDocument],
    segmenter: Segmenter,
    remove_ids: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Add or replace ``items`` and delete ``remove_ids`` in one commit (all or nothing).

    On any exception the writer is cancelled: the index's table of contents is untouched,
    so searches see exactly what they saw before.
    """
    writer = ix.writer(limitmb=WRITER_LIMIT_MB, codec=_codec())
    try:
        for doc_id in remove_ids:
            writer.delete_by_term("id", doc_id)
        for done, item in enumerate(items, 1):
            writer.update_document(**document_fields(item, segmenter))
            if progress:
                progress(done, len(items))
        writer.commit(merge=False)
    except BaseException:
        with contextlib.suppress(Exception):  # the commit's own error is the one to report
            writer.cancel()
        raise


def _write_part(part_dir: str, items: list[IndexedDocument], words: list[str]) -> Lexicon:
    """Worker: segment and index one part into its own single-segment index."""
    segmenter = Segmenter(words, record=True)
    ix = whoosh_index.create_in(part_dir, build_schema())
    writer = ix.writer(limitmb=WRITER_LIMIT_MB, codec=_codec())
    for item in items:
        writer.add_document(**document_fields(item, segmenter))
    writer.commit(merge=False)
    return segmenter.lexicon()


def _balanced_parts(items: Sequence[IndexedDocument], count: int) -> list[list[IndexedDocument]]:
    parts: list[list[IndexedDocument]] = [[] for _ in range(count)]
    sizes = [0] * count
    for item in sorted(items, key=lambda it: len(it.document.text), reverse=True):
        smallest = sizes.index(min(sizes))
        parts[smallest].append(item)
        sizes[smallest] += len(item.document.text) + 200
    return [part for part in parts if part]


def build_index(
    index_dir: Path,
    items: Sequence[IndexedDocument],
    words: Sequence[str],
    workers: int | None = None,
) -> Lexicon:
    """Build a fresh index of ``items`` in ``index_dir`` (which must not exist yet).

    Uses ``workers`` processes (default: one per core, at most two parts per core's worth of
    text) and returns the merged lexicon, also saved beside the index.
    """
    count = workers or min(os.cpu_count() or 1, 4)
    count = max(1, min(count, len(items) or 1))
    parts = _balanced_parts(items, count)
    index_dir.mkdir(parents=True)
    scratch = Path(tempfile.mkdtemp(prefix=".parts-", dir=index_dir.parent))
    try:
        part_dirs = [scratch / f"part{i}" for i in range(len(parts))]
        for part_dir in part_dirs:
            part_dir.mkdir()
        if len(parts) <= 1:
            lexicons = [
                _write_part(str(d), p, list(words))
                for d, p in zip(part_dirs, parts, strict=True)
            ]
        else:
            context = multiprocessing.get_context(
                "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            )
            with ProcessPoolExecutor(len(parts), mp_context=context) as pool:
                futures = [
                    pool.submit(_write_part, str(d), p, list(words))
                    for d, p in zip(part_dirs, parts, strict=True)
                ]
                lexicons = [future.result() for future in futures]
        _adopt_parts(index_dir, part_dirs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    lexicon = _merge(lexicons) if lexicons else Segmenter(words).lexicon()
    lexicon.save(index_dir / LEXICON_FILE)
    return lexicon


def _merge(lexicons: Sequence[Lexicon]) -> Lexicon:
    merged = lexicons[0]
    for other in lexicons[1:]:
        merged = merged.merged(other)
    return merged


def _adopt_parts(index_dir: Path, part_dirs: Sequence[Path]) -> None:
    """Move every part's segment into ``index_dir`` and list them all in one new TOC."""
    schema = build_schema()
    segments: list[Any] = []
    for part_dir in part_dirs:
        part = whoosh_index.open_dir(str(part_dir), schema=schema)
        segments.extend(part._segments())
        for name in os.listdir(part_dir):
            if _SEGMENT_FILE.match(name):
                os.replace(part_dir / name, index_dir / name)
    whoosh_index.TOC(schema, segments, 1).write(FileStorage(str(index_dir)), _INDEX_NAME)


def load_lexicon(index_dir: Path) -> Lexicon:
    """Return the lexicon saved beside the index (raises OSError/ValueError when damaged)."""
    return Lexicon.load(index_dir / LEXICON_FILE)


def save_lexicon(index_dir: Path, lexicon: Lexicon) -> None:
    lexicon.save(index_dir / LEXICON_FILE)
