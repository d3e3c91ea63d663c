"""What a hit is, for snippets and for next/previous hit in an opened document.

A run typed without spaces that the segmenter cut into several words (碳排放权交易 →
碳排放 权 交易) means the compound: where a document holds it whole, only the whole run is a
hit; where it does not, its pieces are, except single characters (a lone 权 in 用水权, a lone
数 anywhere says nothing about the compound). A word typed on its own is a hit wherever it
is, whatever its length. Quoted phrases and 文号 count only where their words follow each
other.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.search.query import QUERY_STOPWORDS, ParsedQuery
from reader.search.schema import sequence_run
from reader.search.snippets import (
    Occurrence,
    Places,
    Span,
    merge_spans,
    occurrences,
    phrase_spans,
    text_spans,
)


def pieces(group: Sequence[str]) -> set[str]:
    """The words of a typed run that may be marked where the run is not whole."""
    if len(group) == 1:
        return {group[0]}
    return {word for word in group if len(word) > 1 and word not in QUERY_STOPWORDS}


def matches(parsed: ParsedQuery, places: Places) -> list[Occurrence]:
    """Return the hits among a document's ``places`` of the query's words (from the index);
    a run or phrase held whole is one occurrence labelled with its words."""
    out: list[Occurrence] = []
    for group in parsed.word_groups:
        whole = (phrase_spans(places, [(offset, (word,)) for offset, word in enumerate(group)])
                 if len(group) > 1 else [])
        if whole:
            label = " ".join(group)
            out.extend(Occurrence(label, -1, start, end) for start, end in whole)
        else:
            wanted = pieces(group)
            for word, found in places.items():
                if word in wanted:
                    out.extend(occurrences(word, found))
    for sequence in [*parsed.phrases, *(words for _, words in parsed.doc_numbers if words)]:
        if len(sequence) == 1:
            out.extend(occurrences(sequence[0], places.get(sequence[0], ())))
            continue
        label = " ".join(sequence)
        out.extend(Occurrence(label, -1, start, end)
                   for start, end in phrase_spans(places, phrase_parts(sequence)))
    return out


def phrase_parts(sequence: Sequence[str]) -> list[tuple[int, tuple[str, ...]]]:
    """(offset, words) of the parts a phrase is placed by: its run (``schema.sequence_run``)
    is one part, placed by the index's ``numbers`` field at its first word's position under
    any of its terms; every other word is its own."""
    run = sequence_run(sequence)
    if run is None:
        return [(offset, (word,)) for offset, word in enumerate(sequence)]
    start, end = run.offset, run.offset + run.width
    return [*((i, (sequence[i],)) for i in range(start)), (start, run.terms),
            *((i, (sequence[i],)) for i in range(end, len(sequence)))]


def document_spans(text: str, parsed: ParsedQuery) -> list[Span]:
    """Return the spans of every hit of ``parsed`` in ``text``, sorted and disjoint.

    Found in the text itself (not the index), so a word jieba cut differently inside the
    text is still shown; the rule for runs is the same as for snippets.
    """
    spans: list[Span] = []
    for group in parsed.word_groups:
        whole = text_spans(text, (), [group]) if len(group) > 1 else []
        spans.extend(whole or text_spans(text, pieces(group), ()))
    sequences = [*parsed.phrases, *(words for _, words in parsed.doc_numbers)]
    numbers = [number for number, _ in parsed.doc_numbers]
    spans.extend(text_spans(text, numbers, sequences))
    return merge_spans(spans)


def index_words(parsed: ParsedQuery) -> tuple[set[str], set[str]]:
    """The words whose occurrences :func:`matches` may need from the index, and the runs
    (``numbers`` terms) it places phrases by (:func:`phrase_parts`)."""
    words: set[str] = set()
    runs: set[str] = set()
    for group in parsed.word_groups:
        words.update(group)
    for sequence in [*parsed.phrases, *(number_words for _, number_words in parsed.doc_numbers)]:
        run = sequence_run(sequence) if len(sequence) > 1 else None
        if run is None:
            words.update(sequence)
            continue
        runs.update(run.terms)
        words.update(sequence[: run.offset])
        words.update(sequence[run.offset + run.width :])
    return words, runs
