"""The one Whoosh schema of the library's index, and its version.

Only ``id`` is stored: summaries and text come from the library's document store, so the
index holds nothing that could disagree with it except postings. ``body`` keeps token
positions (phrases) and character offsets (snippets and hit spans without segmenting the
text again at query time), packed small (:class:`PackedSpans`); ``words`` holds the same
words with their frequencies only, the small postings that matching and ranking walk
(:mod:`reader.search.ranking`).
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import add, itemgetter, sub
from typing import Any

from whoosh.fields import ID, KEYWORD, NGRAM, TEXT, Schema
from whoosh.formats import Characters, Frequency
from whoosh.system import _INT_SIZE, pack_uint

from reader.search.analysis import ChineseTokenizer, TokenSpan, positioned
from reader.search.folding import fold_text
from reader.search.postings import column, read_column

#: Bump whenever a field, the analyzer or what is fed to them changes: an index built with
#: another version is rebuilt from the library's documents when the library opens.
SCHEMA_VERSION = 9

#: Words of the title count this much more than the same words in the text. (Queries
#: match words in ``body`` only, which begins with the title; ``title`` adds the bonus.)
TITLE_BOOST = 4.0
ISSUERS_BOOST = 2.0

_NOT_WORDLIKE = re.compile("[^0-9a-z\u3400-\u9fff]+")


#: The word that closes a 文号 (发文字号: 代字〔年份〕序号号, GB/T 9704): a run followed by it
#: takes it in.
CLOSING = "号"
#: What the number of an order or an announcement follows (国务院令第783号, 公告2022年第32号).
ORDINAL = "第"

#: A run of a text: its ``numbers`` term, the position of its first word and the characters
#: from that word's start to the end of its last.
Run = tuple[str, int, int, int]


@dataclass(frozen=True)
class PhraseRun:
    """Where a phrase's run is: the offset of its first word, how many words it covers (3,
    or 4 with its closing 号), and the ``numbers`` terms that may hold it (both when the
    phrase ends at the number: the text may close it or not)."""

    offset: int
    width: int
    terms: tuple[str, ...]


def sequence_run(words: Sequence[str]) -> PhraseRun | None:
    """Return the first run in ``words`` (a phrase's words in order) of a word, a four-digit
    year and a number, or of a word, 第, a number and 号; None when it holds none."""
    for i in range(1, len(words) - 1):
        closed = i + 2 < len(words) and words[i + 2] == CLOSING
        if words[i] == ORDINAL and _is_number(words[i + 1]) and closed:
            return PhraseRun(i - 1, 4, (f"{words[i - 1]} {ORDINAL} {words[i + 1]} {CLOSING}",))
        if _is_year(words[i]) and _is_number(words[i + 1]):
            key = f"{words[i - 1]} {words[i]} {words[i + 1]}"
            if closed:
                return PhraseRun(i - 1, 4, (f"{key} {CLOSING}",))
            if i + 2 == len(words):
                return PhraseRun(i - 1, 3, (key, f"{key} {CLOSING}"))
            return PhraseRun(i - 1, 3, (key,))
    return None


def sequence_keys(spans: Iterable[TokenSpan]) -> list[Run]:
    """Every run of a text, given its indexed words: one for each word followed by a
    four-digit year and a number at the next two positions, with the 号 at the position
    after them when it is one of the words there (``国办发 2025 12 号``), else without it;
    and one for each word followed by 第, a number and 号 (``令 第 783 号``, ``年 第 32 号``).
    Every phrase :func:`sequence_run` finds a run in is thus placed by its terms'
    positions (where the text has 号召 after the number and 号 inside it, both are runs).

    Positions are counted as :func:`analysis.positioned` counts them (a word inside the word
    before shares its position), inline: this runs over every word of every text."""
    runs: list[Run] = []
    # The words at the positions three, two and one back, and at this one.
    first: list[TokenSpan] = []
    second: list[TokenSpan] = []
    third: list[TokenSpan] = []
    this: list[TokenSpan] = []
    position = -1  # of ``this``
    outer_end = -1
    for span in spans:
        if span[1] < outer_end:
            this.append(span)
            continue
        outer_end = span[2]
        _add_runs(first, second, third, this, position - 3, runs)
        first, second, third, this = second, third, this, [span]
        position += 1
    _add_runs(first, second, third, this, position - 3, runs)
    _add_runs(second, third, this, [], position - 2, runs)
    return runs


def _is_year(word: str) -> bool:
    return len(word) == 4 and _is_number(word)


def _is_number(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _add_runs(
    words: list[TokenSpan], years: list[TokenSpan], numbers: list[TokenSpan],
    after: list[TokenSpan], position: int, runs: list[Run],
) -> None:
    # A year (or 第) is the first word at its position: the words inside another have 2–3
    # characters.
    if not years:
        return
    closed = [end for word, _, end in after if word == CLOSING]
    if years[0][0] == ORDINAL:
        runs.extend((f"{word} {ORDINAL} {number} {CLOSING}", position, start, close)
                    for word, start, _ in words for number, _, _ in numbers
                    if _is_number(number) for close in closed)
        return
    if not _is_year(year := years[0][0]):
        return
    open_ = len(closed) < len(after) or not after
    for word, start, _ in words:
        for number, _, end in numbers:
            if _is_number(number):
                key = f"{word} {year} {number}"
                runs.extend((f"{key} {CLOSING}", position, start, close) for close in closed)
                if open_:
                    runs.append((key, position, start, end))


def title_key(text: str) -> str:
    """Return ``text`` reduced to letters, digits and CJK characters, lower-cased.

    The ``title_grams`` field indexes character bigrams of this, so a fragment of a title
    finds it even when the fragment cuts a word in two (``农村电`` of ``农村电商``), which no
    word index can do.
    """
    return _NOT_WORDLIKE.sub("", fold_text(text).lower())


Posting = tuple[bytes, int, float, bytes]  # (word, frequency, weight, encoded value)


class _Presegmented(TEXT):
    """A text field that indexes the words a :class:`Segmented` value carries directly,
    without a Whoosh token per word (a plain string goes through the analyzer).

    Whoosh pickles the schema into the index: keep the subclasses at this path.
    """

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        spans = getattr(value, "tokens", None)
        if spans is None:
            yield from super().index(value, **kwargs)
        else:
            yield from self._postings(spans, self.format.field_boost)

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        raise NotImplementedError


class Counts(Frequency):
    """Frequencies kept as the postings' weights only: no value bytes per posting.

    Whoosh's :class:`Frequency` also writes each frequency as a 4-byte value, which nothing
    here reads (ranking reads weights, and a weight is the frequency times the field boost).
    """

    def fixed_value_size(self) -> int:
        return 0

    def encode(self, value: Any) -> bytes:
        return b""


class CountedText(_Presegmented):
    """Frequencies only, counted with ``collections.Counter`` (in C)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        boost: float = getattr(self, "format").field_boost  # noqa: B009 (set by TEXT)
        self.format = Counts(field_boost=boost)

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        for word, count in Counter(map(itemgetter(0), spans)).items():
            yield word.encode("utf-8"), count, count * boost, b""


class SpannedText(_Presegmented):
    """Positions and character offsets: the postings :class:`ChineseTokenizer` would give,
    at half the cost, packed by :class:`PackedSpans`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        boost: float = getattr(self, "format").field_boost  # noqa: B009 (set by TEXT)
        self.format = PackedSpans(field_boost=boost)

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        seen: dict[str, tuple[list[int], list[int], list[int]]] = {}
        get = seen.get
        for word, position, start, end in positioned(spans):
            places = get(word)
            if places is None:
                places = seen[word] = ([], [], [])
            places[0].append(position)
            places[1].append(start)
            places[2].append(end - start)
        return self._encoded(seen, boost)

    def _encoded(
        self, seen: dict[str, tuple[list[int], list[int], list[int]]], boost: float
    ) -> Iterator[Posting]:
        encode = self.format.encode_columns
        for word, (positions, starts, lengths) in seen.items():
            count = len(positions)
            yield word.encode("utf-8"), count, count * boost, encode(positions, starts, lengths)


class RunsText(SpannedText):
    """The runs of a text (:func:`sequence_keys`, given as its value's tokens), each placed
    at its first word's position and spanning from that word's start to its last word's
    end: a phrase holding a run is placed by it, without the positions of the run's words."""

    def _postings(self, spans: Any, boost: float) -> Iterator[Posting]:
        seen: dict[str, tuple[list[int], list[int], list[int]]] = {}
        for key, position, start, end in spans:
            places = seen.get(key)
            if places is None:
                places = seen[key] = ([], [], [])
            elif places[0][-1] == position:  # the same run read twice at one place
                continue
            places[0].append(position)
            places[1].append(start)
            places[2].append(end - start)
        return self._encoded(seen, boost)


#: Column code of lengths when every occurrence has the same length (kept once, one byte).
_SAME_LENGTH = 4


class PackedSpans(Characters):
    """Positions and character spans as three columns of the narrowest integer arrays
    (position steps, start steps, lengths; one length when all are equal), packed and
    unpacked in C.

    Whoosh's own format pickles a tuple per occurrence (7–8 bytes each, the bulk of the
    index) and decodes it in a Python loop; here an occurrence takes 3–4 bytes before the
    block's compression. The value starts with the count, as Whoosh's formats do.
    """

    def encode(self, poslist: Sequence[tuple[int, int, int]]) -> bytes:
        return self.encode_columns([pos for pos, _, _ in poslist],
                                   [start for _, start, _ in poslist],
                                   [end - start for _, start, end in poslist])

    def encode_columns(self, positions: list[int], starts: list[int], lengths: list[int]) -> bytes:
        """Encode occurrences given as positions, start characters and lengths (in order)."""
        step_code, steps = column(list(map(sub, positions, [0, *positions])))
        start_code, start_steps = column(list(map(sub, starts, [0, *starts])))
        first = lengths[0]
        if first < 256 and lengths.count(first) == len(lengths):
            # A word's occurrences are nearly always printed alike: one length for all.
            length_code, spans = _SAME_LENGTH, bytes((first,))
        else:
            length_code, spans = column(lengths)
        header = pack_uint(len(positions)) + bytes((step_code | start_code << 2 | length_code << 4,))
        return b"".join((header, steps, start_steps, spans))

    def _columns(self, value: bytes) -> tuple[array, array, array]:
        count = int.from_bytes(value[:_INT_SIZE], "big")
        code = value[_INT_SIZE]
        offset = _INT_SIZE + 1
        steps, offset = read_column(code & 3, value, offset, count)
        starts, offset = read_column((code >> 2) & 3, value, offset, count)
        if code >> 4 == _SAME_LENGTH:
            lengths = array("B", value[offset : offset + 1]) * count
        else:
            lengths, _ = read_column(code >> 4, value, offset, count)
        return steps, starts, lengths

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(self.positions(valuestring))

    @staticmethod
    def positions(valuestring: bytes) -> Iterator[int]:
        """The positions of an encoded value, one after another: only the first column is
        read, as a phrase reads the positions of thousands of documents."""
        count = int.from_bytes(valuestring[:_INT_SIZE], "big")
        code = valuestring[_INT_SIZE] & 3
        if not code:  # steps of one byte each (most words): the bytes are the numbers
            return accumulate(valuestring[_INT_SIZE + 1 : _INT_SIZE + 1 + count])
        steps, _ = read_column(code, valuestring, _INT_SIZE + 1, count)
        return accumulate(steps)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        return self.characters(valuestring)

    def characters(self, valuestring: bytes, limit: int | None = None,
                   ) -> list[tuple[int, int, int]]:
        """(position, start, end) of the first ``limit`` occurrences (all without one)."""
        steps, start_steps, lengths = self._columns(valuestring)
        if limit is not None and limit < len(steps):
            steps, start_steps, lengths = steps[:limit], start_steps[:limit], lengths[:limit]
        starts = list(accumulate(start_steps))
        return list(zip(accumulate(steps), starts, map(add, starts, lengths), strict=True))


def build_schema() -> Schema:
    """Return a fresh instance of the schema (Whoosh schemas are mutable, so never share)."""
    analyzer = ChineseTokenizer()
    return Schema(
        id=ID(stored=True, unique=True),
        # Short fields are matched by their words alone (no phrase needs their positions).
        title=TEXT(analyzer=analyzer, phrase=False, field_boost=TITLE_BOOST),
        title_grams=NGRAM(minsize=2, maxsize=2),
        # The text twice: ``words`` (frequencies only) is what matching and ranking read,
        # ``body`` (positions and character offsets) what phrases and snippets read for the
        # few documents that need them.
        words=CountedText(analyzer=analyzer, phrase=False),
        body=SpannedText(analyzer=analyzer, phrase=True, chars=True),
        # Each run of a 文号 or an order's number in the text (发改能源 2022 210 号 of
        # 发改能源〔2022〕210号, 令 第 783 号), as one term with its positions and characters:
        # a phrase holding such a run is found and placed by it (``sequence_keys``).
        numbers=RunsText(analyzer=analyzer, phrase=True, chars=True),
        # Every organ of a joint document, as printed and canonical, searchable as words…
        issuers=TEXT(analyzer=analyzer, phrase=False, field_boost=ISSUERS_BOOST),
        # …and canonical names as exact values for the issuer filter.
        issuer=KEYWORD(commas=True, scorable=False),
        doc_number=ID,
        date=ID,
        year=ID,
        doc_type=ID,
        source=KEYWORD(commas=True, scorable=False),
    )
