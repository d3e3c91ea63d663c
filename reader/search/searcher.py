"""Searching the library: ranked hits with marked snippets, and hit spans in one document."""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from whoosh import query as wq
from whoosh.collectors import FilterCollector, TopCollector
from whoosh.index import Index

from reader.corpus.model import DocumentId, DocumentSummary
from reader.search.analysis import Segmenter
from reader.search.highlight import document_spans, matches
from reader.search.query import ParsedQuery, build_query, parse_query
from reader.search.ranking import Ranker, Unsupported, whole_first
from reader.search.snippets import (
    MAX_OCCURRENCES,
    Span,
    choose_window,
    mark,
    merge_spans,
)


class DocumentSource(Protocol):
    """What the searcher needs from the document store (the index stores only ids)."""

    def excerpts(
        self, windows: Sequence[tuple[str, int, int]]
    ) -> list[tuple[DocumentSummary, str] | None]: ...

    def text(self, doc_id: str) -> str | None: ...


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on top of the query words; None means no restriction.

    ``issuer`` matches any organ of a joint document, by its canonical or printed name;
    ``date_from``/``date_to`` are ISO dates or prefixes (``2022``, ``2022-03``), inclusive;
    ``ids`` keeps those documents alone (what the index does not hold: a validity the
    library's links give), before the page is cut, so a page still costs only its snippets.
    """

    issuer: str | None = None
    year: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    doc_type: str | None = None
    source: str | None = None
    ids: frozenset[str] | None = None


@dataclass(frozen=True)
class Hit:
    """One search result: the document's summary, its score and a marked snippet.

    ``snippet`` is HTML-escaped text with ``<mark>…</mark>`` around matched words;
    ``snippet_text`` is the same without markup and ``snippet_spans`` the marked spans in it.
    """

    summary: DocumentSummary
    score: float
    snippet: str
    snippet_text: str = ""
    snippet_spans: tuple[Span, ...] = ()

    @property
    def id(self) -> DocumentId:
        return self.summary.id

    @property
    def title(self) -> str:
        return self.summary.title

    @property
    def issuers(self) -> tuple[str, ...]:
        return self.summary.issuers

    @property
    def doc_number(self) -> str | None:
        return self.summary.doc_number

    @property
    def date(self) -> str | None:
        return self.summary.date

    @property
    def doc_type(self) -> str | None:
        return self.summary.doc_type

    def to_json(self) -> dict[str, Any]:
        """Return the hit as DESIGN.md's ``reader-cli search --json`` prints it."""
        return {
            "id": self.id,
            "title": self.title,
            "issuers": list(self.issuers),
            "doc_number": self.doc_number,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResults:
    """The best ``hits`` of a query and how many documents matched in all."""

    query: str
    total: int
    hits: tuple[Hit, ...]

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits]}


def _canonical_issuer(name: str) -> str:
    """Return the canonical organ name when the corpus package knows one."""
    try:
        metadata = importlib.import_module("reader.corpus.metadata")
    except ImportError:
        return name
    canonical = getattr(metadata, "canonical_issuer", None)
    if canonical is None:
        return name
    try:
        return str(canonical(name) or name)
    except Exception:  # a corpus helper's failure must not break a search filter
        return name


_WHOLE_YEAR = re.compile(r"\d{4}")


def filter_query(filters: SearchFilters) -> wq.Query | None:
    """Return the Whoosh filter for ``filters`` (None when nothing is restricted)."""
    parts: list[wq.Query] = []
    if filters.issuer:
        names = dict.fromkeys((filters.issuer.strip(), _canonical_issuer(filters.issuer.strip())))
        parts.append(wq.Or([wq.Term("issuer", name) for name in names]))
    if filters.year is not None:
        parts.append(wq.Term("year", str(filters.year)))
    if filters.date_from or filters.date_to:
        if all(bound is None or _WHOLE_YEAR.fullmatch(bound)
               for bound in (filters.date_from, filters.date_to)):
            # Whole years (the panel's 年份): a few terms of ``year``, not every date.
            parts.append(wq.TermRange("year", filters.date_from, filters.date_to))
        else:
            end = filters.date_to
            if end is not None and len(end) < 10:
                end += "\uffff"  # "2022" or "2022-03" takes in the whole year or month
            parts.append(wq.TermRange("date", filters.date_from, end))
    if filters.doc_type:
        parts.append(wq.Term("doc_type", filters.doc_type))
    if filters.source:
        parts.append(wq.Term("source", filters.source))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


class Searcher:
    """Searches one library's index; safe to call from a worker thread.

    Args:
        ix: the library's Whoosh index.
        segmenter: segments queries exactly as the index was segmented (lexicon-based).
        documents: the store that holds summaries and text.
    """

    def __init__(self, ix: Index, segmenter: Segmenter, documents: DocumentSource) -> None:
        self._ix = ix
        self._segmenter = segmenter
        self._documents = documents
        self._lock = threading.Lock()
        self._searcher = ix.searcher()
        self._ranker: Ranker | None = None
        # The last query's ranking, for its next pages: (key, total, ranked).
        self._ranked: tuple[tuple[object, ...], int, list[tuple[int, float]]] | None = None

    def warm_up(self) -> None:
        """Load the query dictionary now (call it off the UI thread)."""
        self._segmenter.warm_up()

    def replace_segmenter(self, segmenter: Segmenter) -> None:
        """Segment queries with ``segmenter`` from now on (after new words were indexed)."""
        self._segmenter = segmenter

    def refresh(self) -> None:
        """See documents committed since this searcher opened."""
        with self._lock:
            fresh = self._searcher.refresh()
            if fresh is not self._searcher:
                self._searcher, self._ranker, self._ranked = fresh, None, None

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    def parse(self, query: str) -> ParsedQuery:
        return parse_query(query, self._segmenter)

    def search(
        self,
        query: str,
        limit: int = 20,
        filters: SearchFilters | None = None,
        offset: int = 0,
    ) -> SearchResults:
        """Return the best documents ``offset`` to ``offset + limit`` for ``query``, each
        with a marked snippet; ``total`` counts every match.

        A page after the first reuses the ranking of the same query (and filters) on the
        same index, so "load more" costs only its own snippets.
        """
        parsed = self.parse(query)
        whoosh_query = build_query(parsed)
        filter_q = filter_query(filters) if filters else None
        only = filters.ids if filters else None
        if whoosh_query is None:
            if filter_q is None and only is None:
                return SearchResults(query, 0, ())
            whoosh_query = wq.Every()
        with self._lock:
            total, ranked = self._rank(parsed, whoosh_query, filter_q, only, offset, limit)
            stored = self._searcher.stored_fields
            found = [(docnum, stored(docnum)["id"], score) for docnum, score in ranked[offset : offset + limit]]
            places = self._ranking().places(parsed, [docnum for docnum, _, _ in found],
                                            MAX_OCCURRENCES)
        matched = {docnum: matches(parsed, places.get(docnum, {})) for docnum, _, _ in found}
        windows = [(doc_id, *choose_window(matched[docnum])) for docnum, doc_id, _ in found]
        excerpts = self._documents.excerpts(windows)
        hits: list[Hit] = []
        rows = zip(found, windows, excerpts, strict=True)
        for (docnum, _, score), (_, start, end), excerpt in rows:
            if excerpt is None:  # indexed but no longer stored: skip, the index will catch up
                continue
            summary, text = excerpt
            spans = merge_spans(
                (occ.start, occ.end) for occ in matched[docnum] if occ.end > start and occ.start < end
            )
            snippet, relative = mark(text, start, spans)
            hits.append(Hit(summary, float(score or 0.0), snippet, text, relative))
        return SearchResults(query, total, tuple(hits))

    def hit_spans(self, doc_id: str, query: str) -> list[Span]:
        """Return the character spans in ``Document.text`` of every hit of ``query``.

        A typed run held whole is one hit (else its pieces of two or more characters); a
        quoted phrase (or a 文号) only where its words follow each other. Spans are sorted
        and do not overlap, ready for next/previous.
        """
        text = self._documents.text(doc_id)
        if not text:
            return []
        return document_spans(text, self.parse(query))

    def _rank(
        self,
        parsed: ParsedQuery,
        query: wq.Query,
        filter_q: wq.Query | None,
        only: frozenset[str] | None,
        offset: int,
        limit: int,
    ) -> tuple[int, list[tuple[int, float]]]:
        """Return the number of matches and the best ``offset + limit`` (docnum, score),
        among the documents ``filter_q`` and ``only`` (ids) allow."""
        depth = offset + limit
        key = (parsed.text, repr(filter_q), only, id(self._searcher))
        cached = self._ranked
        if offset and cached is not None and cached[0] == key and (
            len(cached[2]) >= depth or len(cached[2]) == cached[1]
        ):
            return cached[1], cached[2]
        # A first page ranks again: the next pages then rank deeper than it needs.
        depth = max(depth, 2 * limit) if not offset else 2 * depth
        ranker = self._ranking()
        try:
            scores = ranker.scores(query)
            if filter_q is not None:
                allowed = self._allowed(ranker, filter_q)
                scores = {docnum: scores[docnum] for docnum in allowed.intersection(scores)}
        except Unsupported:
            return self._whoosh_rank(query, filter_q, only, depth)
        if only is not None:
            kept = ranker.docnums_of(only)
            scores = {docnum: scores[docnum] for docnum in kept.intersection(scores)}
        ranked = whole_first(ranker, parsed, scores, depth)
        self._ranked = (key, len(scores), ranked)
        return len(scores), ranked

    def _ranking(self) -> Ranker:
        if self._ranker is None:
            self._ranker = Ranker(self._searcher)
        return self._ranker

    def _allowed(self, ranker: Ranker, filter_q: wq.Query) -> set[int]:
        try:
            # A range becomes the terms the index holds in it, which the ranker reads.
            return ranker.docnums(filter_q.simplify(self._searcher.reader()))
        except Unsupported:
            return set(self._searcher.docs_for_query(filter_q))

    def _whoosh_rank(
        self, query: wq.Query, filter_q: wq.Query | None, only: frozenset[str] | None,
        depth: int,
    ) -> tuple[int, list[tuple[int, float]]]:
        """Whoosh's own collector, for query shapes :mod:`ranking` does not evaluate."""
        top = TopCollector(limit=depth, usequality=False, replace=0)
        allow: Any = filter_q
        if only is not None:
            allow = self._ranking().docnums_of(only)
            if filter_q is not None:
                allow &= set(self._searcher.docs_for_query(filter_q))
        collector = top if allow is None else FilterCollector(top, allow=allow)
        self._searcher.search_with_collector(query, collector)
        ranked = [(hit.docnum, float(hit.score or 0.0)) for hit in collector.results()]
        return collector.count(), ranked
