"""Writing the index: progress while a commit writes and merges; an older index rebuilt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from whoosh.query import Term

from reader.corpus.model import DocumentId
from reader.library.library import Library
from reader.library.search_index import SCHEMA_KEY
from reader.search.analysis import ChineseTokenizer, Segmenter
from reader.search.indexing import (
    SMALL_SEGMENTS_KEPT,
    IndexedDocument,
    build_index,
    document_fields,
    open_index,
    write_documents,
)
from reader.search.schema import SCHEMA_VERSION, PackedSpans
from tests.search.documents import gold_documents, small_library


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
        write_documents(ix, items, segmenter, progress=lambda d, t, c=calls: c.append((d, t)),
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


def _write_version_2_index(directory: Path, items: list[IndexedDocument]) -> None:
    """Write ``items`` as schema version 2 did: Whoosh's pickled positions in ``body``."""
    import shutil

    from whoosh import fields
    from whoosh import index as whoosh_index

    shutil.rmtree(directory)
    directory.mkdir()
    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(analyzer=ChineseTokenizer()),
                           words=fields.TEXT(analyzer=ChineseTokenizer(), phrase=False),
                           body=fields.TEXT(analyzer=ChineseTokenizer(), chars=True))
    ix = whoosh_index.create_in(str(directory), schema)
    with ix.writer() as writer:
        for item in items:
            doc = item.document
            writer.add_document(id=str(doc.id), title=doc.title, words=doc.text, body=doc.text)


def test_an_index_written_by_version_2_is_rebuilt_when_the_library_opens(
    tmp_path: Path,
) -> None:
    library = small_library(tmp_path / "library")
    expected = library.search("电子商务").total
    assert expected > 0
    store = library._store
    items = [IndexedDocument(doc, ("made.txt",)) for doc in store.documents()]
    with store.transaction():
        store.set_meta(SCHEMA_KEY, "2")
    library.close()
    _write_version_2_index(tmp_path / "library" / "search", items)

    messages: list[str] = []
    reopened = Library.open_folder(tmp_path / "library", on_message=messages.append)
    assert any("另一版本" in message for message in messages)
    assert reopened._store.meta(SCHEMA_KEY) == str(SCHEMA_VERSION)
    results = reopened.search("电子商务")
    assert results.total == expected
    assert "<mark>" in results.hits[0].snippet
    from whoosh import index as whoosh_index

    written = whoosh_index.open_dir(str(tmp_path / "library" / "search")).schema  # as pickled
    assert isinstance(written["body"].format, PackedSpans)
    reopened.close()


def _segment_files(directory: Path) -> dict[str, bytes]:
    """The files of the one segment in ``directory``, by name without the segment's id."""
    return {path.name.split(".", 1)[1]: path.read_bytes() for path in directory.iterdir()
            if path.suffix in (".pst", ".trm", ".col")}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_full_build_writes_the_segment_whooshs_own_writer_writes(
    tmp_path: Path, workers: int
) -> None:
    from whoosh import index as whoosh_index

    from reader.search.indexing import _codec
    from reader.search.schema import build_schema

    items = _items(0) + _items(1)  # enough documents for the worker processes to take part
    words = ["电子商务"]
    built = tmp_path / "built"
    build_index(built, items, words, workers=workers)
    plain = tmp_path / "plain"
    plain.mkdir()
    writer = whoosh_index.create_in(str(plain), build_schema()).writer(codec=_codec(),
                                                                        compound=False)
    segmenter = Segmenter(words, record=True)
    for item in items:
        writer.add_document(**document_fields(item, segmenter))
    writer.commit(merge=False)
    assert _segment_files(built) == _segment_files(plain)  # every byte of every posting


def test_a_build_past_its_memory_limit_writes_several_segments_and_finds_the_same(
    tmp_path: Path,
) -> None:
    items = _items(0) + _items(1) + _items(2)
    build_index(tmp_path / "one", items, [], workers=1)
    build_index(tmp_path / "several", items, [], workers=1, limit_mb=0)
    several = open_index(tmp_path / "several")
    assert len(several._segments()) > 1
    for ix in (open_index(tmp_path / "one"), several):
        with ix.searcher() as searcher:
            assert searcher.doc_count() == len(items)
    query = Term("body", "电子商务")
    with open_index(tmp_path / "one").searcher() as one, several.searcher() as other:
        expected = [(hit["id"], round(hit.score, 6)) for hit in one.search(query, limit=None)]
        found = [(hit["id"], round(hit.score, 6)) for hit in other.search(query, limit=None)]
    assert expected and sorted(found) == sorted(expected)


@pytest.mark.parametrize("gap", [1, 300, 70_000], ids=["byte steps", "short steps", "int steps"])
@pytest.mark.parametrize("lengths", [[2], [2, 3, 5]], ids=["one length", "lengths"])
@pytest.mark.parametrize("limit", [None, 1, 4, 7, 50])
def test_a_spans_value_reads_back_its_first_occurrences_alone(
    gap: int, lengths: list[int], limit: int | None
) -> None:
    spans = PackedSpans()
    count = 7
    positions = [3 + i * gap for i in range(count)]
    starts = [10 + i * (gap + 6) for i in range(count)]
    sizes = [lengths[i % len(lengths)] for i in range(count)]
    value = spans.encode_columns(positions, starts, sizes)
    every = [(pos, start, start + size) for pos, start, size in zip(positions, starts, sizes, strict=True)]
    assert spans.characters(value) == every
    assert spans.characters(value, limit) == every[:limit]
    assert list(spans.positions(value)) == positions
    assert spans.decode_frequency(value) == count
