"""Building the bundled library (``index/``) from ``seeds/``: what packaging runs.

The result has the layout of a user's library folder (store plus search index), so first use
is a copy. It is built in a temporary folder beside ``index/`` and renamed into place; the
``.complete`` marker is written last, so a half-built index is never mistaken for one.
Splitting runs one file per process and indexing two halves in two processes: on a two-core
machine both cores stay busy.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.corpus.model import SplitResult
from reader.errors import InputError
from reader.library.install import COMPLETE_MARKER, SEARCH_DIR
from reader.library.listing import STORE_FILE
from reader.library.search_index import GENERATION_KEY, SCHEMA_KEY
from reader.library.store import DocumentStore, SourceInfo, links_json
from reader.search.analysis import preload_dictionary
from reader.search.indexing import BUILD_LIMIT_MB, IndexedDocument, build_index, open_index
from reader.search.schema import SCHEMA_VERSION
from reader.search.vocabulary import user_words


@dataclass(frozen=True)
class BuildReport:
    """What a build produced and how long its stages took (seconds)."""

    directory: Path
    sources: int
    documents: int
    split_seconds: float
    index_seconds: float
    total_seconds: float


def _split(path: str) -> tuple[SplitResult, list[str]]:
    """Split one file, and read what each document says about others (in a worker, so
    that the store is filled without this second pass over the text)."""
    from reader.corpus import split_file

    result = split_file(Path(path))
    return result, [links_json(doc) for doc in result.documents]


def _pool(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context)


def build_library(
    files: Sequence[Path],
    target: Path,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Split ``files`` and build a complete library folder at ``target`` (replaced if there)."""
    say = progress or (lambda message: None)
    if not files:
        raise InputError("没有可用来建立文档库的汇编文件。")
    count = workers or min(os.cpu_count() or 1, 4)
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would make the bundled index private
    try:
        say(f"正在用 {count} 个进程拆分 {len(files)} 个文件…")
        if count > 1 and len(files) > 1:
            # Load jieba's dictionary while the workers split: the indexing workers forked
            # afterwards inherit it instead of loading it again each.
            # The thread starts only after every worker is forked (submit forks them).
            biggest_first = sorted(files, key=lambda f: f.stat().st_size, reverse=True)
            with _pool(min(count, len(files))) as pool:
                futures = {f: pool.submit(_split, str(f)) for f in biggest_first}
                loader = threading.Thread(target=preload_dictionary, daemon=True)
                loader.start()
                results = [futures[f].result() for f in files]
            loader.join()
        else:
            results = [_split(str(f)) for f in files]
        split_done = time.perf_counter()
        store = DocumentStore(staging / STORE_FILE)
        with store.transaction():
            for path, (result, mentions) in zip(files, results, strict=True):
                store.add_source(
                    SourceInfo(
                        name=path.name,
                        path=path.name,
                        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                        encoding=result.encoding,
                        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                        documents=len(result.documents),
                        front_matter=tuple(part.kind for part in result.front_matter),
                        parts=tuple(part.part() for part in result.front_matter),
                        warnings=result.warnings,
                    )
                )
                for doc, links in zip(result.documents, mentions, strict=True):
                    store.add_document(doc, path.name, links)
        say(f"正在用 {count} 个进程为 {store.count()} 篇文档建立索引…")
        build_from_store(store, staging, count)
        documents = store.count()
        store.close()
        index_done = time.perf_counter()
        (staging / COMPLETE_MARKER).write_text(
            datetime.now(UTC).isoformat(timespec="seconds") + "\n", encoding="utf-8"
        )
        old = target.parent / f".{target.name}-old-{os.getpid()}"
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    say(f"已建成 {target}：{documents} 篇文档，来自 {len(files)} 个文件。")
    return BuildReport(
        directory=target,
        sources=len(files),
        documents=documents,
        split_seconds=split_done - started,
        index_seconds=index_done - split_done,
        total_seconds=time.perf_counter() - started,
    )


def build_from_store(
    store: DocumentStore, directory: Path, workers: int | None = None,
    limit_mb: int = BUILD_LIMIT_MB,
) -> None:
    """Index every document of ``store`` into ``directory``/search and record it as current.

    The generation recorded is the index's own: a build past ``limit_mb`` of postings
    commits one segment after another, and a store naming another generation than its
    index's makes the next open rebuild the whole index."""
    items = [IndexedDocument(doc, store.source_names(doc.id)) for doc in store.documents()]
    build_index(directory / SEARCH_DIR, items, user_words(store.all_summaries()), workers,
                limit_mb)
    generation = open_index(directory / SEARCH_DIR).latest_generation()
    with store.transaction():
        store.set_meta(SCHEMA_KEY, str(SCHEMA_VERSION))
        store.set_meta(GENERATION_KEY, str(generation))


def seed_files(seeds_dir: Path) -> list[Path]:
    """Return the bundled compilations in name order."""
    if not seeds_dir.is_dir():
        raise InputError(f"找不到汇编文件夹 {seeds_dir}，无法建立索引。")
    return sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in (".txt", ".md"))
