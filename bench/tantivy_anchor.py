"""The anchor of the scale bench: the same documents and queries through tantivy + jieba.

``python -m bench.tantivy_anchor all LIBRARY TARGET REPEAT`` builds (or reuses) a tantivy
index of LIBRARY's documents in TARGET and times the scale bench's queries on it, top 20
with a snippet each, alternating with the same queries on LIBRARY itself in the same
process (so that a shared machine's drift in speed cannot tilt the ratio). Text is segmented
by the library's own segmenter (jieba with the same user dictionary), joined by spaces and
indexed with tantivy's whitespace tokenizer, so both engines see the very same words;
queries are parsed by our own parser and built as the nearest tantivy query (all words
required in the body, title words as a bonus, phrases, the 文号 as an exact term). Needs
the ``bench`` extra (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import tantivy

from bench.scale_bench import _summary, _timed_pair, code_stamp, query_sets


def _schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="whitespace",
                           index_option="position")
    builder.add_text_field("body", stored=True, tokenizer_name="whitespace",
                           index_option="position")
    builder.add_text_field("doc_number", tokenizer_name="raw")
    return builder.build()


def build(library: Path, target: Path) -> float:
    """Index ``library``'s documents in ``target``; return the seconds it took."""
    from reader.library.store import DocumentStore
    from reader.search.analysis import Segmenter
    from reader.search.vocabulary import user_words

    store = DocumentStore(library / "library.sqlite3")
    started = time.perf_counter()
    segmenter = Segmenter(user_words(store.all_summaries()))
    target.mkdir(parents=True)
    index = tantivy.Index(_schema(), path=str(target))
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    for doc in store.documents():
        writer.add_document(tantivy.Document(
            id=str(doc.id),
            title=" ".join(segmenter.words(doc.title)),
            body=" ".join(segmenter.words(doc.text)),
            doc_number=doc.doc_number or "",
        ))
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - started


def _term(schema: Any, field: str, word: str) -> Any:
    return tantivy.Query.term_query(schema, field, word)


def _sequence(schema: Any, field: str, words: tuple[str, ...]) -> Any:
    if len(words) == 1:
        return _term(schema, field, words[0])
    return tantivy.Query.phrase_query(schema, field, list(words))


def _all(queries: list[Any]) -> Any:
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, q) for q in queries])


def _any(queries: list[Any]) -> Any:
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, q) for q in queries])


def to_tantivy(parsed: Any, schema: Any) -> Any | None:
    """The nearest tantivy query to what :func:`reader.search.query.build_query` builds."""
    from reader.search.query import QUERY_STOPWORDS, TITLE_FRAGMENT_MIN
    from reader.search.schema import title_key

    parts = []
    for group, chunk in zip(parsed.word_groups, parsed.chunks, strict=True):
        required = [w for w in dict.fromkeys(group) if w not in QUERY_STOPWORDS] or list(group)
        words = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, _term(schema, "body", w)) for w in required]
            + [(tantivy.Occur.Should, _term(schema, "title", w)) for w in dict.fromkeys(group)])
        if len(title_key(chunk)) >= TITLE_FRAGMENT_MIN and len(group) > 1:
            words = _any([words, _sequence(schema, "title", group)])
        parts.append(words)
    parts.extend(_sequence(schema, "body", words) for words in parsed.phrases)
    for number, words in parsed.doc_numbers:
        exact = tantivy.Query.boost_query(_term(schema, "doc_number", number), 1000.0)
        parts.append(_any([exact, _sequence(schema, "body", words)]) if words else exact)
    return _all(parts) if parts else None


def mode_all(library: str, target: str, repeat: str) -> dict[str, Any]:
    from reader.library.library import Library
    from reader.search.analysis import Segmenter
    from reader.search.indexing import load_lexicon
    from reader.search.query import parse_query

    lib, out = Path(library), Path(target)
    stamp = out / "bench-stamp.json"
    # The anchor belongs to the library it was built from: the library's own stamp (when the
    # scale bench left one) keeps it, so a library reused as it is keeps its anchor too.
    library_stamp = lib / "bench-stamp.json"
    code = (json.loads(library_stamp.read_text(encoding="utf-8")).get("code", code_stamp())
            if library_stamp.is_file() else code_stamp())
    build_s = None
    if stamp.is_file():
        record = json.loads(stamp.read_text(encoding="utf-8"))
        if record.get("code") == code:
            build_s = record["build_s"]
    if build_s is None:
        shutil.rmtree(out, ignore_errors=True)
        build_s = build(lib, out)
        stamp.write_text(json.dumps({"code": code, "build_s": build_s}), encoding="utf-8")
    schema = _schema()
    index = tantivy.Index.open(str(out))
    searcher = index.searcher()
    segmenter = Segmenter(lexicon=load_lexicon(lib / "search"))

    def search(text: str) -> list[tuple[str, str]]:
        query = to_tantivy(parse_query(text, segmenter), schema)
        if query is None:
            return []
        found = searcher.search(query, 20, count=True)
        snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        out = []
        for _, address in found.hits:
            doc = searcher.doc(address)
            out.append((doc["id"][0], snippets.snippet_from_doc(doc).to_html()))
        return out

    ours = Library.open_folder(lib)
    ours.warm_up()
    kinds, mine = {}, {}
    for kind, queries in query_sets(lib).items():
        timings = _timed_pair((lambda text: ours.search(text, 20), search), queries, int(repeat))
        mine[kind], kinds[kind] = _summary(timings[0]), _summary(timings[1])
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"kinds": kinds, "ours": mine, "build_s": build_s, "index_bytes": size}


if __name__ == "__main__":
    print(json.dumps({"all": mode_all}[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))
