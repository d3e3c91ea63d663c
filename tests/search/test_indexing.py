"""Writing the index: progress goes on while a commit writes and merges segments."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.corpus.model import DocumentId
from reader.search.analysis import Segmenter
from reader.search.indexing import (
    SMALL_SEGMENTS_KEPT,
    IndexedDocument,
    build_index,
    open_index,
    write_documents,
)
from tests.search.documents import gold_documents


def _items(copy: int) -> list[IndexedDocument]:
    docs = gold_documents()[:6]
    return [IndexedDocument(replace(doc, id=DocumentId(f"{doc.id}-{copy}")), ("made.txt",))
            for doc in docs]


def test_the_commit_keeps_telling_progress_while_it_writes_and_merges(tmp_path: Path) -> None:
    directory = tmp_path / "search"
    build_index(directory, _items(0), [], workers=1)
    ix = open_index(directory)
    segmenter = Segmenter()
    commits: list[list[tuple[int, int]]] = []
    for copy in range(1, SMALL_SEGMENTS_KEPT + 2):
        calls: list[tuple[int, int]] = []
        items = _items(copy)
        write_documents(ix, items, segmenter, progress=lambda d, t: calls.append((d, t)),
                        beat_seconds=0.0)
        told = [done for done, total in calls]
        assert told == sorted(told) and set(told) == set(range(1, len(items) + 1))
        assert {total for _, total in calls} == {len(items)}
        commits.append(calls[told.index(len(items)) + 1 :])
    # Every commit said again, while writing, that all its documents were in.
    for after_documents in commits:
        assert after_documents
        assert set(after_documents) == {(6, 6)}
    # The small segments were merged on the way, and every document is still found.
    ix = open_index(directory)
    assert len(ix._segments()) < SMALL_SEGMENTS_KEPT + 2
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 6 * (SMALL_SEGMENTS_KEPT + 2)
