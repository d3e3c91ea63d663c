"""Matching, counting and BM25 ranking of a Whoosh query with set operations on posting arrays.

Why not Whoosh's collectors: they walk every match through a tree of Python matcher objects
(``next``, ``id``, ``score``, a field-length lookup per document and term), about 10 µs per
matching document, so a common word at 50× the seeds (11,000 documents) costs 100 ms before
any snippet. Here each term's postings are read a block at a time into a dict (docnum → term
frequency, built in C), ``And`` and ``Or`` are set intersections and unions, field lengths
come from one read of the length column per segment, and the top k by ``heapq.nlargest``.
The count is exact for free: it is the size of the matched set.

The postings read for ranking are those of ``words``, a frequency-only copy of ``body`` (no
positions, no character offsets), so a block of a common word is a few hundred bytes, not the
hundreds of KB of its positions. Phrases are checked against ``body``'s positions only for
documents that hold every word of the phrase.

The query shapes :mod:`reader.search.query` builds (Term, And, Or, AndMaybe, constant score,
Phrase, Every) are evaluated here; any other shape returns None and the caller falls back to
Whoosh's own collector.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import repeat
from math import log
from operator import sub as minus
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from reader.search.block_reads import (
    ReadBlocks,
    block_ids,
    block_weights,
    every_value,
    in_blocks,
    matcher_of,
    values_of,
)
from reader.search.highlight import index_words
from reader.search.query import ParsedQuery
from reader.search.schema import PhraseRun, sequence_run
from reader.search.snippets import Places

# Whoosh's BM25F defaults, so ranking stays what the index was tuned for.
K1 = 1.2
B = 0.75
#: A word this many times commoner than the documents still in is read only where they are.
RESTRICT_RATIO = 8
#: Fields whose words rank from the frequency-only copy instead of their own postings.
RANK_FIELD = {"body": "words"}
#: Runs of a word, a year and a number in the text (``schema.sequence_keys``).
RUNS_FIELD = "numbers"

Scores = dict[int, float]
#: Document frequencies a ranker keeps (the words of some thousands of queries).
_FREQUENCIES_KEPT = 50_000
#: A phrase check in at most this many documents keeps the blocks it reads for the snippets.
KEPT_DOCUMENTS = 256


class Unsupported(Exception):
    """The query holds a shape this module does not evaluate."""


class _Segment:
    """One leaf reader of the searcher with what ranking needs from it, read once."""

    def __init__(self, reader: Any, base: int) -> None:
        self.reader = reader
        self.base = base
        self.end = base + reader.doc_count_all()
        self.deleted: frozenset[int] = (
            frozenset(base + d for d in reader.deleted_docs_set) if reader.has_deletions()
            else frozenset()
        )
        self._norms: dict[str, list[float] | None] = {}

    def among(self, docnums: Sequence[int]) -> Sequence[int]:
        """Those of the sorted global ``docnums`` that are this segment's."""
        return docnums[bisect_left(docnums, self.base) : bisect_left(docnums, self.end)]

    def norms(self, field: str, average: float) -> list[float] | None:
        """Return BM25's length normalisation of every document of ``field`` (None: none)."""
        if field not in self._norms:
            self._norms[field] = self._read_norms(field, average)
        return self._norms[field]

    def _read_norms(self, field: str, average: float) -> list[float] | None:
        perdoc = self.reader._perdoc
        column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None or average <= 0:
            return None
        count = min(column._count, perdoc.doc_count_all())
        raw = column._dbfile.get(column._basepos, count) if count else b""
        lengths = [byte_to_length(value) for value in raw]
        lengths.extend([0] * (perdoc.doc_count_all() - len(lengths)))
        return [K1 * ((1 - B) + B * length / average) for length in lengths]

    def frequencies(
        self, field: str, word: str, within: Sequence[int] | None = None
    ) -> dict[int, float]:
        """Return docnum (global) → term frequency of ``word`` in ``field``; with
        ``within`` (sorted global docnums), only for those, skipping the other blocks."""
        matcher = matcher_of(self.reader, field, word)
        if matcher is None:
            return {}
        base = self.base
        if within is not None:
            local = [docnum - base for docnum in within if docnum >= base]
            return {base + docnum: weight for docnum, weight in in_blocks(matcher, local, False)}
        out: dict[int, float] = {}
        if not hasattr(matcher, "_read_ids"):  # an inlined or foreign posting list
            while matcher.is_active():
                out[base + matcher.id()] = matcher.weight()
                matcher.next()
            return out
        while matcher.is_active():
            ids = block_ids(matcher)
            out.update(zip(ids if not base else [base + i for i in ids], block_weights(matcher),
                           strict=True))
            matcher._next_block()
        return out


class Ranker:
    """Evaluates queries on one Whoosh searcher; make a new one after ``refresh()``."""

    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher
        self._segments = [_Segment(reader, base) for reader, base in searcher.reader().leaf_readers()]
        self._deleted = frozenset().union(*(s.deleted for s in self._segments))
        self._doc_count = searcher.doc_count()
        self._averages: dict[str, float] = {}
        # Document frequencies asked for so far: a query asks for each of its words several
        # times (ordering an AND, scoring), and each answer looks the word up per segment.
        self._frequencies: dict[tuple[str, str], int] = {}
        # The blocks of values the current query's phrase checks read in a few documents
        # (a compound checked in the best 64, a rare phrase): the snippets of the shown
        # ones read the very same values from them. A phrase of common words checks
        # thousands of documents; keeping their blocks would hold megabytes for the 20
        # shown.
        self._read = ReadBlocks()
        # Each document's id by docnum (None where deleted), read when first asked for.
        self._ids: list[str | None] | None = None

    # --- the public part ------------------------------------------------------------------
    def first_characters(
        self, field: str, word: str, docnums: Sequence[int], limit: int
    ) -> dict[int, list[tuple[int, int, int]]]:
        """Return (position, start, end) of the first ``limit`` occurrences of ``word`` in
        each of the sorted ``docnums`` that hold it (what a snippet and its marks need)."""
        characters = self._searcher.schema[field].format.characters
        found = values_of(self._leaves(), field, word, docnums, self._read, keeping=False)
        return {docnum: characters(value, limit) for docnum, value in found}

    def places(self, parsed: ParsedQuery, docnums: Sequence[int], limit: int) -> dict[int, Places]:
        """Return, for each of ``docnums``, the first ``limit`` places of the query's words
        (from ``body``) and of the runs its phrases are placed by (from ``numbers``), word by
        word in sorted order (the order the hits are then gathered in)."""
        wanted = sorted(set(docnums))
        found: dict[int, Places] = {docnum: {} for docnum in wanted}
        if not wanted:
            return found
        words, runs = index_words(parsed)
        for field, terms in (("body", words), (RUNS_FIELD, runs)):
            for word in sorted(terms):
                for docnum, chars in self.first_characters(field, word, wanted, limit).items():
                    found[docnum][word] = chars
        return found

    def scores(self, query: wq.Query) -> Scores:
        """Return docnum → score of every document ``query`` matches (raises Unsupported);
        a new query: the blocks kept for the last one's snippets are dropped."""
        self._read = ReadBlocks()
        return self._live(self._eval(query))

    def docnums_of(self, ids: frozenset[str]) -> set[int]:
        """Return the live documents whose id is one of ``ids`` (the ids of every document
        are read from the stored fields once per ranker: 45 ms at 50× the seeds)."""
        if self._ids is None:
            ids_by_docnum: list[str | None] = [None] * self._searcher.doc_count_all()
            for segment in self._segments:
                for docnum, fields in segment.reader.iter_docs():  # live documents only
                    ids_by_docnum[segment.base + docnum] = fields["id"]
            self._ids = ids_by_docnum
        return {docnum for docnum, doc_id in enumerate(self._ids) if doc_id in ids}

    def docnums(self, query: wq.Query) -> set[int]:
        """Return the documents ``query`` matches (for the filters of the query being
        ranked, whose kept blocks stay)."""
        return set(self._live(self._eval(query)))

    def _live(self, found: Scores) -> Scores:
        if self._deleted:
            for docnum in self._deleted.intersection(found):
                del found[docnum]
        return found

    @staticmethod
    def top(scores: Scores, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best (docnum, score), best first; ties go to the earlier document."""
        return heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))

    # --- evaluation -----------------------------------------------------------------------
    def _eval(self, query: wq.Query, among: Scores | None = None) -> Scores:
        """Score the documents ``query`` matches; with ``among``, the caller keeps only
        those documents, so words and conjunctions are scored for them alone."""
        if isinstance(query, wq.Term):
            return self._term(query.fieldname, query.text, query.boost, among=among)
        if isinstance(query, wq.AndMaybe):
            required = self._eval(query.a, among)
            if required:
                self._add(required, self._eval(query.b, required))
            return required
        if isinstance(query, wq.ConstantScoreQuery):
            child = query.child
            held = (self._holders(child.fieldname, child.text) if isinstance(child, wq.Term)
                    else self._eval(child))
            return dict.fromkeys(held, query.score)
        if isinstance(query, wq.Phrase):
            return self._phrase(query.fieldname, list(query.words), query.boost)
        if isinstance(query, wq.Every):
            return dict.fromkeys(range(self._searcher.doc_count_all()), 0.0)
        if isinstance(query, wq.And):
            return self._conjunction(list(query.subqueries), query.boost, among)
        if isinstance(query, wq.Or):
            return self._union([self._eval(sub) for sub in query.subqueries], query.boost)
        raise Unsupported(type(query).__name__)

    @staticmethod
    def _add(target: Scores, extra: Scores) -> None:
        for docnum in extra.keys() & target.keys():
            target[docnum] += extra[docnum]

    def _conjunction(
        self, queries: list[wq.Query], boost: float, among: Scores | None = None
    ) -> Scores:
        """All of ``queries``: the rarest word first, then each common word read only in
        the blocks that hold the documents still in (a 文号 and 号 need not read all of 号)
        and scored only for those.
        """
        queries.sort(key=self._estimate)
        found: Scores | None = None
        for sub in queries:
            if found is None:
                found = self._eval(sub, among)
            elif isinstance(sub, wq.Term):
                found = self._among(sub, found)
            else:
                part = self._eval(sub)
                found = {d: found[d] + part[d] for d in found.keys() & part.keys()}
            if not found:
                return {}
        if found and boost != 1.0:
            found = {d: boost * score for d, score in found.items()}
        return found or {}

    def _estimate(self, query: wq.Query) -> float:
        if isinstance(query, wq.Term):
            field = RANK_FIELD.get(query.fieldname, query.fieldname)
            return float(self._doc_frequency(field, query.text))
        return float("inf")

    @staticmethod
    def _union(parts: list[Scores], boost: float) -> Scores:
        out: Scores = {}
        for part in parts:
            for docnum, score in part.items():
                out[docnum] = out.get(docnum, 0.0) + score
        if boost != 1.0:
            for docnum in out:
                out[docnum] *= boost
        return out

    def _doc_frequency(self, field: str, word: str) -> int:
        key = (field, word)
        known = self._frequencies.get(key)
        if known is None:
            if len(self._frequencies) >= _FREQUENCIES_KEPT:
                self._frequencies.clear()
            known = self._frequencies[key] = self._searcher.doc_frequency(field, word)
        return known

    def _average(self, field: str) -> float:
        if field not in self._averages:
            count = self._doc_count or 1
            self._averages[field] = self._searcher.field_length(field) / count
        return self._averages[field]

    def _term(
        self, field: str, word: str, boost: float = 1.0, within: Sequence[int] | None = None,
        among: Scores | None = None,
    ) -> Scores:
        """BM25 of ``word`` in each document of ``field`` that holds it; with ``within``
        (sorted docnums) only the blocks holding those are read; with ``among``, only those
        documents are scored (the others' frequencies are read, in C, and dropped)."""
        field = RANK_FIELD.get(field, field)
        frequency = self._doc_frequency(field, word)
        if not frequency:
            return {}
        if within is None and among is not None and len(among) * RESTRICT_RATIO < frequency:
            within = sorted(among)  # only the blocks holding the few documents wanted
        parts = []
        for segment in self._segments:
            found = segment.frequencies(field, word, within)
            if found and among is not None:
                found = {d: found[d] for d in found.keys() & among.keys()}
            parts.append((segment, found))
        return self._weighed(field, self._idf(field, word), boost, parts)

    def _holders(self, field: str, word: str) -> Scores:
        """The documents holding ``word`` in ``field`` (as keys; a constant score, a filter
        of documents: what BM25 would give each is not worked out)."""
        field = RANK_FIELD.get(field, field)
        if not self._doc_frequency(field, word):
            return {}
        found: Scores = {}
        for segment in self._segments:
            found.update(segment.frequencies(field, word))
        return found

    def _idf(self, field: str, word: str) -> float:
        return log(self._doc_count / (self._doc_frequency(field, word) + 1)) + 1.0  # Whoosh's

    def _weighed(
        self, field: str, idf: float, boost: float,
        parts: Iterable[tuple[_Segment, dict[int, float]]],
    ) -> Scores:
        """BM25 of a term of rarity ``idf`` (in the ranking field ``field``) for the
        documents of each segment and their term frequencies."""
        boost *= getattr(self._searcher.schema[field], "field_boost", 1.0)
        factor = boost * idf * (K1 + 1)
        average = self._average(field)
        out: Scores = {}
        for segment, found in parts:
            if not found:
                continue
            norms = segment.norms(field, average)
            base = segment.base
            if norms is None:
                out.update(dict.fromkeys(found, boost * idf))
                continue
            out.update(
                {d: factor * tf / (tf + norms[d - base]) for d, tf in found.items()}
            )
        return out

    def _phrase(self, field: str, words: list[str], boost: float) -> Scores:
        """Documents holding ``words`` in a row, each scored as one term: its frequency is
        how often the words follow each other there, its rarity the sum of theirs (as
        Lucene and tantivy score a phrase).

        A phrase holding a run (a 文号: 国办发 2025 12 号; an order's number: 令 第 783 号,
        ``schema.sequence_run``) starts where a ``numbers`` term of that run is, less the
        run's offset: a few
        places in a few documents, where the words alone (国办发 and 2025 and 12 anywhere)
        are in hundreds. Only the words around the run are read from ``field``.
        Otherwise all words are matched on their frequencies (the common ones read only
        where the rare ones are), then placed by their positions in the documents left.
        """
        if len(words) < 2:
            return self._term(field, words[0], boost)
        run = self._run(field, words)
        among: Scores | None = None
        if run is not None:
            held = sum(self._doc_frequency(RUNS_FIELD, term) for term in run.terms)
            if held <= KEPT_DOCUMENTS:
                return self._phrase_of_run(field, words, boost, run)
            among = self._union([self._holders(RUNS_FIELD, term) for term in run.terms], 1.0)
        candidates = self._conjunction([wq.Term(field, word) for word in words], 1.0, among)
        if not candidates:
            return {}
        placed = self._placed(field, words, self._rarest_first(field, words), sorted(candidates),
                              counted=True)
        return self._phrase_scores(field, words, boost, placed)

    def _run(self, field: str, words: list[str]) -> PhraseRun | None:
        """The phrase's run, None when it has none. (Every index has the field: one of an
        older schema is rebuilt before it is searched.)"""
        return sequence_run(words) if field == "body" else None

    def _phrase_of_run(self, field: str, words: list[str], boost: float, run: PhraseRun) -> Scores:
        """The phrase placed from the positions of its ``run`` (a document may hold it
        under either of its terms), those of the words before and after the run read from
        ``field`` only in the documents holding it."""
        positions = self._searcher.schema[RUNS_FIELD].format.positions
        offset = run.offset
        starts: dict[int, set[int]] = {}
        for term in run.terms:
            if not self._doc_frequency(RUNS_FIELD, term):
                continue
            for docnum, value in every_value(self._leaves(), RUNS_FIELD, term, self._read):
                places = (set(map(minus, positions(value), repeat(offset))) if offset
                          else set(positions(value)))
                if docnum in starts:
                    starts[docnum] |= places
                else:
                    starts[docnum] = places
        around = [i for i in range(len(words)) if not offset <= i < offset + run.width]
        if around and starts:
            order = sorted(around, key=lambda i: self._doc_frequency(
                RANK_FIELD.get(field, field), words[i]))
            starts = self._placed(field, words, order, sorted(starts), starts, counted=True)
        return self._phrase_scores(field, words, boost, starts)

    def _phrase_scores(
        self, field: str, words: Sequence[str], boost: float, starts: dict[int, set[int]]
    ) -> Scores:
        """BM25 of the phrase in each document, given where it starts there."""
        counted = RANK_FIELD.get(field, field)
        idf = sum(self._idf(counted, word) for word in words)
        found = sorted(starts)
        parts = [(segment, {d: float(len(starts[d])) for d in segment.among(found)})
                 for segment in self._segments]
        return self._weighed(counted, idf, boost, parts)

    def _among(self, term: wq.Term, found: Scores) -> Scores:
        """``found`` with ``term``'s score added, for the documents that hold it (a word
        much commoner than ``found`` is read only in the blocks holding them)."""
        within = sorted(found) if len(found) * RESTRICT_RATIO < self._estimate(term) else None
        part = self._term(term.fieldname, term.text, term.boost, within=within, among=found)
        return {d: found[d] + score for d, score in part.items()}

    def _starts(
        self, field: str, word: str, offset: int, wanted: Sequence[int],
        starts: dict[int, set[int]] | None, last: bool = False,
    ) -> dict[int, set[int]]:
        """Where a phrase can start in each of the sorted ``wanted``, given that ``word``
        is its ``offset``-th word: its positions moved back, within ``starts`` when given.
        With ``last``, only whether one is left (the sets are not kept)."""
        positions = self._searcher.schema[field].format.positions
        found = values_of(self._leaves(), field, word, wanted,
                          self._read if len(wanted) <= KEPT_DOCUMENTS else None)
        out: dict[int, set[int]] = {}
        if starts is None:
            for docnum, value in found:
                out[docnum] = (set(map(minus, positions(value), repeat(offset))) if offset
                               else set(positions(value)))
        elif last:
            for docnum, value in found:
                begun = starts[docnum]
                if not begun.isdisjoint(map(minus, positions(value), repeat(offset))
                                        if offset else positions(value)):
                    out[docnum] = begun
        else:
            for docnum, value in found:
                begun = starts[docnum].intersection(
                    map(minus, positions(value), repeat(offset)) if offset else positions(value))
                if begun:
                    out[docnum] = begun
        return out

    def _leaves(self) -> list[tuple[Any, int]]:
        return [(segment.reader, segment.base) for segment in self._segments]

    def phrase_docs(self, field: str, words: Sequence[str], docnums: Iterable[int]) -> set[int]:
        """Return those of ``docnums`` whose ``field`` holds ``words`` at consecutive
        positions (only the posting blocks holding those documents are read).

        The word with the fewest occurrences gives the sets of where the phrase may start;
        the others are checked against them, the last one only until it meets a start.
        """
        return set(self._placed(field, words, self._rarest_first(field, words),
                                sorted(docnums)))

    def _rarest_first(self, field: str, words: Sequence[str]) -> list[int]:
        """The offsets of ``words``, the word with the fewest occurrences first."""
        counted = RANK_FIELD.get(field, field)
        return sorted(range(len(words)), key=lambda i: self._searcher.frequency(counted, words[i]))

    def _placed(
        self, field: str, words: Sequence[str], order: Sequence[int], wanted: list[int],
        starts: dict[int, set[int]] | None = None, counted: bool = False,
    ) -> dict[int, set[int]]:
        """Those of the sorted ``wanted`` holding ``words`` in a row (within ``starts``,
        where the phrase may start in each, when given), in docnum order, their positions
        read word by word in ``order``. With ``counted``, each document's set holds every
        place the phrase starts; without, only its last word is known to meet one."""
        for step, offset in enumerate(order):
            starts = self._starts(field, words[offset], offset, wanted, starts,
                                  last=not counted and step == len(order) - 1)
            wanted = list(starts)  # in docnum order, as found
            if not wanted:
                break
        return starts or {}


#: A run cut into more words than this is a stretch of a title or a sentence, not one
#: compound: the title's bigrams find it (``query._title_fragment``), and checking its
#: words in a row in every candidate was the dearest part of such a query.
COMPOUND_WORDS = 3
#: How many of the best documents by their words are looked at for a compound held whole.
WHOLE_DEPTH = 64
#: What holding a typed compound whole adds: more than words alone ever score, less than a
#: matching 文号 (``query.DOC_NUMBER_SCORE``).
WHOLE_BONUS = 100.0


def whole_first(
    ranker: Ranker, parsed: ParsedQuery, scores: Scores, depth: int
) -> list[tuple[int, float]]:
    """Return the best ``depth`` documents, those holding a typed compound whole first.

    A run typed without spaces (碳排放权交易, 数据要素) that the segmenter cut into two or
    three words means the compound: among the best :data:`WHOLE_DEPTH` documents by their words,
    those where the words follow each other rank above those where they lie scattered.

    The best ``depth`` are checked first. When each of them holds every compound whole (as
    for most compounds: 营商环境, 绿色金融), none after them can come before them, and the
    positions of the rest of the pool are not read.
    """
    groups = [group for group in parsed.word_groups if 1 < len(group) <= COMPOUND_WORDS]
    if not groups:
        return ranker.top(scores, depth)
    pool = ranker.top(scores, max(depth, WHOLE_DEPTH))
    docnums = [docnum for docnum, _ in pool]
    bonus = dict.fromkeys(docnums, 0.0)
    full = WHOLE_BONUS * len(groups)
    for part in (docnums[:depth], docnums[depth:]):
        if not part:
            break
        for group in groups:
            for docnum in ranker.phrase_docs("body", group, part):
                bonus[docnum] += WHOLE_BONUS
        if all(bonus[docnum] == full for docnum in docnums[:depth]):
            return [(docnum, score + full) for docnum, score in pool[:depth]]
    rescored = [(docnum, score + bonus[docnum]) for docnum, score in pool]
    rescored.sort(key=lambda item: (-item[1], item[0]))
    return rescored[:depth]
