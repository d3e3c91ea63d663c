"""Snippets and hit spans from the character offsets stored in the index.

Nothing here segments text: the offsets of every matched word come from the ``body``
postings (Whoosh's ``chars=True``), and only the few hundred characters of the chosen window
are read from the document store.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import add, itemgetter
from typing import NamedTuple

from reader.search.folding import fold

Span = tuple[int, int]

SNIPPET_CHARS = 96
_LEAD = 24  # characters of context kept before the first marked word


#: Occurrences of one word read per document: the snippet needs the first dense cluster,
#: not all 500 places a document says 发展.
MAX_OCCURRENCES = 200


class Occurrence(NamedTuple):
    """One matched word in a document: token position and character span (a tuple: cheap)."""

    word: str
    pos: int
    start: int
    end: int


#: A document's occurrences of the query's words, read from the index: word → (position,
#: start, end) of each, in order.
Places = dict[str, list[tuple[int, int, int]]]

_new_tuple = tuple.__new__


def occurrences(word: str, places: Iterable[tuple[int, int, int]]) -> Iterator[Occurrence]:
    """``word``'s places as Occurrences, each made in C (a common word has hundreds)."""
    return map(_new_tuple, repeat(Occurrence), map(add, repeat((word,)), places))


def phrase_spans(places: Places, parts: Sequence[tuple[int, Sequence[str]]]) -> list[Span]:
    """Return the character spans where a phrase's ``parts`` occur at their positions: each
    part is its offset in the phrase and the words that may stand there (one word, or the
    terms of a run standing for several words).

    Only the phrase's own parts are looked at: the first one's places are walked, the
    others' looked up by position."""
    first = _places_of(places, parts[0][1])
    if not first:
        return []
    ends_at: list[tuple[int, dict[int, int]]] = []
    for offset, words in parts[1:]:
        found = _places_of(places, words)
        if not found:
            return []
        ends_at.append(
            (offset, dict(zip(map(_PLACE_POSITION, found), map(_PLACE_END, found), strict=True))))
    spans: list[Span] = []
    for pos, start, end in first:
        last = end
        for offset, ends in ends_at:
            following = ends.get(pos + offset)
            if following is None:
                break
            last = following
        else:
            spans.append((start, last))
    return spans


def _places_of(places: Places, words: Sequence[str]) -> list[tuple[int, int, int]]:
    if len(words) == 1:
        return places.get(words[0], [])
    return sorted(place for word in words for place in places.get(word, ()))


# A place is (position, start, end); an Occurrence is (word, position, start, end).
_PLACE_POSITION, _PLACE_END = itemgetter(0), itemgetter(2)
_OCCURRENCE_START = itemgetter(2)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and join those that overlap or touch."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def choose_window(occurrences: Sequence[Occurrence], width: int = SNIPPET_CHARS) -> Span:
    """Return the window of ``width`` characters with the most distinct matched words.

    One pass of a sliding window with counts (ties go to the earliest window), so a document
    with hundreds of matches costs microseconds, not milliseconds.
    """
    if not occurrences:
        return (0, width)
    ordered = sorted(occurrences, key=_OCCURRENCE_START)
    wanted = len({occ.word for occ in ordered})
    counts: dict[str, int] = {}
    best_score = (-1, -1)
    best_start = ordered[0].start
    right = 0
    total = len(ordered)
    for left in range(total):
        if right <= left:
            right, counts = left, {}
        limit = ordered[left].start + width - _LEAD
        while right < total and (right == left or ordered[right].end <= limit):
            word = ordered[right].word
            counts[word] = counts.get(word, 0) + 1
            right += 1
        score = (len(counts), right - left)
        if score > best_score:
            best_score, best_start = score, ordered[left].start
            if score[0] == wanted and score[1] > 2:
                break
        word = ordered[left].word
        remaining = counts[word] - 1
        if remaining:
            counts[word] = remaining
        else:
            del counts[word]
    start = max(0, best_start - _LEAD)
    return (start, start + width)


def mark(text: str, offset: int, spans: Sequence[Span]) -> tuple[str, tuple[Span, ...]]:
    """Return ``text`` as HTML with ``<mark>`` around spans, and the spans made relative.

    ``offset`` is where ``text`` starts in the document; spans are document offsets.
    """
    out: list[str] = []
    relative: list[Span] = []
    cursor = 0
    for start, end in spans:
        s, e = start - offset, end - offset
        if s < cursor or e > len(text):
            continue  # cut by the window's edge: leave it unmarked rather than half-marked
        out.append(html.escape(text[cursor:s], quote=False))
        out.append("<mark>" + html.escape(text[s:e], quote=False) + "</mark>")
        relative.append((s, e))
        cursor = e
    out.append(html.escape(text[cursor:], quote=False))
    return "".join(out).replace("\n", " "), tuple(relative)


_GAP = "[^0-9A-Za-z\u3400-\u9fff]{0,3}"  # punctuation or spaces a phrase may skip


def text_spans(text: str, words: Iterable[str], sequences: Iterable[Sequence[str]]) -> list[Span]:
    """Return the spans of ``words`` and of word ``sequences`` (in a row) in ``text``.

    Used for an opened document: it finds what the reader sees, even where jieba cut the
    text around a word differently than it cut the query.
    """
    patterns = [re.escape(word) for word in words if word]
    patterns.extend(_GAP.join(map(re.escape, seq)) for seq in sequences if seq)
    if not patterns:
        return []
    patterns.sort(key=len, reverse=True)
    regex = re.compile("|".join(patterns), re.IGNORECASE)
    folded = fold(text)  # the words are folded (首台套): so is the text they are found in
    return merge_spans(
        (folded.start(m.start()), folded.end(m.end()))
        for m in regex.finditer(folded.text)
        if m.end() > m.start()
    )
