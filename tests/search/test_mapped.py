"""The memory-mapped terms reader finds exactly what Whoosh's own hash reader finds.

A real index of seed documents; every term it holds is looked up both ways, with terms it
does not hold among them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.structfile import StructFile
from whoosh.reading import TermNotFound

from reader.corpus.model import DocumentId
from reader.search.indexing import IndexedDocument, build_index, open_index
from reader.search.mapped import MappedFile, MappedTermsReader, open_for_reading
from reader.search.term_info import CompactTermInfo
from tests.search.documents import gold_documents


def _items(copies: int) -> list[IndexedDocument]:
    docs = gold_documents()[:6]
    return [IndexedDocument(replace(doc, id=DocumentId(f"{doc.id}-{copy}")), ("made.txt",))
            for copy in range(copies) for doc in docs]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory: Path = tmp_path_factory.mktemp("mapped") / "search"
    build_index(directory, _items(4), [], workers=1)
    return directory


def _whooshs_own(reader: Any) -> W3TermsReader:
    """Whoosh's terms reader over the same segment's files, read as plain files."""
    segment, storage = reader.segment(), reader.storage()
    codec = segment.codec()
    assert codec.compact_term_infos
    name = segment.make_filename(codec.TERMS_EXT)
    return W3TermsReader(codec, storage.open_file(name), storage.file_length(name),
                         segment.open_file(storage, codec.POSTS_EXT))


def _info(own: W3TermsReader, fieldname: str, tbytes: bytes) -> CompactTermInfo:
    """The term info Whoosh's hash reader finds, decoded as the segment's codec wrote it."""
    return CompactTermInfo.from_bytes(own._tindex[own._keycoder(fieldname, tbytes)])


def test_every_term_is_found_as_whoosh_finds_it(index_dir: Path) -> None:
    with open_index(index_dir).reader() as reader:
        mapped = reader._terms
        assert isinstance(mapped, MappedTermsReader) and isinstance(mapped._dbfile, MappedFile)
        own = _whooshs_own(reader)
        terms = list(own.terms())
        assert len(terms) > 5000
        for fieldname, tbytes in terms:
            info = _info(own, fieldname, tbytes)
            assert vars(mapped.term_info(fieldname, tbytes)) == vars(info)
            assert mapped.doc_frequency(fieldname, tbytes) == info.doc_frequency()
            assert mapped.frequency(fieldname, tbytes) == info.weight()
            assert (fieldname, tbytes) in mapped
        # Whoosh's own ways through the terms read them alike.
        assert [(term, vars(info)) for term, info in mapped.items()] == [
            (term, vars(_info(own, *term))) for term in terms]
        cursor = mapped.cursor("body", reader.schema["body"])
        while cursor.is_valid():
            word = cursor.text().encode()
            assert vars(cursor.term_info()) == vars(_info(own, "body", word))
            cursor.next()
        own.close()


@pytest.mark.parametrize("term", [("body", "不在索引里的词".encode()), ("body", b""),
                                  ("no_such_field", "发展".encode())])
def test_a_term_not_held_is_not_found(index_dir: Path, term: tuple[str, bytes]) -> None:
    with open_index(index_dir).reader() as reader:
        mapped = reader._terms
        assert term not in mapped
        with pytest.raises(TermNotFound):
            mapped.term_info(*term)
        with pytest.raises(KeyError):
            mapped.doc_frequency(*term)
        if term[0] in reader.schema:
            assert reader.doc_frequency(term[0], term[1].decode()) == 0


def test_closing_the_reader_closes_its_maps(index_dir: Path) -> None:
    reader = open_index(index_dir).reader()
    maps = [reader._terms._dbfile.map, reader._terms._postfile.map]
    reader.close()
    assert all(m.closed for m in maps)


def test_an_empty_file_or_a_storage_without_files_is_read_the_ordinary_way(
    tmp_path: Path,
) -> None:
    from whoosh.filedb.filestore import FileStorage

    (tmp_path / "empty.trm").write_bytes(b"")
    opened = open_for_reading(FileStorage(str(tmp_path)), "empty.trm")
    assert isinstance(opened, StructFile) and not isinstance(opened, MappedFile)
    opened.close()
    ram = RamStorage()
    with ram.create_file("x.trm") as handle:
        handle.write(b"abc")
    opened = open_for_reading(ram, "x.trm")
    assert not isinstance(opened, MappedFile) and opened.get(1, 2) == b"bc"


def test_a_mapped_file_reads_what_the_file_holds(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10
    (tmp_path / "f.pst").write_bytes(data)
    mapped = MappedFile(tmp_path / "f.pst", "f.pst")
    assert mapped.get(300, 10) == data[300:310]
    assert mapped.get(len(data) - 4, 100) == data[-4:]  # a read past the end is short
    mapped.seek(7)
    assert mapped.read(3) == data[7:10] and mapped.get_int(0) == int.from_bytes(data[:4], "big")
    mapped.close()
