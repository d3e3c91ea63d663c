"""Compact term infos hold what Whoosh's hold, at every width, and an index written with
Whoosh's term infos before them still reads, beside segments written with them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3TermInfo

from reader.corpus.model import DocumentId
from reader.search import indexing
from reader.search.analysis import Segmenter
from reader.search.indexing import IndexedDocument, build_index, open_index, write_documents
from reader.search.postings import PackedCodec
from reader.search.term_info import CompactTermInfo
from tests.search.documents import gold_documents


def _info(weight: float, df: int, minlength: int | None, maxlength: int, maxweight: float,
          minid: int | None, maxid: int | None, offset: int, length: int) -> CompactTermInfo:
    info = CompactTermInfo()
    info._weight, info._df, info._minlength, info._maxlength = weight, df, minlength, maxlength
    info._maxweight, info._minid, info._maxid = maxweight, minid, maxid
    info._offset, info._length = offset, length
    return info


CASES = [
    (1.0, 1, 12, 12, 1.0, 0, 0, 0, 14),  # a word in one document
    (3.0, 2, 5, 900, 2.0, 7, 65_534, 123_456, 65_535),
    (2.5, 300, 1, 40_000, 1.5, 3, 65_535, (1 << 32) - 1, 65_536),  # a boosted field
    (70_000.0, 70_000, None, 0, 300.0, 0, 2_000_000, 1 << 32, 5_000_000),
    (12.0, 255, 3, 3, 255.0, None, None, 9, 1),
]


@pytest.mark.parametrize("fields", CASES)
def test_a_term_info_reads_back_as_whooshs_own_would(fields: tuple) -> None:
    info = _info(*fields)
    whoosh = W3TermInfo()
    vars(whoosh).update(vars(info))
    expected = vars(W3TermInfo.from_bytes(whoosh.to_bytes()))
    expected["_length"] = expected["_length"][0]  # Whoosh reads its length back as a 1-tuple

    packed = info.to_bytes()
    assert vars(CompactTermInfo.from_bytes(packed)) == expected
    assert CompactTermInfo.statistics(packed) == (expected["_weight"], expected["_df"])
    assert len(packed) <= len(whoosh.to_bytes())
    if fields in CASES[:2]:  # most terms: a few bytes
        assert len(packed) <= 20


def test_an_inlined_posting_list_is_refused() -> None:
    info = _info(*CASES[0])
    info.set_inlined([1], [1.0], [b""])
    with pytest.raises(ValueError):
        info.to_bytes()


def _items(first: int, copies: int) -> list[IndexedDocument]:
    docs = gold_documents()[:6]
    return [IndexedDocument(replace(doc, id=DocumentId(f"{doc.id}-{copy}")), ("made.txt",))
            for copy in range(first, first + copies) for doc in docs]


def _whooshs_term_infos() -> PackedCodec:
    """The codec as a table of contents written before compact term infos unpickles it."""
    codec = PackedCodec(compression=indexing.COMPRESSION, position_block=indexing.POSITION_BLOCK)
    del codec.compact_term_infos
    return codec


def test_segments_of_both_kinds_read_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = ["发展", "数字 交通", '"推进 实施"', "碳达峰", "乡村振兴"]
    build_index(tmp_path / "compact", _items(0, 3), [], workers=1)
    write_documents(open_index(tmp_path / "compact"), _items(3, 2), Segmenter())
    monkeypatch.setattr(indexing, "_codec", _whooshs_term_infos)
    build_index(tmp_path / "mixed", _items(0, 3), [], workers=1)  # Whoosh's, as before
    monkeypatch.undo()
    write_documents(open_index(tmp_path / "mixed"), _items(3, 2), Segmenter())  # compact
    from reader.search.query import build_query, parse_query
    from reader.search.ranking import Ranker

    segmenter = Segmenter()
    found = {}
    for name in ("compact", "mixed"):
        with open_index(tmp_path / name).searcher() as searcher:
            kinds = [getattr(reader.segment().codec(), "compact_term_infos", False)
                     for reader, _ in searcher.reader().leaf_readers()]
            ranker = Ranker(searcher)
            found[name] = (kinds, [ranker.scores(build_query(parse_query(q, segmenter)))
                                   for q in queries],
                           sorted(searcher.reader().all_terms()))
    assert found["compact"][0] == [True, True] and found["mixed"][0] == [False, True]
    assert found["compact"][1:] == found["mixed"][1:]
    assert all(found["mixed"][1])
    # A merge reads both kinds and writes one segment of compact term infos, as it merges
    # two compact ones (a merge sums the field lengths from their one-byte form, so the
    # scores are compared with those of a merge, not of the segments before it).
    merged = {}
    for name in ("compact", "mixed"):
        writer = open_index(tmp_path / name).writer(codec=indexing._codec(), compound=False)
        writer.commit(optimize=True)
        with open_index(tmp_path / name).searcher() as searcher:
            (reader, _), = searcher.reader().leaf_readers()
            assert reader.segment().codec().compact_term_infos
            ranker = Ranker(searcher)
            merged[name] = ([ranker.scores(build_query(parse_query(q, segmenter)))
                             for q in queries], sorted(searcher.reader().all_terms()))
    assert merged["compact"] == merged["mixed"]
    assert merged["mixed"][1] == found["compact"][2]
