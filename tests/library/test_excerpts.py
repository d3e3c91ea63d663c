"""What a search result reads from the store: each document's summary and the window of
its text the snippet shows, in one read."""

from __future__ import annotations

from pathlib import Path

from tests.search.documents import gold_documents, small_library

DOCS = gold_documents()[:4]


def test_each_window_gets_its_summary_and_exactly_those_characters(tmp_path: Path) -> None:
    library = small_library(tmp_path / "library", DOCS)
    store = library._store
    stored = {doc.id: doc for doc in library.documents()}
    texts = {doc.id: doc.text for doc in DOCS}
    first, second = DOCS[0].id, DOCS[1].id
    windows = [(second, 10, 90), (first, 0, 5), (first, len(texts[first]) - 3, len(texts[first]) + 40),
               ("不在库里的文档", 0, 10), (second, 50, 50)]

    found = store.excerpts(windows)

    assert len(found) == len(windows) and found[3] is None
    for (doc_id, start, end), excerpt in zip(windows, found, strict=True):
        if excerpt is None:
            continue
        summary, text = excerpt
        assert summary == stored[doc_id] == store.summaries([doc_id])[doc_id]
        assert text == texts[doc_id][start:end]
    assert store.excerpts([]) == []
    library.close()


def test_a_document_removed_from_the_store_but_not_yet_from_the_index_is_left_out(
    tmp_path: Path,
) -> None:
    library = small_library(tmp_path / "library", DOCS)
    everything = library.search("发展", 50)
    assert everything.total >= 2
    gone = everything.hits[0].summary.id
    with library._store.transaction():
        library._store._db.execute("DELETE FROM documents WHERE id = ?", (gone,))

    shown = library.search("发展", 50)

    assert [hit.summary.id for hit in shown.hits] == [
        hit.summary.id for hit in everything.hits if hit.summary.id != gone]
    library.close()
